/// A container port and the Service port in front of it, once the blueprint's declaration is checked.
public struct ResolvedPort: Sendable, Hashable, Encodable {
    public var name: String
    /// The container's port: what probes, network policies and the image's EXPOSE use.
    public var number: Int
    /// The Service's port: what clients and the gateway call.
    public var servicePort: Int
    public var transport: PortDescription.TransportProtocol
    public var appProtocol: PortDescription.AppProtocol?
    /// Where the blueprint declares the port.
    public var location: SourceLocation

    init(_ port: PortDescription) {
        (name, number, servicePort, transport, appProtocol, location) = (
            port.name, port.number, port.servicePort ?? port.number, port.transport, port.appProtocol, port.location)
    }
}

/// Where a service serves Prometheus metrics (the port `Metrics(port:)` names, else the first; none for a service
/// without ports or with `Metrics.none()`) and the names of its request metrics.
public struct ResolvedMetrics: Sendable, Hashable, Encodable {
    public var port: ResolvedPort?
    public var path: String
    public var requestCounter: String
    public var durationHistogram: String
    public var buckets: [Duration]
    public var serviceLabel: String
    public var codeLabel: String
    /// `Metrics(…)`, else the port, else the service: where a metrics diagnostic points.
    public var location: SourceLocation
}

/// A gateway route with the gateway's defaults applied: the port it goes to (the one it names, else the service's
/// first), its timeout, body limit and rate limit.
public struct ResolvedRoute: Sendable, Hashable, Encodable {
    public var path: String
    public var match: RouteDescription.Match
    public var port: ResolvedPort
    public var rewrite: String?
    public var timeout: Duration
    public var maxBodySize: DataSize
    public var rateLimit: RateLimitDescription?
    public var location: SourceLocation
}

/// A service level objective, with the team it pages (its own, else the service's).
public struct ResolvedSLO: Sendable, Hashable, Encodable {
    public var name: String
    public var matchers: [LabelMatcher]
    public var availability: Setting<Percentage>?
    public var latency: Setting<LatencyObjective>?
    public var window: TimeWindow
    public var errorCodes: String
    public var runbookURL: String?
    public var team: String
    public var location: SourceLocation
}

extension ServiceDescription {
    /// The port `name` names, else the first; nil when the name matches none (validation reports it) or there are
    /// no ports. The one place "the port it names, else the first" is decided.
    func resolvedPort(named name: String?) -> ResolvedPort? {
        if let name { return port(named: name).map(ResolvedPort.init) }
        return ports.first.map(ResolvedPort.init)
    }

    var resolvedMetrics: ResolvedMetrics {
        let port = metrics.isServed ? resolvedPort(named: metrics.port) : nil
        return ResolvedMetrics(
            port: port, path: metrics.path, requestCounter: metrics.requestCounter,
            durationHistogram: metrics.durationHistogram, buckets: metrics.buckets, serviceLabel: metrics.serviceLabel,
            codeLabel: metrics.codeLabel, location: metrics.location ?? port?.location ?? location)
    }

    func resolvedRoutes(_ gateway: GatewayDescription) -> [ResolvedRoute] {
        routes.compactMap { route in
            guard let port = resolvedPort(named: route.port) else { return nil }
            return ResolvedRoute(
                path: route.path, match: route.match, port: port, rewrite: route.rewrite,
                timeout: route.timeout ?? gateway.defaultTimeout,
                maxBodySize: route.maxBodySize ?? gateway.defaultMaxBodySize,
                rateLimit: route.rateLimit ?? gateway.defaultRateLimit, location: route.location)
        }
    }

    func resolvedSLOs(team: String) -> [ResolvedSLO] {
        slos.map { slo in
            ResolvedSLO(
                name: slo.name, matchers: slo.matchers, availability: slo.availability, latency: slo.latency,
                window: slo.window, errorCodes: slo.errorCodes, runbookURL: slo.runbookURL, team: slo.team ?? team,
                location: slo.location)
        }
    }
}
