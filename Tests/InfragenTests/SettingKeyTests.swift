import Infragen
import Testing

/// Settings are typed keys: one generic merge over the layers, provenance by key, values with parts merged part by
/// part (issue 14).
@Suite struct SettingKeyTests {
    /// A probe timing set in one layer keeps the parts that a higher layer does not name (it used to fall back to the
    /// built-in values: the service's `Probe(.liveness, failureThreshold: 5)` reset the defaults' period to 10 s).
    @Test func aPartialProbeOverrideKeepsTheLowerLayersParts() throws {
        let system = System("shop") {
            SourceRepository("https://git.example.com/shop", license: "Apache-2.0")
            Defaults {
                ImageTag("1.0.0")
                Probe(.liveness, periodSeconds: 20, timeoutSeconds: 4)
            }
            Deploy(to: .dev) { Probe(.liveness, initialDelaySeconds: 30) }
            Service("api", fileID: "A.swift", line: 10) {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                Probe(.liveness, failureThreshold: 5, fileID: "A.swift", line: 13)
            }
        }.description
        let api = try #require(system.resolve().environments.first?.services.first)
        #expect(api.probes.liveness == ProbeTiming(
            initialDelaySeconds: 30, periodSeconds: 20, timeoutSeconds: 4, failureThreshold: 5))
        #expect(api.probes.readiness == SettingKey.readinessProbe.fixedBuiltIn, "an unset probe keeps its built-in timing")
        // Located at the highest layer that set any part of it (the environment).
        #expect(api[.livenessProbe].parts == Set(ProbeTiming.Part.allCases))
        #expect(system.validate(resolved: system.resolve()).errors.isEmpty)
    }

    /// A part set out of range is refused at its layer, with the part in the field; the parts a layer leaves out are
    /// not checked there.
    @Test func aProbePartIsCheckedWhereItIsSet() throws {
        let system = System("shop") {
            SourceRepository("https://git.example.com/shop", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .dev)
            Service("api", fileID: "A.swift", line: 10) {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                Probe(.startup, periodSeconds: 0, fileID: "A.swift", line: 13)
            }
        }.description
        let errors = system.validate(resolved: system.resolve()).errors
        #expect(errors.count == 1)
        #expect(errors.first?.field == "probes.startup.periodSeconds")
        #expect(errors.first?.location == SourceLocation(fileID: "A.swift", line: 13))
    }

    /// Layers merge key by key in one generic function: a layer that sets a key replaces a lower one's value, and
    /// one that does not keeps it; the location is the last layer's.
    @Test func layersMergeKeyByKey() {
        var lower = ServiceSettings()
        lower[.replicas] = Setting(2, at: SourceLocation(fileID: "L.swift", line: 1))
        lower[.goVersion] = Setting("1.21", at: SourceLocation(fileID: "L.swift", line: 2))
        var upper = ServiceSettings()
        upper[.replicas] = Setting(4, at: SourceLocation(fileID: "U.swift", line: 7))
        let merged = lower.merging(upper)
        #expect(merged[.replicas] == Setting(4, at: SourceLocation(fileID: "U.swift", line: 7)))
        #expect(merged[.goVersion]?.value == "1.21")
        #expect(merged[.imageTag] == nil)
        let resolved = ResolvedSettings(layers: [lower, upper], declaredAt: SourceLocation(fileID: "S.swift", line: 1))
        #expect(resolved[.builderImage].text == "golang:1.21-alpine", "a derived built-in value follows its source")
        #expect(resolved[.tmpVolumeSize] == .mebibytes(64))
        #expect(resolved.location(of: .tmpVolumeSize) == nil)
    }
}
