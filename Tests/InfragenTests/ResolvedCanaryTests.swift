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
