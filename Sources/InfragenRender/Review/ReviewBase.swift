import Foundation

/// The base a review compares with, as a tree of files keyed by their path under the output folder: an earlier
/// output folder on disk, or the output folder as committed at a git ref (read with `git ls-tree` and
/// `git cat-file`, never checked out).
public enum ReviewBase {
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    /// Every regular file under `folder` except infragen's own bookkeeping (dot files), as UTF-8 text.
    public static func folder(_ folder: URL) throws(Failure) -> [String: String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure("the base folder does not exist or is not a folder; pass an earlier output folder to --base")
        }
        var files: [String: String] = [:]
        let root = folder.standardizedFileURL.resolvingSymlinksInPath().path
        guard let walker = FileManager.default.enumerator(atPath: root) else { return files }
        while let relative = walker.nextObject() as? String {
            let components = relative.split(separator: "/")
            if components.contains(where: { $0.hasPrefix(".") }) { continue }
            let path = root + "/" + relative
            var directory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &directory), !directory.boolValue,
                  let data = FileManager.default.contents(atPath: path) else { continue }
            files[relative] = String(decoding: data, as: UTF8.self)
        }
        return files
    }

    /// The files under `output` (a folder relative to `directory`, normally `Output`) as committed at `ref`.
    public static func gitRef(_ ref: String, output: String, in directory: URL) throws(Failure) -> [String: String] {
        guard !ref.hasPrefix("-") else { throw Failure("'\(ref)' is not a git ref (it starts with '-')") }
        guard (try? git(["rev-parse", "--is-inside-work-tree"], in: directory))?.status == 0 else {
            throw Failure("--base-ref needs a git repository, and the current folder is not inside one; "
                + "use --base with an earlier output folder instead")
        }
        guard let commit = try? git(["rev-parse", "--verify", "--quiet", "\(ref)^{commit}"], in: directory),
              commit.status == 0 else {
            throw Failure("unknown git ref '\(ref)': name a branch, tag or commit of this repository "
                + "(in CI, fetch it first, e.g. git fetch origin main)")
        }
        let hash = String(decoding: commit.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let prefix = output.hasSuffix("/") ? output : output + "/"
        guard let listing = try? git(["ls-tree", "-r", "-z", "--full-name", "--name-only", hash, "--", prefix],
                                     in: directory), listing.status == 0 else {
            throw Failure("could not list \(prefix) at '\(ref)'")
        }
        let fullNames = String(decoding: listing.output, as: UTF8.self).split(separator: "\0").map(String.init)
        guard !fullNames.isEmpty else { return [:] }
        // The output folder's own path from the repository root: the common prefix git printed.
        let local = try? git(["ls-tree", "-r", "-z", "--name-only", hash, "--", prefix], in: directory)
        let localNames = local.map { String(decoding: $0.output, as: UTF8.self).split(separator: "\0").map(String.init) }
            ?? []
        guard localNames.count == fullNames.count else { throw Failure("could not list \(prefix) at '\(ref)'") }
        let input = fullNames.map { "\(hash):\($0)\n" }.joined()
        guard let batch = try? git(["cat-file", "--batch"], in: directory, input: Data(input.utf8)), batch.status == 0
        else { throw Failure("could not read \(prefix) at '\(ref)'") }
        var files: [String: String] = [:]
        var bytes = batch.output[...]
        for local in localNames {
            // "<object> blob <size>\n<contents>\n"
            guard let newline = bytes.firstIndex(of: 0x0A) else { break }
            let header = String(decoding: bytes[bytes.startIndex..<newline], as: UTF8.self).split(separator: " ")
            bytes = bytes[(newline + 1)...]
            guard header.count == 3, let size = Int(header[2]) else { continue }
            let end = bytes.startIndex + size
            let contents = bytes[bytes.startIndex..<end]
            bytes = bytes[min(end + 1, bytes.endIndex)...]
            guard header[1] == "blob", local.hasPrefix(prefix) else { continue }
            let name = String(local.dropFirst(prefix.count))
            if name.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            files[name] = String(decoding: contents, as: UTF8.self)
        }
        return files
    }

    private static func git(_ arguments: [String], in directory: URL, input: Data? = nil) throws
        -> (status: Int32, output: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = directory
        let output = Pipe(), errors = Pipe(), feed = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input == nil ? FileHandle.nullDevice : feed
        try process.run()
        if let input {
            // Written from another thread so that a large answer cannot block git while it is still reading.
            let writer = Thread {
                feed.fileHandleForWriting.write(input)
                try? feed.fileHandleForWriting.close()
            }
            writer.start()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        _ = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data)
    }
}
