import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension OutputDirectory {
    // MARK: - The lock

    /// Runs `body` holding an exclusive lock on the output folder (`flock` on the folder itself, so there is no lock
    /// file to commit or ignore), for the whole compare-and-apply. A second infragen command on the same folder waits
    /// (`waiting` is called once, so it can say so). `creating`: make the folder first (a render); without it a
    /// missing folder is compared unlocked (a check: there is nothing to settle or to race with). Folders made here
    /// that are still empty afterwards are removed again.
    public func withExclusiveAccess<T>(creating: Bool, waiting: () -> Void = {}, _ body: () throws -> T) throws -> T {
        var made: [String] = []
        if FileAccess.type(rootPath) == .missing {
            guard creating else { return try body() }
            var folder = rootPath
            while folder.count > 1, FileAccess.type(folder) == .missing {
                made.append(folder)
                folder = folder.lastIndex(of: "/").map { String(folder[..<$0]) } ?? ""
            }
            for folder in made.reversed() where mkdir(folder, 0o755) != 0 && errno != EEXIST {
                let problem = FileAccess.errorText
                for created in made { rmdir(created) }
                throw OutputError(path: folder, problem: "could not be created (\(problem))",
                                  hint: "check the permissions of the folder above it; nothing was written")
            }
        }
        defer { for folder in made { rmdir(folder) } }  // only empty folders go
        let descriptor = open(rootPath, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw OutputError(path: rootPath, problem: "could not be opened (\(FileAccess.errorText))",
                              hint: "check that it is a folder you may read; nothing was written")
        }
        defer { close(descriptor) }  // closing releases the lock
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK else {
                throw OutputError(path: rootPath, problem: "could not be locked (\(FileAccess.errorText))",
                                  hint: "render into a folder on a local file system")
            }
            waiting()
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    throw OutputError(path: rootPath, problem: "could not be locked (\(FileAccess.errorText))",
                                      hint: "render into a folder on a local file system")
                }
            }
        }
        return try body()
    }

    // MARK: - Checking paths, making folders, writing files

    /// Refuses to write through a link, into a file that is read-only, or where a folder is a file. Folders found to
    /// be real folders are remembered in `checkedFolders` (relative paths), so each is looked at once per render.
    func preflight(_ path: String, checkedFolders: inout Set<String>) throws {
        let components = path.split(separator: "/").map(String.init)
        var relative = ""
        for (index, component) in components.enumerated() {
            relative = relative.isEmpty ? component : relative + "/" + component
            let isLast = index == components.count - 1
            if !isLast, checkedFolders.contains(relative) { continue }
            let absolute = absolute(relative)
            switch FileAccess.type(absolute) {
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

    /// Creates the missing folders above `path` (relative), outermost first; returns their absolute paths. `known`
    /// remembers the folders that exist (relative; "" for the root), so each is looked at once per render.
    func makeFolders(for path: String, known: inout Set<String>) throws -> [String] {
        var missing: [String] = []
        var folder = Self.parent(of: path)
        while let current = folder, !known.contains(current), FileAccess.type(absolute(current)) == .missing {
            missing.append(absolute(current))
            folder = Self.parent(of: current)
        }
        if folder == nil, !known.contains("") {
            // The root and its missing parents (a caller without ``withExclusiveAccess(creating:waiting:_:)``).
            var above = rootPath
            while above.count > 1, FileAccess.type(above) == .missing {
                missing.append(above)
                above = above.lastIndex(of: "/").map { String(above[..<$0]) } ?? ""
            }
        }
        for folder in missing.reversed() where mkdir(folder, 0o755) != 0 && errno != EEXIST {
            let problem = FileAccess.errorText
            throw OutputError(path: relative(folder), problem: "could not be created (\(problem))",
                              hint: "check the permissions of the output folder; nothing was written")
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

    /// Creates `path` (relative; it must not exist) with `contents`, never following a link.
    func writeNew(_ contents: String, to path: String, reportedAs reported: String) throws(OutputError) {
        var text = contents
        let failure = text.withUTF8 { FileAccess.createNew(absolute(path), UnsafeRawBufferPointer($0)) }
        if let failure {
            throw OutputError(path: reported, problem: "could not be staged (\(failure))",
                              hint: "check that the folder is writable and has free space; nothing was changed")
        }
    }

    /// Removes the folders above `path` (relative) that are now empty, up to the root.
    func removeEmptyFolders(above path: String) {
        var folder = Self.parent(of: path)
        while let current = folder, rmdir(absolute(current)) == 0 { folder = Self.parent(of: current) }
    }
}
