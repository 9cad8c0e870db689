/// The Nginx front of a system: one per environment, routing to all services that declare routes.
///
/// Every value here reaches the generated configuration, so validation checks each one (see
/// `SystemDescription.validate()`); where a field was set is kept in ``provenance`` for located diagnostics.
public struct GatewayDescription: Sendable, Hashable, Codable {
    /// How an upstream `server` spreads requests; only used with ``UpstreamMode/upstreamBlocks``.
    public enum LoadBalancing: String, Sendable, Hashable, Codable {
        case roundRobin = "round-robin"
        case leastConnections = "least_conn"
        case ipHash = "ip_hash"
    }

    /// How the gateway finds a service's pods.
    public enum UpstreamMode: String, Sendable, Hashable, Codable {
        /// `resolver` plus the address in a variable: names are resolved per request (cached for 10 s), so the
        /// configuration loads before, and survives, a missing Service. No upstream keepalive, no balancing method
        /// (kube-proxy balances behind the ClusterIP). The default for Nginx before 1.27.3.
        case resolvePerRequest = "resolve-per-request"
        /// One `upstream {}` per service, with keepalive, the balancing method and `max_fails`/`fail_timeout`.
        /// From Nginx 1.27.3 the servers get `resolve` (names re-resolved at run time, the default there); before,
        /// Nginx resolves the names once at start-up and refuses to start when one does not resolve, so use it only
        /// with addresses that always resolve where Nginx starts (or IP addresses, see ``UpstreamAddressDescription``).
        case upstreamBlocks = "upstream-blocks"
    }

    /// The `X-Frame-Options` header.
    public enum FrameOptions: String, Sendable, Hashable, Codable {
        case deny = "DENY"
        case sameOrigin = "SAMEORIGIN"
    }

    /// The `Referrer-Policy` header, one of the policy tokens the standard defines.
    public enum ReferrerPolicy: String, Sendable, Hashable, Codable, CaseIterable {
        case noReferrer = "no-referrer"
        case noReferrerWhenDowngrade = "no-referrer-when-downgrade"
        case origin = "origin"
        case originWhenCrossOrigin = "origin-when-cross-origin"
        case sameOrigin = "same-origin"
        case strictOrigin = "strict-origin"
        case strictOriginWhenCrossOrigin = "strict-origin-when-cross-origin"
        case unsafeURL = "unsafe-url"
    }

    /// The Content-Security-Policy sent when the blueprint sets none: right for JSON APIs and non-HTML assets.
    public static let apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"

    /// The Nginx version the config targets (syntax differs: `http2 on;` is 1.25.1 and newer). Debian 12's by default.
    public var nginxVersion: String
    /// The OpenSSL version Nginx is built with, which decides the TLS curves (`X25519MLKEM768` needs 3.5).
    public var opensslVersion: String
    public var loadBalancing: LoadBalancing
    /// nil: ``UpstreamMode/resolvePerRequest`` before Nginx 1.27.3, ``UpstreamMode/upstreamBlocks`` from it on.
    public var upstreamMode: UpstreamMode?
    /// The cluster DNS Service IP (`kubectl -n kube-system get svc kube-dns`), optionally with `:port`. An IP, because
    /// Nginx would have to resolve a name here itself at start-up.
    public var resolver: String
    /// The cluster's DNS domain: Services are addressed as `<service>.<namespace>.svc.<clusterDomain>`, fully
    /// qualified, because Nginx's resolver ignores the search list of /etc/resolv.conf.
    public var clusterDomain: String
    /// nil sends no Content-Security-Policy header.
    public var contentSecurityPolicy: String?
    /// nil sends no X-Frame-Options header.
    public var frameOptions: FrameOptions?
    public var referrerPolicy: ReferrerPolicy
    /// A folder of static files served directly, under a URL prefix.
    public var staticRoot: StaticRoot?
    public var defaultTimeout: Duration
    public var defaultMaxBodySize: DataSize
    public var defaultRateLimit: RateLimitDescription?
    /// Where the gateway listens.
    public var listen: ListenDescription
    /// `worker_connections`; `worker_rlimit_nofile` is twice this.
    public var workerConnections: Int
    /// `worker_processes`: the gateway's CPU limit in cores, rounded up (1 by default; not `auto`, which counts the
    /// node's CPUs, not the container's quota).
    public var workerProcesses: Int
    /// Idle keepalive connections each worker keeps per upstream (upstream blocks only).
    public var upstreamKeepalive: Int
    /// Failed attempts within ``failTimeout`` after which a server is skipped for ``failTimeout`` (upstream blocks).
    public var maxFails: Int
    public var failTimeout: Duration
    /// Where the client's address comes from when the connection is from a load balancer or proxy; nil: the
    /// connection's own address (nginx's realip module is not configured).
    public var realIP: RealIP?
    /// Addresses that replace a service's cluster address (`<service>.<namespace>.svc.<clusterDomain>:<port>`), for
    /// gateways in front of something else than the cluster, and for tests.
    public var upstreamAddresses: [UpstreamAddressDescription]
    /// How the gateway runs as Kubernetes objects in each environment.
    public var deployment: GatewayDeploymentDescription
    public var location: SourceLocation?
    /// Where each field was set, keyed by field (`resolver`, `listen` …), for diagnostics.
    public var provenance: [String: SourceLocation]

    public init() {
        self.nginxVersion = "1.22.1"
        self.opensslVersion = "3.0"
        self.loadBalancing = .roundRobin
        self.resolver = "10.96.0.10"
        self.clusterDomain = "cluster.local"
        self.contentSecurityPolicy = Self.apiContentSecurityPolicy
        self.frameOptions = .deny
        self.referrerPolicy = .noReferrer
        self.defaultTimeout = .seconds(30)
        self.defaultMaxBodySize = .mebibytes(1)
        self.listen = ListenDescription()
        self.workerConnections = 4096
        self.workerProcesses = 1
        self.upstreamKeepalive = 32
        self.maxFails = 3
        self.failTimeout = .seconds(10)
        self.upstreamAddresses = []
        self.deployment = GatewayDeploymentDescription()
        self.provenance = [:]
    }

    /// The place the blueprint set `field`, else the `Gateway` block.
    public func location(of field: String) -> SourceLocation? { provenance[field] ?? location }

    /// The address that replaces a service's (or its canary's) cluster address, if the blueprint gives one.
    public func upstreamAddress(for service: String, canary: Bool) -> UpstreamAddressDescription? {
        upstreamAddresses.first { $0.service == service && $0.canary == canary }
    }

    /// The realip module's settings: a connection from a `trusted` address (or range) takes the client's address from
    /// `header`; with X-Forwarded-For, the rightmost address that is not trusted (`real_ip_recursive on`).
    public struct RealIP: Sendable, Hashable, Codable {
        /// Addresses and CIDR ranges of the load balancers and proxies in front of the gateway.
        public var trusted: [String]
        /// The request header that carries the client's address, `X-Forwarded-For` by default.
        public var header: String

        public init(trusted: [String], header: String = "X-Forwarded-For") {
            self.trusted = trusted
            self.header = header
        }
    }

    /// Static files: a request for `<urlPrefix>app.css` is served from `<directory><urlPrefix>app.css` (Nginx `root`;
    /// a relative directory is relative to Nginx's prefix, `-p`).
    public struct StaticRoot: Sendable, Hashable, Codable {
        public var urlPrefix: String
        public var directory: String
        /// How long clients may cache the files (`expires`, which sends Expires and Cache-Control: max-age).
        public var maxAge: Duration

        public init(urlPrefix: String, directory: String, maxAge: Duration = .seconds(7 * 24 * 3600)) {
            self.urlPrefix = urlPrefix
            self.directory = directory
            self.maxAge = maxAge
        }
    }
}

/// The sockets the gateway listens on.
public struct ListenDescription: Sendable, Hashable, Codable {
    /// An IP address to bind to; all addresses when nil.
    public var address: String?
    public var httpPort: Int
    /// Used when the environment has TLS.
    public var httpsPort: Int
    /// The HTTPS port clients see, for the HTTP → HTTPS redirect; ``httpsPort`` when nil. Set it to 443 when a
    /// Service maps 443 to an unprivileged container port.
    public var redirectPort: Int?

    /// Unprivileged ports by default, for a non-root container behind a Service that maps 80 and 443 to them; the
    /// redirect names the 443 that clients see.
    public init(address: String? = nil, httpPort: Int = 8080, httpsPort: Int = 8443, redirectPort: Int? = 443) {
        self.address = address
        self.httpPort = httpPort
        self.httpsPort = httpsPort
        self.redirectPort = redirectPort
    }
}

/// A fixed address for a service's upstream (or its canary's) instead of its cluster DNS name.
public struct UpstreamAddressDescription: Sendable, Hashable, Codable {
    public var service: String
    /// Whether this is the address of the service's canary.
    public var canary: Bool
    /// An IP address or host name; the cluster name when nil.
    public var host: String?
    /// The port; the route's service port when nil.
    public var port: Int?
    public var location: SourceLocation

    public init(service: String, canary: Bool = false, host: String?, port: Int?, location: SourceLocation) {
        self.service = service
        self.canary = canary
        self.host = host
        self.port = port
        self.location = location
    }
}
