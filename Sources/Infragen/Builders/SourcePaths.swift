import Foundation

/// Turns the `#filePath` the DSL captures into the path from the package root that diagnostics and file headers
/// show (`Sources/MyBlueprints/Backends.swift:33`, which an editor can open), and falls back to `#fileID`
/// (`MyBlueprints/Backends.swift`) where it cannot.
///
/// The package root is the nearest folder above the file that holds a `Package.swift`. The absolute path never
/// reaches the model: output is the same on every machine that checks the package out, wherever it lies. The
/// fallback is taken when no `Package.swift` is found (a binary run away from its sources), and when the path and the
/// `#fileID` name different files: a caller that passes an explicit `fileID:` (a test's `"B.swift"`, or a helper
/// that forwards its caller's `fileID:` and `line:` but not `filePath:`) keeps exactly what it passed.
enum SourcePaths {
    static func shown(fileID: String, filePath: String) -> String {
        guard sameFile(fileID: fileID, filePath: filePath), let relative = cache.relativePath(of: filePath) else {
            return fileID
        }
        return relative
    }

    /// Whether `#fileID` (`Module/File.swift`) and `#filePath` (`/…/File.swift`) end in the same file name.
    static func sameFile(fileID: String, filePath: String) -> Bool {
        let name = fileID.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).last
        let pathName = filePath.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).last
        guard let name, let pathName, !name.isEmpty else { return false }
        return name.elementsEqual(pathName)
    }

    /// The path of `filePath` from the nearest folder above it with a `Package.swift`, or nil.
    static func packageRelativePath(of filePath: String, fileExists: (String) -> Bool) -> String? {
        guard filePath.hasPrefix("/") else { return nil }
        var components = filePath.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard components.count >= 2 else { return nil }
        var tail: [String] = [components.removeLast()]
        while !components.isEmpty {
            if fileExists("/" + components.joined(separator: "/") + "/Package.swift") {
                return tail.reversed().joined(separator: "/")
            }
            tail.append(components.removeLast())
        }
        return nil
    }

    private static let cache = Cache()

    /// One answer per file: a render of a thousand services captures tens of thousands of locations in a few files.
    private final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        private var paths: [String: String?] = [:]

        func relativePath(of filePath: String) -> String? {
            lock.lock()
            defer { lock.unlock() }
            if let known = paths[filePath] { return known }
            let found = SourcePaths.packageRelativePath(of: filePath) { FileManager.default.fileExists(atPath: $0) }
            paths[filePath] = .some(found)
            return found
        }
    }
}
