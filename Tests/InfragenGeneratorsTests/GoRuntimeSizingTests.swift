import Infragen
import InfragenTestSupport
import Testing

/// The Go runtime held to the container's limits (issue 16): `GOMAXPROCS` from `limits.cpu` through the downward API
/// (whole cores, rounded up) and `GOMEMLIMIT` at 90 % of `limits.memory`, for the services infragen builds, unless
/// the blueprint sets a variable itself or says `GoRuntime(.off)`.
@Suite struct GoRuntimeSizingTests {
    func system(
        @ListBuilder<any ServiceComponent> api: () -> [any ServiceComponent] = { [] },
        @ListBuilder<any SettingsComponent> defaults: () -> [any SettingsComponent] = { [] },
        @ListBuilder<any SettingsComponent> prod: () -> [any SettingsComponent] = { [] }
    ) -> SystemDescription {
        let apiExtra = api(), defaultsExtra = defaults(), prodExtra = prod()
        return System("gort") {
            SourceRepository("https://git.example.com/gort", license: "Apache-2.0")
            Defaults {
                ImageTag("1.0.0")
                defaultsExtra
            }
            Deploy(to: .dev)
            Deploy(to: .prod) { prodExtra }
            Service("api", fileID: "G.swift", line: 10) {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                apiExtra
            }
            Service("redis") {
                Image("redis", tag: "7.2.4")
                Port("redis", 6379)
                Health(.tcp(port: "redis"))
            }
        }.description
    }

    func file(_ system: SystemDescription, _ environment: String, _ service: String) throws -> String {
        try #require(try renderInMemory([system])["gort/\(environment)/kubernetes/\(service).yaml"])
    }

    static let maxProcs = "        - name: GOMAXPROCS\n          valueFrom:\n            resourceFieldRef:\n"
        + "              resource: limits.cpu\n              divisor: '1'\n"

    static func memoryLimit(_ value: String) -> String {
        "        - name: GOMEMLIMIT\n          value: '\(value)'\n"
    }

    @Test func ninetyPercentOfTheMemoryLimitInAFormGoReads() {
        #expect(GoRuntimeLimits.memoryLimit(for: .mebibytes(256)) == "230MiB")
        #expect(GoRuntimeLimits.memoryLimit(for: .mebibytes(100)) == "90MiB")
        #expect(GoRuntimeLimits.memoryLimit(for: .mebibytes(64)) == "57MiB")
        #expect(GoRuntimeLimits.memoryLimit(for: .gibibytes(1)) == "921MiB")
        #expect(GoRuntimeLimits.memoryLimit(for: .gibibytes(8)) == "7372MiB")
        #expect(GoRuntimeLimits.memoryLimit(for: .bytes(1000)) == "900B")
        #expect(GoRuntimeLimits.memoryLimit(for: .bytes(Int64.max)).hasSuffix("MiB"), "no overflow")
    }

    @Test func aGoServiceIsSizedFromItsLimitsAndAPrebuiltImageIsNot() throws {
        let plain = system()
        let api = try file(plain, "dev", "api")
        #expect(api.contains(Self.memoryLimit("230MiB")), "\(api)")
        #expect(api.contains(Self.maxProcs), "\(api)")
        let redis = try file(plain, "dev", "redis")
        #expect(!redis.contains("GOMAXPROCS") && !redis.contains("GOMEMLIMIT"))
    }

    @Test func theLimitOfEachEnvironmentIsTheOneFollowed() throws {
        let sized = system(prod: {
            Requests(memory: .mebibytes(64))
            Limits(memory: .mebibytes(100))
        })
        #expect(try file(sized, "dev", "api").contains(Self.memoryLimit("230MiB")))
        #expect(try file(sized, "prod", "api").contains(Self.memoryLimit("90MiB")))
    }

    @Test func aVariableTheBlueprintSetsWinsInAnyLayerFromAnySource() throws {
        let own = system(api: { Env("GOMEMLIMIT", "300MiB") }, prod: { Env("GOMAXPROCS", "4") })
        let dev = try file(own, "dev", "api")
        #expect(dev.contains(Self.memoryLimit("300MiB")) && dev.contains(Self.maxProcs))
        #expect(dev.components(separatedBy: "name: GOMEMLIMIT").count == 2, "one GOMEMLIMIT")
        let prod = try file(own, "prod", "api")
        #expect(prod.contains("        - name: GOMAXPROCS\n          value: '4'\n"), "\(prod)")
        #expect(!prod.contains("resourceFieldRef:\n              resource: limits.cpu"))

        let fromDefaults = system(defaults: { Env("GOMEMLIMIT", resource: .memoryLimit) })
        let api = try file(fromDefaults, "dev", "api")
        #expect(api.contains("resource: limits.memory") && !api.contains("230MiB"))
    }

    @Test func goRuntimeOffSetsNeitherAndIsRefusedOnAnImageInfragenDoesNotBuild() throws {
        let off = system(prod: { GoRuntime(.off) })
        #expect(try file(off, "dev", "api").contains("GOMAXPROCS"))
        let prod = try file(off, "prod", "api")
        #expect(!prod.contains("GOMAXPROCS") && !prod.contains("GOMEMLIMIT"))

        let prebuilt = System("gort") {
            SourceRepository("https://git.example.com/gort", license: "Apache-2.0")
            Deploy(to: .dev)
            Service("redis") {
                Image("redis", tag: "7.2.4")
                Port("redis", 6379)
                Health(.tcp(port: "redis"))
                GoRuntime(.off, fileID: "G.swift", line: 40)
            }
        }.description
        let errors = RenderFailedProbe.errors(prebuilt)
        #expect(errors.map(\.field) == ["goRuntime"], "\(errors)")
        #expect(errors.first?.location?.line == 40)
    }
}
