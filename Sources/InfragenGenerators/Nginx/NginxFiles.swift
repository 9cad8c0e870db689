import InfragenModel

/// The two files of a gateway: the http-level include, which holds everything the gateway's behaviour depends on,
/// and a complete nginx.conf around it with the process-level settings and paths under Nginx's prefix.
enum NginxFiles {
    /// The response headers the gateway owns; copies sent by services are hidden so none appears twice.
    static let securityHeaderNames = [
        "Strict-Transport-Security", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy",
        "Content-Security-Policy",
    ]

    static let gzipTypes = [
        "text/plain", "text/css", "text/xml", "text/javascript", "application/json", "application/javascript",
        "application/xml", "application/problem+json", "image/svg+xml",
    ]

    /// Mozilla's two years, without includeSubDomains: other environments are sub-domains and may be plain HTTP.
    static let hstsMaxAge = "max-age=63072000"

    // MARK: - nginx.conf

    static func main(_ g: NginxGateway) -> [NginxNode] {
        [
            .comment("\(g.system) gateway, environment \(g.environment.name): the complete main configuration."),
            .comment("Run: nginx -p <prefix>/ -c <prefix>/conf/nginx.conf -e stderr, with this folder as <prefix>/conf"),
            .comment("(and the TLS files next to it). include and ssl_certificate are relative to this folder, but for"),
            .comment("the distribution's mime.types; pid, temp paths and the static root to the prefix, where tmp/ must"),
            .comment("exist. Logs go to stdout (access) and stderr (errors), where the container runtime collects them."),
            .comment("No user directive: run it as a non-root user, or as root with workers as the compiled-in user."),
            .blank,
            .comment("One worker per core of the gateway's CPU limit (WorkerProcesses), not auto: the node's CPUs."),
            .d("worker_processes", .number(g.gateway.workerProcesses)),
            .d("worker_rlimit_nofile", .number(g.gateway.workerConnections * 2)),
            .d("pid", "tmp/nginx.pid"),
            .d("error_log", "stderr", "warn"),
            .blank,
            .block("events", children: [.d("worker_connections", .number(g.gateway.workerConnections))]),
            .blank,
            .block("http", children: [
                .comment("Debian's package and the official images install it here; this folder stays the generated files."),
                .d("include", "/etc/nginx/mime.types"),
                .d("default_type", "application/octet-stream"),
                .blank,
                .d("sendfile", "on"),
                .d("tcp_nopush", "on"),
                .d("server_tokens", "off"),
                .d("keepalive_timeout", "65s"),
                .d("keepalive_requests", "1000"),
                .d("types_hash_max_size", "2048"),
                .blank,
                .comment("Every temp path under the prefix: the compiled-in ones are created even by nginx -t."),
                .d("client_body_temp_path", "tmp/client_body"),
                .d("proxy_temp_path", "tmp/proxy"),
                .d("fastcgi_temp_path", "tmp/fastcgi"),
                .d("uwsgi_temp_path", "tmp/uwsgi"),
                .d("scgi_temp_path", "tmp/scgi"),
                .blank,
                .d("include", .word(g.includeFileName)),
                .blank,
                .comment("The JSON log format is defined in \(g.includeFileName)."),
                .d("access_log", "/dev/stdout", .word(g.logFormat)),
            ]),
        ]
    }

    // MARK: - The http-level include

    static func include(_ g: NginxGateway) -> [NginxNode] {
        var nodes = headerComments(g) + canaryMapBuckets(g)
        nodes += [.blank] + logFormat(g)
        nodes += [.blank] + clientAddress(g)
        if g.resolvesNames || g.declaresResolverForVariables {
            nodes += [.blank]
            if g.resolvesNames {
                nodes.append(.comment(
                    "Cluster DNS, by IP. Names below are fully qualified: nginx ignores the resolv.conf search list."))
            } else {
                nodes += [
                    .comment("Cluster DNS, by IP. Not consulted: the canary variables below always name an upstream"),
                    .comment("block, which nginx finds first; declared for a proxy_pass with a variable all the same."),
                ]
            }
            // ipv6=off for an IPv4 resolver (an IPv4-only cluster): no AAAA queries that find nothing.
            nodes += [
                .d("resolver", arguments: [.word(g.gateway.resolver), "valid=10s"]
                    + (g.gateway.resolver.hasPrefix("[") ? [] : ["ipv6=off"])),
                .d("resolver_timeout", "3s"),
            ]
        }
        nodes += [.blank] + securityHeaders(g)
        var zones: [(zone: String, limit: RateLimitDescription)] = [], seenZones: Set<String> = []
        for route in g.routes {
            if let zone = route.zone, let limit = route.rateLimit, seenZones.insert(zone).inserted {
                zones.append((zone, limit))
            }
        }
        if !zones.isEmpty {
            nodes += [
                .blank,
                .comment("Rate limits per client address, one zone per path and rate: the locations of one path"),
                .comment("(a prefix route's = /path and /path/, an exact route on the same path) share one budget."),
            ]
            for (zone, limit) in zones {
                nodes.append(.d(
                    "limit_req_zone", .variable("binary_remote_addr"), .parameter("zone", "\(zone):10m"),
                    .parameter("rate", "\(limit.requestsPerSecond)r/s")))
            }
            nodes += [.d("limit_req_status", "429"), .d("limit_req_log_level", "warn")]
        }
        if g.mode == .upstreamBlocks {
            for backend in g.backends {
                nodes += [.blank, upstream(g, name: backend.upstream, address: backend.stable)]
                if let canary = backend.canary, g.canary != nil {
                    nodes += [.blank, canaryUpstream(g, backend, canary: canary)]
                }
            }
        }
        nodes += canaryHTTP(g)
        nodes += [
            .blank, .comment("Catch-all servers: requests for other host names never reach a service."), catchAllHTTP(g),
        ]
        if g.environment.tls { nodes += [.blank, catchAllHTTPS(g)] }
        if g.environment.tls {
            nodes += [.blank, redirectServer(g), .blank, hostServer(g, tls: true)]
        } else {
            nodes += [.blank, hostServer(g, tls: false)]
        }
        return nodes
    }

    private static func headerComments(_ g: NginxGateway) -> [NginxNode] {
        var facts = "namespace \(g.environment.namespace), host \(g.host), TLS \(g.environment.tls ? "on" : "off")"
        facts += g.canary.map { ", canary \($0.percentText) %" } ?? ", no canary"
        var nodes: [NginxNode] = [
            .comment("\(g.system) gateway, environment \(g.environment.name): everything here goes inside http {}"),
            .comment("(nginx.conf next to this file includes it). \(facts)."),
            .comment("Target: nginx \(g.target.nginx), OpenSSL \(g.gateway.opensslVersion)."),
        ]
        switch (g.mode, g.resolvesNames) {
        case (.resolvePerRequest, _):
            nodes += [
                .comment("Upstreams: service names are resolved per request by the resolver below, so nginx starts"),
                .comment("without cluster DNS and a missing Service breaks only its own routes. Behind a ClusterIP there"),
                .comment("is one address per Service, so no upstream block: kube-proxy spreads the connections."),
            ]
        case (.upstreamBlocks, true):
            nodes.append(.comment("Upstreams: upstream blocks whose names are re-resolved at run time (resolve)."))
        case (.upstreamBlocks, false):
            nodes += [
                .comment("Upstreams: upstream blocks. nginx resolves their names once, at start-up, and does not start"),
                .comment("when one does not resolve."),
            ]
        }
        nodes += [
            .comment("Response headers: every add_header is at this level, none in a server or location, because one"),
            .comment("add_header in a block drops all inherited ones."),
        ]
        return nodes
    }

    private static func logFormat(_ g: NginxGateway) -> [NginxNode] {
        // Numbers that nginx always fills in stay unquoted; upstream fields can be "-" or lists, so they are strings.
        let fields: [(String, String, Bool)] = [
            ("time", "time_iso8601", true), ("request_id", g.requestIDVariable, true), ("remote_addr", "remote_addr", true),
            ("x_forwarded_for", "http_x_forwarded_for", true), ("host", "host", true), ("scheme", "scheme", true),
            ("protocol", "server_protocol", true), ("method", "request_method", true), ("uri", "request_uri", true),
            ("status", "status", false), ("body_bytes_sent", "body_bytes_sent", false),
            ("request_time", "request_time", false), ("upstream_addr", "upstream_addr", true),
            ("upstream_status", "upstream_status", true),
            ("upstream_response_time", "upstream_response_time", true),
            ("http_user_agent", "http_user_agent", true), ("http_referer", "http_referer", true),
        ]
        var arguments: [NginxArgument] = [.word(g.logFormat), "escape=json"]
        for (index, (key, variable, quoted)) in fields.enumerated() {
            let open = (index == 0 ? "{" : "") + "\"\(key)\":" + (quoted ? "\"" : "")
            let close = (quoted ? "\"" : "") + (index == fields.count - 1 ? "}" : ",")
            arguments.append(.expression([.literal(open), .variable(variable), .literal(close)]))
        }
        return [
            .comment("Access log format: one JSON object per line (nginx.conf writes it to stdout)."),
            .d("log_format", arguments: arguments, wrap: .onePerLine(keep: 2)),
        ]
    }

    /// The realip module when the blueprint sets RealIP, else a comment that says what the gateway sees.
    private static func clientAddress(_ g: NginxGateway) -> [NginxNode] {
        guard let realIP = g.gateway.realIP else {
            return [
                .comment("Client address: RealIP is not set, so $remote_addr (rate limits, logs, X-Real-IP, X-Forwarded-For)"),
                .comment("is the connection's peer, and a client's X-Forwarded-For and X-Request-ID are replaced. Behind a"),
                .comment("load balancer that does not keep client addresses, set RealIP(trusted:) to its addresses, or every"),
                .comment("client behind it shares one address and one rate limit."),
            ]
        }
        let trustedPeer = "\(g.prefix)_trusted_peer"
        let clientRequestID = "\(g.prefix)_client_request_id"
        return [
            .comment("Client address: on connections from the trusted addresses, from \(realIP.header) (the rightmost"),
            .comment("address that is not trusted); $remote_addr, and with it rate limits, logs and X-Real-IP, is the client."),
        ] + realIP.trusted.map { .d("set_real_ip_from", .word($0)) } + [
            .d("real_ip_header", .word(realIP.header)),
            .d("real_ip_recursive", "on"),
            .comment("X-Forwarded-For upstream: the chain as received, then the peer that connected (a key of x alone is"),
            .comment("an empty header)."),
            .block("map", .expression([.literal("x"), .variable("http_x_forwarded_for")]),
                   .variable(g.forwardedForVariable), children: [
                .d("default", .expression([.variable("http_x_forwarded_for"), .literal(", "), .variable("realip_remote_addr")])),
                .d("x", .variable("realip_remote_addr")),
            ]),
            .comment("X-Request-ID: the one a trusted peer sends, else nginx's own."),
            .block("geo", .variable("realip_remote_addr"), .variable(trustedPeer), children: [.d("default", "0")]
                + realIP.trusted.map { .d($0, "1") }),
            .block("map", .expression([.literal("x"), .variable("http_x_request_id")]), .variable(clientRequestID),
                   children: [.d("default", .variable("http_x_request_id")), .d("x", .variable("request_id"))]),
            .block("map", .variable(trustedPeer), .variable(g.requestIDVariable), children: [
                .d("default", .variable("request_id")),
                .d("1", .variable(clientRequestID)),
            ]),
        ]
    }

    private static func securityHeaders(_ g: NginxGateway) -> [NginxNode] {
        var nodes: [NginxNode] = [.comment("Security headers, on every response (always), for every server below.")]
        if g.environment.tls {
            nodes += [
                .comment("HSTS over HTTPS only (an empty value sends no header); no includeSubDomains."),
                .block("map", .variable("scheme"), .variable(g.hstsVariable), children: [
                    .d("default", .text("")),
                    .d("https", .text(hstsMaxAge)),
                ]),
                .d("add_header", "Strict-Transport-Security", .variable(g.hstsVariable), "always"),
            ]
        }
        nodes.append(.d("add_header", "X-Content-Type-Options", .text("nosniff"), "always"))
        if let frame = g.gateway.frameOptions {
            nodes.append(.d("add_header", "X-Frame-Options", .text(frame.rawValue), "always"))
        }
        nodes.append(.d("add_header", "Referrer-Policy", .text(g.gateway.referrerPolicy.rawValue), "always"))
        if g.choosesCSPPerRoute {
            nodes += [
                .comment("Content-Security-Policy per route: the gateway's, unless the route's location sets"),
                .comment("$\(g.cspSourceVariable) (every server sets it to gateway first): application passes the service's own"),
                .comment("header (hidden below, so it is never sent twice; none when the service sends none), policy_N is the"),
                .comment("route's own policy."),
                .block("map", .variable(g.cspSourceVariable), .variable(g.cspVariable), children: [
                    .d("default", .text(g.gateway.contentSecurityPolicy ?? "")),
                    .d("application", .variable("upstream_http_content_security_policy")),
                ] + g.routePolicies.enumerated().map { index, policy in .d("policy_\(index + 1)", .text(policy)) }),
                .d("add_header", "Content-Security-Policy", .variable(g.cspVariable), "always"),
            ]
        } else if let policy = g.gateway.contentSecurityPolicy {
            nodes.append(.d("add_header", "Content-Security-Policy", .text(policy), "always"))
        }
        if g.restrictsMethods {
            nodes += [
                .comment("Allow, on the 405 a method-restricted route answers itself: its location sets $\(g.methodsVariable)"),
                .comment("(every server sets it empty first, and an empty value sends no header)."),
                .block("map", .variable("status"), .variable(g.allowVariable), children: [
                    .d("default", .text("")),
                    .d("405", .variable(g.methodsVariable)),
                ]),
                .d("add_header", "Allow", .variable(g.allowVariable), "always"),
            ]
        }
        nodes.append(.comment("The gateway owns these headers: copies sent by services are dropped."))
        for name in securityHeaderNames { nodes.append(.d("proxy_hide_header", .word(name))) }
        if g.routesGRPC {
            for name in securityHeaderNames { nodes.append(.d("grpc_hide_header", .word(name))) }
        }
        if g.upgradesConnections {
            nodes += [
                .blank,
                .comment("WebSocket routes: Connection upgrade when the client asks for an Upgrade, else close (other"),
                .comment("routes send an empty Connection, which keeps their upstream connections alive). A key of x alone"),
                .comment("is a request without Upgrade."),
                .block("map", .expression([.literal("x"), .variable("http_upgrade")]),
                       .variable(g.connectionUpgradeVariable), children: [.d("default", "upgrade"), .d("x", "close")]),
            ]
        }
        return nodes
    }

    /// The per-request variables every server sets first (server-level rewrite phase), so that the http-level
    /// maps never read an unset variable; a route's location overrides them.
    static func serverDefaults(_ g: NginxGateway) -> [NginxNode] {
        var nodes: [NginxNode] = []
        if g.choosesCSPPerRoute { nodes.append(.d("set", .variable(g.cspSourceVariable), "gateway")) }
        if g.restrictsMethods { nodes.append(.d("set", .variable(g.methodsVariable), .text(""))) }
        return nodes
    }

    private static func upstream(_ g: NginxGateway, name: String, address: NginxGateway.Address) -> NginxNode {
        var children: [NginxNode] = []
        let resolve = g.target.resolvesUpstreamServers && !address.isIPAddress
        if resolve { children.append(.d("zone", .word(name), "64k")) }
        switch g.gateway.loadBalancing {
        case .roundRobin: break
        case .leastConnections: children.append(.d("least_conn"))
        case .ipHash: children.append(.d("ip_hash"))
        }
        var server: [NginxArgument] = [.word(address.authority)]
        if resolve { server.append("resolve") }
        server += [.parameter("max_fails", String(g.gateway.maxFails)),
                   .parameter("fail_timeout", time(g.gateway.failTimeout))]
        children += [
            .d("server", arguments: server),
            .d("keepalive", .number(g.gateway.upstreamKeepalive)),
            .d("keepalive_requests", "1000"),
            .d("keepalive_timeout", "60s"),
        ]
        return .block("upstream", .word(name), children: children)
    }

    /// What proxy_pass (or a split_clients value) sends a backend's requests to.
    private static func target(
        _ g: NginxGateway, _ backend: NginxGateway.Backend, _ address: NginxGateway.Address, canary: Bool
    ) -> NginxArgument {
        switch g.mode {
        case .resolvePerRequest: .text("\(backend.scheme)://\(address.authority)")
        case .upstreamBlocks: .text("\(backend.scheme)://\(canary ? backend.canaryUpstream : backend.upstream)")
        }
    }

    /// Nginx time: whole days as `7d`, whole seconds as `30s`, else milliseconds.
    static func time(_ duration: Duration) -> String {
        let milliseconds = duration.wholeMilliseconds
        guard milliseconds % 1000 == 0 else { return "\(milliseconds)ms" }
        let seconds = milliseconds / 1000
        return seconds >= 86400 && seconds % 86400 == 0 ? "\(seconds / 86400)d" : "\(seconds)s"
    }
}
