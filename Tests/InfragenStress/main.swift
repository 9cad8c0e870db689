// A child process for the output-safety tests (Tests/InfragenRenderTests/OutputSafetyTests.swift and
// OutputTransactionTests.swift): builds a large synthetic system in code and runs the infragen command line on it, so
// a test can kill it or signal it in the middle of writing, or run two of them into one folder at once.
//
//     infragen-stress <services> <generation> <infragen arguments…>
//     infragen-stress 2000 1 render --output /tmp/x
//
// Every generation gives every service file different bytes (image tag, a payload of a few kilobytes). The system is
// named `stress`, or `$INFRAGEN_STRESS_SYSTEM` when that is set (two different systems for the concurrency test).
import Foundation
import Infragen
import InfragenCLI

let arguments = CommandLine.arguments
guard arguments.count >= 3, let count = Int(arguments[1]), count > 0, let generation = Int(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: infragen-stress <services> <generation> <infragen arguments…>\n".utf8))
    exit(2)
}

// The test runner may ignore or block SIGINT and SIGTERM (and its children inherit both); this child behaves as if
// started from a shell.
var unblocked = sigset_t()
sigemptyset(&unblocked)
for signal in [SIGINT, SIGTERM, SIGHUP] {
    _ = Foundation.signal(signal, SIG_DFL)
    sigaddset(&unblocked, signal)
}
sigprocmask(SIG_UNBLOCK, &unblocked, nil)

let name = ProcessInfo.processInfo.environment["INFRAGEN_STRESS_SYSTEM"] ?? "stress"
let payload = String(repeating: "generation \(generation): the quick brown fox jumps over the lazy dog. ", count: 60)
let system = System(name) {
    SourceRepository("https://git.example.com/\(name)", license: "Apache-2.0")
    Summary("A synthetic system of \(count) services")
    Defaults { ImageTag("1.0.\(generation)") }
    Deploy(to: .dev)
    Deploy(to: .prod) { Replicas(2) }
    for index in 0..<count {
        Service("service-\(index)") {
            Port("http", 8080)
            Health(liveness: "/healthz", readiness: "/readyz")
            Env("GENERATION", "\(generation)")
            Env("PAYLOAD", payload)
        }
    }
}
InfragenCLI.main(systems: [system.description], arguments: Array(arguments.dropFirst(3)))
