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

/// The Nginx generator: golden files, the layout, and the checks only it knows about.
@Suite struct NginxGeneratorTests {
    static func files(_ system: SystemDescription) throws -> [String: String] {
        try renderInMemory([system], selection: RenderSelection(kinds: [.nginx]))
    }

    /// `shop/prod/nginx/shop.conf` → `nginx/<system>/prod/shop.conf`.
    static func goldenName(_ path: String, system: String) -> String {
        let parts = path.split(separator: "/")
        return "nginx/\(system)/\(parts[1])/\(parts[3])"
    }

    @Test func shopMatchesTheGoldenFiles() throws {
        let files = try Self.files(System.shop.description)
        #expect(files.keys.sorted() == ["dev", "prod", "staging"].flatMap { env in
            ["shop/\(env)/nginx/nginx.conf", "shop/\(env)/nginx/shop.conf"]
        })
        for (path, text) in files {
            assertGolden(text, Self.goldenName(path, system: "shop"))
        }
    }

    @Test func variantsMatchTheGoldenFiles() throws {
        for (name, system) in [("1.22", NginxBlueprints.variants()),
                               ("1.27", NginxBlueprints.variants(nginx: "1.27.3", openssl: "3.5.1"))] {
            for (path, text) in try Self.files(system) {
                assertGolden(text, Self.goldenName(path, system: "store-\(name)"))
            }
        }
    }

    @Test func routeKindsMatchTheGoldenFiles() throws {
        for (path, text) in try Self.files(NginxBlueprints.routeKinds()) {
            assertGolden(text, Self.goldenName(path, system: "kinds"))
        }
    }

    /// API routes keep the gateway's strict policy; a frontend's own passes through, a route's own policy is its own;
    /// every add_header stays at the http level, the choice is a variable each server sets first.
    @Test func contentSecurityPolicyFollowsTheRoute() throws {
        let text = try Self.files(NginxBlueprints.routeKinds())["kinds/qa/nginx/kinds.conf"] ?? ""
        #expect(text.contains("add_header Content-Security-Policy $kinds_csp always;"))
        #expect(text.contains("    application $upstream_http_content_security_policy;"))
        #expect(text.contains("    policy_1 \"default-src 'self'; img-src 'self' data:\";"))
        #expect(text.components(separatedBy: "    set $kinds_csp_source gateway;\n").count - 1 == 4)
        let pages = text.components(separatedBy: "    location /pages/ {").last ?? ""
        #expect(pages.prefix(200).contains("set $kinds_csp_source application;"))
        let about = text.components(separatedBy: "    location = /pages/about {").last ?? ""
        #expect(about.prefix(200).contains("set $kinds_csp_source policy_1;"))
        let orders = text.components(separatedBy: "    location /orders/ {").last ?? ""
        #expect(!orders.prefix(400).contains("csp_source"))
        // without such a route the header stays a plain add_header
        let shop = try Self.files(System.shop.description)["shop/prod/nginx/shop.conf"] ?? ""
        #expect(shop.contains("add_header Content-Security-Policy \"default-src 'none'; frame-ancestors 'none'; base-uri 'none'\" always;"))
        #expect(!shop.contains("csp_source"))
        let storefront = try Self.files(System.storefront.description)["storefront/prod/nginx/storefront.conf"] ?? ""
        let root = storefront.components(separatedBy: "    location / {").last ?? ""
        #expect(root.prefix(200).contains("set $storefront_csp_source application;"))
    }

    /// The shop's POST-only exact route answers other methods 405 with Allow, before limit_req, and shares the prefix
    /// route's zone: one budget for the path.
    @Test func methodRestrictedRoutesAnswer405AndShareOneBudget() throws {
        let text = try Self.files(System.shop.description)["shop/prod/nginx/shop.conf"] ?? ""
        #expect(text.contains("map $status $shop_allow {\n    default \"\";\n    405 $shop_route_methods;\n}\nadd_header Allow $shop_allow always;"))
        let exact = text.components(separatedBy: "    location = /api/orders {\n").last ?? ""
        #expect(exact.hasPrefix("""
                    # POST only: other methods get 405 with Allow, before limit_req (no budget spent).
                    set $shop_route_methods "POST";
                    if ( $request_method !~ "^(POST)$" ) {
                        return 405;
                    }
                    limit_req zone=shop_api_orders burst=40 nodelay;
            """))
        // the two locations, and the canary's and the stable fallback's named locations of the prefix route (the
        // POST-only route has none: nothing of it is sent twice); a request is counted once, in the first of them
        #expect(text.components(separatedBy: "limit_req zone=shop_api_orders burst=40 nodelay;").count - 1 == 4)
        #expect(text.components(separatedBy: "zone=shop_api_orders:10m").count - 1 == 1)
        #expect(text.components(separatedBy: "    set $shop_route_methods \"\";\n").count - 1 == 4)
        // GET includes HEAD
        let kinds = try Self.files(NginxBlueprints.routeKinds())["kinds/qa/nginx/kinds.conf"] ?? ""
        #expect(kinds.contains("zone=kinds_orders:10m rate=5r/s"))
        #expect(!kinds.contains("kinds_orders_2"))
    }

    /// WebSocket: Upgrade and Connection through the http-level map; server-sent events unbuffered; both with the
    /// long idle timeout; every other route keeps an empty Connection (upstream keepalive).
    @Test func streamRoutesUpgradeOrStreamUnbuffered() throws {
        let text = try Self.files(NginxBlueprints.routeKinds())["kinds/qa/nginx/kinds.conf"] ?? ""
        #expect(text.contains("map x$http_upgrade $kinds_connection_upgrade {\n    default upgrade;\n    x close;\n}"))
        let socket = text.components(separatedBy: "    location /live/socket/ {").last ?? ""
        let socketBlock = socket.prefix { $0 != "}" }
        #expect(socketBlock.contains("proxy_read_timeout 1h;") || socketBlock.contains("proxy_read_timeout 3600s;"))
        #expect(socketBlock.contains("proxy_set_header Upgrade $http_upgrade;"))
        #expect(socketBlock.contains("proxy_set_header Connection $kinds_connection_upgrade;"))
        let events = text.components(separatedBy: "    location /live/events/ {").last ?? ""
        let eventsBlock = events.prefix { $0 != "}" }
        #expect(eventsBlock.contains("proxy_buffering off;") && eventsBlock.contains("proxy_read_timeout 600s;"))
        #expect(eventsBlock.contains("proxy_set_header Connection \"\";"))
        let orders = text.components(separatedBy: "    location /orders/ {").last ?? ""
        #expect(orders.prefix { $0 != "}" }.contains("proxy_set_header Connection \"\";"))
        #expect(text.contains("keepalive 8;"))
    }

    /// A route to a gRPC port: grpc_pass to a grpc:// upstream, grpc timeouts and headers, the gateway's headers
    /// hidden from gRPC responses too.
    @Test func grpcRoutesUseGrpcPass() throws {
        let text = try Self.files(NginxBlueprints.routeKinds())["kinds/qa/nginx/kinds.conf"] ?? ""
        let cart = text.components(separatedBy: "    location /hipstershop.CartService/ {").last ?? ""
        let block = String(cart.prefix { $0 != "}" })
        for line in ["grpc_connect_timeout 2s;", "grpc_read_timeout 30s;", "grpc_send_timeout 30s;",
                     "grpc_set_header X-Real-IP $remote_addr;", "grpc_set_header X-Forwarded-For $remote_addr;",
                     "grpc_set_header X-Request-ID $request_id;", "grpc_pass grpc://kinds_cart;"] {
            #expect(block.contains(line), "\(line)")
        }
        #expect(!block.contains("proxy_"))
        #expect(text.contains("grpc_hide_header Content-Security-Policy;"))
        // resolved per request: the variable holds a grpc:// URL with its port
        var perRequest = NginxBlueprints.routeKinds()
        perRequest.gateway.upstreamMode = .resolvePerRequest
        let resolved = try Self.files(perRequest)["kinds/qa/nginx/kinds.conf"] ?? ""
        #expect(resolved.contains("set $kinds_cart_backend \"grpc://cart.kinds-qa.svc.cluster.local:7070\";"))
        #expect(resolved.contains("grpc_pass $kinds_cart_backend;"))
        // with a canary, the side names grpc:// upstreams (the canary's with the stable one as backup); a gRPC call
        // is a POST, so its route has no fallback of its own
        var canary = NginxBlueprints.routeKinds()
        canary.environments[0].canary = Setting(.percent(10), at: SourceLocation(fileID: "Blueprints/Kinds.swift", line: 1))
        let split = try Self.files(canary)["kinds/qa/nginx/kinds.conf"] ?? ""
        #expect(split.contains(
            "map $kinds_canary $kinds_cart_backend {\n    default \"grpc://kinds_cart\";\n    canary \"grpc://kinds_cart_canary\";\n}"))
        #expect(split.contains("grpc_pass $kinds_cart_backend;"))
    }

    /// What the route words refuse, each at its route: gRPC without TLS, methods on gRPC, a WebSocket without GET,
    /// an empty method list, an empty own policy.
    @Test func routeKindProblemsAreLocated() {
        let file = "Blueprints/Kinds.swift"
        func system(@ListBuilder<any ServiceComponent> _ body: () -> [any ServiceComponent]) -> SystemDescription {
            System("kinds", fileID: file, line: 1) { SourceRepository("https://git.example.com/kinds", license: "Apache-2.0")
                Defaults { ImageTag("1.0.0") }
                Deploy(to: "qa", fileID: file, line: 3) { Host("qa.kinds.example.com") }
                Service("cart", fileID: file, line: 4, body)
            }.description
        }
        // what the model refuses (the Nginx generator's checks run only on a valid model)
        let model = system {
            Port("http", 8080)
            Health(liveness: "/healthz", readiness: "/readyz")
            Route("/ws", methods: [.post], protocol: .webSocket, fileID: file, line: 13)
            Route("/a", methods: [], fileID: file, line: 14)
            Route("/b", methods: [.get, .get], fileID: file, line: 15)
            Route("/c", contentSecurityPolicy: .policy(""), fileID: file, line: 16)
            Route("/d", contentSecurityPolicy: .policy("default-src $x"), fileID: file, line: 17)
        }
        #expect(RenderPipeline().validate([model]).map(\.description) == [
            "Blueprints/Kinds.swift:13: error: kinds/cart: routes[/ws].methods: a WebSocket opens with a GET, which the route's methods (POST) refuse; add .get, or leave methods out",
            "Blueprints/Kinds.swift:14: error: kinds/cart: routes[/a].methods: the route accepts no method, so every request would get 405; name the methods it serves, e.g. methods: [.post], or leave methods out to accept all",
            "Blueprints/Kinds.swift:15: error: kinds/cart: routes[/b].methods: GET is named twice; name each method once",
            "Blueprints/Kinds.swift:16: error: kinds/cart: routes[/c].contentSecurityPolicy: the route's Content-Security-Policy is empty; write a policy, or use .application to pass the service's own header through",
            "Blueprints/Kinds.swift:17: error: kinds/cart: routes[/d].contentSecurityPolicy: the route's Content-Security-Policy holds a control character, a non-ASCII character, '\\', '$' or '\"'; write the policy on one line in printable ASCII, quoting sources with ' (nginx would read '$' as a variable)",
        ])
        // what the gateway refuses on a gRPC port
        let grpc = system {
            Port("grpc", 7070)
            Health(.grpc(port: "grpc"))
            Route("/cart.Cart/", methods: [.post], fileID: file, line: 7)
            Route("/cart.Stream/", protocol: .serverSentEvents, fileID: file, line: 8)
        }
        #expect(RenderPipeline().validate([grpc]).map(\.description) == [
            "Blueprints/Kinds.swift:7: error: kinds/cart: routes[/cart.Cart/]: the route goes to gRPC port 'grpc', and gRPC needs HTTP/2, which the gateway serves over TLS only, but environment 'qa' has no TLS; give environment 'qa' a TLS certificate, or route gRPC only where it has one",
            "Blueprints/Kinds.swift:7: error: kinds/cart: routes[/cart.Cart/].methods: gRPC calls are always POST, so methods (POST) restrict nothing or refuse every call; leave methods out of a route to a gRPC port",
            "Blueprints/Kinds.swift:8: error: kinds/cart: routes[/cart.Stream/]: the route goes to gRPC port 'grpc' and cannot also be a server-sent-events route; gRPC streams need no protocol word: leave protocol out, or route to an HTTP port",
            "Blueprints/Kinds.swift:8: error: kinds/cart: routes[/cart.Stream/]: the route goes to gRPC port 'grpc', and gRPC needs HTTP/2, which the gateway serves over TLS only, but environment 'qa' has no TLS; give environment 'qa' a TLS certificate, or route gRPC only where it has one",
        ])
    }

    @Test func everyFileStartsWithTheHeader() throws {
        for (path, text) in try Self.files(System.shop.description) {
            #expect(text.hasPrefix("# Generated by infragen from Blueprints/Shop.swift (system shop).\n"), "\(path)")
        }
    }

    @Test func targetVersionDecidesTheSyntax() throws {
        let old = try Self.files(NginxBlueprints.variants())["store/prod/nginx/store.conf"] ?? ""
        let new = try Self.files(NginxBlueprints.variants(nginx: "1.27.3", openssl: "3.5.1"))["store/prod/nginx/store.conf"] ?? ""
        #expect(old.contains("listen 8443 ssl http2;") && !old.contains("http2 on;"))
        #expect(new.contains("listen 8443 ssl;") && new.contains("    http2 on;"))
        #expect(old.contains("ssl_session_tickets off;") && !new.contains("ssl_session_tickets"))
        #expect(old.contains("ssl_ecdh_curve X25519:prime256v1:secp384r1;"))
        #expect(new.contains("ssl_ecdh_curve X25519MLKEM768:X25519:prime256v1:secp384r1;"))
        // upstream blocks: names resolved at start-up before 1.27.3, re-resolved with `resolve` from it on
        #expect(old.contains("# Cluster DNS, by IP. Not consulted: the canary variables") && !old.contains(" resolve "))
        #expect(new.contains("resolver [fd00::10]:53 valid=10s;"))
        #expect(new.contains("server cart.store.svc.cluster.example:8080 resolve max_fails=2 fail_timeout=5s;"))
        #expect(new.contains("server 10.0.3.7:9000 max_fails=2 fail_timeout=5s;"))
    }

    /// add_header (and proxy_hide_header) only at the http level of the include, proxy_set_header only in
    /// locations (server > location), so no block silently drops an inherited set.
    @Test func headerDirectivesStayAtOneLevel() throws {
        let files = try Self.files(System.shop.description).merging(try Self.files(NginxBlueprints.variants())) { $1 }
            .merging(try Self.files(NginxBlueprints.routeKinds())) { $1 }
        for (path, text) in files {
            var depth = 0
            var counts = (add: 0, set: 0)
            for line in text.split(separator: "\n") {
                let code = line.drop { $0 == " " }
                if code.hasPrefix("add_header ") || code.hasPrefix("proxy_hide_header ") {
                    counts.add += 1
                    #expect(depth == 0, "\(path): \(line)")
                }
                if code.hasPrefix("proxy_set_header ") {
                    counts.set += 1
                    #expect(depth == 2, "\(path): \(line)")
                }
                if code.hasSuffix("{") { depth += 1 }
                if code == "}" { depth -= 1 }
            }
            #expect(depth == 0, "\(path): unbalanced braces")
            if !path.hasSuffix("nginx.conf") { #expect(counts.add >= 7 && counts.set >= 6, "\(path)") }
        }
    }

    @Test func everyProxiedLocationSetsTheCompleteHeaderSet() throws {
        let text = try Self.files(System.shop.description)["shop/prod/nginx/shop.conf"] ?? ""
        let locations = text.components(separatedBy: "    location ").dropFirst().filter { $0.contains("proxy_pass") }
        // = and / for the inventory and payments; /api/orders/ and = /api/orders; and for the 2 routes with a canary
        // that take GET (orders' prefix route and inventory) the canary's and the stable fallback's named locations
        #expect(locations.count == 10)
        for location in locations {
            for line in ["proxy_http_version 1.1;", "proxy_set_header Connection \"\";", "proxy_set_header Host $host;",
                         "proxy_set_header X-Real-IP $remote_addr;",
                         "proxy_set_header X-Forwarded-For $remote_addr;", "proxy_set_header X-Request-ID $request_id;",
                         "proxy_set_header X-Forwarded-Proto $scheme;"] {
                #expect(location.contains(line), "\(line) missing in location \(location.prefix(30))")
            }
        }
    }

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
