/// The Nginx front of the system, for all environments.
///
/// ```swift
/// Gateway {
///     Resolver("10.96.0.10")
///     StaticFiles(at: "/static/", from: "html")
///     RouteDefaults(timeout: .seconds(30), maxBodySize: .mebibytes(1), rateLimit: .perSecond(50, burst: 100))
/// }
/// ```
///
/// Everything has a default: Debian 12's Nginx 1.22.1 with OpenSSL 3.0, names resolved per request through the
/// cluster DNS at 10.96.0.10, the security headers of a JSON API, and ports 80 and 443.
public struct Gateway: SystemComponent {
    let components: [any GatewayComponent]
    let location: SourceLocation

    public init(
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        @ListBuilder<any GatewayComponent> _ body: () -> [any GatewayComponent] = { [] }
    ) {
        self.components = body()
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to system: inout SystemDescription) {
        system.gateway.location = location
        for component in components { component.apply(to: &system.gateway) }
    }
}

/// The Nginx version the configuration targets: `NginxVersion("1.26.2")`. It decides the syntax (`http2 on;` from
/// 1.25.1, `server … resolve` from 1.27.3) and the TLS session settings.
public struct NginxVersion: GatewayComponent {
    let version: String
    let location: SourceLocation

    public init(_ version: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.version = version
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to gateway: inout GatewayDescription) {
        gateway.nginxVersion = version
        gateway.provenance["nginxVersion"] = location
    }
}

/// The OpenSSL version the target Nginx is built with (`nginx -V`): `OpenSSLVersion("3.5.1")`.
public struct OpenSSLVersion: GatewayComponent {
    let version: String
    let location: SourceLocation

    public init(_ version: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.version = version
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to gateway: inout GatewayDescription) {
        gateway.opensslVersion = version
        gateway.provenance["opensslVersion"] = location
    }
}

/// How the gateway spreads requests over a service's servers (upstream blocks only).
public struct LoadBalancing: GatewayComponent {
    let method: GatewayDescription.LoadBalancing
    let location: SourceLocation

    public init(
        _ method: GatewayDescription.LoadBalancing,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.method = method
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to gateway: inout GatewayDescription) {
        gateway.loadBalancing = method
        gateway.provenance["loadBalancing"] = location
    }
}

/// How upstreams are addressed, and the settings of upstream blocks.
///
/// ```swift
/// Upstreams(.upstreamBlocks, keepalive: 16, maxFails: 3, failTimeout: .seconds(10))
/// ```
public struct Upstreams: GatewayComponent {
    let mode: GatewayDescription.UpstreamMode?
    let keepalive: Int?
    let maxFails: Int?
    let failTimeout: Duration?
    let location: SourceLocation

    public init(
        _ mode: GatewayDescription.UpstreamMode? = nil, keepalive: Int? = nil, maxFails: Int? = nil,
        failTimeout: Duration? = nil, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.mode = mode
        self.keepalive = keepalive
        self.maxFails = maxFails
        self.failTimeout = failTimeout
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to gateway: inout GatewayDescription) {
        if let mode { gateway.upstreamMode = mode }
        if let keepalive { gateway.upstreamKeepalive = keepalive }
        if let maxFails { gateway.maxFails = maxFails }
        if let failTimeout { gateway.failTimeout = failTimeout }
        gateway.provenance["upstreams"] = location
    }
}

/// The cluster DNS the gateway resolves service names with: its Service IP, optionally with `:port`, and the
/// cluster domain.
public struct Resolver: GatewayComponent {
    let address: String
    let clusterDomain: String?
    let location: SourceLocation

    public init(
        _ address: String, clusterDomain: String? = nil,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.address = address
        self.clusterDomain = clusterDomain
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to gateway: inout GatewayDescription) {
        gateway.resolver = address
        gateway.provenance["resolver"] = location
        if let clusterDomain {
            gateway.clusterDomain = clusterDomain
            gateway.provenance["clusterDomain"] = location
        }
    }
}

/// Where the client's address comes from behind a load balancer or proxy (nginx's realip module): a connection from
/// a `trusted` address or range takes it from `header`, with X-Forwarded-For the rightmost untrusted address.
/// Rate limits, logs and X-Real-IP then see the client; the client's X-Request-ID is kept from trusted sources.
///
/// ```swift
/// RealIP(trusted: ["10.0.0.0/8"])
/// ```
public struct RealIP: GatewayComponent {
    let realIP: GatewayDescription.RealIP
    let location: SourceLocation

    public init(
        trusted: [String], header: String = "X-Forwarded-For",
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.realIP = GatewayDescription.RealIP(trusted: trusted, header: header)
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to gateway: inout GatewayDescription) {
        gateway.realIP = realIP
        gateway.provenance["realIP"] = location
    }
}

/// The Content-Security-Policy header for every response; `nil` sends none. The default suits a JSON API.
public struct ContentSecurityPolicy: GatewayComponent {
    let policy: String?
    let location: SourceLocation

    public init(_ policy: String?, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.policy = policy
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to gateway: inout GatewayDescription) {
        gateway.contentSecurityPolicy = policy
        gateway.provenance["contentSecurityPolicy"] = location
    }
}

/// The X-Frame-Options header for every response (`DENY` by default); `nil` sends none.
public struct FrameOptions: GatewayComponent {
    let option: GatewayDescription.FrameOptions?

    public init(_ option: GatewayDescription.FrameOptions?) { self.option = option }

    public func apply(to gateway: inout GatewayDescription) { gateway.frameOptions = option }
}

/// The Referrer-Policy header for every response (`no-referrer` by default).
public struct ReferrerPolicy: GatewayComponent {
    let policy: GatewayDescription.ReferrerPolicy

    public init(_ policy: GatewayDescription.ReferrerPolicy) { self.policy = policy }

    public func apply(to gateway: inout GatewayDescription) { gateway.referrerPolicy = policy }
}

/// Static files served by the gateway itself: `StaticFiles(at: "/static/", from: "html")` serves
/// `/static/app.css` from `html/static/app.css` (relative to Nginx's prefix), cached by clients for `maxAge`.
public struct StaticFiles: GatewayComponent {
    let root: GatewayDescription.StaticRoot
    let location: SourceLocation

    public init(
        at urlPrefix: String, from directory: String, maxAge: Duration = .seconds(7 * 24 * 3600),
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.root = GatewayDescription.StaticRoot(urlPrefix: urlPrefix, directory: directory, maxAge: maxAge)
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to gateway: inout GatewayDescription) {
        gateway.staticRoot = root
        gateway.provenance["staticRoot"] = location
    }
}

/// Defaults for routes that do not set their own.
public struct RouteDefaults: GatewayComponent {
    let timeout: Duration?
    let maxBodySize: DataSize?
    let rateLimit: RateLimitDescription?
    let location: SourceLocation

    public init(
        timeout: Duration? = nil, maxBodySize: DataSize? = nil, rateLimit: RateLimitDescription? = nil,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.timeout = timeout
        self.maxBodySize = maxBodySize
        self.rateLimit = rateLimit
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to gateway: inout GatewayDescription) {
        if let timeout { gateway.defaultTimeout = timeout }
        if let maxBodySize { gateway.defaultMaxBodySize = maxBodySize }
        if let rateLimit { gateway.defaultRateLimit = rateLimit }
        gateway.provenance["routeDefaults"] = location
    }
}

/// Where the gateway listens. Without it, 8080 and 8443 (a non-root container, behind the gateway's Service, which
/// maps 80 and 443 to them) with HTTP redirected to the 443 clients see. With it, the redirect goes to `https`
/// unless `redirectPort` names the port clients see: `Listen(address: "127.0.0.1", http: 8080, https: 8443)`.
public struct Listen: GatewayComponent {
    let listen: ListenDescription
    let location: SourceLocation

    public init(
        address: String? = nil, http: Int = 8080, https: Int = 8443, redirectPort: Int? = nil,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.listen = ListenDescription(address: address, httpPort: http, httpsPort: https, redirectPort: redirectPort)
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to gateway: inout GatewayDescription) {
        gateway.listen = listen
        gateway.provenance["listen"] = location
    }
}

/// `worker_connections` per Nginx worker (4096 by default); the open-file limit is set to twice this.
public struct WorkerConnections: GatewayComponent {
    let count: Int
    let location: SourceLocation

    public init(_ count: Int, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.count = count
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to gateway: inout GatewayDescription) {
        gateway.workerConnections = count
        gateway.provenance["workerConnections"] = location
    }
}

/// `worker_processes`: the gateway's CPU limit in cores, rounded up (1 by default). Not `auto`, which starts one
/// worker per CPU of the node, whatever the container's CPU quota.
public struct WorkerProcesses: GatewayComponent {
    let count: Int
    let location: SourceLocation

    public init(_ count: Int, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.count = count
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to gateway: inout GatewayDescription) {
        gateway.workerProcesses = count
        gateway.provenance["workerProcesses"] = location
    }
}

/// A fixed address for a service (or its canary) instead of its cluster name, e.g. a service outside the cluster:
/// `UpstreamAddress(for: "payment-service", host: "10.0.3.7", port: 8080)`. A nil host keeps the cluster name and
/// a nil port the service's port.
public struct UpstreamAddress: GatewayComponent {
    let address: UpstreamAddressDescription

    public init(
        for service: String, canary: Bool = false, host: String? = nil, port: Int? = nil,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.address = UpstreamAddressDescription(
            service: service, canary: canary, host: host, port: port, location: SourceLocation(fileID, filePath, line))
    }

    public func apply(to gateway: inout GatewayDescription) { gateway.upstreamAddresses.append(address) }
}
