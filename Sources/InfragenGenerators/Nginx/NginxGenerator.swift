public import InfragenModel

/// The Nginx gateway: per environment with routed services, a folder that deploys either way.
///
///     <system>/<env>/nginx/<system>.conf    the http-level include: TLS, headers, limits, canary, servers
///     <system>/<env>/nginx/nginx.conf       a complete main configuration that includes it
///
/// Every value goes through the typed directive tree and ``NginxPrinter``, which refuses what validation should
/// have kept out.
public struct NginxGenerator: Generator {
    public let kind = ArtifactKind.nginx
    public let folders = [folder]
    static let folder = OutputFolder.inEnvironment("nginx")

    public init() {}

    /// The environment's gateway, when it routes any service.
    public func files(environment: ResolvedEnvironment, system: ResolvedSystem, cache: GenerationCache) throws
        -> [GeneratedFile] {
        let folder = Self.folder.path(system: system.name, environment: environment.name)
        return try Self.configuration(system: system, environment: environment, cache: cache).map { name, contents in
            GeneratedFile(
                path: "\(folder)/\(name)", contents: contents, kind: kind, system: system.name,
                environment: environment.name)
        }
    }

    /// The environment's gateway files by name, header included, exactly as they are written to the folder; empty
    /// when the environment routes no service. The gateway's Kubernetes ConfigMap holds these bytes.
    /// ``configuration(system:environment:)`` once per render: the Nginx folder and the gateway's ConfigMap (in the
    /// Kubernetes folder) hold the same bytes.
    static func configuration(system: ResolvedSystem, environment: ResolvedEnvironment, cache: GenerationCache) throws
        -> [(name: String, contents: String)] {
        try cache.value(for: ConfigurationKey(system: system.name, environment: environment.name)) {
            try configuration(system: system, environment: environment)
        }
    }

    struct ConfigurationKey: CacheKey {
        typealias Value = [(name: String, contents: String)]
        let system: String
        let environment: String
    }

    public static func configuration(system: ResolvedSystem, environment: ResolvedEnvironment) throws
        -> [(name: String, contents: String)] {
        guard let gateway = NginxGateway(system: system, environment: environment) else { return [] }
        let header = FileHeader.hash(source: system.gateway.declaredAt, system: system.name, command: system.command)
        let documents = [(gateway.includeFileName, NginxFiles.include(gateway)), ("nginx.conf", NginxFiles.main(gateway))]
        return try documents.map { name, nodes in (name: name, contents: header + (try NginxPrinter.print(nodes))) }
    }

    public func validate(_ system: ResolvedSystem) -> [Diagnostic] {
        let services = system.services
        guard services.contains(where: { !$0.routes.isEmpty }) else { return [] }
        let gateway = system.gateway
        var c = DiagnosticCollector(system: system.name)
        let path = DiagnosticPath(system: system.name)
        let at = gateway.location(of:)

        guard let target = gateway.target else { return [] }  // the model's validation reports the syntax
        if target.nginx < NginxTarget.minimumNginx {
            c.error(path, field: "gateway.nginxVersion",
                    "nginx \(gateway.nginxVersion) is older than \(NginxTarget.minimumNginx), the oldest the gateway supports",
                    hint: "target a newer nginx (Debian 12 ships 1.22.1)", at: at("nginxVersion"))
        }
        if target.openssl < NginxTarget.minimumOpenSSL {
            c.error(path, field: "gateway.opensslVersion",
                    "OpenSSL \(gateway.opensslVersion) is older than \(NginxTarget.minimumOpenSSL), which TLS 1.3 needs",
                    hint: "target nginx built with OpenSSL 1.1.1 or newer", at: at("opensslVersion"))
        }
        if gateway.upstreamMode == .resolvePerRequest && gateway.loadBalancing != .roundRobin {
            c.warning(path, field: "gateway.loadBalancing",
                      "\(gateway.loadBalancing.rawValue) has no effect: names are resolved per request, without upstream blocks",
                      hint: "add Upstreams(.upstreamBlocks) to use it, or remove LoadBalancing (kube-proxy spreads connections behind a ClusterIP)",
                      at: at("loadBalancing"), code: .loadBalancingWithoutUpstreams)
        }
        if let root = gateway.staticRoot {
            for service in services {
                for route in service.routes where route.match == .prefix && route.path == root.urlPrefix {
                    c.error(DiagnosticPath(system: system.name, service: service.name), field: "routes[\(route.path)]",
                            "the route and the gateway's static files both use location \(route.path)",
                            hint: "move the static files or the route to another path", at: route.location)
                }
            }
        }
        // Every service's exact and prefix route paths, looked up for each route (a search would be quadratic).
        let exactPaths = Set(services.flatMap { $0.routes.filter { $0.match == .exact }.map(\.path) })
        let prefixPaths = Set(services.flatMap { $0.routes.filter { $0.match == .prefix }.map(\.path) })
        for service in services {
            let servicePath = DiagnosticPath(system: system.name, service: service.name)
            for route in service.routes {
                let field = "routes[\(route.path)]"
                if TextRules.isURLPath(route.path) && !TextRules.isGatewayPath(route.path) {
                    c.error(servicePath, field: field, "nginx cannot match route path '\(route.path)' literally",
                            hint: "use letters, digits, '.', '_', '~', '-' and '/' only, with no '%', '//' or '.' segments",
                            at: route.location)
                }
                if let rewrite = route.rewrite, TextRules.isURLPath(rewrite) && !TextRules.isGatewayPath(rewrite) {
                    c.error(servicePath, field: "\(field).rewrite", "nginx cannot send rewrite target '\(rewrite)' as is",
                            hint: "use letters, digits, '.', '_', '~', '-' and '/' only, with no '%', '//' or '.' segments",
                            at: route.location)
                }
                if route.match == .prefix && !route.path.hasSuffix("/")
                    && exactPaths.contains(route.path) && prefixPaths.contains(route.path + "/") {
                    c.error(servicePath, field: field,
                            "the routes '= \(route.path)' and '\(route.path)/' take every request the prefix route '\(route.path)' matches",
                            hint: "remove the prefix route '\(route.path)'", at: route.location)
                }
                let exposed = NginxGateway.privatePaths(of: service).filter {
                    $0.route == route && $0.gatewayPath == route.path && (route.match == .exact || !route.path.hasSuffix("/"))
                }
                for privatePath in exposed where !NginxFiles.ownExactLocations.contains(route.path) {
                    c.error(servicePath, field: field,
                            "the route sends \(route.path) to '\(privatePath.servicePath)', a health check or metrics path of its service, which the gateway keeps private",
                            hint: "route another path, or move the check or the metrics to a path no route reaches",
                            at: route.location)
                }
                if NginxFiles.ownExactLocations.contains(route.path) {
                    c.error(servicePath, field: field,
                            "the gateway's own location '= \(route.path)' answers \(route.path) itself, so the route never receives that request",
                            hint: "use another path, e.g. /\(service.name)\(route.path)", at: route.location)
                }
                if case let port = route.port, port.transport != .tcp {
                    c.error(servicePath, field: field,
                            "the route goes to \(port.transport.rawValue) port '\(port.name)', which nginx cannot proxy as HTTP",
                            hint: "route to a TCP port", at: route.location)
                } else if route.port.appProtocol == .h2c {
                    c.error(servicePath, field: field,
                            "the route goes to port '\(route.port.name)', which speaks HTTP/2 in cleartext, and the gateway proxies HTTP/1.1 or gRPC",
                            hint: "route to an HTTP/1.1 port, or declare the port appProtocol: .grpc if it serves gRPC",
                            at: route.location)
                } else if route.isGRPC {
                    if let methods = route.methods {
                        c.error(servicePath, field: "\(field).methods",
                                "gRPC calls are always POST, so methods (\(methods.map(\.rawValue).joined(separator: ", "))) restrict nothing or refuse every call",
                                hint: "leave methods out of a route to a gRPC port", at: route.location)
                    }
                    if route.traffic != .http {
                        c.error(servicePath, field: field,
                                "the route goes to gRPC port '\(route.port.name)' and cannot also be a \(route.traffic == .webSocket ? "WebSocket" : "server-sent-events") route",
                                hint: "gRPC streams need no protocol word: leave protocol out, or route to an HTTP port",
                                at: route.location)
                    }
                    for environment in system.environments
                    where !environment.tls && environment.routedServices.contains(where: { $0.name == service.name }) {
                        c.error(servicePath, field: field,
                                "the route goes to gRPC port '\(route.port.name)', and gRPC needs HTTP/2, which the gateway serves over TLS only, but environment '\(environment.name)' has no TLS",
                                hint: "give environment '\(environment.name)' a TLS certificate, or route gRPC only where it has one",
                                at: route.location)
                    }
                }
            }
        }
        for environment in system.environments where !environment.routedServices.isEmpty {
            let environmentPath = DiagnosticPath(system: system.name, environment: environment.name)
            if let host = environment.host, host.hasPrefix("*.") {
                c.error(environmentPath, field: "host", "the gateway needs one host name, not the wildcard '\(host)'",
                        hint: "name the host the gateway serves and redirects to, e.g. shop.example.com",
                        at: environment.hostLocation)
            }
            if let canary = environment.canary {
                if canary.millionths % 100 != 0 {
                    c.error(environmentPath, field: "canary",
                            "nginx splits traffic in steps of 0.01 %, and the canary share \(canary) is finer",
                            hint: "round it to at most two decimals, e.g. .percent(2.5)", at: environment.canaryLocation)
                }
            }
        }
        return c.diagnostics
    }
}
