import Infragen
import Testing

/// defaults < service < environment < the service's override, applied once, in resolve.
@Suite struct ResolutionTests {
    static let system = System("shop", fileID: "B.swift", line: 1) {
        Defaults {
            ImageRegistry("registry.example.com/shop")
            ImageTag("1.0.0")
            Replicas(1)
            Requests(cpu: .millicores(100), memory: .mebibytes(64))
            Limits(cpu: .cores(0.5), memory: .mebibytes(100))
            Env("LOG_LEVEL", "info")
        }
        Deploy(to: .dev)
        Deploy(to: .prod) {
            Replicas(3)
            Env("LOG_LEVEL", "warn")
            ImageTag("1.0.1", digest: "sha256:" + String(repeating: "ab", count: 32))
        }
        Service("api", fileID: "B.swift", line: 20) {
            Port("http", 8080)
            Replicas(2)
            Env("FEATURE", "on")
            Override(.prod) {
                Replicas(5, fileID: "B.swift", line: 25)
                Limits(memory: .mebibytes(256))
            }
        }
    }.description

    @Test func laterLayersWin() throws {
        let resolved = Self.system.resolve()
        let dev = try #require(resolved.environments.first { $0.name == "dev" }?.services.first)
        let prod = try #require(resolved.environments.first { $0.name == "prod" }?.services.first)

        #expect(dev.replicas == 2)  // the service over the defaults
        #expect(prod.replicas == 5)  // the service's override over the environment
        #expect(prod.location(of: .replicas) == SourceLocation(fileID: "B.swift", line: 25))
        #expect(dev.resources.memoryLimit == .mebibytes(100))
        #expect(prod.resources.memoryLimit == .mebibytes(256))
        #expect(prod.resources.cpuLimit == .millicores(500))
        // Resolution sizes the Go runtime from each environment's limits, after the blueprint's own variables.
        #expect(dev.environmentVariables.map(\.name) == ["LOG_LEVEL", "FEATURE", "GOMEMLIMIT", "GOMAXPROCS"])
        #expect(dev.environmentVariables[2].source == .literal("90MiB"))
        #expect(dev.environmentVariables[2].location == dev.location(of: .memoryLimit))
        #expect(prod.environmentVariables.first { $0.name == "GOMEMLIMIT" }?.source == .literal("230MiB"))
        #expect(dev.environmentVariables[3].source == .resource(.cpuLimit))
        #expect(prod.environmentVariables.first?.source == .literal("warn"))
        #expect(dev.image.text == "registry.example.com/shop/api:1.0.0")
        #expect(prod.image.text == "registry.example.com/shop/api:1.0.1@sha256:" + String(repeating: "ab", count: 32))
        #expect(dev.namespace == "shop-dev")
    }

    @Test func builtInDefaultsFillTheRest() throws {
        let service = try #require(Self.system.resolve().environments.first?.services.first)
        #expect(service.goVersion == "1.26")
        #expect(service.builderImage.text == "golang:1.26-alpine")
        #expect(service.base.family == .alpine)
        #expect(service.security.runAsUser == 10001)
        #expect(service.terminationGracePeriodSeconds == 30)
    }

    @Test func routedServicesGetACanaryWhereTheEnvironmentHasOne() throws {
        let system = System("shop") {
            Defaults { ImageRegistry("registry.example.com/shop"); ImageTag("1.0.0") }
            Deploy(to: .dev) { Host("dev.example.com") }
            Deploy(to: .prod) { Host("example.com"); Canary(.percent(10)); CanaryImageTag("1.1.0") }
            Service("api") { Port("http", 8080); Route("/api") }
            Service("worker") {}
        }.description
        let resolved = system.resolve()
        let dev = try #require(resolved.environments.first { $0.name == "dev" })
        let prod = try #require(resolved.environments.first { $0.name == "prod" })
        #expect(dev.service(named: "api")?.canary == nil)
        #expect(prod.service(named: "worker")?.canary == nil)
        let canary = try #require(prod.service(named: "api")?.canary)
        #expect(canary.name == "api-canary")
        #expect(canary.share == .percent(10))
        #expect(canary.image.text == "registry.example.com/shop/api:1.1.0")
    }

    @Test func securityLayersMergeByPart() throws {
        let system = System("s") {
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .dev)
            Deploy(to: .prod) { RunAs(user: 20000) }
            Service("api") {
                Port("http", 8080)
                Exempt(.writableRootFilesystem, because: "the vendor agent writes to /var/run")
                Override(.prod) { Exempt(.serviceAccountToken, because: "reads its own pods") }
            }
        }.description
        let resolved = system.resolve()
        let dev = try #require(resolved.environments.first { $0.name == "dev" }?.services.first)
        let prod = try #require(resolved.environments.first { $0.name == "prod" }?.services.first)
        #expect(dev.security.runAsUser == 10001)
        #expect(dev.security.exemptions.map(\.control) == [.writableRootFilesystem])
        // The environment's RunAs keeps the service's exemption; the override adds its own.
        #expect(prod.security.runAsUser == 20000)
        #expect(prod.security.exemptions.map(\.control) == [.writableRootFilesystem, .serviceAccountToken])
    }
}
