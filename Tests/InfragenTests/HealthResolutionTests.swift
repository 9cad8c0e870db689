import Infragen
import Testing

/// The health words build one model, and resolution decides each check's port once: the one it names, else the
/// service's first, with its number (which a gRPC probe needs).
@Suite struct HealthResolutionTests {
    static func service(@ListBuilder<any ServiceComponent> _ body: () -> [any ServiceComponent]) throws
        -> ResolvedService
    {
        let components = body()
        let system = System("h") {
            Deploy(to: .dev)
            Service("api") {
                Port("http", 8080)
                Port("grpc", 7070)
                Port("admin", 9000)
                components
            }
        }.description
        return try #require(system.resolve().environments.first?.services.first)
    }

    @Test func theHTTPPathsWordIsThreeHTTPChecksOnOnePort() throws {
        let paths = System("s") {
            Service("a") { Health(liveness: "/l", readiness: "/r", startup: "/s", port: "admin") }
        }.description.services[0].health
        let checks = System("s") {
            Service("a") {
                Health(liveness: .http("/l", port: "admin"), readiness: .http("/r", port: "admin"),
                       startup: .http("/s", port: "admin"))
            }
        }.description.services[0].health
        #expect(paths?.liveness == checks?.liveness && paths?.readiness == checks?.readiness)
        #expect(paths?.startup == checks?.startup)
    }

    @Test func oneCheckServesLivenessAndReadinessAndStartupIsOptional() throws {
        let api = try Self.service { Health(.grpc(port: "grpc")) }
        let grpc = try #require(api.ports.first { $0.name == "grpc" })
        #expect(api.health?.liveness == .grpc(port: grpc, service: nil))
        #expect(api.health?.readiness == api.health?.liveness)
        #expect(api.health?.startup == nil && api.health?.kinds == [.liveness, .readiness])
    }

    @Test func eachCheckResolvesItsOwnPortElseTheFirst() throws {
        let api = try Self.service {
            Health(liveness: .tcp(), readiness: .grpc(port: "grpc", service: "cart"),
                   startup: .http("/up", port: "admin", scheme: .https, headers: ["X-A": "1"]))
        }
        #expect(api.health?.liveness.port?.name == "http")
        #expect(api.health?.readiness == .grpc(port: try #require(api.ports.first { $0.name == "grpc" }), service: "cart"))
        guard case .http(let path, let port, let scheme, let headers)? = api.health?.startup else {
            Issue.record("the startup check is not HTTP")
            return
        }
        #expect(path == "/up" && port.number == 9000 && scheme == .https)
        #expect(headers == [HealthProbe.Header(name: "X-A", value: "1")])
        #expect(api.health?.portUses.map(\.port.name) == ["http", "grpc", "admin"])
    }

    @Test func aCommandNeedsNoPortAndHealthCommandIsACommandForLivenessAndReadiness() throws {
        let exec = try Self.service { Health(.exec(["/app/server", "-check"])) }
        let command = try Self.service { HealthCommand("/app/server", "-check") }
        #expect(exec.health?.liveness == .exec(command: ["/app/server", "-check"]))
        #expect(exec.health?.liveness == command.health?.liveness)
        #expect(exec.health?.readiness == command.health?.readiness)
        #expect(exec.health?.portUses.isEmpty == true)
    }

    @Test func portUsesNameTheProbesThatShareAPort() throws {
        let api = try Self.service {
            Health(liveness: .tcp(port: "grpc"), readiness: .http("/r"), startup: .grpc(port: "grpc"))
        }
        let uses = try #require(api.health?.portUses)
        #expect(uses.map(\.port.name) == ["grpc", "http"])
        #expect(uses.map(\.kinds) == [[.liveness, .startup], [.readiness]])
        let all: [ProbeTiming.Kind] = [.liveness, .readiness, .startup]
        #expect(ProbeTiming.Kind.subject([.liveness, .startup], of: all, verb: ("uses", "use"))
            == "the liveness and startup probes use")
        #expect(ProbeTiming.Kind.subject([.readiness], of: all, verb: ("uses", "use")) == "the readiness probe uses")
        #expect(ProbeTiming.Kind.subject(all, of: all, verb: ("uses", "use")) == "the probes use")
    }

    @Test func noHealthCheckIsResolvedWithItsReasonAndNoChecks() throws {
        let api = try Self.service { NoHealthCheck(because: "a demo") }
        #expect(api.health == nil && api.noHealthCheck?.reason == "a demo")
    }
}
