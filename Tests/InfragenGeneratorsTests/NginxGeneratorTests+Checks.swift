import InfragenExampleBlueprints
import Foundation
import Infragen
import InfragenRender
import InfragenTestSupport
import Testing

@testable import InfragenGenerators

/// The Nginx generator's routing and validation: HTTPS redirects, prefix matching and shadowing, private health and
/// metrics paths, real IP, workers and logs, located problems, hostile values and safe identifiers.
extension NginxGeneratorTests {
    /// HTTP moves to HTTPS with 308, which keeps the method and body: a 301 lets clients turn a POST into a GET.
    @Test func httpMovesToHTTPSWith308() throws {
        let text = try Self.files(System.shop.description)["shop/prod/nginx/shop.conf"] ?? ""
        #expect(text.contains("return 308 https://shop.example.com$request_uri;"))
        #expect(!text.contains("return 301"))
    }

    /// A prefix route matches whole path segments: `= /p` and `/p/`, each left out where a route declares it.
    @Test func prefixRoutesMatchWholePathSegments() throws {
        let system = System("seg") { SourceRepository("https://git.example.com/seg", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .prod) { Host("seg.example.com") }
            Service("api") {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                Route("/api/orders")
                Route("/api/items")
                Route("/api/items", match: .exact)
                Route("/api/users")
                Route("/api/users/", timeout: .seconds(5))
                Route("/web/")
            }
        }.description
        let text = try Self.files(system)["seg/prod/nginx/seg.conf"] ?? ""
        let locations = text.split(separator: "\n").filter { $0.hasPrefix("    location ") }.map { String($0.dropFirst(4)) }
        #expect(locations == [
            "location = /healthz {", "location / {",  // the catch-all server
            "location = /healthz {", "location = /api/orders {", "location /api/orders/ {", "location /api/items/ {",
            "location = /api/items {", "location = /api/users {", "location /api/users/ {", "location /web/ {",
            "location / {",
        ])
        #expect(text.contains("# Whole path segments: /api/orders and /api/orders/… (never /api/orders-admin)."))
    }

    /// A prefix route whose two locations are both declared by other routes would never receive a request.
    @Test func aPrefixRouteShadowedOnBothSidesIsRefused() throws {
        let file = "Blueprints/Both.swift"
        let system = System("both", fileID: file, line: 1) { SourceRepository("https://git.example.com/both", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .prod) { Host("both.example.com") }
            Service("api", fileID: file, line: 4) {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                Route("/x", fileID: file, line: 7)
                Route("/x", match: .exact, fileID: file, line: 8)
                Route("/x/", fileID: file, line: 9)
            }
        }.description
        #expect(RenderPipeline().validate([system]).map(\.description) == [
            "Blueprints/Both.swift:7: error: both/api: routes[/x]: the routes '= /x' and '/x/' take every request the prefix route '/x' matches; remove the prefix route '/x'",
        ])
    }

    /// The services' probe and metrics paths, as a request through each of its routes would reach them (after a
    /// rewrite), answer 404 at the gateway: in any case and with a final `/`, ahead of every prefix.
    @Test func healthAndMetricsPathsAreNotReachableThroughTheGateway() throws {
        let system = System("web") { SourceRepository("https://git.example.com/web", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .prod) { Host("web.example.com") }
            Service("site") {
                Port("http", 8080)
                Health(liveness: "/livez", readiness: "/readyz", startup: "/startupz")
                Route("/")
            }
            Service("api") {
                Port("http", 8080)
                Port("metrics", 9090)
                Metrics(port: "metrics")
                Health(liveness: "/healthz", readiness: "/v1/ready")
                Route("/api/", rewrite: "/")
                Route("/v2", rewrite: "/v1")
            }
        }.description
        let text = try Self.files(system)["web/prod/nginx/web.conf"] ?? ""
        let blocked = text.split(separator: "\n").filter { $0.contains("location ~*") }.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(blocked == [
            "location ~* \"^/livez/?$\" {", "location ~* \"^/readyz/?$\" {", "location ~* \"^/startupz/?$\" {",
            "location ~* \"^/metrics/?$\" {",  // the metrics on the first port
            "location ~* \"^/api/healthz/?$\" {", "location ~* \"^/api/v1/ready/?$\" {", "location ~* \"^/api/metrics/?$\" {",
            "location ~* \"^/v2/ready/?$\" {",
        ])
        #expect(text.contains("location ~* \"^/livez/?$\" {\n        return 404;\n    }"))
    }

    /// A route whose own location sends a request to a probe or metrics path is refused.
    @Test func aRouteToAHealthPathIsRefused() throws {
        let file = "Blueprints/Probe.swift"
        let system = System("probe", fileID: file, line: 1) { SourceRepository("https://git.example.com/probe", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .prod) { Host("probe.example.com") }
            Service("api", fileID: file, line: 4) {
                Port("http", 8080)
                Health(liveness: "/livez", readiness: "/readyz")
                Route("/readyz", match: .exact, fileID: file, line: 7)
                Route("/livez", fileID: file, line: 8)
                Route("/ready", match: .exact, rewrite: "/readyz", fileID: file, line: 9)
            }
        }.description
        #expect(RenderPipeline().validate([system]).map(\.description) == [
            "Blueprints/Probe.swift:7: error: probe/api: routes[/readyz]: the route sends /readyz to '/readyz', a health check or metrics path of its service, which the gateway keeps private; route another path, or move the check or the metrics to a path no route reaches",
            "Blueprints/Probe.swift:8: error: probe/api: routes[/livez]: the route sends /livez to '/livez', a health check or metrics path of its service, which the gateway keeps private; route another path, or move the check or the metrics to a path no route reaches",
            "Blueprints/Probe.swift:9: error: probe/api: routes[/ready]: the route sends /ready to '/readyz', a health check or metrics path of its service, which the gateway keeps private; route another path, or move the check or the metrics to a path no route reaches",
        ])
    }

    /// Without RealIP the edge replaces X-Forwarded-For and X-Request-ID and says so; with it, realip is configured
    /// and a trusted peer's chain and request id are passed on.
    @Test func realIPDecidesTheForwardedHeaders() throws {
        let plain = try Self.files(System.shop.description)["shop/prod/nginx/shop.conf"] ?? ""
        #expect(plain.contains("# Client address: RealIP is not set, so $remote_addr"))
        #expect(!plain.contains("set_real_ip_from") && !plain.contains("proxy_add_x_forwarded_for"))
        let text = try Self.files(NginxBlueprints.variants())["store/prod/nginx/store.conf"] ?? ""
        for line in ["set_real_ip_from 10.0.0.0/8;", "set_real_ip_from fd00::/8;", "real_ip_header X-Forwarded-For;",
                     "real_ip_recursive on;", "geo $realip_remote_addr $store_trusted_peer {",
                     "    default \"$http_x_forwarded_for, $realip_remote_addr\";",
                     "proxy_set_header X-Forwarded-For $store_forwarded_for;",
                     "proxy_set_header X-Request-ID $store_request_id;", "'\"request_id\":\"$store_request_id\",'"] {
            #expect(text.contains(line), "\(line)")
        }
    }

    @Test func realIPValuesAreChecked() {
        let file = "Blueprints/RealIP.swift"
        let system = System("rip", fileID: file, line: 1) { SourceRepository("https://git.example.com/rip", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .prod) { Host("rip.example.com") }
            Gateway { RealIP(trusted: ["10.0.0.0/33", "lb.example.com"], header: "X Forwarded", fileID: file, line: 5) }
            Service("api") {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                Route("/api")
            }
        }.description
        #expect(RenderPipeline().validate([system]).map(\.description) == [
            "Blueprints/RealIP.swift:5: error: rip: gateway.realIP.header: 'X Forwarded' is not a request header name; use letters, digits and '-', e.g. X-Forwarded-For",
            "Blueprints/RealIP.swift:5: error: rip: gateway.realIP.trusted: '10.0.0.0/33' is not an IP address or CIDR range; write an address such as 10.0.0.7 or a range such as 10.0.0.0/8 or fd00::/8",
            "Blueprints/RealIP.swift:5: error: rip: gateway.realIP.trusted: 'lb.example.com' is not an IP address or CIDR range; write an address such as 10.0.0.7 or a range such as 10.0.0.0/8 or fd00::/8",
        ])
    }

    /// Logs go to stdout and stderr (a container's log collector rotates them); workers follow the gateway's CPU.
    @Test func logsGoToStdoutAndWorkersFollowTheCPULimit() throws {
        let shop = try Self.files(System.shop.description)["shop/prod/nginx/nginx.conf"] ?? ""
        for line in ["worker_processes 1;", "error_log stderr warn;", "    access_log /dev/stdout shop_json;"] {
            #expect(shop.contains(line + "\n"), "\(line)")
        }
        #expect(!shop.contains("logs/") && !shop.contains("worker_processes auto"))
        let store = try Self.files(NginxBlueprints.variants())["store/prod/nginx/nginx.conf"] ?? ""
        #expect(store.contains("worker_processes 2;\n"))
    }

    @Test func noFilesWithoutRoutes() throws {
        let system = System("quiet") { SourceRepository("https://git.example.com/quiet", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .dev)
            Service("worker") { Port("http", 8080); Health(liveness: "/healthz", readiness: "/readyz") }
        }.description
        #expect(try Self.files(system).isEmpty)
    }

    /// The checks only the Nginx generator makes, word for word.
    @Test func nginxSpecificProblemsAreLocated() {
        let file = "Blueprints/Bad.swift"
        let system = System("bad", fileID: file, line: 1) { SourceRepository("https://git.example.com/bad", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .prod, fileID: file, line: 3) {
                Host("*.bad.example.com", fileID: file, line: 4)
                Canary(.percent(10.555), fileID: file, line: 5)
            }
            Gateway(fileID: file, line: 7) {
                NginxVersion("1.18.0", fileID: file, line: 8)
                OpenSSLVersion("1.1.0l", fileID: file, line: 9)
                LoadBalancing(.ipHash, fileID: file, line: 10)
                StaticFiles(at: "/static/", from: "html", fileID: file, line: 11)
            }
            Service("api", fileID: file, line: 13) {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                Port("dns", 5353, transport: .udp)
                Route("/api/a:b", fileID: file, line: 16)
                Route("/healthz", match: .exact, fileID: file, line: 17)
                Route("/static/", fileID: file, line: 18)
                Route("/dns", port: "dns", rewrite: "/a//b", fileID: file, line: 19)
            }
            Service(String(repeating: "s", count: 57), fileID: file, line: 21) {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                Route("/s", fileID: file, line: 23)
            }
        }.description
        let messages = RenderPipeline().validate([system]).map(\.description)
        #expect(messages == [
            "Blueprints/Bad.swift:4: error: bad/prod: host: the gateway needs one host name, not the wildcard '*.bad.example.com'; name the host the gateway serves and redirects to, e.g. shop.example.com",
            "Blueprints/Bad.swift:5: error: bad/prod: canary: nginx splits traffic in steps of 0.01 %, and the canary share 10.555 % is finer; round it to at most two decimals, e.g. .percent(2.5)",
            "Blueprints/Bad.swift:5: error: bad/prod/sssssssssssssssssssssssssssssssssssssssssssssssssssssssss: canary: the canary Service 'sssssssssssssssssssssssssssssssssssssssssssssssssssssssss-canary' would be longer than 63 characters; shorten the service name to at most 56 characters",
            "Blueprints/Bad.swift:8: error: bad: gateway.nginxVersion: nginx 1.18.0 is older than 1.19.4, the oldest the gateway supports; target a newer nginx (Debian 12 ships 1.22.1)",
            "Blueprints/Bad.swift:9: error: bad: gateway.opensslVersion: OpenSSL 1.1.0l is older than 1.1.1, which TLS 1.3 needs; target nginx built with OpenSSL 1.1.1 or newer",
            "Blueprints/Bad.swift:10: warning: bad: gateway.loadBalancing: ip_hash has no effect: names are resolved per request, without upstream blocks; add Upstreams(.upstreamBlocks) to use it, or remove LoadBalancing (kube-proxy spreads connections behind a ClusterIP) [Acknowledge(.loadBalancingWithoutUpstreams, because: …)]",
            "Blueprints/Bad.swift:16: error: bad/api: routes[/api/a:b]: nginx cannot match route path '/api/a:b' literally; use letters, digits, '.', '_', '~', '-' and '/' only, with no '%', '//' or '.' segments",
            "Blueprints/Bad.swift:17: error: bad/api: routes[/healthz]: the gateway's own location '= /healthz' answers /healthz itself, so the route never receives that request; use another path, e.g. /api/healthz",
            "Blueprints/Bad.swift:18: error: bad/api: routes[/static/]: the route and the gateway's static files both use location /static/; move the static files or the route to another path",
            "Blueprints/Bad.swift:19: error: bad/api: routes[/dns]: the route goes to UDP port 'dns', which nginx cannot proxy as HTTP; route to a TCP port",
            "Blueprints/Bad.swift:19: error: bad/api: routes[/dns].rewrite: nginx cannot send rewrite target '/a//b' as is; use letters, digits, '.', '_', '~', '-' and '/' only, with no '%', '//' or '.' segments",
        ])
    }

    /// The gateway answers its own exact locations (`= /healthz`) before any route: a route on such a path, exact or
    /// prefix, never sees that request, so it is refused at the route, naming the gateway's location.
    @Test func aRouteTheGatewaysOwnLocationShadowsIsRefused() throws {
        let file = "Blueprints/Shadowed.swift"
        let system = System("shadow", fileID: file, line: 1) { SourceRepository("https://git.example.com/shadow", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .prod) { Host("shadow.example.com") }
            Service("api", fileID: file, line: 4) {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                Route("/healthz", fileID: file, line: 7)
                Route("/healthz/deep", fileID: file, line: 8)
                Route("/health", match: .exact, fileID: file, line: 9)
            }
        }.description
        let result = try RenderPipeline().render([system])
        #expect(result.plan == nil)
        #expect(result.diagnostics.map(\.description) == [
            "Blueprints/Shadowed.swift:7: error: shadow/api: routes[/healthz]: the gateway's own location '= /healthz' answers /healthz itself, so the route never receives that request; use another path, e.g. /api/healthz",
        ])
    }

    /// The hostile values: each is a located error, and nothing is rendered.
    @Test func hostileValuesAreLocatedErrorsAndNoFileIsWritten() throws {
        let file = "Blueprints/Hostile.swift"
        let system = System("evil", fileID: file, line: 1) { SourceRepository("https://git.example.com/evil", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .prod, fileID: file, line: 3) { Host("shop example.com", fileID: file, line: 3); TLS() }
            Gateway(fileID: file, line: 4) {
                ContentSecurityPolicy("default-src 'self'\r\nSet-Cookie: session=stolen", fileID: file, line: 5)
                Resolver("10.96.0.10; include /etc/passwd", fileID: file, line: 6)
                StaticFiles(at: "/static/ { return 200; }", from: "../etc", fileID: file, line: 7)
            }
            Service("api", fileID: file, line: 9) {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                Route("/api;rm -rf", fileID: file, line: 11)
            }
        }.description
        let result = try RenderPipeline().render([system])
        #expect(result.plan == nil)
        #expect(result.diagnostics.map(\.description) == [
            "Blueprints/Hostile.swift:3: error: evil/prod: host: 'shop example.com' is not a host name; write a DNS name such as shop.example.com, without scheme, port or path",
            "Blueprints/Hostile.swift:5: error: evil: gateway.contentSecurityPolicy: the Content-Security-Policy holds a control character, a non-ASCII character, '\\', '$' or '\"'; write the policy on one line in printable ASCII, quoting sources with ' (nginx would read '$' as a variable)",
            "Blueprints/Hostile.swift:6: error: evil: gateway.resolver: '10.96.0.10; include /etc/passwd' is not an IP address; nginx resolves a name here once at start-up and fails without it; give the cluster DNS Service IP, e.g. 10.96.0.10 (kubectl -n kube-system get svc kube-dns), optionally with :port",
            "Blueprints/Hostile.swift:7: error: evil: gateway.staticRoot.directory: '../etc' is not a relative directory; give a folder relative to nginx's prefix, such as html, using letters, digits, '.', '_', '-' and '/' and no '..'",
            "Blueprints/Hostile.swift:7: error: evil: gateway.staticRoot.urlPrefix: '/static/ { return 200; }' is not a URL prefix for static files; start and end it with '/' and use letters, digits, '.', '_', '~', '-' and '/', e.g. /static/",
            "Blueprints/Hostile.swift:11: error: evil/api: routes[/api;rm -rf]: route path '/api;rm -rf' is not a URL path; start it with '/' and use no spaces, quotes, '#', '?', ';', '$' or braces",
        ])
    }

    /// A value that slips past validation still cannot reach a file: the printer throws.
    @Test func thePrinterStopsWhatValidationMissed() throws {
        var system = NginxBlueprints.variants().resolve()
        system.gateway.contentSecurityPolicy = "default-src 'self'\nX-Injected: 1"
        #expect(throws: NginxPrinter.Refused.self) { try NginxGenerator().generate(system) }
    }

    @Test func identifiersAreSafeNames() {
        #expect(NginxGateway.identifier("/api/orders") == "api_orders")
        #expect(NginxGateway.identifier("order-service") == "order_service")
        #expect(NginxGateway.identifier("/") == "root")
        #expect(NginxGateway.identifier("/API/v1.2/~x/") == "api_v1_2_x")
        #expect(NginxGateway.identifier("3d-shop") == "n3d_shop")
    }
}
