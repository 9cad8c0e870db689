import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGINT, SIGTERM and SIGHUP while an apply runs: noted, never acted on in the middle of a file.
///
/// While files are staged, a noted signal stops the staging: the temporary files go and nothing has changed. Once the
/// journal is written, the apply goes on to its end (the manifest written, the journal removed) and only then stops.
/// Either way the command then exits with 128 + the signal's number. A signal that was ignored when infragen started
/// (`nohup`, a shell's background job) stays ignored. Outside an apply the signals keep their usual effect: the
/// process ends, and nothing has been written.
enum Interruption {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// The signal received since the handlers were installed, or 0. Written only by the handler.
    nonisolated(unsafe) private static var received: sig_atomic_t = 0
    nonisolated(unsafe) private static var saved: [Int32: sigaction] = [:]
    nonisolated(unsafe) private static var depth = 0
    private static let lock = NSLock()

    /// The signal noted since ``install()``, or nil.
    static var pending: Int32? {
        let signal = received
        return signal == 0 ? nil : Int32(signal)
    }

    /// Installs the handlers (nested calls count; the first one installs, the last ``restore()`` puts back the old).
    static func install() {
        lock.lock()
        defer { lock.unlock() }
        depth += 1
        guard depth == 1 else { return }
        received = 0
        for signal in signals {
            var old = sigaction()
            guard sigaction(signal, nil, &old) == 0, !isIgnored(old) else { continue }
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = { Interruption.received = sig_atomic_t($0) }
            #else
            action.__sigaction_u.__sa_handler = { Interruption.received = sig_atomic_t($0) }
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = Int32(SA_RESTART)
            if sigaction(signal, &action, nil) == 0 { saved[signal] = old }
        }
    }

    static func restore() {
        lock.lock()
        defer { lock.unlock() }
        depth -= 1
        guard depth == 0 else { return }
        for (signal, old) in saved {
            var action = old
            sigaction(signal, &action, nil)
        }
        saved = [:]
    }

    private static func isIgnored(_ action: sigaction) -> Bool {
        #if canImport(Glibc)
        let handler = action.__sigaction_handler.sa_handler
        #else
        let handler = action.__sigaction_u.__sa_handler
        #endif
        return handler.map { unsafeBitCast($0, to: Int.self) == 1 } ?? false  // SIG_IGN is the handler 1
    }
}

/// An apply stopped by a signal. `completed`: the signal came while files were moved into place, so the render was
/// finished first; otherwise it came while staging and nothing was changed.
public struct OutputInterrupted: Error, CustomStringConvertible, Sendable {
    public let signal: Int32
    public let completed: Bool

    public var name: String {
        switch signal {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        default: "signal \(signal)"
        }
    }

    public var description: String {
        completed
            ? "\(name) received while files were moved into place: the render was finished first, then stopped"
            : "\(name) received while files were staged: the render stopped and removed its temporary files; nothing was changed"
    }
}
