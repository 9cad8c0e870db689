import Infragen
import InfragenCLI
import InfragenTestSupport
import Testing

/// Issue 19: an acknowledged warning prints nothing on any command, so a CI log can be clean; an acknowledgement that
/// covers no warning prints one of its own.
@Suite struct AcknowledgeCommandTests {
    static let lowUID = system { RunAs(user: 999) }
    static let acknowledged = system {
        RunAs(user: 999)
        Acknowledge(.lowUID, because: "mirrors upstream's uid 999")
    }
    static let stale = system { Acknowledge(.lowUID, because: "mirrors upstream's uid 999") }

    /// The sample system, whose built-in Go, base and nginx are past end of life: acknowledged for the whole system,
    /// so that only the warnings under test print.
    static func system(
        @ListBuilder<any ServiceComponent> service body: () -> [any ServiceComponent]
    ) -> SystemDescription {
        let extra = body()
        return System("sample") {
            SourceRepository("https://git.example.com/sample", license: "Apache-2.0")
            Acknowledge(.endOfLifeImage, because: "the built-in base and gateway images, kept by the fixture")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .dev) { Host("dev.sample.example.com") }
            Deploy(to: .prod) { Host("sample.example.com"); TLS(); Replicas(2) }
            Service("api") {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                Route("/api")
                extra
            }
        }.description
    }

    /// `infragen lint`'s standard error, where diagnostics go.
    func lint(_ system: SystemDescription, _ extra: String...) throws -> (status: Int32, text: String) {
        try captureStandardError { InfragenCLI.run(systems: [system], arguments: ["lint"] + extra) }
    }

    @Test func aWarningPrintsItsCodeAndAnAcknowledgedOneNothing() throws {
        let warned = try lint(Self.lowUID)
        #expect(warned.status == 0)
        #expect(warned.text.contains("uid 999 may collide with a host user; use a uid above 10000 "
            + "[Acknowledge(.lowUID, because: …)]"), "\(warned.text)")
        let quiet = try lint(Self.acknowledged)
        #expect(quiet.status == 0)
        #expect(quiet.text.isEmpty, "\(quiet.text)")
    }

    @Test func anAcknowledgementWithoutItsWarningIsAWarning() throws {
        let run = try lint(Self.stale)
        #expect(run.status == 0)
        #expect(run.text.contains(": warning: sample/api: acknowledge[lowUID]: nothing to acknowledge: no lowUID warning "
            + "occurs at sample/api; remove the Acknowledge"), "\(run.text)")
        // Checks that did not run cannot tell: with --only an unused acknowledgement is not reported.
        let only = try lint(Self.stale, "--only", "dockerfile")
        #expect(only.text.isEmpty, "\(only.text)")
    }
}
