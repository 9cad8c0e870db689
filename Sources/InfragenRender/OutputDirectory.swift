import Foundation
import InfragenModel
import InfragenGenerators

#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif

/// What a render would change under the output folder.
public struct ChangeSet: Sendable {
    public struct Write: Sendable {
        public var path: String
        public var old: String?
        public var new: String
    }

    public struct Removal: Sendable {
        public var path: String
        public var old: String
    }

    public var created: [Write] = []
    public var updated: [Write] = []
    public var unchanged: [String] = []
    public var removed: [Removal] = []
    /// Files under the output folder that infragen did not write: left alone, reported.
    public var foreign: [String] = []
    /// Files infragen once wrote whose header was removed by hand: no longer generated, but kept.
    public var keptEdited: [String] = []
    /// The new ownership manifest, when it differs from the one on disk.
    public var manifest: Write?
    /// Temporary files that an interrupted render left next to their targets (`.<name>.infragen-<pid>.tmp` of a
    /// process that is gone, next to a file infragen owns): the next render removes them. They do not make
    /// `--check` fail (they are not output); it mentions them.
    public var staleTemporaries: [String] = []

    /// Whether the output folder already matches the plan.
    public var isClean: Bool { created.isEmpty && updated.isEmpty && removed.isEmpty && manifest == nil }

    public var writes: [Write] { (created + updated).sorted { $0.path < $1.path } }
}

/// A failure to read or write the output folder. Nothing has been changed when one is thrown before the commit.
public struct OutputError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let problem: String
    public let hint: String

    public var description: String { "error: \(path) \(problem); \(hint)" }
}

/// The output folder: compares a plan with what is on disk and applies it with atomic writes.
///
/// Ownership: `.infragen-manifest` lists every file infragen wrote. Only files that are listed there, or that begin
/// with infragen's header, are ever removed, and only when they still begin with the header. Anything else is left
/// alone and reported. Symbolic links are never followed for writing.
public struct OutputDirectory: Sendable {
    public static let manifestName = ".infragen-manifest"

    public let root: URL
    /// `root` as a file-system path, without a trailing slash: paths are joined as strings (URL arithmetic per file
    /// cost more than the file work itself).
    let rootPath: String

    public init(root: URL) {
        self.root = root.standardizedFileURL
        let path = self.root.path
        rootPath = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    /// The absolute path of a path under the root.
    func absolute(_ path: String) -> String { rootPath == "/" ? "/" + path : rootPath + "/" + path }

    // MARK: - Comparing

    public func changes(for plan: RenderPlan) throws -> ChangeSet {
        var changes = ChangeSet()
        let planned = Set(plan.paths)
        let oldManifest = readManifest()

        // Read and compared in parallel; only the old contents of changed files are kept.
        enum Comparison: Sendable { case unchanged, updated(String), created }
        let files = plan.files
        let comparisons = Parallel.map(files.count) { index -> Comparison in
            switch read(files[index].path) {
            case .some(let old) where old == files[index].contents: .unchanged
            case .some(let old): .updated(old)
            case .none: .created
            }
        }
        for (file, comparison) in zip(files, comparisons) {
            switch comparison {
            case .unchanged: changes.unchanged.append(file.path)
            case .updated(let old): changes.updated.append(.init(path: file.path, old: old, new: file.contents))
            case .created: changes.created.append(.init(path: file.path, old: nil, new: file.contents))
            }
        }

        let onDisk = try listFiles()
        for path in onDisk where !planned.contains(path) && path != Self.manifestName {
            switch temporaryState(path, owned: planned.union(oldManifest)) {
            case .stale:
                changes.staleTemporaries.append(path)
                continue
            case .inUse:
                continue
            case .notTemporary:
                break
            }
            guard plan.selection.contains(path: path) else { continue }
            let content = read(path)
            let hasHeader = content.map { FileHeader.isGenerated(Substring($0)) } ?? false
            if hasHeader, let content {
                changes.removed.append(.init(path: path, old: content))
            } else if oldManifest.contains(path) {
                changes.keptEdited.append(path)
            } else {
                changes.foreign.append(path)
            }
        }

        let removedPaths = Set(changes.removed.map(\.path))
        var manifestPaths = Set(oldManifest.filter { !plan.selection.contains(path: $0) && !removedPaths.contains($0) })
        manifestPaths.formUnion(planned)
        let newManifest = Self.manifestText(manifestPaths.sorted())
        let oldText = read(Self.manifestName)
        if oldText != newManifest {
            changes.manifest = .init(path: Self.manifestName, old: oldText, new: newManifest)
        }
        return changes
    }

    static func manifestText(_ paths: [String]) -> String {
        "# \(FileHeader.marker): the files it owns in this folder. `infragen render` removes only files\n"
            + "# listed here (or that begin with its header); every other file here is left alone. Do not edit.\n"
            + paths.map { "\($0)\n" }.joined()
    }

    enum TemporaryState { case notTemporary, stale, inUse }

    /// Whether `path` is a temporary file of a render: a regular file named as ``apply(_:)`` names them, next to a
    /// file infragen owns (`owned`: planned now, or listed in the manifest, or the manifest itself). Its contents are
    /// not looked at: a render killed between creating and writing it leaves it empty. It is stale when its process
    /// no longer runs (or is this one, which is not staging while it compares), and in use while another render that
    /// is still running writes it (left alone). Any other file of such a name is treated like every other file.
    func temporaryState(_ path: String, owned: Set<String>) -> TemporaryState {
        guard let pid = Self.temporaryOwner(path), let target = Self.temporaryTarget(path),
              owned.contains(target) || target == Self.manifestName,
              fileType(absolute(path)) == .regular
        else { return .notTemporary }
        if pid == getpid() { return .stale }
        return kill(pid, 0) != 0 && errno == ESRCH ? .stale : .inUse
    }

    /// The file a temporary file stands in for: `a/.b.yaml.infragen-12.tmp` → `a/b.yaml`.
    static func temporaryTarget(_ path: String) -> String? {
        var components = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let name = components.last, temporaryOwner(name) != nil,
              let marker = name.range(of: ".infragen-", options: .backwards) else { return nil }
        components[components.count - 1] = String(name[name.index(after: name.startIndex)..<marker.lowerBound])
        return components.joined(separator: "/")
    }

    /// The process id in a temporary file's name `.<name>.infragen-<pid>.tmp`, or nil for any other name.
    static func temporaryOwner(_ path: String) -> pid_t? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard name.hasPrefix("."), name.hasSuffix(".tmp"),
              let marker = name.range(of: ".infragen-", options: .backwards) else { return nil }
        let digits = name[marker.upperBound..<name.index(name.endIndex, offsetBy: -4)]
        guard marker.lowerBound > name.index(after: name.startIndex), !digits.isEmpty, digits.count <= 10,
              digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), let pid = pid_t(digits), pid > 0
        else { return nil }
        return pid
    }

    /// `a/b.yaml` → `a/.b.yaml.infragen-<pid>.tmp`.
    static func temporaryPath(for path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return "\(folder).\(name).infragen-\(getpid()).tmp"
    }

    private func readManifest() -> Set<String> {
        guard let text = read(Self.manifestName) else { return [] }
        return Set(text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }.map(String.init))
    }

    /// The contents of a regular file under the root, or nil (missing, a link, a folder, or not UTF-8).
    func read(_ path: String) -> String? {
        let absolute = absolute(path)
        guard fileType(absolute) == .regular else { return nil }
        let descriptor = open(absolute, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
        var count = 0
        while true {
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: bytes.count)) }
            let got = bytes.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress! + count, $0.count - count) }
            if got < 0, errno == EINTR { continue }
            guard got >= 0 else { return nil }
            if got == 0 { break }
            count += got
        }
        return String(validating: bytes[..<count], as: UTF8.self)
    }

    /// Every regular file and link under the root, relative, without following links.
    func listFiles() throws -> [String] {
        var result: [String] = []
        func walk(_ relative: String) throws {
            let folder = relative.isEmpty ? rootPath : absolute(relative)
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
            for entry in entries.sorted() {
                let child = relative.isEmpty ? entry : "\(relative)/\(entry)"
                switch fileType(absolute(child)) {
                case .directory: try walk(child)
                case .regular, .link, .other: result.append(child)
                case .missing: continue
                }
            }
        }
        guard fileType(rootPath) != .missing else { return [] }
        try walk("")
        return result
    }

    // MARK: - Applying

    /// Writes every change: all new contents are first staged next to their targets, then renamed into place, then
    /// stale files are removed and the manifest written. A failure while staging leaves the folder as it was.
    public func apply(_ changes: ChangeSet) throws {
        var writes = changes.writes
        if let manifest = changes.manifest { writes.append(manifest) }
        guard !writes.isEmpty || !changes.removed.isEmpty || !changes.staleTemporaries.isEmpty else { return }

        var checkedFolders: Set<String> = []
        for write in writes { try preflight(write.path, checkedFolders: &checkedFolders) }
        for removal in changes.removed { try preflight(removal.path, checkedFolders: &checkedFolders) }
        for temporary in changes.staleTemporaries
        where (try? preflight(temporary, checkedFolders: &checkedFolders)) != nil {
            unlink(absolute(temporary))
        }

        // Folders first, in order, so that a failure takes back exactly what was made; then every file is staged
        // next to its target, in parallel.
        var createdFolders: [String] = []
        var knownFolders: Set<String> = []
        var staged: [String] = []
        do {
            for write in writes { createdFolders += try makeFolders(for: write.path, known: &knownFolders) }
            let directory = self, planned = writes
            let results = Parallel.map(planned.count) { index -> Result<String, OutputError> in
                let write = planned[index]
                let temporary = Self.temporaryPath(for: write.path)
                return Result { () throws(OutputError) in
                    try directory.writeNew(write.new, to: temporary, reportedAs: write.path)
                    return temporary
                }
            }
            var firstError: OutputError?
            for result in results {
                switch result {
                case .success(let temporary): staged.append(temporary)
                case .failure(let error): firstError = firstError ?? error
                }
            }
            if let firstError { throw firstError }
        } catch {
            for temporary in staged { unlink(absolute(temporary)) }
            for folder in createdFolders.reversed() { rmdir(folder) }
            throw error
        }

        // The manifest is renamed last, so that an interrupted render still has the old list of owned files.
        for (temporary, write) in zip(staged, writes) where rename(absolute(temporary), absolute(write.path)) != 0 {
            let problem = String(cString: strerror(errno))
            throw OutputError(path: write.path, problem: "could not be replaced (\(problem))",
                              hint: "check the folder's permissions and run infragen render again")
        }
        for removal in changes.removed where unlink(absolute(removal.path)) == 0 {
            removeEmptyFolders(above: removal.path)
        }
    }

    /// Refuses to write through a link, into a file that is read-only, or where a folder is a file. Folders found to
    /// be real folders are remembered in `checkedFolders` (relative paths), so each is looked at once per render.
    private func preflight(_ path: String, checkedFolders: inout Set<String>) throws {
        let components = path.split(separator: "/").map(String.init)
        var relative = ""
        for (index, component) in components.enumerated() {
            relative = relative.isEmpty ? component : relative + "/" + component
            let isLast = index == components.count - 1
            if !isLast, checkedFolders.contains(relative) { continue }
            let absolute = absolute(relative)
            switch fileType(absolute) {
            case .missing:
                return
            case .link:
                throw OutputError(path: relative, problem: "is a symbolic link, which infragen never writes through",
                                  hint: "remove the link or render into another folder")
            case .directory where isLast:
                throw OutputError(path: relative, problem: "is a folder where infragen writes a file",
                                  hint: "move the folder away")
            case .regular where !isLast, .other where !isLast:
                throw OutputError(path: relative, problem: "is a file where infragen needs a folder",
                                  hint: "move the file away")
            case .regular where isLast:
                var info = stat()
                if lstat(absolute, &info) == 0, info.st_mode & 0o222 == 0 {
                    throw OutputError(path: relative, problem: "is read-only",
                                      hint: "make it writable (chmod u+w) or remove it, then render again; nothing was written")
                }
            case .other where isLast:
                throw OutputError(path: relative, problem: "is not a regular file", hint: "move it away")
            case .directory:
                checkedFolders.insert(relative)
            default:
                continue
            }
        }
    }

    /// Creates the missing folders above `path` (relative), the root and its own missing parents included,
    /// outermost first; returns their absolute paths. `known` remembers the folders that exist (relative; "" for the
    /// root), so each is looked at once per render.
    private func makeFolders(for path: String, known: inout Set<String>) throws -> [String] {
        var missing: [String] = []
        var folder = Self.parent(of: path)
        while let current = folder, !known.contains(current), fileType(absolute(current)) == .missing {
            missing.append(absolute(current))
            folder = Self.parent(of: current)
        }
        if folder == nil, !known.contains("") {
            // The root: it and its parents, as absolute paths.
            var above = rootPath
            while above.count > 1, fileType(above) == .missing {
                missing.append(above)
                above = above.lastIndex(of: "/").map { String(above[..<$0]) } ?? ""
            }
        }
        for folder in missing.reversed() {
            if mkdir(folder, 0o755) != 0 && errno != EEXIST {
                let problem = String(cString: strerror(errno))
                throw OutputError(path: relative(folder), problem: "could not be created (\(problem))",
                                  hint: "check the permissions of the output folder; nothing was written")
            }
        }
        known.insert("")
        var folderAbove = Self.parent(of: path)
        while let current = folderAbove, known.insert(current).inserted { folderAbove = Self.parent(of: current) }
        return missing.reversed()
    }

    /// An absolute path relative to the root where it lies under it.
    private func relative(_ absolute: String) -> String {
        absolute.hasPrefix(rootPath + "/") ? String(absolute.dropFirst(rootPath.count + 1)) : absolute
    }

    /// `a/b/c.yaml` → `a/b`; nil at the root.
    static func parent(of path: String) -> String? {
        path.lastIndex(of: "/").map { String(path[..<$0]) }
    }

    /// Creates `path` (relative; it must not exist) with `contents`, never following a link.
    private func writeNew(_ contents: String, to path: String, reportedAs reported: String) throws(OutputError) {
        let absolute = absolute(path)
        let descriptor = open(absolute, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let problem = String(cString: strerror(errno))
            throw OutputError(path: reported, problem: "could not be staged (\(problem))",
                              hint: "check that the folder is writable; nothing was written")
        }
        defer { close(descriptor) }
        var text = contents
        let failure: String? = text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return String(cString: strerror(errno)) }
                offset += written
            }
            return nil
        }
        if let failure {
            unlink(absolute)
            throw OutputError(path: reported, problem: "could not be written (\(failure))",
                              hint: "check free disk space; nothing was written")
        }
    }

    /// Removes the folders above `path` (relative) that are now empty, up to the root.
    private func removeEmptyFolders(above path: String) {
        var folder = Self.parent(of: path)
        while let current = folder, rmdir(absolute(current)) == 0 { folder = Self.parent(of: current) }
    }

    enum FileType { case missing, regular, directory, link, other }

    func fileType(_ path: String) -> FileType {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        case S_IFLNK: return .link
        default: return .other
        }
    }
}
