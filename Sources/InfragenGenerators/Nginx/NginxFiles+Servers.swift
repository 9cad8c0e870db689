import InfragenModel

/// The servers of the gateway's include: the catch-alls, the HTTP-to-HTTPS redirect, and the host's server with the
/// gateway's own locations, the routes and the static files.
extension NginxFiles {
    private static func listen(_ g: NginxGateway, tls: Bool, defaultServer: Bool) -> NginxNode {
        let port = tls ? g.gateway.listen.httpsPort : g.gateway.listen.httpPort
        var arguments: [NginxArgument] = [.word(g.gateway.listen.address.map { "\($0):\(port)" } ?? String(port))]
        if tls {
            arguments.append("ssl")
            if !g.target.usesHTTP2Directive { arguments.append("http2") }
        }
        if defaultServer { arguments.append("default_server") }
        return .d("listen", arguments: arguments)
    }

    private static func tlsSettings(_ g: NginxGateway) -> [NginxNode] {
        let profile = "Mozilla Server Side TLS \(MozillaIntermediateTLS.guideline), intermediate"
        return (g.target.usesHTTP2Directive ? [.d("http2", "on")] : [])
            + [.comment("TLS: \(profile), for nginx \(g.target.nginx) and OpenSSL \(g.gateway.opensslVersion).")]
            + MozillaIntermediateTLS.directives(for: g.target)
    }

    /// The gateway's own health check, which every server answers itself (probes come with the pod IP as Host).
    static let healthCheckPath = "/healthz"

    /// The exact locations (`location = …`) every server answers itself. Nginx chooses an exact location before
    /// any prefix, so a route on one of these paths never receives that request: ``NginxGenerator`` refuses it.
    static let ownExactLocations = [healthCheckPath]

    private static var healthz: NginxNode {
        .block("location", "=", .word(healthCheckPath), children: [
            .d("access_log", "off"),
            .d("default_type", "text/plain"),
            .d("return", "200", .body("ok\n")),
        ])
    }

    static func catchAllHTTP(_ g: NginxGateway) -> NginxNode {
        .block("server", children: [
            listen(g, tls: false, defaultServer: true),
            .d("server_tokens", "off"),
        ] + serverDefaults(g) + [
            .blank,
            .comment("Probes come with the pod IP as Host, so the catch-all answers /healthz too."),
            healthz,
            .blank,
            .block("location", "/", children: [.d("return", "444")]),
        ])
    }

    static func catchAllHTTPS(_ g: NginxGateway) -> NginxNode {
        .block("server", children: [
            listen(g, tls: true, defaultServer: true),
            .d("ssl_reject_handshake", "on"),
            .d("server_tokens", "off"),
        ] + serverDefaults(g) + tlsSettings(g) + [
            .blank,
            .block("location", "/", children: [.d("return", "421")]),
        ])
    }

    static func redirectServer(_ g: NginxGateway) -> NginxNode {
        let port = g.gateway.listen.redirectPort ?? g.gateway.listen.httpsPort
        let origin = "https://\(g.host)" + (port == 443 ? "" : ":\(port)")
        return .block("server", children: [
            listen(g, tls: false, defaultServer: false),
            .d("server_name", .word(g.host)),
            .d("server_tokens", "off"),
        ] + serverDefaults(g) + [
            .blank,
            healthz,
            .blank,
            .comment("Everything else moves to HTTPS, to the configured host (never the Host the client sent), with 308:"),
            .comment("the client repeats the same method and body there (a 301 lets it turn a POST into a GET)."),
            .block("location", "/", children: [
                .d("return", "308", .expression([.literal(origin), .variable("request_uri")])),
            ]),
        ])
    }

    static func hostServer(_ g: NginxGateway, tls: Bool) -> NginxNode {
        var children: [NginxNode] = [
            listen(g, tls: tls, defaultServer: false),
            .d("server_name", .word(g.host)),
            .d("server_tokens", "off"),
        ] + serverDefaults(g)
        if tls {
            children += [
                .blank,
                .d("ssl_certificate", .word(g.environment.tlsCertificate.certificate)),
                .d("ssl_certificate_key", .word(g.environment.tlsCertificate.key)),
            ] + tlsSettings(g)
        }
        children += [
            .blank,
            .d("gzip", "on"),
            .d("gzip_vary", "on"),
            .d("gzip_proxied", "any"),
            .d("gzip_comp_level", "5"),
            .d("gzip_min_length", "256"),
            .d("gzip_types", arguments: gzipTypes.map { .word($0) }),
            .blank,
            healthz,
        ]
        if !g.privatePaths.isEmpty {
            children += [
                .blank,
                .comment("The services' health checks and metrics are for the cluster only: not through the gateway,"),
                .comment("in any case, with or without a final / (regular expressions win over every route's prefix)."),
            ]
            for path in g.privatePaths {
                let pattern = "^\(path.replacingDots())/?$"
                children.append(.block("location", "~*", .regex(pattern), children: [.d("return", "404")]))
            }
        }
        for route in g.routes {
            children += locations(g, route, tls: tls)
        }
        if let root = g.gateway.staticRoot {
            children += [
                .blank,
                .comment("Static files from \(root.directory)\(root.urlPrefix) under the prefix; cache headers from expires."),
                .block("location", .word(root.urlPrefix), children: [
                    .d("root", .word(root.directory)),
                    .d("try_files", .variable("uri"), "=404"),
                    .d("expires", .word(time(root.maxAge))),
                    .d("open_file_cache", "max=1000", "inactive=60s"),
                    .d("open_file_cache_valid", "60s"),
                ]),
            ]
        }
        let servesRoot = g.routes.contains { $0.match == .prefix && $0.path == "/" }
            || g.gateway.staticRoot?.urlPrefix == "/"
        if !servesRoot {
            children += [.blank, .block("location", "/", children: [.d("return", "404")])]
        }
        return .block("server", children: children)
    }

    /// A route's locations. A prefix route matches whole path segments: `/api/orders` is `location = /api/orders`
    /// and `location /api/orders/`, so `/api/orders-admin` is not routed. Each of the two is left out where the
    /// blueprint declares it as a route of its own (an exact route on the path, a prefix route on `path/`).
    private static func locations(_ g: NginxGateway, _ route: NginxGateway.Route, tls: Bool) -> [NginxNode] {
        let children = locationChildren(g, route, tls: tls)
        func location(_ arguments: [NginxArgument]) -> NginxNode {
            .directive(NginxDirective(name: "location", arguments: arguments, children: children))
        }
        let canary = canaryLocations(g, route, routeChildren: children)
        switch g.segmentLocations(of: route) {
        case .exact: return [.blank, location(["=", .word(route.path)])] + canary
        case .prefix: return [.blank, location([.word(route.path)])] + canary
        case .segments(let exact, let below):
            var nodes: [NginxNode] = [
                .blank,
                .comment("Whole path segments: \(route.path) and \(route.path)/… (never \(route.path)-admin)."),
            ]
            if let exact { nodes.append(location(["=", .word(exact)])) }
            if let below { nodes += (exact == nil ? [] : [.blank]) + [location([.word(below)])] }
            return nodes + canary
        }
    }

    private static func locationChildren(_ g: NginxGateway, _ route: NginxGateway.Route, tls: Bool) -> [NginxNode] {
        var children: [NginxNode] = []
        if let methods = route.methods?.map(\.rawValue) {
            children += [
                .comment("\(methods.joined(separator: ", ")) only: other methods get 405 with Allow, before limit_req"
                    + " (no budget spent)."),
                .d("set", .variable(g.methodsVariable), .text(methods.joined(separator: ", "))),
                .block("if", "(", .variable("request_method"), "!~",
                       .regex("^(\(methods.joined(separator: "|")))$"), ")", children: [.d("return", "405")]),
            ]
        }
        if let source = g.cspSource(of: route) {
            children += [
                .comment(source == "application"
                    ? "Content-Security-Policy: the service's own (none when it sends none)."
                    : "Content-Security-Policy: the route's own (\(source) above)."),
                .d("set", .variable(g.cspSourceVariable), .word(source)),
            ]
        }
        if let zone = route.zone, let limit = route.rateLimit {
            children.append(.d("limit_req", arguments: [.parameter("zone", zone)]
                + (limit.burst > 0 ? [.parameter("burst", String(limit.burst))] : []) + ["nodelay"]))
        }
        let module = route.isGRPC ? "grpc" : "proxy"
        let connect = min(route.timeout, .seconds(2))
        children += [
            .d("client_max_body_size", .word(route.maxBodySize.nginxSize)),
            .d("\(module)_connect_timeout", .word(time(connect))),
            .d("\(module)_send_timeout", .word(time(route.timeout))),
            .d("\(module)_read_timeout", .word(time(route.timeout))),
        ]
        if route.traffic == .serverSentEvents {
            children.append(.d("proxy_buffering", "off"))
        }
        let backend = route.backend
        let proxyPass: NginxArgument
        if let canary = canaryRouteHook(g, route) {
            children += canary.nodes
            proxyPass = canary.proxyPass
        } else {
            switch g.mode {
            case .resolvePerRequest:
                let url = NginxArgument.text("\(backend.scheme)://\(backend.stable.authority)")
                children += [.blank, .d("set", .variable(backend.variable), url)]
                proxyPass = .variable(backend.variable)
            case .upstreamBlocks:
                proxyPass = .word("\(backend.scheme)://\(backend.upstream)")
            }
        }
        if let rewrite = route.rewrite {
            let escaped = route.path.replacingDots()
            let pattern: String
            switch route.match {
            case .exact: pattern = "^\(escaped)$"
            case .prefix: pattern = rewrite.hasSuffix("/") && !route.path.hasSuffix("/")
                ? "^\(escaped)/?(.*)$" : "^\(escaped)(.*)$"
            }
            let replacement: NginxArgument = route.match == .exact
                ? .word(rewrite) : .expression([.literal(rewrite), .variable("1")])
            children += [.blank, .d("rewrite", .regex(pattern), replacement, "break")]
        }
        children.append(.blank)
        if route.isGRPC {
            // HTTP/2 to the service; Host becomes its :authority as nginx writes it (the grpc_pass address).
            children += [
                .d("grpc_set_header", "X-Real-IP", .variable("remote_addr")),
                .d("grpc_set_header", "X-Forwarded-For", .variable(g.forwardedForVariable)),
                .d("grpc_set_header", "X-Forwarded-Proto", .variable("scheme")),
                .d("grpc_set_header", "X-Request-ID", .variable(g.requestIDVariable)),
                .d("grpc_pass", proxyPass),
            ]
            return children
        }
        children.append(.d("proxy_http_version", "1.1"))
        if route.traffic == .webSocket {
            children += [
                .d("proxy_set_header", "Upgrade", .variable("http_upgrade")),
                .d("proxy_set_header", "Connection", .variable(g.connectionUpgradeVariable)),
            ]
        } else {
            children.append(.d("proxy_set_header", "Connection", .text("")))
        }
        children += [
            .d("proxy_set_header", "Host", .variable("host")),
            .d("proxy_set_header", "X-Real-IP", .variable("remote_addr")),
            .d("proxy_set_header", "X-Forwarded-For", .variable(g.forwardedForVariable)),
            .d("proxy_set_header", "X-Forwarded-Proto", .variable("scheme")),
            .d("proxy_set_header", "X-Request-ID", .variable(g.requestIDVariable)),
            .d("proxy_pass", proxyPass),
        ]
        return children
    }
}

extension String {
    /// A literal path as a regular expression: `.` is the only character of a gateway path that needs escaping.
    fileprivate func replacingDots() -> String {
        var out = ""
        for character in self { out += character == "." ? "\\." : String(character) }
        return out
    }
}
