import Foundation
import InfragenModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a render would change under the output folder.
public struct ChangeSet: Sendable {
    public struct Write: Sendable {
        public var path: String
        /// The file's old text, when it was read (a `--check` diff needs it; a render does not).
        public var old: String?
        /// The new text; nil once it is staged (``staged``), since a render that stages as it goes keeps no text.
        public var new: String?
        /// The temporary file (relative) that already holds the new text, next to its target.
        public var staged: String?

        public init(path: String, old: String?, new: String?, staged: String? = nil) {
            self.path = path
            self.old = old
            self.new = new
            self.staged = staged
        }
    }

    public struct Removal: Sendable {
        public var path: String
        /// The old text, when it was read.
        public var old: String
    }

    /// A file at a path infragen generates that is not infragen's: never overwritten (unless adopted).
    public struct Conflict: Sendable, Equatable {
        public enum Reason: Sendable, Equatable {
            /// The manifest does not list it: the user's file.
            case notInManifest
            /// Listed, but its first line is no longer infragen's header: taken over by hand.
            case headerRemoved
        }

        public var path: String
        public var reason: Reason
    }

    public var created: [Write] = []
    public var updated: [Write] = []
    public var unchanged: [String] = []
    public var removed: [Removal] = []
    /// Files under the output folder that infragen did not write: left alone, reported.
    public var foreign: [String] = []
    /// Files infragen once wrote whose header was removed by hand: no longer generated, but kept.
    public var keptEdited: [String] = []
    /// Files where infragen would write that are not its own: the render refuses them (see ``Conflict``).
    public var conflicts: [Conflict] = []
    /// With `adopt`: files that were not infragen's at paths it writes, taken over (they are also created/updated).
    public var adopted: [String] = []
    /// The new ownership manifest, when it differs from the one on disk.
    public var manifest: Write?
    /// Temporary files that an interrupted render left next to their targets (`.<name>.infragen-<pid>.tmp` of a
    /// process that is gone, next to a file infragen owns or writes): removed before the next apply or check.
    public var staleTemporaries: [String] = []
    /// How many files the render planned, and their bytes.
    public var files = 0
    public var bytes = 0
    /// The comparison that staged ``Write/staged`` files, which owns them until they are applied or discarded.
    var staging: OutputComparison?

    /// Removes the files a render staged for this change set when it is not applied (conflicts, a check): the
    /// folder is as it was. After ``OutputDirectory/apply(_:)`` it changes nothing.
    public func discardStaged() { staging?.discard() }

    /// Whether the output folder already matches the plan.
    public var isClean: Bool {
        created.isEmpty && updated.isEmpty && removed.isEmpty && manifest == nil && conflicts.isEmpty
    }

    public var writes: [Write] { (created + updated).sorted { $0.path < $1.path } }
}

/// A failure to read or write the output folder. Nothing has been changed when one is thrown before the commit.
public struct OutputError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let problem: String
    public let hint: String

    public var description: String { "error: \(path) \(problem); \(hint)" }
}

/// The output folder: compares a plan with what is on disk and applies it, all or nothing (see
/// ``apply(_:)`` and ``settle()``).
///
/// Ownership is the manifest: a file is infragen's only if `.infragen-manifest` lists it and it begins with the exact
/// header line of its format (``FileHeader/begins(_:)``). Only such files are ever overwritten or removed. Every other
/// file is foreign: reported, never removed, never overwritten, and never read beyond the length of a header.
/// Symbolic links are never followed, and `.git` folders never entered.
public struct OutputDirectory: Sendable {
    public static let manifestName = ".infragen-manifest"
    /// The most bytes of a file read to decide whether it begins with a header.
    static let headLength = 2 * (FileHeader.maximumLineLength + 1)
    /// The largest old file read whole for a `--check` diff; a larger one is shown by its size.
    static let diffLimit = 64 << 20

    public let root: URL
    /// `root` as a file-system path, without a trailing slash: paths are joined as strings.
    let rootPath: String

    /// The command the user runs, which hints name (``FileHeader/defaultCommand`` unless the team's package names one).
    public var command = FileHeader.defaultCommand

    public init(root: URL, command: String = FileHeader.defaultCommand) {
        self.command = command
        self.root = root.standardizedFileURL
        let path = self.root.path
        rootPath = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    /// The absolute path of a path under the root.
    func absolute(_ path: String) -> String { rootPath == "/" ? "/" + path : rootPath + "/" + path }

    // MARK: - Comparing

    /// Compares the plan with the folder. `oldContents`: read the old text of changed and removed files (for a
    /// diff); without it, only files of the planned size are read, to compare them. `adopt`: files at planned paths
    /// that are not infragen's are taken over instead of reported as conflicts. Nothing is written (a render that
    /// stages as it generates uses ``compare(_:adopt:covering:_:)``).
    public func changes(for plan: RenderPlan, oldContents: Bool = true, adopt: Bool = false) throws -> ChangeSet {
        let files = plan.files
        return try compare(oldContents ? .diff : .compare, adopt: adopt, covering: plan.covers(path:)) { comparison in
            let pieces = min(files.count, 64)
            _ = Parallel.map(pieces) { piece in
                comparison.take(Array(files[files.count * piece / pieces..<files.count * (piece + 1) / pieces]))
            }
        }
    }

    /// The folder's side of a comparison: stale temporary files, files no longer generated (removed, or kept when
    /// edited by hand), foreign files, and the new manifest. `planned`: every path of the render.
    func addFolderState(
        to changes: inout ChangeSet, listing: [String], planned: Set<String>, oldManifest: Set<String>,
        oldContents: Bool, covers: (String) -> Bool
    ) {
        let conflicts = Set(changes.conflicts.map(\.path))
        for path in listing where !planned.contains(path) && path != Self.manifestName && path != OutputJournal.name {
            switch temporaryState(path, owned: planned.union(oldManifest)) {
            case .stale:
                changes.staleTemporaries.append(path)
                continue
            case .inUse:
                continue
            case .notTemporary:
                break
            }
            guard covers(path) else { continue }
            guard oldManifest.contains(path) else {
                changes.foreign.append(path)
                continue
            }
            let absolute = absolute(path)
            if let size = FileAccess.size(absolute), let head = FileAccess.head(absolute, limit: Self.headLength),
               FileHeader.begins(head) {
                changes.removed.append(.init(path: path, old: oldContents ? oldText(path, size: size) : ""))
            } else {
                changes.keptEdited.append(path)
            }
        }

        let removedPaths = Set(changes.removed.map(\.path))
        var manifestPaths = Set(oldManifest.filter { !covers($0) && !removedPaths.contains($0) })
        manifestPaths.formUnion(planned.subtracting(conflicts))
        let newManifest = Self.manifestText(manifestPaths.sorted())
        let oldText = FileAccess.contents(absolute(Self.manifestName), limit: Self.diffLimit).flatMap(Self.text)
        if oldText != newManifest {
            changes.manifest = .init(path: Self.manifestName, old: oldText, new: newManifest)
        }
    }

    static func manifestText(_ paths: [String]) -> String {
        "# \(FileHeader.marker): the files it owns in this folder. `infragen render` overwrites or removes only files\n"
            + "# listed here that still begin with its header; every other file here is left alone. Do not edit.\n"
            + paths.map { "\($0)\n" }.joined()
    }

    /// A file's old text for a diff: the text, or a line that says why it is not shown.
    func oldText(_ path: String, size: Int) -> String {
        guard size <= Self.diffLimit, let bytes = FileAccess.contents(absolute(path), limit: Self.diffLimit) else {
            return "(\(size) bytes, not shown)\n"
        }
        return Self.text(bytes) ?? "(\(size) bytes that are not UTF-8 text, not shown)\n"
    }

    static func text(_ bytes: [UInt8]) -> String? { String(validating: bytes, as: UTF8.self) }

    func readManifest() -> Set<String> {
        guard let bytes = FileAccess.contents(absolute(Self.manifestName), limit: Self.diffLimit),
              let text = Self.text(bytes) else { return [] }
        return Set(text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }.map(String.init))
    }

    /// Every regular file and link under the root, relative, without following links or entering `.git`.
    func listFiles() throws -> [String] {
        var result: [String] = []
        func walk(_ relative: String) {
            let folder = relative.isEmpty ? rootPath : absolute(relative)
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
            for entry in entries.sorted() {
                let child = relative.isEmpty ? entry : "\(relative)/\(entry)"
                switch FileAccess.type(absolute(child)) {
                case .directory: if entry != ".git" { walk(child) }
                case .regular, .link, .other: result.append(child)
                case .missing: continue
                }
            }
        }
        guard FileAccess.type(rootPath) == .directory else { return [] }
        walk("")
        return result
    }

    // MARK: - Temporary files

    enum TemporaryState { case notTemporary, stale, inUse }

    /// Whether `path` is a temporary file of a render: a regular file named as ``apply(_:)`` names them, next to a
    /// file infragen owns (`owned`: planned now, or listed in the manifest, or the manifest itself). Its contents are
    /// not looked at: a render killed between creating and writing it leaves it empty. It is stale when its process
    /// no longer runs (or is this one, which is not staging while it compares), and in use while another process
    /// that still runs writes it (left alone). Any other file of such a name is treated like every other file.
    func temporaryState(_ path: String, owned: Set<String>) -> TemporaryState {
        guard let pid = Self.temporaryOwner(path), let target = Self.temporaryTarget(path),
              owned.contains(target) || target == Self.manifestName || target == OutputJournal.name,
              FileAccess.type(absolute(path)) == .regular
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

    /// `a/b/c.yaml` → `a/b`; nil at the root.
    static func parent(of path: String) -> String? {
        path.lastIndex(of: "/").map { String(path[..<$0]) }
    }
}
