#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
private let systemWrite = Darwin.write
#endif

/// The few file-system calls the output folder needs, on absolute paths, never following a link.
enum FileAccess {
    enum FileType { case missing, regular, directory, link, other }

    static func type(_ path: String) -> FileType {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        case S_IFLNK: return .link
        default: return .other
        }
    }

    /// A regular file's size, or nil (missing, a link, a folder …).
    static func size(_ path: String) -> Int? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// At most `limit` bytes from the start of a regular file, never more: a foreign file of a terabyte costs one
    /// small read. Nil when the path is not a regular file or cannot be read.
    static func head(_ path: String, limit: Int) -> [UInt8]? {
        read(path, limit: limit)
    }

    /// The whole contents of a regular file if it holds at most `limit` bytes; nil otherwise (or when it is not a
    /// regular file, or cannot be read).
    static func contents(_ path: String, limit: Int) -> [UInt8]? {
        guard let bytes = read(path, limit: limit + 1), bytes.count <= limit else { return nil }
        return bytes
    }

    /// Whether the regular file at `path` holds exactly `expected`, read and compared a piece at a time: a file of
    /// megabytes is never held whole to find it unchanged.
    static func holds(_ path: String, exactly expected: UnsafeBufferPointer<UInt8>) -> Bool {
        withRegularFile(path) { descriptor, size in
            size == expected.count && holds(descriptor, exactly: expected)
        } ?? false
    }

    private static func holds(_ descriptor: Int32, exactly expected: UnsafeBufferPointer<UInt8>) -> Bool {
        let piece = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { piece.deallocate() }
        var offset = 0
        while true {
            let got = systemRead(descriptor, piece.baseAddress!, piece.count)
            if got < 0, errno == EINTR { continue }
            guard got >= 0 else { return false }
            // The end: equal if it came exactly at the expected size.
            if got == 0 { return offset == expected.count }
            guard offset + got <= expected.count,
                  memcmp(piece.baseAddress!, expected.baseAddress! + offset, got) == 0 else { return false }
            offset += got
        }
    }

    /// `body` with the open descriptor and size of the regular file at `path` (never through a link); nil when it
    /// is not one or cannot be opened.
    private static func withRegularFile<Result>(_ path: String, _ body: (Int32, Int) -> Result?) -> Result? {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return body(descriptor, Int(info.st_size))
    }

    private static func read(_ path: String, limit: Int) -> [UInt8]? {
        withRegularFile(path) { descriptor, size in read(descriptor, wanted: min(limit, size)) }
    }

    private static func read(_ descriptor: Int32, wanted: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: wanted)
        var count = 0
        while count < wanted {
            let got = bytes.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress! + count, wanted - count) }
            if got < 0, errno == EINTR { continue }
            guard got >= 0 else { return nil }
            if got == 0 { break }
            count += got
        }
        if count < wanted { bytes.removeLast(wanted - count) }
        return bytes
    }

    /// Creates `path` (it must not exist) with `bytes`; on failure removes what it created and returns the reason.
    static func createNew(_ path: String, _ bytes: UnsafeRawBufferPointer) -> String? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0, errno == EINTR { continue }
            guard written > 0 else {
                let problem = String(cString: strerror(errno))
                close(descriptor)
                unlink(path)
                return problem
            }
            offset += written
        }
        // Close reports delayed write errors (on NFS, or a quota) that write did not.
        if close(descriptor) != 0 {
            let problem = String(cString: strerror(errno))
            unlink(path)
            return problem
        }
        return nil
    }

    static var errorText: String { String(cString: strerror(errno)) }
}
