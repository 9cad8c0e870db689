/// The checks that look across services: routes (the gateway's paths, one owner each) and dependency cycles.
extension SystemDescription {
    // MARK: - Routes

    func checkRoutes(_ c: inout DiagnosticCollector) {
        var seen: [String: (service: String, location: SourceLocation)] = [:]
        for service in services {
            let path = DiagnosticPath(system: name, service: service.name)
            for route in service.routes {
                let field = "routes[\(route.path)]"
                if !TextRules.isURLPath(route.path) {
                    c.error(path, field: field, "route path \(route.path.quoted) is not a URL path",
                            hint: "start it with '/' and use no spaces, quotes, '#', '?', ';', '$' or braces", at: route.location)
                } else if !TextRules.isNormalizedURLPath(route.path) {
                    c.error(path, field: field,
                            "route path \(route.path.quoted) is not in the normal form Nginx matches, so no request reaches it",
                            hint: "write it as requests decode to: no '//', '.' segments or %-escapes, e.g. /api/v2",
                            at: route.location)
                }
                if let rewrite = route.rewrite, !TextRules.isURLPath(rewrite) {
                    c.error(path, field: "\(field).rewrite", "rewrite target \(rewrite.quoted) is not a URL path",
                            hint: "start it with '/'", at: route.location)
                }
                if service.ports.isEmpty {
                    c.error(path, field: field, "the service has a route but no port",
                            hint: "declare the port the route goes to with Port(\"http\", 8080)", at: route.location)
                } else if let port = route.port, service.port(named: port) == nil {
                    c.error(path, field: "\(field).port", "the route goes to port \(port.quoted), which the service does not declare",
                            hint: Suggestions.hint(for: port, in: service.ports.map(\.name)) ?? "name one of the service's ports",
                            at: route.location)
                }
                if let timeout = route.timeout, !isTimeout(timeout) {
                    c.error(path, field: "\(field).timeout", "the timeout must be whole milliseconds between 1ms and 1h",
                            hint: "use e.g. .seconds(30)", at: route.location)
                }
                if let size = route.maxBodySize, !isBodySize(size) {
                    c.error(path, field: "\(field).maxBodySize", "the body size limit must be between 1 byte and 10Gi",
                            hint: "use e.g. .mebibytes(10)", at: route.location)
                }
                if let limit = route.rateLimit, !isRateLimit(limit) {
                    c.error(path, field: "\(field).rateLimit",
                            "the rate must be 1-100000 requests per second and the burst 0-100000",
                            hint: "use e.g. .perSecond(10, burst: 20)", at: route.location)
                }
                checkRouteKind(route, path, field, &c)
                let key = "\(route.match.rawValue) \(route.path)"
                if let first = seen[key] {
                    c.error(path, field: field,
                            "route \(route.path) is already declared by \(first.service.quoted) at \(first.location)",
                            hint: "give each route its own path", at: route.location)
                } else {
                    seen[key] = (service.name, route.location)
                }
            }
        }
        let routed = services.contains { !$0.routes.isEmpty }
        if routed {
            for environment in environments where environment.host == nil {
                c.error(DiagnosticPath(system: name, environment: environment.environment.name), field: "host",
                        "services declare routes but the environment has no host for the gateway",
                        hint: "add Host(\"\(environment.environment.name).\(name).example.com\") to the environment",
                        at: environment.location)
            }
        }
    }

    /// The route's methods, stream kind and Content-Security-Policy. What depends on the port (gRPC) the Nginx
    /// generator checks on the resolved route.
    private func checkRouteKind(
        _ route: RouteDescription, _ path: DiagnosticPath, _ field: String, _ c: inout DiagnosticCollector
    ) {
        if let methods = route.methods {
            if methods.isEmpty {
                c.error(path, field: "\(field).methods", "the route accepts no method, so every request would get 405",
                        hint: "name the methods it serves, e.g. methods: [.post], or leave methods out to accept all",
                        at: route.location)
            }
            var seen = Set<RouteDescription.HTTPMethod>()
            for method in methods where !seen.insert(method).inserted {
                c.error(path, field: "\(field).methods", "\(method.rawValue) is named twice",
                        hint: "name each method once", at: route.location)
            }
            if route.traffic == .webSocket && !methods.isEmpty && !methods.contains(.get) {
                c.error(path, field: "\(field).methods",
                        "a WebSocket opens with a GET, which the route's methods (\(methods.map(\.rawValue).joined(separator: ", "))) refuse",
                        hint: "add .get, or leave methods out", at: route.location)
            }
        }
        if case .policy(let policy)? = route.contentSecurityPolicy {
            if policy.isEmpty {
                c.error(path, field: "\(field).contentSecurityPolicy", "the route's Content-Security-Policy is empty",
                        hint: "write a policy, or use .application to pass the service's own header through",
                        at: route.location)
            } else if !TextRules.isHeaderValue(policy) {
                c.error(path, field: "\(field).contentSecurityPolicy",
                        "the route's Content-Security-Policy holds a control character, a non-ASCII character, '\\', '$' or '\"'",
                        hint: "write the policy on one line in printable ASCII, quoting sources with ' (nginx would read '$' as a variable)",
                        at: route.location)
            }
        }
    }

    /// Groups of services that call each other with more members than this get one warning, for the cycle found
    /// from their first service; smaller groups get one per distinct cycle found from each of their services.
    /// Bounds the search to (this × the number of dependencies): linear in the size of the system.
    static let largestCycleGroupSearchedFromEveryService = 64

    /// A warning for each distinct cycle that a depth-first search from each service (in declaration order) meets
    /// first, at that service. The search from a service stays inside its group of mutually dependent services
    /// (no cycle through it can leave the group), and services in no such group are not searched at all.
    func checkDependencyCycles(_ graph: DependencyGraph, _ c: inout DiagnosticCollector) {
        let (component, sizes) = graph.components()
        var reported = Set<String>()
        var reportedGroups = Set<Int>()
        for (number, position) in graph.declarations.enumerated() {
            let group = component[number]
            // A service alone in its group can only form a cycle with itself, which is an error of its own.
            guard sizes[group] > 1 else { continue }
            if sizes[group] > Self.largestCycleGroupSearchedFromEveryService && reportedGroups.contains(group) { continue }
            guard let cycle = graph.firstCycle(from: number, component: component), cycle.count > 2 else { continue }
            let names = cycle.map { graph.names[$0] }
            let key = Set(names).sorted().joined(separator: ",")
            guard reported.insert(key).inserted else { continue }
            reportedGroups.insert(group)
            let service = services[position]
            c.warning(DiagnosticPath(system: name, service: service.name), field: "dependencies",
                      "the dependencies form a cycle: \(names.joined(separator: " -> "))",
                      hint: "services that call each other cannot be started or rolled back one at a time; break the cycle if you can",
                      at: service.dependencies.first?.location ?? service.location, code: .dependencyCycle)
        }
    }
}
