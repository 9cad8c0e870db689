import InfragenModel

/// What the gateway of one environment is made of, decided once from the resolved model: the backends (one per
/// routed service and port), their addresses, the routes with their limits, and every name used in the config.
struct NginxGateway {
    /// A host and port the gateway sends requests to.
    struct Address: Hashable {
        var host: String
        var port: Int

        /// `host:port`, as an upstream `server` or a URL authority writes it (IPv6 already in brackets).
        var authority: String { "\(host):\(port)" }
        var isIPAddress: Bool { TextRules.isIPAddress(host) }
    }

    /// One service port the gateway routes to, with its canary when the environment has one.
    struct Backend {
        var service: String
        var portName: String
        /// `shop_order_service`: the stem of this backend's upstream and variable names.
        var identifier: String
        /// gRPC for a port that speaks it (grpc_pass), else HTTP (proxy_pass).
        var grpc: Bool
        var stable: Address
        var canary: Address?

        var scheme: String { grpc ? "grpc" : "http" }

        var variable: String { "\(identifier)_backend" }
        var upstream: String { identifier }
        var canaryUpstream: String { "\(identifier)_canary" }
    }

    /// One route (the gateway's defaults already applied by resolution), its backend and its rate-limit zone.
    struct Route {
        var resolved: ResolvedRoute
        var service: String
        var backend: Backend
        var zone: String?

        var path: String { resolved.path }
        var match: RouteDescription.Match { resolved.match }
        var rewrite: String? { resolved.rewrite }
        var rateLimit: RateLimitDescription? { resolved.rateLimit }
        var timeout: Duration { resolved.timeout }
        var maxBodySize: DataSize { resolved.maxBodySize }
        var methods: [RouteDescription.HTTPMethod]? { resolved.methods }
        var traffic: RouteDescription.Traffic { resolved.traffic }
        var isGRPC: Bool { resolved.isGRPC }
        /// The Content-Security-Policy's source; a gRPC route carries no page, so it keeps the gateway's.
        var contentSecurityPolicy: RouteDescription.ContentSecurityPolicy {
            isGRPC ? .gateway : resolved.contentSecurityPolicy
        }
    }

    let system: String
    let environment: ResolvedEnvironment
    let gateway: ResolvedGateway
    let target: NginxTarget
    let mode: GatewayDescription.UpstreamMode
    let host: String
    let backends: [Backend]
    let routes: [Route]
    /// The paths of the exact routes and of the prefix routes, to look a path up instead of searching every route.
    let exactRoutePaths: Set<String>
    let prefixRoutePaths: Set<String>
    /// The gateway paths that would reach a probe or metrics path of a routed service, each once, in route order:
    /// the gateway answers them 404 itself, in any case and with a trailing `/` (frameworks such as Express match
    /// paths that way).
    let privatePaths: [String]
    /// The stem of every name in the config (`shop`), always starting with a letter.
    let prefix: String

    var includeFileName: String { "\(system).conf" }
    var logFormat: String { "\(prefix)_json" }
    var hstsVariable: String { "\(prefix)_hsts" }
    var cookieName: String { "\(prefix)_uid" }
    /// What the gateway sends as X-Request-ID (and logs): nginx's own, or with RealIP a trusted peer's.
    var requestIDVariable: String { gateway.realIP == nil ? "request_id" : "\(prefix)_request_id" }
    /// What the gateway sends as X-Forwarded-For: the client's address, or with RealIP the chain it received and
    /// the peer that connected.
    var forwardedForVariable: String { gateway.realIP == nil ? "remote_addr" : "\(prefix)_forwarded_for" }
    var canary: Percentage? { environment.canary }

    /// Set in a route's location to choose the Content-Security-Policy: `gateway` (every server's default),
    /// `application`, or the key of a route's own policy.
    var cspSourceVariable: String { "\(prefix)_csp_source" }
    var cspVariable: String { "\(prefix)_csp" }
    /// Whether any route's policy is not the gateway's: then the header goes through the map, else as it is.
    var choosesCSPPerRoute: Bool { routes.contains { $0.contentSecurityPolicy != .gateway } }
    /// The routes' own policies, each once, in route order; `policy_1` … are their keys.
    var routePolicies: [String] {
        var policies: [String] = []
        for route in routes {
            if case .policy(let policy) = route.contentSecurityPolicy, !policies.contains(policy) {
                policies.append(policy)
            }
        }
        return policies
    }
    func cspSource(of route: Route) -> String? {
        switch route.contentSecurityPolicy {
        case .gateway: nil
        case .application: "application"
        case .policy(let policy): "policy_\((routePolicies.firstIndex(of: policy) ?? 0) + 1)"
        }
    }

    /// Set in a method-restricted route's location to its methods, the Allow header of its 405.
    var methodsVariable: String { "\(prefix)_route_methods" }
    var allowVariable: String { "\(prefix)_allow" }
    var restrictsMethods: Bool { routes.contains { $0.methods != nil } }
    /// `upgrade` when the client asks for a protocol upgrade, else `close`: the Connection of WebSocket routes.
    var connectionUpgradeVariable: String { "\(prefix)_connection_upgrade" }
    var upgradesConnections: Bool { routes.contains { $0.traffic == .webSocket } }
    var routesGRPC: Bool { routes.contains(where: \.isGRPC) }

    /// Whether Nginx needs `resolver`: names resolved per request, or re-resolved in upstream blocks.
    var resolvesNames: Bool {
        let addresses = backends.flatMap { [$0.stable] + ($0.canary.map { [$0] } ?? []) }
        switch mode {
        case .resolvePerRequest: return addresses.contains { !$0.isIPAddress }
        case .upstreamBlocks: return target.resolvesUpstreamServers && addresses.contains { !$0.isIPAddress }
        }
    }

    /// Upstream blocks chosen through a variable (the canary split): Nginx looks the variable's value up among the
    /// upstream blocks first and would ask the resolver only for a value that names none, which the generator never
    /// writes. The resolver is still declared, so that linters (gixy's stale_dns_cache) see one for the variable.
    var declaresResolverForVariables: Bool { mode == .upstreamBlocks && canary != nil && !resolvesNames }

    /// nil when the environment has nothing to route (no gateway), or the model is not valid enough to build one.
    init?(system: ResolvedSystem, environment: ResolvedEnvironment) {
        let routed = environment.routedServices
        let gateway = system.gateway
        guard !routed.isEmpty, let host = environment.host, let target = gateway.target else { return nil }
        self.system = system.name
        self.environment = environment
        self.gateway = gateway
        self.target = target
        self.host = host
        self.mode = gateway.upstreamMode
        let prefix = Self.identifier(system.name)
        self.prefix = prefix

        // Looked up by key (service and port; family and rate), not searched: a gateway of 10,000 routes.
        var backends: [Backend] = []
        var backendIndex: [String: Int] = [:]
        var routes: [Route] = []
        var zoneNames: Set<String> = []
        var zoneOfFamily: [String: String] = [:]
        for service in routed {
            let routedPorts = Set(service.routes.map(\.port.name))
            for route in service.routes {
                let port = route.port
                let backend: Backend
                let backendKey = "\(service.name)\u{0}\(port.name)"
                if let existing = backendIndex[backendKey] {
                    backend = backends[existing]
                } else {
                    var identifier = "\(prefix)_\(Self.identifier(service.name))"
                    if routedPorts.count > 1 { identifier += "_\(Self.identifier(port.name))" }
                    backend = Backend(
                        service: service.name, portName: port.name, identifier: identifier, grpc: route.isGRPC,
                        stable: Self.address(service.name, name: service.name, canary: false, port: port.servicePort, environment, gateway),
                        // Resolution decides which services have a canary and names its Service.
                        canary: service.canary.map {
                            Self.address(service.name, name: $0.name, canary: true, port: port.servicePort, environment, gateway)
                        })
                    backendIndex[backendKey] = backends.count
                    backends.append(backend)
                }
                // One zone per path and rate: the exact and the prefix route of one path (`= /api/orders`,
                // `/api/orders/`) share one budget, so a client cannot double it by spreading its requests.
                var zone: String?
                if let limit = route.rateLimit {
                    let stem = "\(prefix)_\(Self.identifier(route.path))"
                    let family = route.path.count > 1 && route.path.hasSuffix("/")
                        ? String(route.path.dropLast()) : route.path
                    let familyKey = "\(family)\u{0}\(limit.requestsPerSecond)"
                    if let shared = zoneOfFamily[familyKey] {
                        zone = shared
                    } else {
                        var candidate = stem
                        var counter = 2
                        while zoneNames.contains(candidate) {
                            candidate = "\(stem)_\(counter)"
                            counter += 1
                        }
                        zoneNames.insert(candidate)
                        zoneOfFamily[familyKey] = candidate
                        zone = candidate
                    }
                }
                routes.append(Route(resolved: route, service: service.name, backend: backend, zone: zone))
            }
        }
        self.backends = backends
        self.routes = routes
        exactRoutePaths = Set(routes.filter { $0.match == .exact }.map(\.path))
        prefixRoutePaths = Set(routes.filter { $0.match == .prefix }.map(\.path))
        var privatePaths: [String] = [], seen: Set<String> = []
        for service in routed {
            for path in Self.privatePaths(of: service).map(\.gatewayPath) where seen.insert(path).inserted {
                privatePaths.append(path)
            }
        }
        self.privatePaths = privatePaths
    }

    /// How a route becomes locations: an exact route and a prefix ending in `/` as they are; any other prefix as
    /// whole path segments, `= path` and `path/`, each nil where another route declares that location itself.
    enum RouteLocations: Equatable {
        case exact
        case prefix
        case segments(exact: String?, below: String?)
    }

    func segmentLocations(of route: Route) -> RouteLocations {
        if route.match == .exact { return .exact }
        if route.path.hasSuffix("/") { return .prefix }
        let below = route.path + "/"
        let exactTaken = exactRoutePaths.contains(route.path)
        let belowTaken = prefixRoutePaths.contains(below)
        return .segments(exact: exactTaken ? nil : route.path, below: belowTaken ? nil : below)
    }

    /// A path of a service that only the cluster may call (an HTTP probe's, the metrics path), as a request to the
    /// gateway would reach it through one of the service's routes (after the route's rewrite).
    struct PrivatePath: Equatable {
        var gatewayPath: String
        var servicePath: String
        var route: ResolvedRoute
    }

    /// Every gateway path that would reach one of `service`'s probe or metrics paths through its routes.
    static func privatePaths(of service: ResolvedService) -> [PrivatePath] {
        var paths: [String] = []
        if let health = service.health {
            for kind in health.kinds {
                if case .http(let path, _, _, _)? = health[kind], !paths.contains(path) { paths.append(path) }
            }
        }
        if service.metrics.port != nil, !paths.contains(service.metrics.path) { paths.append(service.metrics.path) }
        var found: [PrivatePath] = []
        for route in service.routes {
            for path in paths {
                guard let gatewayPath = gatewayPath(reaching: path, through: route),
                      TextRules.isGatewayPath(gatewayPath),
                      !found.contains(where: { $0.gatewayPath == gatewayPath }) else { continue }
                found.append(PrivatePath(gatewayPath: gatewayPath, servicePath: path, route: route))
            }
        }
        return found
    }

    /// The request path that `route` sends to the service as `path`; nil when the route sends no request there.
    static func gatewayPath(reaching path: String, through route: ResolvedRoute) -> String? {
        guard let rewrite = route.rewrite else {
            switch route.match {
            case .exact: return route.path == path ? path : nil
            case .prefix: return matches(path, prefix: route.path) ? path : nil
            }
        }
        if route.match == .exact { return rewrite == path ? route.path : nil }
        guard path.hasPrefix(rewrite) else { return nil }
        // The rewrite's pattern (NginxFiles): `^path/?(.*)$` when only the rewrite ends in `/`, else `^path(.*)$`.
        let rest = String(path.dropFirst(rewrite.count))
        let gatewayPath = rewrite.hasSuffix("/") && !route.path.hasSuffix("/")
            ? route.path + (rest.isEmpty ? "" : "/" + rest) : route.path + rest
        return matches(gatewayPath, prefix: route.path) ? gatewayPath : nil
    }

    /// Whether a prefix route on `prefix` matches `path`, whole path segments only.
    static func matches(_ path: String, prefix: String) -> Bool {
        prefix.hasSuffix("/") ? path.hasPrefix(prefix) : path == prefix || path.hasPrefix(prefix + "/")
    }

    private static func address(
        _ service: String, name: String, canary: Bool, port: Int, _ environment: ResolvedEnvironment,
        _ gateway: ResolvedGateway
    ) -> Address {
        let override = gateway.upstreamAddress(for: service, canary: canary)
        return Address(
            host: override?.host ?? "\(name).\(environment.namespace).svc.\(gateway.clusterDomain)",
            port: override?.port ?? port)
    }

    /// A name usable for Nginx variables, zones and upstreams: lower-case letters, digits and `_`, starting with a
    /// letter (`/api/orders` → `api_orders`, `order-service` → `order_service`, `/` → `root`).
    static func identifier(_ text: String) -> String {
        var out = ""
        for byte in text.lowercased().utf8 {
            let keep = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            if keep {
                out.append(Character(Unicode.Scalar(byte)))
            } else if !out.isEmpty && out.last != "_" {
                out.append("_")
            }
        }
        while out.last == "_" { out.removeLast() }
        if out.isEmpty { return "root" }
        if let first = out.utf8.first, !(UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) { out = "n" + out }
        return out
    }
}
