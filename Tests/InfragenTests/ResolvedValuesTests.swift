import Foundation
import Infragen
import Testing

/// Resolution decides once what every generator reads: the port of the probes, the metrics and each route, the
/// gateway's route defaults, the team an SLO pages and the gateway's upstream mode.
@Suite struct ResolvedValuesTests {
    static func system(nginx: String? = nil, upstreams: GatewayDescription.UpstreamMode? = nil) -> SystemDescription {
        System("desk", fileID: "B.swift", line: 1) {
            Team("desk-team")
            Gateway {
                RouteDefaults(timeout: .seconds(5), maxBodySize: .mebibytes(2), rateLimit: .perSecond(50, burst: 100))
                if let nginx { NginxVersion(nginx) }
                if let upstreams { Upstreams(upstreams) }
            }
            Deploy(to: .dev) { Host("desk.example.com") }
            Service("api", fileID: "B.swift", line: 10) {
                Port("grpc", 9090)
                Port("http", 8080)
                Port("metrics", 9102)
                Health(liveness: "/livez", readiness: "/readyz", port: "http")
                Metrics(port: "metrics")
                Route("/api")                                             // the first port
                Route("/api/upload", port: "http", timeout: .seconds(60))   // its own timeout, the default rest
                SLO("api-availability", handler: "/api") { Availability(.percent(99.9)) }
                SLO("api-latency", handler: "/api") { Latency(.percent(99), under: .milliseconds(500)); Team("sre") }
            }
            Service("plain", fileID: "B.swift", line: 30) {
                Port("web", 8000)
                Health(liveness: "/livez", readiness: "/readyz")
            }
        }.description
    }

    static func service(_ name: String, in system: SystemDescription = system()) throws -> ResolvedService {
        try #require(system.resolve().environments.first?.service(named: name))
    }

    @Test func theNamedPortElseTheFirst() throws {
        let api = try Self.service("api")
        #expect(api.ports.map(\.name) == ["grpc", "http", "metrics"])
        #expect(api.health?.portUses.map(\.port.name) == ["http"])
        #expect(api.metrics.port?.name == "metrics")
        #expect(api.routes.map(\.port.name) == ["grpc", "http"])
        let plain = try Self.service("plain")
        #expect(plain.health?.liveness.port == plain.ports.first)
        #expect(plain.metrics.port == plain.ports.first)
    }

    @Test func routesCarryTheGatewayDefaults() throws {
        let routes = try Self.service("api").routes
        #expect(routes.map(\.timeout) == [.seconds(5), .seconds(60)])
        #expect(routes.map(\.maxBodySize) == [.mebibytes(2), .mebibytes(2)])
        #expect(routes.map(\.rateLimit) == [.perSecond(50, burst: 100), .perSecond(50, burst: 100)])
    }

    @Test func anSLOPagesItsOwnTeamElseTheService() throws {
        let slos = try Self.service("api").slos
        #expect(slos.map(\.team) == ["desk-team", "sre"])
    }

    @Test func theUpstreamModeIsDecidedOnceFromTheNginxVersion() throws {
        #expect(Self.system().resolve().gateway.upstreamMode == .resolvePerRequest)             // 1.22.1, Debian 12
        #expect(Self.system(nginx: "1.27.3").resolve().gateway.upstreamMode == .upstreamBlocks)  // re-resolves names
        #expect(Self.system(nginx: "1.27.3", upstreams: .resolvePerRequest).resolve().gateway.upstreamMode
            == .resolvePerRequest)
        #expect(Self.system(nginx: "x").resolve().gateway.target == nil)  // validation reports it
    }

    /// `infragen dump` shows what generators read, not the declarations behind it.
    @Test func theDumpIsTheResolvedValues() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try #require(String(data: try encoder.encode(Self.system().resolve()), encoding: .utf8))
        #expect(!json.contains("\"declaration\""))
        #expect(json.contains("\"upstreamMode\":\"resolve-per-request\""))
        #expect(json.contains("\"rateLimit\":{\"burst\":100,\"requestsPerSecond\":50}"))  // a route default, applied
        #expect(json.contains("\"declaredAt\":{\"fileID\":\"B.swift\",\"line\":10}"))
    }
}
