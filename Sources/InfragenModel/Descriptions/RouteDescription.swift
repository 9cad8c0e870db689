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
    /// The methods the route accepts (others get 405 with `Allow`); nil accepts every method. GET includes HEAD.
    public var methods: [HTTPMethod]?
    /// What the route carries: plain requests, or a WebSocket or server-sent-events stream.
    public var traffic: Traffic = .http
    /// The Content-Security-Policy of the route's responses; nil: the service's own for a `Role("frontend")`,
    /// else the gateway's.
    public var contentSecurityPolicy: ContentSecurityPolicy?
    public var location: SourceLocation

    public init(path: String, match: Match = .prefix, location: SourceLocation) {
        self.path = path
        self.match = match
        self.location = location
    }
}

extension RouteDescription {
    /// An HTTP method a route may restrict itself to.
    public enum HTTPMethod: String, Sendable, Hashable, Codable, CaseIterable {
        case get = "GET", head = "HEAD", post = "POST", put = "PUT", patch = "PATCH", delete = "DELETE"
        case options = "OPTIONS"
    }

    /// What a route carries besides plain request and response.
    public enum Traffic: String, Sendable, Hashable, Codable {
        /// Requests and responses (HTTP/1.1 upstream, keepalive).
        case http
        /// A WebSocket: the Upgrade handshake passes, the connection stays open while it is used.
        case webSocket
        /// Server-sent events: a long response, sent to the client as it arrives (no buffering).
        case serverSentEvents

        /// Whether a response may stay open much longer than a request takes.
        public var isStream: Bool { self != .http }
    }

    /// Where a route's Content-Security-Policy comes from.
    public enum ContentSecurityPolicy: Sendable, Hashable, Codable {
        /// The gateway's policy (`ContentSecurityPolicy(…)`, strict by default): for APIs.
        case gateway
        /// The service's own header passes through; none when it sends none: for server-rendered pages.
        case application
        /// This route's own policy.
        case policy(String)
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
