import Infragen
import InfragenTestSupport
import Testing

/// An environment variable declared twice in one layer (the defaults, an environment, a service, a service's
/// overrides for one environment) is refused at each repeated declaration; one layer over another is the point of
/// layers and stays legal.
@Suite struct EnvironmentVariableValidationTests {
    static let file = "Blueprints/Env.swift"

    static func system(
        @ListBuilder<any SettingsComponent> defaults: () -> [any SettingsComponent] = { [] },
        @ListBuilder<any EnvironmentComponent> prod: () -> [any EnvironmentComponent] = { [] },
        @ListBuilder<any ServiceComponent> service: () -> [any ServiceComponent]
    ) -> SystemDescription {
        let (defaults, prod, service) = (defaults(), prod(), service())
        return System("shop", fileID: file, line: 1) {
            SourceRepository("https://git.example.com/shop", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0"); defaults }
            Deploy(to: .dev) { Host("dev.shop.example.com") }
            Deploy(to: .prod) { Host("shop.example.com"); prod }
            Service("api", fileID: file, line: 5) {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                service
            }
        }.description
    }

    @Test func aVariableDeclaredAgainInOneServiceIsRefusedAtEachRepetition() {
        let file = Self.file
        let system = Self.system {
            Env("MODE", "a", fileID: file, line: 10)
            Env("MODE", config: "b", fileID: file, line: 11)
            Env("MODE", secret: "mode", key: "c", fileID: file, line: 12)
        }
        #expect(system.validate().map(\.description) == [
            "Blueprints/Env.swift:11: error: shop/api: env[MODE]: the variable is declared again in the service (first at Blueprints/Env.swift:10), and only one value can reach the container; declare it once (to change it for one environment, use Override(.prod) { Env(…) })",
            "Blueprints/Env.swift:12: error: shop/api: env[MODE]: the variable is declared again in the service (first at Blueprints/Env.swift:10), and only one value can reach the container; declare it once (to change it for one environment, use Override(.prod) { Env(…) })",
        ])
    }

    /// A helper that declares the variable without passing its caller's line gives every declaration one place: it
    /// was dropped silently; now it is refused like any other.
    @Test func declarationsFromOneLineAreNotDroppedSilently() {
        func mode(_ value: String) -> Env { Env("MODE", value, fileID: Self.file, line: 20) }
        let system = Self.system { mode("a"); mode("b") }
        #expect(system.validate().map(\.description) == [
            "Blueprints/Env.swift:20: error: shop/api: env[MODE]: the variable is declared again in the service (first at Blueprints/Env.swift:20), and only one value can reach the container; declare it once (to change it for one environment, use Override(.prod) { Env(…) })",
        ])
    }

    @Test func everyLayerIsChecked() {
        let file = Self.file
        let system = Self.system(
            defaults: { Env("A", "1", fileID: file, line: 2); Env("A", "2", fileID: file, line: 3) },
            prod: { Env("B", "1", fileID: file, line: 4); Env("B", "2", fileID: file, line: 4) }
        ) {
            Override(.prod) { Env("C", "1", fileID: file, line: 30) }
            Override(.prod) { Env("C", "2", fileID: file, line: 31) }
        }
        #expect(system.validate().map(\.description) == [
            "Blueprints/Env.swift:3: error: shop: env[A]: the variable is declared again in the system's defaults (first at Blueprints/Env.swift:2), and only one value can reach the container; declare it once (to change it for one environment, use Override(.prod) { Env(…) })",
            "Blueprints/Env.swift:4: error: shop/prod: env[B]: the variable is declared again in environment 'prod' (first at Blueprints/Env.swift:4), and only one value can reach the container; declare it once (to change it for one environment, use Override(.prod) { Env(…) })",
            "Blueprints/Env.swift:31: error: shop/prod/api: env[C]: the variable is declared again in the service's overrides for 'prod' (first at Blueprints/Env.swift:30), and only one value can reach the container; declare it once (to change it for one environment, use Override(.prod) { Env(…) })",
        ])
    }

    /// The defaults, the environment, the service and its override each set it once: the override wins in prod.
    @Test func oneLayerOverAnotherIsLegal() throws {
        let system = Self.system(defaults: { Env("MODE", "defaults") }, prod: { Env("MODE", "environment") }) {
            Env("MODE", "service")
            Override(.prod) { Env("MODE", "override") }
        }
        #expect(system.validate().isEmpty)
        let prod = try #require(system.resolve().environments.first { $0.name == "prod" }?.service(named: "api"))
        // The Go runtime's sizing follows the blueprint's variables (GoRuntimeSizingTests).
        #expect(prod.environmentVariables.map(\.name) == ["MODE", "GOMEMLIMIT", "GOMAXPROCS"])
        if case .literal(let value) = prod.environmentVariables.first?.source { #expect(value == "override") }
    }
}
