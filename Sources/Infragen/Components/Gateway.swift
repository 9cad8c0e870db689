/// The Nginx front of the system, for all environments.
///
/// ```swift
/// Gateway {
///     LoadBalancing(.leastConnections)
///     StaticFiles(at: "/static/", from: "/srv/shop/static")
/// }
/// ```
public struct Gateway: SystemComponent {
    let components: [any GatewayComponent]
    let location: SourceLocation

    public init(
        fileID: String = #fileID, line: Int = #line,
        @ListBuilder<any GatewayComponent> _ body: () -> [any GatewayComponent] = { [] }
    ) {
        self.components = body()
        self.location = SourceLocation(fileID, line)
    }

    public func apply(to system: inout SystemDescription) {
        system.gateway.location = location
        for component in components { component.apply(to: &system.gateway) }
    }
}

/// The Nginx version the configuration targets.
public struct NginxVersion: GatewayComponent {
    let version: String
    public init(_ version: String) { self.version = version }
    public func apply(to gateway: inout GatewayDescription) { gateway.nginxVersion = version }
}

/// How the gateway spreads requests over a service's pods.
public struct LoadBalancing: GatewayComponent {
    let method: GatewayDescription.LoadBalancing
    public init(_ method: GatewayDescription.LoadBalancing) { self.method = method }
    public func apply(to gateway: inout GatewayDescription) { gateway.loadBalancing = method }
}

/// The DNS resolver the gateway uses for upstream names.
public struct Resolver: GatewayComponent {
    let address: String
    public init(_ address: String) { self.address = address }
    public func apply(to gateway: inout GatewayDescription) { gateway.resolver = address }
}

/// A Content-Security-Policy header for every response.
public struct ContentSecurityPolicy: GatewayComponent {
    let policy: String
    public init(_ policy: String) { self.policy = policy }
    public func apply(to gateway: inout GatewayDescription) { gateway.contentSecurityPolicy = policy }
}

/// Static files served by the gateway itself.
public struct StaticFiles: GatewayComponent {
    let root: GatewayDescription.StaticRoot
    public init(at urlPrefix: String, from directory: String) {
        self.root = GatewayDescription.StaticRoot(urlPrefix: urlPrefix, directory: directory)
    }
    public func apply(to gateway: inout GatewayDescription) { gateway.staticRoot = root }
}

/// Defaults for routes that do not set their own.
public struct RouteDefaults: GatewayComponent {
    let timeout: Duration?
    let maxBodySize: DataSize?
    let rateLimit: RateLimitDescription?

    public init(timeout: Duration? = nil, maxBodySize: DataSize? = nil, rateLimit: RateLimitDescription? = nil) {
        self.timeout = timeout
        self.maxBodySize = maxBodySize
        self.rateLimit = rateLimit
    }

    public func apply(to gateway: inout GatewayDescription) {
        if let timeout { gateway.defaultTimeout = timeout }
        if let maxBodySize { gateway.defaultMaxBodySize = maxBodySize }
        if let rateLimit { gateway.defaultRateLimit = rateLimit }
    }
}
