import Foundation
import InfragenModel
import InfragenGenerators

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
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

    public init(root: URL) { self.root = root.standardizedFileURL }

    // MARK: - Comparing

    public func changes(for plan: RenderPlan) throws -> ChangeSet {
        var changes = ChangeSet()
        let planned = Set(plan.paths)
        let oldManifest = readManifest()

        for file in plan.files {
            switch read(file.path) {
            case .some(let old) where old == file.contents: changes.unchanged.append(file.path)
            case .some(let old): changes.updated.append(.init(path: file.path, old: old, new: file.contents))
            case .none: changes.created.append(.init(path: file.path, old: nil, new: file.contents))
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
              fileType(root.appendingPathComponent(path).path) == .regular
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

    static func temporaryName(for target: URL) -> String {
        ".\(target.lastPathComponent).infragen-\(getpid()).tmp"
    }

    private func readManifest() -> Set<String> {
        guard let text = read(Self.manifestName) else { return [] }
        return Set(text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }.map(String.init))
    }

    /// The contents of a regular file under the root, or nil (missing, a link, a folder, or not UTF-8).
    func read(_ path: String) -> String? {
        let url = root.appendingPathComponent(path)
        guard fileType(url.path) == .regular, let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return String(data: data, encoding: .utf8)
    }

    /// Every regular file and link under the root, relative, without following links.
    func listFiles() throws -> [String] {
        var result: [String] = []
        func walk(_ relative: String) throws {
            let url = relative.isEmpty ? root : root.appendingPathComponent(relative)
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return }
            for entry in entries.sorted() {
                let child = relative.isEmpty ? entry : "\(relative)/\(entry)"
                switch fileType(root.appendingPathComponent(child).path) {
                case .directory: try walk(child)
                case .regular, .link, .other: result.append(child)
                case .missing: continue
                }
            }
        }
        guard fileType(root.path) != .missing else { return [] }
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

        for write in writes { try preflight(write.path) }
        for removal in changes.removed { try preflight(removal.path) }
        for temporary in changes.staleTemporaries where (try? preflight(temporary)) != nil {
            unlink(root.appendingPathComponent(temporary).path)
        }

        var createdFolders: [URL] = []
        var staged: [(temporary: URL, target: URL)] = []
        do {
            for write in writes {
                let target = root.appendingPathComponent(write.path)
                createdFolders += try makeFolders(for: target)
                let temporary = target.deletingLastPathComponent()
                    .appendingPathComponent(Self.temporaryName(for: target))
                try writeNew(Data(write.new.utf8), to: temporary, reportedAs: write.path)
                staged.append((temporary, target))
            }
        } catch {
            for (temporary, _) in staged { unlink(temporary.path) }
            for folder in createdFolders.reversed() { rmdir(folder.path) }
            throw error
        }

        // The manifest is renamed last, so that an interrupted render still has the old list of owned files.
        for (temporary, target) in staged where rename(temporary.path, target.path) != 0 {
            let problem = String(cString: strerror(errno))
            throw OutputError(path: relative(target), problem: "could not be replaced (\(problem))",
                              hint: "check the folder's permissions and run infragen render again")
        }
        for removal in changes.removed {
            let url = root.appendingPathComponent(removal.path)
            if unlink(url.path) == 0 { removeEmptyFolders(above: url) }
        }
    }

    /// Refuses to write through a link, into a file that is read-only, or where a folder is a file.
    private func preflight(_ path: String) throws {
        var url = root
        let components = path.split(separator: "/").map(String.init)
        for (index, component) in components.enumerated() {
            url.appendPathComponent(component)
            let isLast = index == components.count - 1
            switch fileType(url.path) {
            case .missing:
                return
            case .link:
                throw OutputError(path: relative(url), problem: "is a symbolic link, which infragen never writes through",
                                  hint: "remove the link or render into another folder")
            case .directory where isLast:
                throw OutputError(path: relative(url), problem: "is a folder where infragen writes a file",
                                  hint: "move the folder away")
            case .regular where !isLast, .other where !isLast:
                throw OutputError(path: relative(url), problem: "is a file where infragen needs a folder",
                                  hint: "move the file away")
            case .regular where isLast:
                var info = stat()
                if lstat(url.path, &info) == 0, info.st_mode & 0o222 == 0 {
                    throw OutputError(path: relative(url), problem: "is read-only",
                                      hint: "make it writable (chmod u+w) or remove it, then render again; nothing was written")
                }
            case .other where isLast:
                throw OutputError(path: relative(url), problem: "is not a regular file", hint: "move it away")
            default:
                continue
            }
        }
    }

    private func makeFolders(for target: URL) throws -> [URL] {
        var missing: [URL] = []
        var folder = target.deletingLastPathComponent()
        while fileType(folder.path) == .missing {
            missing.append(folder)
            folder = folder.deletingLastPathComponent()
        }
        for folder in missing.reversed() where mkdir(folder.path, 0o755) != 0 && errno != EEXIST {
            let problem = String(cString: strerror(errno))
            throw OutputError(path: relative(folder), problem: "could not be created (\(problem))",
                              hint: "check the permissions of the output folder; nothing was written")
        }
        return missing.reversed()
    }

    private func writeNew(_ data: Data, to url: URL, reportedAs path: String) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let problem = String(cString: strerror(errno))
            throw OutputError(path: path, problem: "could not be staged (\(problem))",
                              hint: "check that the folder is writable; nothing was written")
        }
        defer { close(descriptor) }
        var offset = 0
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                guard written > 0 else {
                    let problem = String(cString: strerror(errno))
                    unlink(url.path)
                    throw OutputError(path: path, problem: "could not be written (\(problem))",
                                      hint: "check free disk space; nothing was written")
                }
                offset += written
            }
        }
    }

    private func removeEmptyFolders(above url: URL) {
        var folder = url.deletingLastPathComponent()
        while folder.path.count > root.path.count, rmdir(folder.path) == 0 {
            folder = folder.deletingLastPathComponent()
        }
    }

    private func relative(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let base = root.path
        return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
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
