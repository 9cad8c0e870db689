/// The Nginx front of a system: one per environment, routing to all services that declare routes.
public struct GatewayDescription: Sendable, Hashable, Codable {
    public enum LoadBalancing: String, Sendable, Hashable, Codable {
        case roundRobin = "round-robin"
        case leastConnections = "least_conn"
        case ipHash = "ip_hash"
    }

    /// The Nginx version the config targets (syntax differs: `http2 on;` is 1.25.1 and newer).
    public var nginxVersion: String
    public var loadBalancing: LoadBalancing
    /// The DNS resolver for upstream names (cluster DNS).
    public var resolver: String
    public var contentSecurityPolicy: String?
    /// A folder of static files served directly, under a URL prefix.
    public var staticRoot: StaticRoot?
    public var defaultTimeout: Duration
    public var defaultMaxBodySize: DataSize
    public var defaultRateLimit: RateLimitDescription?
    public var location: SourceLocation?

    public init() {
        self.nginxVersion = "1.22.1"
        self.loadBalancing = .roundRobin
        self.resolver = "kube-dns.kube-system.svc.cluster.local"
        self.defaultTimeout = .seconds(30)
        self.defaultMaxBodySize = .mebibytes(1)
    }

    public struct StaticRoot: Sendable, Hashable, Codable {
        public var urlPrefix: String
        public var directory: String

        public init(urlPrefix: String, directory: String) {
            self.urlPrefix = urlPrefix
            self.directory = directory
        }
    }
}
