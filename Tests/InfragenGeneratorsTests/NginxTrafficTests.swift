import InfragenExampleBlueprints
import Foundation
import Infragen
import InfragenRender
import InfragenTestSupport
import Testing

/// Real traffic through the real nginx with generated configurations.
///
/// The Swift side renders the configuration from a blueprint whose model points the upstreams at loopback ports
/// (and, for names resolved per request, the resolver at a fake DNS), lays out a prefix with a self-signed
/// certificate, and runs Tests/Fixtures/nginx-traffic-test.py. That script starts one small HTTP server per upstream,
/// starts nginx, checks routing, forwarded headers, the redirect, TLS, security headers, static files, the body
/// limit, the rate limit and the canary share, and stops everything it started.
@Suite(.serialized) struct NginxTrafficTests {
    struct Outcome: Decodable {
        struct Check: Decodable {
            let name: String
            let ok: Bool
            let detail: String
        }
        let checks: [Check]
        let figures: [String: JSONValue]
    }

    /// Any JSON value, to print the figures as they came.
    enum JSONValue: Decodable, CustomStringConvertible {
        case number(Double), text(String), list([JSONValue]), object([String: JSONValue]), null

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) { self = .number(number) }
            else if let text = try? container.decode(String.self) { self = .text(text) }
            else if let list = try? container.decode([JSONValue].self) { self = .list(list) }
            else if let object = try? container.decode([String: JSONValue].self) { self = .object(object) }
            else { self = .null }
        }

        var description: String {
            switch self {
            case .number(let number): number == number.rounded() ? String(Int(number)) : String(number)
            case .text(let text): text
            case .list(let list): "[" + list.map(\.description).joined(separator: ", ") + "]"
            case .object(let object): "{" + object.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
                .joined(separator: ", ") + "}"
            case .null: "null"
            }
        }
    }

    /// Runs the script on a prefix made from `system`'s files for `environment`, and checks every result.
    func drive(
        _ system: SystemDescription, environment: String, backends: [String: Int], dnsPort: Int?,
        spec: [String: Any], expectedChecks: Int, label: String
    ) throws {
        let python = try ExternalTool.path("python3")
        let nginx = try ExternalTool.path("nginx")
        let script = repositoryRoot().appendingPathComponent("Tests/Fixtures/nginx-traffic-test.py")
        let rendered = try renderInMemory([system], selection: RenderSelection(kinds: [.nginx]))
        let files = NginxHarness.environmentFiles(rendered, system: system.name, environment: environment)
        #expect(files.count == 2)
        let resolved = system.resolve().environments.first { $0.name == environment }!
        let host = resolved.host!
        try withTemporaryFolder { folder in
            let tls = resolved.tls ? try NginxHarness.certificate(for: [host], in: folder) : nil
            let css = "body { color: #333; }\n" + String(repeating: "/* padding so that gzip applies */\n", count: 50)
            let prefix = try NginxHarness.prefix(
                at: folder.appendingPathComponent("prefix"), files: files, tls: tls,
                tlsPaths: (resolved.tlsCertificate.certificate, resolved.tlsCertificate.key),
                staticFiles: ["html/static/app.css": css])
            defer { NginxHarness.stopLeftover(prefix: prefix) }
            let test = try NginxHarness.test(prefix: prefix)
            try #require(test.status == 0, "nginx -t: \(test)")

            let listen = system.gateway.listen
            let redirectPort = listen.redirectPort ?? listen.httpsPort
            var full = spec
            if var staticSpec = spec["static"] as? [String: Any] {
                staticSpec["size"] = css.utf8.count
                full["static"] = staticSpec
            }
            full["nginx"] = nginx
            full["prefix"] = prefix.path + "/"
            full["config"] = prefix.appendingPathComponent("conf/nginx.conf").path
            full["host"] = host
            full["tls"] = resolved.tls
            full["certificate"] = prefix.appendingPathComponent("conf/\(resolved.tlsCertificate.certificate)").path
            full["http_port"] = listen.httpPort
            full["https_port"] = listen.httpsPort
            full["redirect_origin"] = "https://\(host)" + (redirectPort == 443 ? "" : ":\(redirectPort)")
            full["backends"] = backends
            full["dns"] = dnsPort.map { ["port": $0, "domain": "svc.\(system.gateway.clusterDomain)"] as [String: Any] }
                ?? NSNull()
            var headers: [String: String] = [
                "x-content-type-options": "nosniff", "referrer-policy": system.gateway.referrerPolicy.rawValue,
            ]
            if let frame = system.gateway.frameOptions { headers["x-frame-options"] = frame.rawValue }
            if let policy = system.gateway.contentSecurityPolicy { headers["content-security-policy"] = policy }
            full["headers"] = headers
            full["hsts"] = resolved.tls ? "max-age=63072000" : NSNull()
            let specFile = folder.appendingPathComponent("spec.json")
            try JSONSerialization.data(withJSONObject: full, options: [.sortedKeys]).write(to: specFile)

            let result = try runProcess(python, [script.path, specFile.path], timeout: .seconds(240))
            let outcome = try JSONDecoder().decode(Outcome.self, from: Data(result.stdout.utf8))
            for check in outcome.checks {
                #expect(check.ok, "\(label): \(check.name) [\(check.detail)]")
            }
            #expect(outcome.checks.count == expectedChecks, "\(label): \(outcome.checks.count) checks ran:\n\(result)")
            #expect(result.status == 0, "\(label):\n\(result.stderr)")
            let figures = outcome.figures.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            print("nginx traffic \(label): \(outcome.checks.filter(\.ok).count)/\(outcome.checks.count) checks passed; \(figures)")
        }
    }

    /// The repository's shop in prod, as rendered into Output/, with three changes to its model: the gateway listens
    /// on loopback ports, resolves through a fake DNS on loopback, and each service's port is a local server's.
    /// The service names stay, so nginx really resolves `<service>.shop-prod.svc.cluster.local` per request.
    @Test(.enabled(if: ExternalTool.usable("nginx"), ExternalTool.skipNote("nginx")),
          .enabled(if: ExternalTool.usable("openssl"), ExternalTool.skipNote("openssl")),
          .enabled(if: ExternalTool.usable("python3"), ExternalTool.skipNote("python3")))
    func shopProdWithTLSAndCanary() throws {
        let ports = try NginxHarness.freePorts(8)
        let dns = try NginxHarness.freePort(udp: true)
        let names = ["order-service", "inventory-service", "payment-service"]
        var backends: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            backends[name] = ports[2 + index * 2]
            backends["\(name)-canary"] = ports[3 + index * 2]
        }
        var system = System.shop.description
        let here = SourceLocation(fileID: "Tests/NginxTrafficTests.swift", line: #line)
        system.gateway.listen = ListenDescription(address: "127.0.0.1", httpPort: ports[0], httpsPort: ports[1])
        system.gateway.resolver = "127.0.0.1:\(dns)"
        system.gateway.upstreamAddresses = backends.keys.sorted().map { name in
            let canary = name.hasSuffix("-canary")
            return UpstreamAddressDescription(
                service: canary ? String(name.dropLast(7)) : name, canary: canary, host: nil, port: backends[name],
                location: here)
        }
        try drive(system, environment: "prod", backends: backends, dnsPort: dns, spec: [
            "routes": [
                ["method": "POST", "path": "/api/orders", "service": "order-service", "upstream_path": "/api/orders"],
                ["method": "GET", "path": "/api/orders/42?expand=items", "service": "order-service",
                 "upstream_path": "/api/orders/42?expand=items"],
                ["method": "GET", "path": "/api/inventory/items/7?q=a%20b", "service": "inventory-service",
                 "upstream_path": "/api/inventory/items/7?q=a%20b"],
                ["method": "POST", "path": "/api/payments", "service": "payment-service", "upstream_path": "/api/payments"],
            ],
            "not_routed": [["/api/orders-admin", "order-service"], ["/api/paymentsx/1", "payment-service"]],
            "private_paths": [["/readyz", "order-service"], ["/metrics", "order-service"]],
            "static": ["path": "/static/app.css", "missing": "/static/missing.css", "max_age": 604800],
            "body_limit": ["path": "/api/payments", "bytes": 256 * 1024],
            "rate_limit": ["path": "/api/payments", "rate": 5, "burst": 10, "service": "payment-service"],
            "canary": [
                "share": 10.0, "path": "/api/orders/1", "service": "order-service", "requests": 1000, "cookie": "shop_uid",
                // payment-service has no canary in prod (NoCanary): a canary client's payments go to stable.
                "all_paths": [["/api/orders/1", "order-service"], ["/api/inventory/1", "inventory-service"],
                              ["/api/payments/1", "payment-service", "stable"]],
            ],
            "canary_fallback": [
                "service": "order-service", "get_path": "/api/orders/1", "post_path": "/api/orders",
                "requests": 200, "cookie": "shop_uid", "max_age": 86_400, "mode": "named",
            ],
            "keepalive": false,
            // the exact route takes only POST; it and the prefix route share one budget (burst 40 at 20 r/s)
            "methods": ["path": "/api/orders", "refused": "GET", "allowed": "POST", "allow": "POST",
                        "service": "order-service"],
            "shared_budget": ["requests": [["GET", "/api/orders/1"], ["POST", "/api/orders"]], "rate": 20, "burst": 40],
        ], expectedChecks: 47, label: "shop prod (TLS, canary 10 %, names resolved per request)")
    }

    /// The repository's storefront in prod, as rendered into Output/ (loopback ports and a fake DNS, as for the
    /// shop): the web frontend's own Content-Security-Policy (Role("frontend"), Route("/")) reaches the client,
    /// the catalog API's responses carry the gateway's strict one.
    @Test(.enabled(if: ExternalTool.usable("nginx"), ExternalTool.skipNote("nginx")),
          .enabled(if: ExternalTool.usable("openssl"), ExternalTool.skipNote("openssl")),
          .enabled(if: ExternalTool.usable("python3"), ExternalTool.skipNote("python3")))
    func storefrontProdPassesTheFrontendsOwnCSP() throws {
        let ports = try NginxHarness.freePorts(4)
        let dns = try NginxHarness.freePort(udp: true)
        let backends = ["web": ports[2], "catalog": ports[3]]
        var system = System.storefront.description
        let here = SourceLocation(fileID: "Tests/NginxTrafficTests.swift", line: #line)
        system.gateway.listen = ListenDescription(address: "127.0.0.1", httpPort: ports[0], httpsPort: ports[1])
        system.gateway.resolver = "127.0.0.1:\(dns)"
        system.gateway.upstreamAddresses = backends.keys.sorted().map { name in
            UpstreamAddressDescription(service: name, canary: false, host: nil, port: backends[name], location: here)
        }
        let strict = GatewayDescription.apiContentSecurityPolicy
        try drive(system, environment: "prod", backends: backends, dnsPort: dns, spec: [
            "routes": [
                ["method": "GET", "path": "/api/catalog/items/7", "service": "catalog",
                 "upstream_path": "/api/catalog/items/7"],
                ["method": "POST", "path": "/cart", "service": "web", "upstream_path": "/cart"],
                ["method": "GET", "path": "/products/7?size=m", "service": "web", "upstream_path": "/products/7?size=m"],
            ],
            "not_routed": [],
            "private_paths": [["/readyz", "web"], ["/startupz", "web"], ["/metrics", "web"]],
            "serves_root": true,
            "body_limit": ["path": "/api/catalog", "bytes": 1024 * 1024],
            "keepalive": false,
            "canary": NSNull(),
            "csp": [
                ["path": "/products/7", "service": "web", "policy": "application", "what": "the web frontend's own"],
                ["path": "/", "service": "web", "policy": "application", "what": "the web frontend's own"],
                ["path": "/api/catalog/items/7", "service": "catalog", "policy": strict, "what": "the gateway's strict"],
            ],
        ], expectedChecks: 27, label: "storefront prod (TLS, names resolved per request, the frontend's own CSP)")
    }

    /// Every kind of route through one gateway (upstream blocks with keepalive, TLS): a frontend's own
    /// Content-Security-Policy reaches the client while the API keeps the gateway's, a page's own policy, a
    /// POST-only route (405 with Allow) sharing its path's budget, a WebSocket echo, and server-sent events that
    /// arrive as they are sent, and a gRPC call through grpc_pass (a grpcio server and client).
    @Test(.enabled(if: ExternalTool.usable("nginx"), ExternalTool.skipNote("nginx")),
          .enabled(if: ExternalTool.usable("openssl"), ExternalTool.skipNote("openssl")),
          .enabled(if: ExternalTool.usable("python3"), ExternalTool.skipNote("python3")))
    func routeKindsThroughTheGateway() throws {
        let ports = try NginxHarness.freePorts(6)
        let backends = ["orders": ports[2], "pages": ports[3], "live": ports[4], "cart": ports[5]]
        var system = NginxBlueprints.atLoopback(NginxBlueprints.routeKinds(), ports: backends)
        system.gateway.listen = ListenDescription(address: "127.0.0.1", httpPort: ports[0], httpsPort: ports[1])
        let strict = GatewayDescription.apiContentSecurityPolicy
        try drive(system, environment: "qa", backends: backends, dnsPort: nil, spec: [
            "routes": [
                ["method": "GET", "path": "/orders/7", "service": "orders", "upstream_path": "/orders/7"],
                ["method": "POST", "path": "/orders", "service": "orders", "upstream_path": "/orders"],
                ["method": "GET", "path": "/pages/cart", "service": "pages", "upstream_path": "/pages/cart"],
            ],
            "not_routed": [["/orders-admin", "orders"]],
            "private_paths": [],
            "body_limit": ["path": "/orders", "bytes": 1024 * 1024],
            "rate_limit": ["path": "/orders/items", "rate": 5, "burst": 8, "service": "orders"],
            "keepalive": true,
            "keepalive_path": "/pages/keepalive",
            "canary": NSNull(),
            "csp": [
                ["path": "/pages/cart", "service": "pages", "policy": "application", "what": "the frontend's own"],
                ["path": "/pages/about", "service": "pages", "policy": "default-src 'self'; img-src 'self' data:",
                 "what": "the route's own"],
                ["path": "/orders/7", "service": "orders", "policy": strict, "what": "the gateway's strict"],
            ],
            "csp_none": [["path": "/pages/plain?nocsp=1"]],
            "methods": ["path": "/orders", "refused": "GET", "allowed": "POST", "allow": "POST", "service": "orders"],
            "shared_budget": ["requests": [["GET", "/orders/1"], ["POST", "/orders"]], "rate": 5, "burst": 8],
            "websocket": ["path": "/live/socket", "service": "live"],
            "events": ["path": "/live/events", "service": "live"],
            // a gRPC server (grpcio, from .venv-tools) on the cart's port, called through the TLS server
            "grpc": ["path": "/hipstershop.CartService/Echo", "service": "cart"],
        ], expectedChecks: 37, label: "route kinds qa (TLS, upstream blocks, CSP, methods, WebSocket, SSE, gRPC)")
    }

    /// Upstream blocks (keepalive, least_conn, max_fails) on plain HTTP, with rewrites and a 25 % canary, behind load
    /// balancers on 127.0.0.0/8 (RealIP); the upstream addresses are 127.0.0.1 in the model, so nginx resolves
    /// nothing.
    @Test(.enabled(if: ExternalTool.usable("nginx"), ExternalTool.skipNote("nginx")),
          .enabled(if: ExternalTool.usable("python3"), ExternalTool.skipNote("python3")))
    func upstreamBlocksWithRewritesAndCanary() throws {
        let ports = try NginxHarness.freePorts(6)
        let backends = ["catalog": ports[2], "catalog-canary": ports[3], "cart": ports[4], "cart-canary": ports[5]]
        let system = System("store", fileID: "Tests/NginxTrafficTests.swift", line: #line) { SourceRepository("https://git.example.com/store", license: "Apache-2.0")
            Defaults { ImageTag("2.0.0") }
            Deploy(to: "qa") {
                Host("qa.store.example.com")
                Canary(.percent(25))
            }
            Gateway {
                Upstreams(.upstreamBlocks, keepalive: 8)
                LoadBalancing(.leastConnections)
                Listen(address: "127.0.0.1", http: ports[0], https: ports[1])
                ReferrerPolicy(.strictOrigin)
                RealIP(trusted: ["127.0.0.0/8"])
                RouteDefaults(rateLimit: .perSecond(50, burst: 100))
                for (name, port) in backends.sorted(by: { $0.key < $1.key }) {
                    UpstreamAddress(
                        for: name.replacingOccurrences(of: "-canary", with: ""), canary: name.hasSuffix("-canary"),
                        host: "127.0.0.1", port: port)
                }
            }
            Service("catalog") {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                Route("/catalog/", rewrite: "/")
                Route("/catalog", match: .exact, rewrite: "/index")
            }
            Service("cart") {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                Route("/cart", maxBodySize: .kibibytes(8), rateLimit: .perSecond(2, burst: 5))
            }
        }.description
        try drive(system, environment: "qa", backends: backends, dnsPort: nil, spec: [
            "routes": [
                ["method": "GET", "path": "/catalog/items/7?q=a%20b", "service": "catalog",
                 "upstream_path": "/items/7?q=a%20b"],
                ["method": "GET", "path": "/catalog", "service": "catalog", "upstream_path": "/index"],
                ["method": "POST", "path": "/cart", "service": "cart", "upstream_path": "/cart"],
                ["method": "GET", "path": "/cart/items/3", "service": "cart", "upstream_path": "/cart/items/3"],
            ],
            "not_routed": [["/cart-admin", "cart"]],
            "private_paths": [["/catalog/healthz", "catalog"], ["/catalog/readyz", "catalog"],
                              ["/catalog/metrics", "catalog"], ["/catalog/healthz/", "catalog"], ["/catalog/ReadyZ", "catalog"]],
            "body_limit": ["path": "/cart", "bytes": 8 * 1024],
            "rate_limit": ["path": "/cart/items", "rate": 2, "burst": 5, "service": "cart"],
            "canary": [
                "share": 25.0, "path": "/catalog/1", "service": "catalog", "requests": 1000, "cookie": "store_uid",
                "all_paths": [["/catalog/1", "catalog"], ["/cart/1", "cart"]],
            ],
            "canary_fallback": [
                "service": "catalog", "get_path": "/catalog/items/1", "post_path": "/catalog/items",
                "requests": 200, "cookie": "store_uid", "max_age": 86_400, "mode": "backup",
            ],
            "keepalive": true,
            "real_ip": true,
        ], expectedChecks: 34, label: "store qa (upstream blocks, HTTP, canary 25 %, rewrites)")
    }
}
