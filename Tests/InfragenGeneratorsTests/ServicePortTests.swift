import Infragen
import InfragenGenerators
import InfragenRender
import Testing

/// A container port and the Service port in front of it are two numbers: network policies and probes use the
/// container's, clients and the gateway the Service's; `appProtocol` says what speaks on it.
@Suite struct ServicePortTests {
    static let file = "Blueprints/Ports.swift"

    static func system(@ListBuilder<any ServiceComponent> _ ports: () -> [any ServiceComponent]) -> SystemDescription {
        let extra = ports()
        return System("ports", fileID: file, line: 1) {
            SourceRepository("https://git.example.com/ports", license: "MIT")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .prod) { Host("ports.example.com") }
            Service("web", fileID: file, line: 5) {
                Health(liveness: "/livez", readiness: "/readyz", port: "http")
                for component in extra { component }
            }
        }.description
    }

    /// As the render pipeline runs them: the generators' checks once the blueprint itself is valid.
    static func messages(_ system: SystemDescription) -> [String] {
        let resolved = system.resolve()
        var diagnostics = system.validate(resolved: resolved)
        if !diagnostics.hasErrors {
            diagnostics += NginxGenerator().validate(resolved) + KubernetesGenerator().validate(resolved)
        }
        return diagnostics.sorted().map(\.description)
    }

    @Test func theGatewayCallsTheServicePortAndTheReportShowsBoth() throws {
        let system = Self.system {
            Port("http", 8080, servicePort: 80, appProtocol: .http)
            Route("/")
        }
        #expect(Self.messages(system) == [])
        let resolved = system.resolve()
        let nginx = try NginxGenerator().generate(resolved)
        let include = try #require(nginx.first { $0.path.hasSuffix("/ports.conf") }?.contents)
        #expect(include.contains("web.ports-prod.svc.cluster.local:80\""), "\(include)")
        #expect(!include.contains(":8080"))

        let report = ReportGenerator()
        let readme = try #require(try report.generate(resolved, files: []).first?.contents)
        #expect(readme.contains("http 80→8080"))
    }

    @Test func anSCTPPortIsNotExposedByTheImage() throws {
        let system = Self.system {
            Port("http", 8080)
            Port("diameter", 3868, transport: .sctp)
            Port("gossip", 7946, transport: .udp)
        }
        #expect(Self.messages(system) == [])
        let dockerfile = try #require(try DockerfileGenerator().generate(system.resolve())
            .first { $0.path.hasSuffix("/Dockerfile") }?.contents)
        #expect(dockerfile.contains("EXPOSE 8080 7946/udp\n"))
    }

    @Test func portsAreRefusedWithTheirPlace() {
        let system = Self.system {
            Port("http", 8080, servicePort: 80, fileID: Self.file, line: 10)
            Port("admin", 8081, servicePort: 80, fileID: Self.file, line: 11)
            Port("big", 8082, servicePort: 70000, fileID: Self.file, line: 12)
            Port("thrift", 9090, appProtocol: .custom("thrift"), fileID: Self.file, line: 13)
            Port("grpc", 9555, appProtocol: .grpc, fileID: Self.file, line: 14)
            Port("feed", 3868, transport: .sctp, fileID: Self.file, line: 15)
            Route("/grpc", port: "grpc", fileID: Self.file, line: 16)
            Route("/feed", port: "feed", fileID: Self.file, line: 17)
        }
        #expect(Self.messages(system) == [
            "Blueprints/Ports.swift:11: error: ports/web: ports: Service port 80/TCP is used by 2 ports; give each port its own servicePort",
            "Blueprints/Ports.swift:12: error: ports/web: ports[big].servicePort: Service port 70000 is outside 1-65535; use the port clients call, e.g. 80, or leave it out to use 8082",
            "Blueprints/Ports.swift:13: error: ports/web: ports[thrift].appProtocol: 'thrift' is not a domain-prefixed protocol name; write it as <domain>/<name>, e.g. example.com/thrift, or use .http, .https, .h2c, .grpc, .ws or .wss",
        ])
        // The gateway's own checks run once the blueprint itself is valid.
        let routed = Self.system {
            Port("http", 8080)
            Port("grpc", 9555, appProtocol: .grpc)
            Port("feed", 3868, transport: .sctp)
            Route("/grpc", port: "grpc", fileID: Self.file, line: 16)
            Route("/feed", port: "feed", fileID: Self.file, line: 17)
        }
        #expect(Self.messages(routed) == [
            "Blueprints/Ports.swift:16: error: ports/web: routes[/grpc]: the route goes to gRPC port 'grpc', and gRPC needs HTTP/2, which the gateway serves over TLS only, but environment 'prod' has no TLS; give environment 'prod' a TLS certificate, or route gRPC only where it has one",
            "Blueprints/Ports.swift:17: error: ports/web: routes[/feed]: the route goes to SCTP port 'feed', which nginx cannot proxy as HTTP; route to a TCP port",
        ])
    }
}
