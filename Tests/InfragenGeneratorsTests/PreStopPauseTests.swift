import Infragen
import InfragenTestSupport
import Testing

/// The graceful-shutdown pause (issue 14's proof of the "add a setting" recipe): `lifecycle.preStop.sleep` on every
/// serving container, 5 s unless set, none on workers, and a grace period that must outlast it.
@Suite struct PreStopPauseTests {
    func system(
        @ListBuilder<any ServiceComponent> api: () -> [any ServiceComponent] = { [] },
        @ListBuilder<any SettingsComponent> prod: () -> [any SettingsComponent] = { [] }
    ) -> SystemDescription {
        let apiExtra = api(), prodExtra = prod()
        return System("pause") {
            SourceRepository("https://git.example.com/pause", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .dev)
            Deploy(to: .prod) { prodExtra }
            Service("api", fileID: "P.swift", line: 10) {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                apiExtra
            }
            Service("worker") { HealthCommand(ImageLayout.binary, "-healthcheck") }
        }.description
    }

    func file(_ system: SystemDescription, _ environment: String, _ service: String) throws -> String {
        try #require(try renderInMemory([system])["pause/\(environment)/kubernetes/\(service).yaml"])
    }

    static let fiveSeconds = "        lifecycle:\n          preStop:\n            sleep:\n              seconds: 5\n"

    @Test func aServingContainerPausesFiveSecondsAndAWorkerDoesNot() throws {
        let plain = system()
        #expect(try file(plain, "dev", "api").contains(Self.fiveSeconds))
        #expect(!(try file(plain, "dev", "worker").contains("lifecycle:")))
    }

    @Test func thePauseIsASettingOfEveryLayer() throws {
        let tuned = system(api: { PreStopPause(.seconds(12)) }, prod: { PreStopPause(nil) })
        #expect(try file(tuned, "dev", "api").contains("            sleep:\n              seconds: 12\n"))
        #expect(!(try file(tuned, "prod", "api").contains("lifecycle:")), "the environment turns it off")
    }

    @Test func theGracePeriodMustOutlastThePauseAndThePauseIsWholeSeconds() throws {
        let short = system(api: { TerminationGracePeriod(seconds: 5, fileID: "P.swift", line: 14) })
        let errors = RenderFailedProbe.errors(short)
        #expect(errors.count == 2, "one per environment: \(errors)")
        #expect(errors.allSatisfy { $0.field == "terminationGracePeriod" && $0.location?.line == 14 })
        #expect(errors.first?.message.contains("is not longer than the preStop pause of 5") == true, "\(errors)")

        let odd = system(api: { PreStopPause(.milliseconds(1500), fileID: "P.swift", line: 15) })
        let oddErrors = RenderFailedProbe.errors(odd)
        #expect(oddErrors.map(\.field) == ["lifecycle.preStop.sleep"])
        #expect(oddErrors.first?.location?.line == 15)
    }
}

enum RenderFailedProbe {
    static func errors(_ system: SystemDescription) -> [Diagnostic] {
        do {
            _ = try renderInMemory([system])
            return []
        } catch let failure as RenderFailed {
            return failure.diagnostics.errors
        } catch {
            return []
        }
    }
}
