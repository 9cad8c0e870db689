import InfragenModel

/// The canary at the gateway: which side a client is on, the cookie that keeps it there, and the fallback that sends
/// an idempotent request the canary fails to the stable pods.
///
/// One decision per client for every service: `split_clients` on the `<system>_uid` cookie, or for a client without
/// one on this request's `$request_id`, which the response then sets as the cookie (on the responses of services
/// with a canary only). The cookie is set with `add_header` at the http level, like every header of the gateway, and
/// not with the userid module: its cookie is made by the location that answers, and after the internal redirect to
/// the canary's location that is a fresh id, whose side need not be the one just chosen.
///
/// The fallback: an idempotent request (GET, HEAD, OPTIONS) that the canary cannot take (no connection, a timeout,
/// 502, 503, 504) goes to the stable Service once; any other request goes to the canary once and gets its answer.
/// - Names resolved per request (`proxy_pass` with a variable, so `proxy_next_upstream` has nowhere to go): the
///   route's location sends the idempotent requests of the canary side to a named location that proxies to the
///   canary with `proxy_intercept_errors` and `error_page 502 503 504` to a second named location, which proxies to
///   the stable Service. Both carry the route's own directives (limit, sizes, timeouts, rewrite, headers), and the
///   limit counts a request once.
/// - Upstream blocks: the canary's upstream has the stable Service as its `backup`, and `proxy_next_upstream error
///   timeout http_502 http_503 http_504` (never `non_idempotent`) is nginx's own retry.
extension NginxFiles {
    /// The methods the gateway may send a second time (RFC 9110: safe, so idempotent; PUT and DELETE are idempotent
    /// too, but a service may not implement them so, and one sent twice could act twice).
    static let retriedMethods = ["GET", "HEAD", "OPTIONS"]

    /// The http-level part: the key, the split, the retry decision, each backend's target, and the cookie.
    static func canaryHTTP(_ g: NginxGateway) -> [NginxNode] {
        guard let share = g.canary else { return [] }
        let canaried = g.backends.filter { $0.canary != nil }
        guard !canaried.isEmpty else { return [] }
        let seconds = Int(g.environment.canaryStickiness.components.seconds)
        let names = g.canaryNames
        var nodes: [NginxNode] = [
            .blank,
            .comment("Canary: \(share.percentText) % of clients go to the canary of every service that has one. The key is the"),
            .comment("\(g.cookieName) cookie, or for a client without one this request's id, which the response sets as the"),
            .comment("cookie (for \(NginxFiles.time(g.environment.canaryStickiness))): a client that keeps it stays on its side, for every service."),
            // A key of x alone is a request without the cookie.
            .block("map", .expression([.literal("x"), .variable("cookie_\(g.cookieName)")]), .variable(names.key),
                   children: [
                .d("default", .variable("cookie_\(g.cookieName)")),
                .d("x", .variable("request_id")),
            ]),
            .block("split_clients", .variable(names.key), .variable(names.side), children: [
                .d("\(share.percentText)%", "canary"),
                .d("*", "stable"),
            ]),
        ]
        switch g.mode {
        case .resolvePerRequest:
            nodes += [
                .comment("An idempotent request on the canary side goes through the canary's location, which sends it to"),
                .comment("the stable Service if the canary fails it (no connection, timeout, 502, 503, 504). Any other"),
                .comment("request on that side goes to the canary once: it may have acted, so it is never sent twice."),
                .block("map", .expression([.variable(names.side), .literal(":"), .variable("request_method")]),
                       .variable(names.retried),
                       children: [.d("default", .text(""))]
                        + retriedMethods.map { .d("canary:\($0)", "1") }),
            ]
        case .upstreamBlocks:
            nodes += [
                .comment("The canary's upstream has the stable Service as its backup: nginx sends an idempotent request the"),
                .comment("canary fails (no connection, timeout, 502, 503, 504) there once, and no request it has sent to the"),
                .comment("canary (proxy_next_upstream without non_idempotent)."),
            ]
        }
        for backend in canaried {
            guard let canaryAddress = backend.canary else { continue }
            nodes.append(.block("map", .variable(names.side), .variable(backend.variable), children: [
                .d("default", canaryTarget(g, backend, backend.stable, canary: false)),
                .d("canary", canaryTarget(g, backend, canaryAddress, canary: true)),
            ]))
        }
        // Each name once: two ports of a service, or two services, may share an address.
        var proxiedNames: [String] = []
        for backend in canaried {
            guard let canaryAddress = backend.canary else { continue }
            let names = switch g.mode {
            case .resolvePerRequest: [backend.stable.authority, canaryAddress.authority]
            case .upstreamBlocks: [backend.upstream, backend.canaryUpstream]
            }
            for name in names where !proxiedNames.contains(name) { proxiedNames.append(name) }
        }
        let proxied: [NginxNode] = [.d("default", "0")] + proxiedNames.map { .d($0, "1") }
        let flags = ["Path=/", "Max-Age=\(seconds)", "HttpOnly"] + (g.environment.tls ? ["Secure"] : []) + ["SameSite=Lax"]
        nodes.append(.comment("The cookie, on a response of a service with a canary to a client without one."))
        nodes += [
            .block("map", .variable("proxy_host"), .variable(names.proxied), children: proxied),
            .block("map", .expression([.variable(names.proxied), .variable("cookie_\(g.cookieName)")]),
                   .variable(names.cookie), children: [
                .d("default", .text("")),
                .d("1", .expression([.literal("\(g.cookieName)="), .variable("request_id"),
                                     .literal("; " + flags.joined(separator: "; "))])),
            ]),
            .d("add_header", "Set-Cookie", .variable(names.cookie)),
        ]
        return nodes
    }

    /// `map_hash_bucket_size`, where the cookie's map has keys (cluster names) longer than the 64-byte buckets
    /// nginx sizes a map's keys for by default (it refuses to start). Before the include's first map, which fixes it.
    static func canaryMapBuckets(_ g: NginxGateway) -> [NginxNode] {
        guard g.canary != nil, g.mode == .resolvePerRequest else { return [] }
        let longest = g.backends.flatMap { backend in
            backend.canary.map { [backend.stable.authority.utf8.count, $0.authority.utf8.count] } ?? []
        }.max() ?? 0
        var bucket = 64
        while bucket < longest + 32 { bucket *= 2 }
        guard bucket > 64 else { return [] }
        return [
            .blank,
            .comment("Map keys as long as the cluster names of the canary's map below."),
            .d("map_hash_bucket_size", .number(bucket)),
        ]
    }

    /// An upstream block of a backend's canary: the canary, and the stable Service as its backup (round robin: a
    /// backup server cannot follow `ip_hash`).
    static func canaryUpstream(_ g: NginxGateway, _ backend: NginxGateway.Backend, canary: NginxGateway.Address) -> NginxNode {
        var children: [NginxNode] = []
        let resolve = g.target.resolvesUpstreamServers && !(canary.isIPAddress && backend.stable.isIPAddress)
        if resolve { children.append(.d("zone", .word(backend.canaryUpstream), "64k")) }
        func server(_ address: NginxGateway.Address, backup: Bool) -> NginxNode {
            var arguments: [NginxArgument] = [.word(address.authority)]
            if g.target.resolvesUpstreamServers && !address.isIPAddress { arguments.append("resolve") }
            arguments += [.parameter("max_fails", String(g.gateway.maxFails)),
                          .parameter("fail_timeout", time(g.gateway.failTimeout))]
            if backup { arguments.append("backup") }
            return .d("server", arguments: arguments)
        }
        children += [
            server(canary, backup: false),
            server(backend.stable, backup: true),
            .d("keepalive", .number(g.gateway.upstreamKeepalive)),
            .d("keepalive_requests", "1000"),
            .d("keepalive_timeout", "60s"),
        ]
        return .block("upstream", .word(backend.canaryUpstream), children: children)
    }

    private static func canaryTarget(
        _ g: NginxGateway, _ backend: NginxGateway.Backend, _ address: NginxGateway.Address, canary: Bool
    ) -> NginxArgument {
        switch g.mode {
        case .resolvePerRequest: .text("\(backend.scheme)://\(address.authority)")
        case .upstreamBlocks: .text("\(backend.scheme)://\(canary ? backend.canaryUpstream : backend.upstream)")
        }
    }

    /// What a route's location adds for a backend with a canary (nil without one), and what it proxies to. A gRPC
    /// call is a POST, never sent twice: its route only follows the split (and, with upstream blocks, reaches the
    /// stable backup when the canary refuses the connection, as grpc_next_upstream's default does).
    static func canaryRouteHook(_ g: NginxGateway, _ route: NginxGateway.Route) -> (nodes: [NginxNode], proxyPass: NginxArgument)? {
        guard g.canary != nil, route.backend.canary != nil else { return nil }
        let backend = route.backend
        if route.isGRPC { return ([], .variable(backend.variable)) }
        // A route that takes no method the gateway may send twice (POST only) has nothing to fall back.
        if let methods = route.methods?.map(\.rawValue), !methods.contains(where: retriedMethods.contains) {
            return ([], .variable(backend.variable))
        }
        switch g.mode {
        case .resolvePerRequest:
            let names = g.canaryNames
            let location = "@\(canaryLocationStem(g, route))_canary"
            return ([
                .blank,
                .comment("Canary side, idempotent: to \(location), which falls back to the stable Service."),
                .d("recursive_error_pages", "on"),
                .d("error_page", "418", "=", .word(location)),
                .block("if", "(", .variable(names.retried), ")", children: [.d("return", "418")]),
            ], .variable(backend.variable))
        case .upstreamBlocks:
            return ([
                .blank,
                .comment("Canary side: an idempotent request the canary fails goes to the stable Service (backup)."),
                .d("proxy_next_upstream", "error", "timeout", "http_502", "http_503", "http_504"),
                .d("proxy_next_upstream_tries", "2"),
            ], .variable(backend.variable))
        }
    }

    /// The named locations of a route whose backend has a canary, names resolved per request: the canary's, whose
    /// failures go to the stable Service's. Each has the route location's directives, but for the hook and the
    /// target.
    static func canaryLocations(
        _ g: NginxGateway, _ route: NginxGateway.Route, routeChildren: [NginxNode]
    ) -> [NginxNode] {
        guard g.mode == .resolvePerRequest, let hook = canaryRouteHook(g, route), !hook.nodes.isEmpty,
              let canaryAddress = route.backend.canary
        else { return [] }
        let stem = canaryLocationStem(g, route)
        let backend = route.backend
        let hookNodes = Set(hook.nodes.filter { $0 != .blank })
        let own = routeChildren.filter { !hookNodes.contains($0) }
        func target(_ variable: String, _ address: NginxGateway.Address, extra: [NginxNode]) -> [NginxNode] {
            var children: [NginxNode] = []
            for node in own {
                if case .directive(let directive) = node, directive.name == "proxy_pass" {
                    children += extra + [.d("proxy_pass", .variable(variable))]
                } else if case .directive(let directive) = node, directive.name == "set",
                          directive.arguments.first == .variable(backend.variable) {
                    continue
                } else {
                    children.append(node)
                }
            }
            // The target first, as a route location sets its own (a set is evaluated before the rewrite).
            return [.d("set", .variable(variable), .text("\(backend.scheme)://\(address.authority)"))] + children
        }
        let retry = "@\(stem)_stable"
        return [
            .blank,
            .comment("The canary of \(route.path) for an idempotent request: a failure goes to the stable Service."),
            .block("location", .word("@\(stem)_canary"), children: target(
                "\(backend.identifier)_canary_url", canaryAddress, extra: [
                    .d("proxy_intercept_errors", "on"),
                    .d("error_page", "502", "503", "504", "=", .word(retry)),
                ])),
            .blank,
            .comment("The stable Service, for an idempotent request of \(route.path) that its canary failed."),
            .block("location", .word(retry), children: target("\(backend.identifier)_stable_url", backend.stable, extra: [])),
        ]
    }

    /// A stem for a route's named locations, unique in the server: `shop_api_orders`, `shop_api_orders_exact` for
    /// an exact route, with a counter where two paths make one identifier.
    static func canaryLocationStem(_ g: NginxGateway, _ route: NginxGateway.Route) -> String {
        var taken = Set<String>()
        for candidate in g.routes {
            var stem = "\(g.prefix)_\(NginxGateway.identifier(candidate.path))"
            if candidate.match == .exact { stem += "_exact" }
            var name = stem
            var counter = 2
            while taken.contains(name) {
                name = "\(stem)_\(counter)"
                counter += 1
            }
            taken.insert(name)
            if candidate.path == route.path && candidate.match == route.match { return name }
        }
        return "\(g.prefix)_route"
    }
}

/// The names of the canary's variables.
struct NginxCanaryNames {
    /// The split's key: the cookie, or this request's id.
    var key: String
    /// `canary` or `stable`.
    var side: String
    /// `1` for an idempotent request on the canary side.
    var retried: String
    /// `1` for a response proxied from a service with a canary.
    var proxied: String
    /// The Set-Cookie value, or empty.
    var cookie: String
}

extension NginxGateway {
    var canaryNames: NginxCanaryNames {
        NginxCanaryNames(
            key: "\(prefix)_canary_key", side: "\(prefix)_canary", retried: "\(prefix)_canary_retried",
            proxied: "\(prefix)_canary_proxied", cookie: "\(prefix)_canary_cookie")
    }
}
