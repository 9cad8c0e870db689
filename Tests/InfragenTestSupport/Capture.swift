import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `body` with the standard error (or output) of this process going to a file; returns the status and the text.
/// One capture at a time in the whole test process (every test target shares this lock).
public func captureStandardError(_ body: () -> Int32) throws -> (status: Int32, text: String) {
    try capture(STDERR_FILENO, body)
}

public func captureStandardOutput(_ body: () -> Int32) throws -> (status: Int32, text: String) {
    try capture(STDOUT_FILENO, body)
}

private let captureLock = NSLock()

private func capture(_ stream: Int32, _ body: () -> Int32) throws -> (status: Int32, text: String) {
    captureLock.lock()
    defer { captureLock.unlock() }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("infragen-capture-\(UUID().uuidString)")
    let descriptor = open(file.path, O_CREAT | O_RDWR | O_TRUNC, 0o600)
    guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
    defer { close(descriptor); unlink(file.path) }
    fflush(nil)
    let saved = dup(stream)
    dup2(descriptor, stream)
    let status = body()
    fflush(nil)
    dup2(saved, stream)
    close(saved)
    let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    return (status, text)
}
