import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which folders a render may use as its output root, decided before anything is read or written.
///
/// Refused: an empty path (an unset shell variable), the file system's root, the home folder, a folder that is a
/// repository or package root (it holds `.git` or `Package.swift`), a symbolic link (unless `followLink`), something
/// that is not a folder, and a non-empty folder in which infragen has never rendered (no `.infragen-manifest`) unless
/// `adopt`. A folder holding only placeholders (`.gitkeep`, `.keep`, `.gitignore`, `.DS_Store`) counts as empty.
public enum OutputRoot {
    public struct Options: Sendable {
        /// Render into a non-empty folder without a manifest; infragen then owns the files at the paths it writes.
        public var adopt = false
        /// Follow a symbolic link at the output root (to its target, which is checked in turn).
        public var followLink = false

        public init(adopt: Bool = false, followLink: Bool = false) {
            self.adopt = adopt
            self.followLink = followLink
        }
    }

    static let placeholders: Set<String> = [".gitkeep", ".keep", ".gitignore", ".DS_Store"]

    /// The absolute output folder for `path` as the user gave it (relative to `workingDirectory`), or an error that
    /// says why the folder is refused and what to do.
    public static func resolve(
        _ path: String, options: Options = .init(),
        workingDirectory: String = FileManager.default.currentDirectoryPath,
        homes: [String] = OutputRoot.homeFolders()
    ) throws(OutputError) -> URL {
        guard !path.isEmpty else {
            throw OutputError(
                path: "--output", problem: "is empty (an unset shell variable gives an empty value)",
                hint: "name the output folder, for example --output Output; nothing was read or written")
        }
        var absolute = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: workingDirectory, isDirectory: true))
            .standardizedFileURL.path
        if absolute.count > 1, absolute.hasSuffix("/") { absolute.removeLast() }
        if FileAccess.type(absolute) == .link {
            guard options.followLink else {
                throw OutputError(
                    path: absolute, problem: "is a symbolic link, and infragen does not follow links",
                    hint: "render into the folder it points to, or pass --follow-output-link to follow it")
            }
            guard let target = realpath(absolute, nil) else {
                throw OutputError(path: absolute, problem: "is a symbolic link that points nowhere (\(FileAccess.errorText))",
                                  hint: "fix the link or render into another folder")
            }
            absolute = String(cString: target)
            free(target)
        }
        if absolute == "/" {
            throw OutputError(path: absolute, problem: "is the file system's root",
                              hint: "render into a folder of its own, such as Output/ in your repository")
        }
        let canonical = canonicalPath(absolute)
        if homes.contains(where: { !$0.isEmpty && canonicalPath($0) == canonical }) {
            throw OutputError(path: absolute, problem: "is the home folder",
                              hint: "render into a folder of its own, such as Output/ in your repository")
        }
        switch FileAccess.type(absolute) {
        case .missing:
            return URL(fileURLWithPath: absolute, isDirectory: true)
        case .directory:
            break
        default:
            throw OutputError(path: absolute, problem: "is not a folder", hint: "name a folder (new or infragen's own)")
        }
        for marker in [".git", "Package.swift"] where FileAccess.type(absolute + "/" + marker) != .missing {
            let what = marker == ".git" ? "a repository root" : "a package root"
            throw OutputError(
                path: absolute, problem: "holds \(marker): it is \(what), not an output folder",
                hint: "render into a folder of its own inside it, such as \(absolute == "/" ? "" : absolute)/Output")
        }
        let owned = [OutputDirectory.manifestName, OutputJournal.name].contains {
            FileAccess.type(absolute + "/" + $0) == .regular
        }
        if !owned, !options.adopt, let example = firstEntry(in: absolute) {
            throw OutputError(
                path: absolute,
                problem: "is not empty (\(example)) and has no \(OutputDirectory.manifestName): infragen has never rendered here",
                hint: "render into a new or empty folder, or pass --adopt to render here: infragen then owns the files at "
                    + "the paths it generates and leaves every other file alone")
        }
        return URL(fileURLWithPath: absolute, isDirectory: true)
    }

    /// `$HOME` and the user's home folder from the password database.
    public static func homeFolders() -> [String] {
        var homes: [String] = []
        if let home = ProcessInfo.processInfo.environment["HOME"] { homes.append(home) }
        if let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir { homes.append(String(cString: directory)) }
        return homes
    }

    private static func canonicalPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return URL(fileURLWithPath: path).standardizedFileURL.path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The first thing in `folder` that is neither a placeholder nor a temporary file of an interrupted render
    /// (relative), or nil. Stops at the first such entry, so a large folder costs one listing.
    static func firstEntry(in folder: String, prefix: String = "") -> String? {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
        for entry in entries.sorted() where !placeholders.contains(entry) {
            let relative = prefix.isEmpty ? entry : prefix + "/" + entry
            let path = folder + "/" + entry
            switch FileAccess.type(path) {
            case .directory:
                if entry == ".git" { return relative }
                if let inner = firstEntry(in: path, prefix: relative) { return inner }
            case .regular where OutputDirectory.temporaryOwner(entry) != nil:
                continue
            default:
                return relative
            }
        }
        return nil
    }
}
