/// A path on the gateway that leads to a service.
public struct RouteDescription: Sendable, Hashable, Codable {
    public enum Match: String, Sendable, Hashable, Codable {
        /// Every path under this one.
        case prefix
        /// Only this path.
        case exact
    }

    public var path: String
    public var match: Match
    /// The service port the route goes to; the service's first port when nil.
    public var port: String?
    /// A path prefix to send upstream instead of ``path`` (`/api/orders` → `/`).
    public var rewrite: String?
    public var timeout: Duration?
    public var maxBodySize: DataSize?
    public var rateLimit: RateLimitDescription?
    public var location: SourceLocation

    public init(path: String, match: Match = .prefix, location: SourceLocation) {
        self.path = path
        self.match = match
        self.location = location
    }
}

/// Requests per second per client address, with a burst allowance.
public struct RateLimitDescription: Sendable, Hashable, Codable {
    public var requestsPerSecond: Int
    public var burst: Int

    public init(requestsPerSecond: Int, burst: Int) {
        self.requestsPerSecond = requestsPerSecond
        self.burst = burst
    }
}
