import Foundation
import Testing

/// External validators (nginx, promtool, hadolint …) for tests that run the real tool.
///
/// On a laptop without the tool, such a test is skipped with a message saying so. Under `CI=true` a missing tool is
/// never a silent skip: the test runs and fails in ``ExternalTool/path(_:)``.
///
/// ```swift
/// @Test(.enabled(if: ExternalTool.usable("promtool"), ExternalTool.skipNote("promtool")))
/// func rulesPassPromtool() throws {
///     let promtool = try ExternalTool.path("promtool")
///     ...
/// }
/// ```
public enum ExternalTool {
    public struct Missing: Error, CustomStringConvertible {
        public let name: String
        public var description: String {
            "\(name) is not installed; `bash .ci/run` installs it (under CI=true a missing tool fails the test)"
        }
    }

    /// Whether tests run under CI, where every tool must be present.
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// True when the tool is installed, or when running under CI (so the test runs and fails loudly).
    public static func usable(_ name: String) -> Bool { isCI || find(name) != nil }

    /// The skip comment for `.enabled(if:)`.
    public static func skipNote(_ name: String) -> Comment {
        Comment(rawValue: "skipped: \(name) is not installed (run `bash .ci/run`, or install it to run this test)")
    }

    /// The tool's path, or an error that fails the test.
    public static func path(_ name: String) throws -> String {
        guard let path = find(name) else { throw Missing(name: name) }
        return path
    }

    /// Looks the tool up on PATH, and in the folders pip and Debian install into.
    public static func find(_ name: String) -> String? {
        let environment = ProcessInfo.processInfo.environment
        var folders = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        folders.insert(FileManager.default.currentDirectoryPath + "/.venv-tools/bin", at: 0)
        folders += ["/usr/local/bin", "/usr/bin", "/usr/sbin", "/sbin", "\(environment["HOME"] ?? "/root")/.local/bin"]
        if let python = environment["PYENV_ROOT"] { folders.append("\(python)/shims") }
        for folder in folders {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// The result of running a process.
public struct ProcessResult: Sendable, CustomStringConvertible {
    public let status: Int32
    public let stdout: String
    public let stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    public var description: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
}

/// Runs a program to completion, with a time limit, capturing its output.
@discardableResult
public func runProcess(
    _ executable: String, _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil,
    input: String? = nil, timeout: Duration = .seconds(300)
) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    if let environment {
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let inputPipe = Pipe()
    process.standardInput = input == nil ? FileHandle.nullDevice : inputPipe
    try process.run()
    if let input {
        inputPipe.fileHandleForWriting.write(Data(input.utf8))
        try? inputPipe.fileHandleForWriting.close()
    }
    // Read both pipes while the process runs, so a chatty tool cannot block on a full pipe.
    let outData = LockedData(), errData = LockedData()
    let group = DispatchGroup()
    for (pipe, sink) in [(out, outData), (err, errData)] {
        group.enter()
        DispatchQueue.global().async {
            sink.set(pipe.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
    }
    let deadline = DispatchTime.now() + .milliseconds(Int(timeout.components.seconds * 1000))
    if group.wait(timeout: deadline) == .timedOut {
        process.terminate()
        throw TimedOut(command: ([executable] + arguments).joined(separator: " "))
    }
    process.waitUntilExit()
    return ProcessResult(
        status: process.terminationStatus,
        stdout: String(decoding: outData.get(), as: UTF8.self),
        stderr: String(decoding: errData.get(), as: UTF8.self))
}

public struct TimedOut: Error, CustomStringConvertible {
    public let command: String
    public var description: String { "timed out: \(command)" }
}

private final class LockedData: @unchecked Sendable {
    private var data = Data()
    private let lock = NSLock()
    func set(_ value: Data) { lock.lock(); data = value; lock.unlock() }
    func get() -> Data { lock.lock(); defer { lock.unlock() }; return data }
}
