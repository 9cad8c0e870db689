import Infragen
import InfragenTestSupport
import Testing

/// A canary is a second Deployment and Service named `<service>-canary`: no other service may hold that name where
/// the canary runs.
@Suite struct ResolvedCanaryTests {
    static let file = "Blueprints/Canary.swift"

    @Test func aServiceNamedAfterAnotherServicesCanaryIsRefused() {
        let file = Self.file
        let system = System("shop", fileID: file, line: 1) {
            SourceRepository("https://git.example.com/shop", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .dev) { Host("dev.shop.example.com") }
            Deploy(to: .prod, fileID: file, line: 5) {
                Host("shop.example.com")
                Canary(.percent(10), fileID: file, line: 7)
            }
            Service("api", fileID: file, line: 9) {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                Route("/api")
            }
            Service("api-canary", fileID: file, line: 14) {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
            }
        }.description
        #expect(system.validate().map(\.description) == [
            "Blueprints/Canary.swift:14: error: shop/prod/api-canary: name: the service 'api-canary' has the name of the canary of 'api' in environment 'prod' (Canary at Blueprints/Canary.swift:7), so two Deployments and two Services would be named 'api-canary'; rename the service 'api-canary', or leave 'api' without a canary in 'prod'",
        ])
    }

    /// Without a canary in the environment, or for a service the gateway does not route to (which gets no canary),
    /// the name is free.
    @Test func theNameIsFreeWhereNoCanaryRuns() {
        let system = System("shop") {
            SourceRepository("https://git.example.com/shop", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .dev) { Host("dev.shop.example.com") }
            Deploy(to: .prod) { Host("shop.example.com"); Canary(.percent(10)) }
            Service("worker") { Port("http", 8080); Health(liveness: "/healthz", readiness: "/readyz") }
            Service("worker-canary") { Port("http", 8080); Health(liveness: "/healthz", readiness: "/readyz") }
        }.description
        #expect(system.validate().isEmpty)
    }
}

/// The canary's settings: its pods (`CanaryReplicas`), leaving a service out (`NoCanary`), and how long the gateway
/// keeps a client on its side (`Canary(_:sticky:)`).
@Suite struct CanarySettingsTests {
    static let file = "Blueprints/CanarySettings.swift"

    static func system(
        environment: [any EnvironmentComponent] = [], service: [any ServiceComponent] = []
    ) -> SystemDescription {
        System("shop", fileID: file, line: 1) {
            SourceRepository("https://git.example.com/shop", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .dev) { Host("dev.shop.example.com") }
            Deploy(to: .prod, fileID: file, line: 5) {
                Host("shop.example.com")
                environment
            }
            Service("api", fileID: file, line: 9) {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                Route("/api")
                service
            }
        }.description
    }

    static func canary(_ system: SystemDescription) -> ResolvedCanary? {
        system.resolve().environments.last?.services.first?.canary
    }

    @Test func aCanaryRunsTwoPodsUnlessSet() {
        #expect(Self.canary(Self.system(environment: [Canary(.percent(10))]))?.replicas == 2)
        #expect(Self.canary(Self.system(environment: [Canary(.percent(10)), CanaryReplicas(4)]))?.replicas == 4)
        // A service's Override wins over its environment.
        let overridden = Self.system(
            environment: [Canary(.percent(10)), CanaryReplicas(4)], service: [Override(.prod) { CanaryReplicas(3) }])
        #expect(Self.canary(overridden)?.replicas == 3)
    }

    @Test func noCanaryLeavesAServiceOut() {
        let system = Self.system(environment: [Canary(.percent(10))], service: [Override(.prod) { NoCanary() }])
        #expect(system.validate().isEmpty)
        #expect(Self.canary(system) == nil)
    }

    @Test func canaryReplicasOutsideTheirRangeAreRefusedWhereSet() {
        for count in [0, 101] {
            let system = Self.system(
                environment: [Canary(.percent(10)), CanaryReplicas(count, fileID: Self.file, line: 7)])
            #expect(system.validate().map(\.description) == [
                "Blueprints/CanarySettings.swift:7: error: shop/prod: canary.replicas: \(count) canary replicas is outside 1-100; run a few pods of the canary, e.g. CanaryReplicas(2)",
            ])
        }
    }

    @Test func theCookieIsKeptADayUnlessSet() {
        let prod = { (system: SystemDescription) in system.resolve().environments.last?.canaryStickiness }
        #expect(prod(Self.system(environment: [Canary(.percent(10))])) == .seconds(86_400))
        #expect(prod(Self.system(environment: [Canary(.percent(10), sticky: .seconds(3600))])) == .seconds(3600))
        for sticky in [Duration.seconds(30), .milliseconds(90_500), .seconds(2_592_001)] {
            let system = Self.system(environment: [Canary(.percent(10), sticky: sticky, fileID: Self.file, line: 6)])
            #expect(system.validate().map(\.description) == [
                "Blueprints/CanarySettings.swift:6: error: shop/prod: canary.sticky: a canary cookie kept for \(sticky) is not a whole number of seconds from 1 minute to 30 days; keep a client on its side for about a session, e.g. sticky: .seconds(86_400) (1 day)",
            ])
        }
    }
}
