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
    /// The package that exports the request metrics, with the buckets the service declares in place of its defaults.
    public var instrumentation: Instrumentation
    /// The label the scrape puts the service in (`service`, or `SLISelector(serviceLabel:)`), its value (the service's
    /// name, or `SLISelector(value:)`) and whether the SLIs match `namespace` (README, "Flexible SLIs").
    public var serviceLabel: String
    public var serviceLabelValue: String
    public var matchesNamespace: Bool
    /// `Metrics(…)`, else the port, else the service: where a metrics diagnostic points.
    public var location: SourceLocation

    /// A counter of requests; nil when the histogram's `_count` is the total.
    public var requestCounter: String? { instrumentation.requestCounter }
    public var durationHistogram: String { instrumentation.durationHistogram }
    public var buckets: [Duration] { instrumentation.buckets }
    public var codeLabel: String { instrumentation.codeLabel }
    /// The series whose rate is the request total: the counter, else the histogram's `_count`.
    public var totalSeries: String { instrumentation.totalSeries }
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
    /// The accepted methods, GET with HEAD; nil: every method.
    public var methods: [RouteDescription.HTTPMethod]?
    public var traffic: RouteDescription.Traffic
    /// Whether the route goes to a gRPC port (named grpc, or with appProtocol grpc): grpc_pass, HTTP/2.
    public var isGRPC: Bool
    /// Decided here: the route's own, else the service's own for a frontend, else the gateway's.
    public var contentSecurityPolicy: RouteDescription.ContentSecurityPolicy
    public var location: SourceLocation
}

extension ResolvedPort {
    /// A port that speaks gRPC: named `grpc`, or declared with `appProtocol: .grpc`.
    public var speaksGRPC: Bool { appProtocol == .grpc || (appProtocol == nil && name == "grpc") }
}

/// A service level objective, with the team it pages (its own, else the service's).
public struct ResolvedSLO: Sendable, Hashable, Encodable {
    public var name: String
    public var matchers: [LabelMatcher]
    public var availability: Setting<Percentage>?
    public var latency: Setting<LatencyObjective>?
    /// A raw-PromQL SLI, measured by the availability objective (``RawSLI``).
    public var rawSLI: Setting<RawSLI>?
    public var window: TimeWindow
    public var errorCodes: String
    public var runbookURL: String?
    public var team: String
    /// Whether the SLO pages and raises tickets here: the environment's policy and the SLO's own switches.
    public var pages: Bool
    public var tickets: Bool
    public var alertName: String?
    public var alertLabels: [String: String]
    public var annotations: [String: String]
    /// Minutes the SLI's denominator may be absent before the no-data ticket fires (`NoDataAfter`, else 10).
    public var noDataMinutes: Int
    /// The traffic a window must have had for a burn-rate alert over it to fire: the SLO's `MinimumTraffic`, else
    /// the environment's; none when nil.
    public var minimumTraffic: RequestRate?
    public var location: SourceLocation
}

extension ServiceDescription {
    /// The port `name` names, else the first; nil when the name matches none (validation reports it) or there are
    /// no ports. The one place "the port it names, else the first" is decided.
    func resolvedPort(named name: String?) -> ResolvedPort? {
        if let name { return port(named: name).map(ResolvedPort.init) }
        return ports.first.map(ResolvedPort.init)
    }

    /// The metrics with the SLI selector's settings as resolved in one environment.
    func resolvedMetrics(_ settings: ResolvedSettings) -> ResolvedMetrics {
        let port = metrics.isServed ? resolvedPort(named: metrics.port) : nil
        var instrumentation = metrics.instrumentation
        instrumentation.buckets = metrics.effectiveBuckets
        return ResolvedMetrics(
            port: port, path: metrics.path, instrumentation: instrumentation, serviceLabel: settings[.sliServiceLabel],
            serviceLabelValue: settings[.sliServiceLabelValue] ?? name, matchesNamespace: settings[.sliMatchesNamespace],
            location: metrics.location ?? port?.location ?? location)
    }

    /// How long a stream route (WebSocket, server-sent events) may stay silent when it sets no timeout itself.
    public static let streamIdleTimeout = Duration.seconds(3600)

    /// The role whose routes pass the service's own Content-Security-Policy through by default.
    public static let frontendRole = "frontend"

    func resolvedRoutes(_ gateway: GatewayDescription) -> [ResolvedRoute] {
        routes.compactMap { route in
            guard let port = resolvedPort(named: route.port) else { return nil }
            let methods = route.methods.map { methods in
                RouteDescription.HTTPMethod.allCases.filter { methods.contains($0) || ($0 == .head && methods.contains(.get)) }
            }
            return ResolvedRoute(
                path: route.path, match: route.match, port: port, rewrite: route.rewrite,
                timeout: route.timeout ?? (route.traffic.isStream ? Self.streamIdleTimeout : gateway.defaultTimeout),
                maxBodySize: route.maxBodySize ?? gateway.defaultMaxBodySize,
                rateLimit: route.rateLimit ?? gateway.defaultRateLimit, methods: methods, traffic: route.traffic,
                isGRPC: port.speaksGRPC,
                contentSecurityPolicy: route.contentSecurityPolicy
                    ?? (role?.value == Self.frontendRole ? .application : .gateway),
                location: route.location)
        }
    }

    /// The SLO's `handler:` and `method:` become matchers on the labels the instrumentation writes them in, spelled
    /// as it spells them (`method="post"` for promhttp, `url="/api/orders"` for go-gin-prometheus), before its own.
    func resolvedSLOs(team: String, environment: EnvironmentDescription) -> [ResolvedSLO] {
        let policy = environment.alertPolicy?.value ?? .default(for: environment.environment)
        let instrumentation = metrics.instrumentation
        return slos.map { slo in
            var matchers: [LabelMatcher] = []
            if let handler = slo.handler { matchers.append(LabelMatcher(instrumentation.handlerLabel, handler)) }
            if let method = slo.method {
                matchers.append(LabelMatcher(instrumentation.methodLabel, instrumentation.methodValue(method)))
            }
            return ResolvedSLO(
                name: slo.name, matchers: matchers + slo.matchers, availability: slo.availability, latency: slo.latency,
                rawSLI: slo.rawSLI, window: slo.window, errorCodes: slo.errorCodes, runbookURL: slo.runbookURL, team: slo.team ?? team,
                pages: policy.pages && slo.pages, tickets: policy.tickets && slo.tickets, alertName: slo.alertName,
                alertLabels: slo.alertLabels, annotations: slo.annotations, noDataMinutes: slo.noDataMinutes(environmentDefault: environment.noDataAfter),
                minimumTraffic: (slo.minimumTraffic ?? environment.minimumTraffic)?.value,
                location: slo.location)
        }
    }
}
