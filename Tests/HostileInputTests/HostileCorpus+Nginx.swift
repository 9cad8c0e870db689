import Infragen
import InfragenYAML

extension HostileCorpus {
    // MARK: - Values bound for Nginx

    static func nginxBound() -> [HostileCase] {
        var cases: [HostileCase] = []
        func refusedRoute(_ id: String, _ path: String, _ fragment: String = "is not a URL path") {
            let f = file(id)
            cases.append(
                .refused(
                    id, blueprint(f, service: { Route(path, fileID: f, line: 10) }),
                    .error("routes[\(path)]", fragment, at: f, line: 10)))
        }
        refusedRoute("route-path-with-a-semicolon", "/api;return 200")
        refusedRoute("route-path-with-a-brace", "/api}")
        refusedRoute("route-path-with-a-quote", "/api\"x")
        refusedRoute("route-path-with-a-space", "/api v2")
        refusedRoute("route-path-with-a-newline", "/api\nreturn 200;")
        refusedRoute("route-path-with-dot-dot", "/api/../admin")
        refusedRoute("route-path-with-a-dollar", "/api$uri")
        refusedRoute("route-path-without-a-slash", "api")
        // Fixed here: Nginx matches locations against the normalised, decoded path, so these would never match.
        refusedRoute("route-path-with-a-double-slash", "/v2//api", "is not in the normal form Nginx matches")
        refusedRoute("route-path-with-a-dot-segment", "/v2/./api", "is not in the normal form Nginx matches")
        refusedRoute("route-path-percent-encoded", "/caf%C3%A9", "is not in the normal form Nginx matches")
        // Fixed here: the gateway answers its own exact location (= /healthz) first, so the route never saw it.
        refusedRoute("route-shadowed-by-the-gateways-healthz", "/healthz", "the gateway's own location '= /healthz'")
        do {
            let f = file("route-rewrite-with-a-dollar")
            cases.append(
                .refused(
                    "route-rewrite-with-a-dollar",
                    blueprint(f, service: { Route("/v2", rewrite: "/$1", fileID: f, line: 10) }),
                    .error("routes[/v2].rewrite", "is not a URL path", at: f, line: 10)))
        }
        do {
            let f = file("duplicate-routes")
            let system = blueprint(
                f,
                system: {
                    Service("admin", fileID: f, line: 9) {
                        Port("http", 8080, fileID: f, line: 9)
                        Route("/api", fileID: f, line: 10)
                    }
                })
            cases.append(
                .refused(
                    "duplicate-routes", system,
                    .error(
                        "routes[/api]", "is already declared by 'api' at Hostile/duplicate-routes.swift:8", at: f,
                        line: 10)))
        }
        do {
            let f = file("exact-and-prefix-route-on-one-path")
            let system = blueprint(
                f,
                service: {
                    Route("/health", fileID: f, line: 10)
                    Route("/health", match: .exact, fileID: f, line: 11)
                })
            cases.append(
                .legal(
                    "exact-and-prefix-route-on-one-path", system,
                    ReportText(
                        place: .cell(table: "Services", row: "api", column: "routes"),
                        expected: "/api, /health, = /health")))
        }
        do {
            let f = file("route-limits-out-of-range")
            let system = blueprint(
                f,
                service: {
                    Route(
                        "/slow", timeout: .zero, maxBodySize: .gibibytes(20), rateLimit: .perSecond(0, burst: -1),
                        fileID: f, line: 10)
                })
            cases.append(
                .refused(
                    "route-limits-out-of-range", system,
                    .error("routes[/slow].timeout", "between 1ms and 1h", at: f, line: 10),
                    .error("routes[/slow].maxBodySize", "between 1 byte and 10Gi", at: f, line: 10),
                    .error("routes[/slow].rateLimit", "1-100000 requests per second", at: f, line: 10)))
        }

        // The route words: a route's own Content-Security-Policy reaches a header as a gateway's does, methods and
        // stream kinds reach locations.
        func refusedRouteWord(
            _ id: String, _ field: String, _ fragment: String,
            @ListBuilder<any ServiceComponent> _ body: (String) -> [any ServiceComponent]
        ) {
            refusedService(&cases, id, field, fragment, body)
        }
        let routeHeaderFragment = "holds a control character, a non-ASCII character, '\\', '$' or '\"'"
        refusedRouteWord("route-csp-with-a-quote", "routes[/p].contentSecurityPolicy", routeHeaderFragment) { f in
            Route("/p", contentSecurityPolicy: .policy("default-src 'self'\" always; add_header X-Evil \"1"), fileID: f, line: 10)
        }
        refusedRouteWord("route-csp-with-a-newline", "routes[/p].contentSecurityPolicy", routeHeaderFragment) { f in
            Route("/p", contentSecurityPolicy: .policy("default-src 'self';\nimg-src *"), fileID: f, line: 10)
        }
        refusedRouteWord("route-csp-with-a-variable", "routes[/p].contentSecurityPolicy", routeHeaderFragment) { f in
            Route("/p", contentSecurityPolicy: .policy("default-src $upstream_http_x"), fileID: f, line: 10)
        }
        refusedRouteWord("route-csp-empty", "routes[/p].contentSecurityPolicy", "Content-Security-Policy is empty") { f in
            Route("/p", contentSecurityPolicy: .policy(""), fileID: f, line: 10)
        }
        refusedRouteWord("route-methods-empty", "routes[/p].methods", "the route accepts no method") { f in
            Route("/p", methods: [], fileID: f, line: 10)
        }
        refusedRouteWord("route-method-named-twice", "routes[/p].methods", "POST is named twice") { f in
            Route("/p", methods: [.post, .get, .post], fileID: f, line: 10)
        }
        refusedRouteWord("websocket-route-without-get", "routes[/ws].methods", "a WebSocket opens with a GET") { f in
            Route("/ws", methods: [.post], protocol: .webSocket, fileID: f, line: 10)
        }
        refusedRouteWord("route-to-h2c-port", "routes[/h2]", "which speaks HTTP/2 in cleartext") { f in
            Port("h2", 9000, appProtocol: .h2c, fileID: f, line: 9)
            Route("/h2", port: "h2", fileID: f, line: 10)
        }
        do {
            // a gRPC route with methods, and a stream word, in a plaintext environment: every problem at once
            let f = file("grpc-route-with-methods-and-a-stream-word")
            let tls = "gRPC needs HTTP/2, which the gateway serves over TLS only, but environment 'dev' has no TLS"
            cases.append(
                .refused(
                    "grpc-route-with-methods-and-a-stream-word",
                    blueprint(f, service: {
                        Port("grpc", 9555, fileID: f, line: 9)
                        Route("/cart.Cart/", port: "grpc", methods: [.post], fileID: f, line: 10)
                        Route("/cart.Watch/", port: "grpc", protocol: .webSocket, fileID: f, line: 11)
                    }),
                    .error("routes[/cart.Cart/]", tls, at: f, line: 10),
                    .error("routes[/cart.Cart/].methods", "gRPC calls are always POST", at: f, line: 10),
                    .error("routes[/cart.Watch/]", "cannot also be a WebSocket route", at: f, line: 11),
                    .error("routes[/cart.Watch/]", tls, at: f, line: 11)))
        }

        func refusedHost(_ id: String, _ host: String) {
            let f = file(id)
            let system = blueprint(
                f,
                system: {
                    Deploy(to: "qa", fileID: f, line: 9) { Host(host, fileID: f, line: 10) }
                })
            cases.append(.refused(id, system, .error("host", "is not a host name", at: f, line: 10)))
        }
        refusedHost("host-with-a-space", "shop example.com")
        refusedHost("host-with-a-scheme", "https://shop.example.com")
        refusedHost("host-with-a-port", "shop.example.com:8443")
        refusedHost("host-with-a-semicolon", "shop.example.com; return 200")
        refusedHost("host-with-capitals", "Shop.Example.com")
        refusedHost("host-with-an-underscore", "my_shop.example.com")
        refusedHost("host-label-over-63-characters", String(repeating: "h", count: 64) + ".example.com")
        refusedHost("host-with-a-trailing-dot", "shop.example.com.")
        refusedHost("host-with-a-newline", "shop.example.com\nevil.example.com")

        func refusedGateway(
            _ id: String, _ field: String, _ fragment: String,
            @ListBuilder<any GatewayComponent> _ body: () -> [any GatewayComponent]
        ) {
            let f = file(id)
            let components = body()
            cases.append(
                .refused(
                    id, blueprint(f, system: { Gateway(fileID: f, line: 10) { components } }),
                    .error(field, fragment, at: f, line: 10)))
        }
        // Fixed here: the gateway's values were not validated at all.
        let headerFragment = "holds a control character, a non-ASCII character, '\\', '$' or '\"'"
        refusedGateway("csp-with-a-quote", "gateway.contentSecurityPolicy", headerFragment) {
            ContentSecurityPolicy("default-src 'self'\" always; add_header X-Evil \"1", fileID: file("csp-with-a-quote"), line: 10)
        }
        refusedGateway("csp-with-a-newline", "gateway.contentSecurityPolicy", headerFragment) {
            ContentSecurityPolicy("default-src 'self';\nimg-src *", fileID: file("csp-with-a-newline"), line: 10)
        }
        refusedGateway("csp-with-a-variable", "gateway.contentSecurityPolicy", headerFragment) {
            ContentSecurityPolicy("default-src $host", fileID: file("csp-with-a-variable"), line: 10)
        }
        refusedGateway("resolver-with-a-semicolon", "gateway.resolver", "is not an IP address") {
            Resolver("kube-dns; include /etc/passwd", fileID: file("resolver-with-a-semicolon"), line: 10)
        }
        refusedGateway("nginx-version-not-a-version", "gateway.nginxVersion", "is not an nginx version") {
            NginxVersion("1.25; evil", fileID: file("nginx-version-not-a-version"), line: 10)
        }
        refusedGateway("static-files-prefix-with-a-space", "gateway.staticRoot.urlPrefix", "is not a URL prefix") {
            StaticFiles(at: "/static files/", from: "static", fileID: file("static-files-prefix-with-a-space"), line: 10)
        }
        refusedGateway("static-files-folder-escaping-the-prefix", "gateway.staticRoot.directory", "is not a relative directory") {
            StaticFiles(at: "/static/", from: "../srv", fileID: file("static-files-folder-escaping-the-prefix"), line: 10)
        }
        refusedGateway("route-defaults-out-of-range", "gateway.defaultTimeout", "between 1ms and 1h") {
            RouteDefaults(timeout: .seconds(-1), fileID: file("route-defaults-out-of-range"), line: 10)
        }
        do {
            let f = file("gateway-legal-values")
            let system = blueprint(
                f,
                system: {
                    Gateway(fileID: f, line: 10) {
                        ContentSecurityPolicy("default-src 'self'; img-src 'self' data:; frame-ancestors 'none'")
                        Resolver("[fd00::10]:53")
                        StaticFiles(at: "/static/", from: "static")
                    }
                })
            // The gateway is legal; the Nginx read-back (nginx -t, and the header value served) comes with the Nginx
            // generator. Until then: it renders, and every YAML file parses.
            cases.append(.legal("gateway-legal-values", system))
        }
        return cases
    }
}
