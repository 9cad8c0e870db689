import Foundation
import InfragenCLI

/// Runs `body` with the command line's standard error (or output) going to a string; returns the status and the text.
///
/// It hands the command line a sink for this task (`InfragenCLI.$output`) instead of redirecting the process's file
/// descriptor: `swift test` runs tests side by side in one process, and a redirected descriptor also caught what the
/// tests beside this one printed (Swift Testing's `✔ Test … passed`, another command's diagnostics), so a check that
/// a command printed nothing failed now and then.
public func captureStandardError(_ body: () -> Int32) throws -> (status: Int32, text: String) {
    let sink = Sink()
    let status = InfragenCLI.$output.withValue(
        CommandOutput(standardOutput: InfragenCLI.output.standardOutput, standardError: sink.append)
    ) { body() }
    return (status, sink.text)
}

public func captureStandardOutput(_ body: () -> Int32) throws -> (status: Int32, text: String) {
    let sink = Sink()
    let status = InfragenCLI.$output.withValue(
        CommandOutput(standardOutput: sink.append, standardError: InfragenCLI.output.standardError)
    ) { body() }
    return (status, sink.text)
}

private final class Sink: @unchecked Sendable {
    private let lock = NSLock()
    private var collected = ""

    func append(_ text: String) {
        lock.lock()
        collected += text
        lock.unlock()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return collected
    }
}
