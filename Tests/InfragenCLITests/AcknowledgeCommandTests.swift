import Infragen
import InfragenCLI
import InfragenTestSupport
import Testing

/// Issue 19: an acknowledged warning prints nothing on any command, so a CI log can be clean; an acknowledgement that
/// covers no warning prints one of its own.
@Suite struct AcknowledgeCommandTests {
    static let lowUID = sampleSystem { RunAs(user: 999) }
    static let acknowledged = sampleSystem {
        RunAs(user: 999)
        Acknowledge(.lowUID, because: "mirrors upstream's uid 999")
    }
    static let stale = sampleSystem { Acknowledge(.lowUID, because: "mirrors upstream's uid 999") }

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
        #expect(try lint(Self.stale, "--only", "dockerfile").text.isEmpty)
    }
}
