import InfragenExampleBlueprints
import Foundation
import Infragen
import InfragenRender
import InfragenTestSupport
import Testing

@testable import InfragenGenerators

/// Test blueprints for the Nginx generator, shared by its golden, tool and traffic tests.
enum NginxBlueprints {
    static let file = "Blueprints/Store.swift"

    /// Every gateway option away from its default: upstream blocks with least_conn, rewrites, an exact route, a root
    /// route, two ports of one service, a fixed address, custom headers, static files, TLS files and ports.
    static func variants(nginx: String = "1.22.1", openssl: String = "3.0") -> SystemDescription {
        System("store", fileID: file, line: 1) { SourceRepository("https://git.example.com/store", license: "Apache-2.0")
            Defaults { ImageTag("2.0.0") }
            Deploy(to: .prod, fileID: file, line: 3) {
                Namespace("store")
                Host("store.example.com")
                TLS(certificate: "certs/store.pem", key: "certs/store.key")
                Canary(.percent(12.5))
            }
            Deploy(to: "qa", fileID: file, line: 9) { Host("qa.store.example.com") }
            Gateway(fileID: file, line: 10) {
                NginxVersion(nginx)
                OpenSSLVersion(openssl)
                Upstreams(.upstreamBlocks, keepalive: 16, maxFails: 2, failTimeout: .seconds(5))
                LoadBalancing(.leastConnections)
                Resolver("[fd00::10]:53", clusterDomain: "cluster.example")
                ContentSecurityPolicy(nil)
                FrameOptions(.sameOrigin)
                ReferrerPolicy(.strictOriginWhenCrossOrigin)
                StaticFiles(at: "/assets/", from: "public/www", maxAge: .seconds(3600))
                Listen(http: 8080, https: 8443, redirectPort: 443)
                WorkerConnections(1024)
                WorkerProcesses(2)
                RealIP(trusted: ["10.0.0.0/8", "fd00::/8"])
                UpstreamAddress(for: "catalog", host: "10.0.3.7", port: 9000)
            }
            Service("catalog", fileID: file, line: 24) {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                Port("admin", 9090)
                Route("/catalog/", rewrite: "/", rateLimit: .perSecond(100, burst: 200))
                Route("/catalog", match: .exact, rewrite: "/index")
                Route("/admin/", port: "admin")
            }
            Service("cart", fileID: file, line: 31) {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                Route("/", timeout: .milliseconds(1500), maxBodySize: .bytes(1000), rateLimit: .perSecond(3))
            }
        }.description
    }

    /// Every kind of route: a frontend whose own Content-Security-Policy passes through (and one page with a policy
    /// of its own), a POST-only exact route beside its prefix route (one rate-limit budget), a WebSocket, a
    /// server-sent-events stream and a gRPC service, behind TLS (gRPC needs HTTP/2).
    static func routeKinds() -> SystemDescription {
        System("kinds", fileID: file, line: 200) {
            SourceRepository("https://git.example.com/kinds", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: "qa", fileID: file, line: 203) {
                Host("qa.kinds.example.com")
                TLS()
            }
            Gateway(fileID: file, line: 207) {
                Upstreams(.upstreamBlocks, keepalive: 8)
            }
            Service("pages", fileID: file, line: 210) {
                Role("frontend")
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                Route("/pages/")
                Route("/pages/about", match: .exact, contentSecurityPolicy: .policy("default-src 'self'; img-src 'self' data:"))
            }
            Service("orders", fileID: file, line: 217) {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                Route("/orders", rateLimit: .perSecond(5, burst: 8))
                Route("/orders", match: .exact, methods: [.post], rateLimit: .perSecond(5, burst: 8))
            }
            Service("live", fileID: file, line: 223) {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                Route("/live/socket", protocol: .webSocket)
                Route("/live/events", protocol: .serverSentEvents, timeout: .seconds(600))
            }
            Service("cart", fileID: file, line: 229) {
                Port("grpc", 7070, appProtocol: .grpc)
                Health(.grpc(port: "grpc"))
                Route("/hipstershop.CartService/", timeout: .seconds(30))
            }
        }.description
    }

    /// `system` with every upstream (and canary) at 127.0.0.1, so that upstream blocks load without cluster DNS.
    static func atLoopback(_ system: SystemDescription, ports: [String: Int] = [:]) -> SystemDescription {
        var system = system
        let location = SourceLocation(fileID: file, line: 99)
        system.gateway.upstreamAddresses = system.services.filter { !$0.routes.isEmpty }.flatMap { service in
            [false, true].map { canary in
                UpstreamAddressDescription(
                    service: service.name, canary: canary, host: "127.0.0.1",
                    port: ports[canary ? "\(service.name)-canary" : service.name] ?? 18000, location: location)
            }
        }
        return system
    }
}
