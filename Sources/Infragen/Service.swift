/// A service of a system.
///
/// ```swift
/// extension Service {
///     static let orderService = Service("order-service") {
///         Build(main: "./cmd/order-service")
///         Port("http", 8080)
///         Health(liveness: "/healthz", readiness: "/readyz")
///         DependsOn("inventory-service", "payment-service")
///         Route("/api/orders")
///     }
/// }
/// ```
public struct Service: SystemComponent {
    public let description: ServiceDescription

    public init(
        _ name: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        @ListBuilder<any ServiceComponent> _ body: () -> [any ServiceComponent]
    ) {
        var description = ServiceDescription(name: name, location: SourceLocation(fileID, filePath, line))
        for component in body() { component.apply(to: &description) }
        self.description = description
    }

    public var name: String { description.name }

    public func apply(to system: inout SystemDescription) { system.services.append(description) }
}

/// Several service components as one, for reusable building blocks:
///
/// ```swift
/// func ginService(port: Int = 8080) -> Group {
///     Group {
///         Port("http", port)
///         Health(liveness: "/healthz", readiness: "/readyz")
///         Env("GIN_MODE", "release")
///     }
/// }
/// ```
public struct Group: ServiceComponent {
    let components: [any ServiceComponent]

    public init(@ListBuilder<any ServiceComponent> _ body: () -> [any ServiceComponent]) {
        self.components = body()
    }

    public func apply(to service: inout ServiceDescription) {
        for component in components { component.apply(to: &service) }
    }
}

/// Changes a service's settings in one environment, over everything else.
///
/// ```swift
/// Override(.prod) {
///     Autoscale(min: 3, max: 10, cpu: .percent(70))
///     Limits(cpu: .cores(1), memory: .mebibytes(256))
/// }
/// ```
public struct Override: ServiceComponent {
    let environment: Environment
    let location: SourceLocation
    let components: [any SettingsComponent]

    public init(
        _ environment: Environment, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        @ListBuilder<any SettingsComponent> _ body: () -> [any SettingsComponent]
    ) {
        self.environment = environment
        self.location = SourceLocation(fileID, filePath, line)
        self.components = body()
    }

    public func apply(to service: inout ServiceDescription) {
        var settings = ServiceSettings()
        for component in components { component.apply(to: &settings) }
        service.overrides.append(EnvironmentOverride(environment: environment, settings: settings, location: location))
    }
}

/// How the service's Go binary is built: the module folder (with go.mod), the main package, and the Go variables
/// that receive the version and commit at build time. `Build(dockerfile:context:)` builds it from the team's own
/// Dockerfile instead (`Components/Images.swift`).
public struct Build: ServiceComponent {
    let module: String
    let main: String?
    let versionVariable: String?
    let commitVariable: String?
    /// The team's own Dockerfile, instead of infragen's Go build.
    let dockerfile: OwnDockerfile?
    let location: SourceLocation

    public init(
        module: String = ".", main: String? = nil, versionVariable: String? = nil, commitVariable: String? = nil,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.module = module
        self.main = main
        self.versionVariable = versionVariable
        self.commitVariable = commitVariable
        self.dockerfile = nil
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to service: inout ServiceDescription) {
        if let dockerfile {
            service.settings[.ownDockerfile] = Setting(dockerfile, at: location)
            return
        }
        service.build.moduleDirectory = module
        service.build.mainPackage = main
        service.build.versionVariable = versionVariable
        service.build.commitVariable = commitVariable
        service.build.location = location
    }
}

/// Lets the service call something outside the cluster, which the default-deny network policy otherwise blocks:
///
/// ```swift
/// Egress("payment provider API", ports: [443])
/// Egress("managed Postgres", ports: [5432], cidrs: ["203.0.113.0/24"])
/// ```
public struct Egress: ServiceComponent {
    let description: ExternalEgressDescription

    public init(
        _ destination: String, ports: [Int], cidrs: [String] = ExternalEgressDescription.publicInternet,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.description = ExternalEgressDescription(
            destination: destination, ports: ports, cidrs: cidrs, location: SourceLocation(fileID, filePath, line))
    }

    public func apply(to service: inout ServiceDescription) { service.externalEgress.append(description) }
}

/// A named container port: `Port("http", 8080)`. Clients call the Service on the same number unless
/// `servicePort:` says otherwise (`Port("http", 8080, servicePort: 80)`); `appProtocol:` tells meshes, gateways and
/// load balancers what speaks on it (`Port("grpc", 9555, appProtocol: .grpc)`).
public struct Port: ServiceComponent {
    let description: PortDescription

    public init(
        _ name: String, _ number: Int, servicePort: Int? = nil, transport: PortDescription.TransportProtocol = .tcp,
        appProtocol: PortDescription.AppProtocol? = nil,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.description = PortDescription(
            name: name, number: number, servicePort: servicePort, transport: transport, appProtocol: appProtocol,
            location: SourceLocation(fileID, filePath, line))
    }

    public func apply(to service: inout ServiceDescription) { service.ports.append(description) }
}

/// The endpoints the platform probes.
public struct Health: ServiceComponent {
    let description: HealthDescription

    public init(
        liveness: String, readiness: String, startup: String? = nil, port: String? = nil,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.description = HealthDescription(
            liveness: liveness, readiness: readiness, startup: startup, port: port,
            location: SourceLocation(fileID, filePath, line))
    }

    public func apply(to service: inout ServiceDescription) { service.health = description }
}

/// The services this one calls.
public struct DependsOn: ServiceComponent {
    let services: [String]
    let location: SourceLocation

    public init(_ services: String..., fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.services = services
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to service: inout ServiceDescription) {
        service.dependencies += services.map { DependencyDescription(service: $0, location: location) }
    }
}

/// A path on the gateway that leads to this service.
public struct Route: ServiceComponent {
    let description: RouteDescription

    /// - Parameters:
    ///   - methods: the methods the route accepts, e.g. `[.post]`; others get 405 with an `Allow` header. GET
    ///     includes HEAD. Every method when nil.
    ///   - protocol: `.webSocket` or `.serverSentEvents` for a stream (an hour's idle timeout unless `timeout:`
    ///     says otherwise). A route to a gRPC port (named `grpc`, or `appProtocol: .grpc`) is proxied as gRPC.
    ///   - contentSecurityPolicy: `.application` passes the service's own header through, `.policy("…")` sets
    ///     one for this route, `.gateway` keeps the gateway's. Unset: `.application` for a `Role("frontend")`
    ///     service, else `.gateway`.
    public init(
        _ path: String, match: RouteDescription.Match = .prefix, port: String? = nil, rewrite: String? = nil,
        methods: [RouteDescription.HTTPMethod]? = nil, protocol traffic: RouteDescription.Traffic = .http,
        timeout: Duration? = nil, maxBodySize: DataSize? = nil, rateLimit: RateLimitDescription? = nil,
        contentSecurityPolicy: RouteDescription.ContentSecurityPolicy? = nil,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        var description = RouteDescription(path: path, match: match, location: SourceLocation(fileID, filePath, line))
        description.port = port
        description.rewrite = rewrite
        description.methods = methods
        description.traffic = traffic
        description.timeout = timeout
        description.maxBodySize = maxBodySize
        description.rateLimit = rateLimit
        description.contentSecurityPolicy = contentSecurityPolicy
        self.description = description
    }

    public func apply(to service: inout ServiceDescription) { service.routes.append(description) }
}

extension RateLimitDescription {
    /// `rateLimit: .perSecond(10, burst: 20)`.
    public static func perSecond(_ requests: Int, burst: Int = 0) -> RateLimitDescription {
        RateLimitDescription(requestsPerSecond: requests, burst: burst)
    }
}

/// A configuration file mounted into the container from the service's ConfigMap.
public struct ConfigFile: ServiceComponent {
    let description: ConfigFileDescription

    public init(
        _ name: String, mountedIn directory: String, contents: String,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.description = ConfigFileDescription(
            name: name, contents: contents, mountDirectory: directory, location: SourceLocation(fileID, filePath, line))
    }

    public func apply(to service: inout ServiceDescription) { service.configFiles.append(description) }
}

/// Where the service serves Prometheus metrics, and which package exports its request metrics: the series, labels and
/// default buckets its SLIs select.
///
/// ```swift
/// Metrics(.goHTTPMetrics, buckets: [...])     // slok/go-http-metrics with Config.DurationBuckets set
/// Metrics(port: "metrics")                    // promhttp (the default) on a port of its own
/// ```
public struct Metrics: ServiceComponent {
    var served = true
    let instrumentation: Instrumentation?
    let port: String?
    let path: String?
    let buckets: [Duration]?
    let serviceLabel: String?
    let location: SourceLocation

    /// Every argument is optional; what is left out keeps its default: promhttp (`Instrumentation.promhttp`) with
    /// DefBuckets, served on the first port at `/metrics`, the service's name in the `service` label.
    ///
    /// - Parameters:
    ///   - instrumentation: the package that exports the request metrics (`.promhttp`, `.goHTTPMetrics`,
    ///     `.goGinPrometheus`, or `.custom(…)`); nil keeps promhttp.
    ///   - buckets: the bucket bounds the service's histogram declares, when not the package's defaults (a latency
    ///     threshold must be one of them); nil keeps the package's.
    ///   - serviceLabel: the label the scrape puts the service's name in (`service` unless set); the same as
    ///     ``SLISelector`` `(serviceLabel:)` in the service.
    public init(
        _ instrumentation: Instrumentation? = nil, port: String? = nil, path: String? = nil, buckets: [Duration]? = nil,
        serviceLabel: String? = nil, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.instrumentation = instrumentation
        self.port = port
        self.path = path
        self.buckets = buckets
        self.serviceLabel = serviceLabel
        self.location = SourceLocation(fileID, filePath, line)
    }

    /// A service that serves no metrics (a load generator, a third-party image without an exporter): its pods get
    /// no `prometheus.io/*` annotations and no scraper is let in. It cannot have SLOs.
    public static func none(fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) -> Metrics {
        var metrics = Metrics(fileID: fileID, filePath: filePath, line: line)
        metrics.served = false
        return metrics
    }

    public func apply(to service: inout ServiceDescription) {
        service.metrics.isServed = served
        if let port { service.metrics.port = port }
        if let path { service.metrics.path = path }
        if let instrumentation { service.metrics.instrumentation = instrumentation }
        if let buckets { service.metrics.buckets = buckets }
        if let serviceLabel { service.settings[.sliServiceLabel] = Setting(serviceLabel, at: location) }
        service.metrics.location = location
    }
}
