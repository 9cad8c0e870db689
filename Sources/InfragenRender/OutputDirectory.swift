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

    /// Whether the output folder already matches the plan.
    public var isClean: Bool { created.isEmpty && updated.isEmpty && removed.isEmpty && manifest == nil }

    public var writes: [Write] { (created + updated).sorted { $0.path < $1.path } }
}

/// A failure to read or write the output folder. Nothing has been changed when one is thrown before the commit.
public struct OutputError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let problem: String
    public let hint: String

    public var description: String { "error: \(path): \(problem); \(hint)" }
}

/// The output folder: compares a plan with what is on disk and applies it with atomic writes.
///
/// Ownership: `.infragen-manifest` lists every file infragen wrote. Only files that are listed there, or that begin
/// with infragen's header, are ever removed, and only when they still begin with the header. Anything else is left
/// alone and reported. Symbolic links are never followed for writing.
public struct OutputDirectory: Sendable {
    public static let manifestName = ".infragen-manifest"

    public let root: URL
    /// The root as a path, to which relative paths are appended (no URL work per file).
    private let rootPath: String

    public init(root: URL) {
        self.root = root.standardizedFileURL
        let path = self.root.path
        self.rootPath = path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    /// The absolute path of a path under the root.
    private func absolute(_ path: String) -> String { "\(rootPath)/\(path)" }

    // MARK: - Comparing

    /// What rendering `plan` would change. Every planned file is read once (on every core), and compared as bytes;
    /// text is made only of files that differ, for the diff.
    public func changes(for plan: RenderPlan) throws -> ChangeSet {
        var changes = ChangeSet()
        let planned = Set(plan.paths)
        let oldManifestText = read(Self.manifestName)
        let oldManifest = Self.manifestPaths(oldManifestText)

        enum Comparison: Sendable { case unchanged, updated(old: String), created }
        let files = plan.files
        let chunk = 64
        let comparisons = Parallel.map((files.count + chunk - 1) / chunk) { part in
            // The plan is sorted, so a folder's files are neighbours: a missing folder is asked about once.
            var folder: (path: Substring, missing: Bool)?
            return files[(part * chunk)..<min(files.count, (part + 1) * chunk)].map { file -> Comparison in
                let parent = file.path[..<(file.path.lastIndex(of: "/") ?? file.path.startIndex)]
                if folder?.path != parent {
                    var info = stat()
                    let missing = !parent.isEmpty && stat(absolute(String(parent)), &info) != 0 && errno == ENOENT
                    folder = (parent, missing)
                }
                if folder?.missing == true { return .created }
                guard let bytes = readBytes(file.path) else { return .created }
                if Self.equal(bytes, file.contents) { return .unchanged }
                guard let old = String(data: Data(bytes), encoding: .utf8) else { return .created }
                return old == file.contents ? .unchanged : .updated(old: old)
            }
        }.flatMap { $0 }
        for (file, comparison) in zip(files, comparisons) {
            switch comparison {
            case .unchanged: changes.unchanged.append(file.path)
            case .updated(let old): changes.updated.append(.init(path: file.path, old: old, new: file.contents))
            case .created: changes.created.append(.init(path: file.path, old: nil, new: file.contents))
            }
        }

        let onDisk = try listFiles()
        for path in onDisk where !planned.contains(path) && path != Self.manifestName {
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
        if oldManifestText != newManifest {
            changes.manifest = .init(path: Self.manifestName, old: oldManifestText, new: newManifest)
        }
        return changes
    }

    static func manifestText(_ paths: [String]) -> String {
        "# \(FileHeader.marker): the files it owns in this folder. `infragen render` removes only files\n"
            + "# listed here (or that begin with its header); every other file here is left alone. Do not edit.\n"
            + paths.map { "\($0)\n" }.joined()
    }

    private static func manifestPaths(_ text: String?) -> Set<String> {
        guard let text else { return [] }
        return Set(text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }.map(String.init))
    }

    /// Whether the bytes on disk are the UTF-8 of `text`.
    private static func equal(_ bytes: [UInt8], _ text: String) -> Bool {
        let utf8 = text.utf8
        guard bytes.count == utf8.count else { return false }
        return utf8.withContiguousStorageIfAvailable { contents in
            bytes.withUnsafeBufferPointer { disk in
                disk.isEmpty || memcmp(disk.baseAddress!, contents.baseAddress!, disk.count) == 0
            }
        } ?? bytes.elementsEqual(utf8)
    }

    /// The contents of a regular file under the root, or nil (missing, a link, a folder, or not UTF-8).
    func read(_ path: String) -> String? {
        readBytes(path).flatMap { String(data: Data($0), encoding: .utf8) }
    }

    /// The bytes of a regular file under the root, or nil (missing, unreadable, a link, a folder, a device …).
    /// One open, one fstat, reads until the end: never follows a link in the last component, never blocks on a FIFO.
    func readBytes(_ path: String) -> [UInt8]? {
        let descriptor = open(absolute(path), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        // One byte more than the size, so that the end is seen in one read; grows if the file grew.
        var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 0) + 1)
        var length = 0
        while true {
            if length == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(bytes.count, 4096))) }
            let count = bytes.withUnsafeMutableBufferPointer { buffer in
                Foundation.read(descriptor, buffer.baseAddress! + length, buffer.count - length)
            }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { break }
            length += count
        }
        bytes.removeSubrange(length...)
        return bytes
    }

    /// Every regular file and link under the root, relative, sorted per folder, without following links.
    func listFiles() throws -> [String] {
        var result: [String] = []
        func walk(_ relative: String) {
            let path = relative.isEmpty ? rootPath : absolute(relative)
            guard let entries = Self.entries(of: path) else { return }
            for (entry, type) in entries.sorted(by: { $0.name < $1.name }) {
                let child = relative.isEmpty ? entry : "\(relative)/\(entry)"
                switch type ?? fileType(absolute(child)) {
                case .directory: walk(child)
                case .regular, .link, .other: result.append(child)
                case .missing: continue
                }
            }
        }
        guard fileType(rootPath) != .missing else { return [] }
        walk("")
        return result
    }

    /// The names in a folder with their type when the file system tells it (nil: ask lstat), or nil if unreadable.
    private static func entries(of path: String) -> [(name: String, type: FileType?)]? {
        guard let folder = opendir(path) else { return nil }
        defer { closedir(folder) }
        var entries: [(name: String, type: FileType?)] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let type: FileType?
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): type = .regular
            case Int32(DT_DIR): type = .directory
            case Int32(DT_LNK): type = .link
            case Int32(DT_UNKNOWN): type = nil
            default: type = .other
            }
            entries.append((name, type))
        }
        return entries
    }

    // MARK: - Applying

    /// Writes every change: all new contents are first staged next to their targets, then renamed into place, then
    /// stale files are removed and the manifest written. A failure while staging leaves the folder as it was.
    ///
    /// Folders are checked and made once each; the staged files are written on every core; the renames, the
    /// removals and the manifest go one after the other, in order.
    public func apply(_ changes: ChangeSet) throws {
        var writes = changes.writes
        if let manifest = changes.manifest { writes.append(manifest) }
        guard !writes.isEmpty || !changes.removed.isEmpty else { return }

        var checkedFolders: [Substring: FileType] = [:]
        for write in writes { try preflight(write.path, &checkedFolders) }
        for removal in changes.removed { try preflight(removal.path, &checkedFolders) }

        // The folders, in order, until one cannot be made: the writes before it are staged, and the first failure
        // in the order of the writes is the one reported, as if each write made its folders and then its file.
        var createdFolders: [String] = []
        var knownFolders: Set<String> = [rootPath]
        var folderFailure: (index: Int, error: any Error)?
        for (index, write) in writes.enumerated() {
            do {
                createdFolders += try makeFolders(for: absolute(write.path), known: &knownFolders)
            } catch {
                folderFailure = (index, error)
                break
            }
        }
        let suffix = ".infragen-\(getpid()).tmp"
        let staging = Array(writes.prefix(folderFailure?.index ?? writes.count))
        let targets = staging.map { absolute($0.path) }
        let temporaries = targets.map { target in
            let slash = target.lastIndex(of: "/")!
            return "\(target[..<slash])/.\(target[target.index(after: slash)...])\(suffix)"
        }
        let chunk = 32
        let outcomes = Parallel.map((staging.count + chunk - 1) / chunk) { part in
            (part * chunk..<min(staging.count, (part + 1) * chunk)).map { index -> OutputError? in
                do {
                    try writeNew(staging[index].new, to: temporaries[index], reportedAs: staging[index].path)
                    return nil
                } catch let error as OutputError {
                    return error
                } catch {
                    return OutputError(path: staging[index].path, problem: "could not be staged (\(error))",
                                       hint: "check that the folder is writable; nothing was written")
                }
            }
        }.flatMap { $0 }
        if let firstFailure = outcomes.firstIndex(where: { $0 != nil }) ?? folderFailure.map({ _ in staging.count }) {
            for (index, outcome) in outcomes.enumerated() where outcome == nil { unlink(temporaries[index]) }
            for folder in createdFolders.reversed() { rmdir(folder) }
            if firstFailure < outcomes.count, let error = outcomes[firstFailure] { throw error }
            throw folderFailure!.error
        }

        // The manifest is renamed last, so that an interrupted render still has the old list of owned files.
        for (temporary, target) in zip(temporaries, targets) where rename(temporary, target) != 0 {
            let problem = String(cString: strerror(errno))
            throw OutputError(path: relative(target), problem: "could not be replaced (\(problem))",
                              hint: "check the folder's permissions and run infragen render again")
        }
        for removal in changes.removed {
            let path = absolute(removal.path)
            if unlink(path) == 0 { removeEmptyFolders(above: path) }
        }
    }

    /// Refuses to write through a link, into a file that is read-only, or where a folder is a file. The folders on
    /// the way are looked at once per apply (`checked`: the folders found to be folders, or missing); the file
    /// itself every time.
    private func preflight(_ path: String, _ checked: inout [Substring: FileType]) throws {
        let slash = path.lastIndex(of: "/")
        if let slash, let parent = checked[path[..<slash]] {
            // Every folder above was looked at for an earlier file.
            if parent == .missing { return }
            return try preflightFile(path)
        }
        var start = path.startIndex
        while let end = path[start...].firstIndex(of: "/") {
            let folder = path[..<end]
            let type = checked[folder] ?? fileType(absolute(String(folder)))
            switch type {
            case .missing:
                checked[folder] = .missing
                if let slash { checked[path[..<slash]] = .missing }
                return
            case .link:
                throw OutputError(path: String(folder), problem: "is a symbolic link, which infragen never writes through",
                                  hint: "remove the link or render into another folder")
            case .regular, .other:
                throw OutputError(path: String(folder), problem: "is a file where infragen needs a folder",
                                  hint: "move the file away")
            case .directory:
                checked[folder] = .directory
            }
            start = path.index(after: end)
        }
        try preflightFile(path)
    }

    /// The checks of the file itself, whose folders exist.
    private func preflightFile(_ path: String) throws {
        switch fileType(absolute(path)) {
        case .missing:
            return
        case .link:
            throw OutputError(path: path, problem: "is a symbolic link, which infragen never writes through",
                              hint: "remove the link or render into another folder")
        case .directory:
            throw OutputError(path: path, problem: "is a folder where infragen writes a file", hint: "move the folder away")
        case .regular:
            var info = stat()
            if lstat(absolute(path), &info) == 0, info.st_mode & 0o222 == 0 {
                throw OutputError(path: path, problem: "is read-only",
                                  hint: "make it writable (chmod u+w) or remove it, then render again; nothing was written")
            }
        case .other:
            throw OutputError(path: path, problem: "is not a regular file", hint: "move it away")
        }
    }

    /// Makes the missing folders above `target`, top down, and returns them; `known` holds folders that exist.
    private func makeFolders(for target: String, known: inout Set<String>) throws -> [String] {
        var missing: [String] = []
        var folder = Self.parent(target)
        while !known.contains(folder) && fileType(folder) == .missing {
            missing.append(folder)
            folder = Self.parent(folder)
        }
        known.insert(folder)
        for folder in missing.reversed() {
            if mkdir(folder, 0o755) != 0 && errno != EEXIST {
                let problem = String(cString: strerror(errno))
                throw OutputError(path: relative(folder), problem: "could not be created (\(problem))",
                                  hint: "check the permissions of the output folder; nothing was written")
            }
            known.insert(folder)
        }
        return missing.reversed()
    }

    private static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private func writeNew(_ text: String, to path: String, reportedAs reported: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let problem = String(cString: strerror(errno))
            throw OutputError(path: reported, problem: "could not be staged (\(problem))",
                              hint: "check that the folder is writable; nothing was written")
        }
        defer { close(descriptor) }
        var text = text
        try text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else {
                    let problem = String(cString: strerror(errno))
                    unlink(path)
                    throw OutputError(path: reported, problem: "could not be written (\(problem))",
                                      hint: "check free disk space; nothing was written")
                }
                offset += written
            }
        }
    }

    private func removeEmptyFolders(above path: String) {
        var folder = Self.parent(path)
        while folder.count > rootPath.count, rmdir(folder) == 0 {
            folder = Self.parent(folder)
        }
    }

    /// A path under the root, relative to it.
    private func relative(_ path: String) -> String {
        path.hasPrefix(rootPath + "/") ? String(path.dropFirst(rootPath.count + 1)) : path
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
