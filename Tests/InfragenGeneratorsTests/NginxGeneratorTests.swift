import InfragenExampleBlueprints
import Foundation
import Infragen
import InfragenRender
import InfragenTestSupport
import Testing

@testable import InfragenGenerators

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
}
