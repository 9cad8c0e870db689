/// A service level objective: which requests count, what share of them must be good, and over what window.
///
/// ```swift
/// SLO("order-creation", handler: "/api/orders", method: "POST") {
///     Availability(.percent(99.5))
///     Latency(.percent(99), under: .milliseconds(800))
///     Window(.days(30))
/// }
/// ```
public struct SLODescription: Sendable, Hashable, Codable {
    public var name: String
    /// The route the SLO is about, matched on the instrumentation's handler label (`handler`, or `url` for
    /// go-gin-prometheus).
    public var handler: String?
    /// The HTTP method, matched on the instrumentation's method label in its spelling (`post` for promhttp).
    public var method: String?
    /// Label matchers that pick the requests this SLO is about (`handler="/api/orders"`, `method="POST"`).
    public var matchers: [LabelMatcher]
    public var availability: Setting<Percentage>?
    public var latency: Setting<LatencyObjective>?
    public var window: TimeWindow
    /// The status codes that count as errors, as a regular expression on the code label.
    public var errorCodes: String
    public var runbookURL: String?
    /// The team paged; the service's team when nil.
    public var team: String?
    public var location: SourceLocation

    public init(name: String, location: SourceLocation) {
        self.name = name
        self.matchers = []
        self.window = .days(30)
        self.errorCodes = "5.."
        self.location = location
    }
}

/// "`target` of requests finish under `threshold`."
public struct LatencyObjective: Sendable, Hashable, Codable {
    public var target: Percentage
    public var threshold: Duration

    public init(target: Percentage, threshold: Duration) {
        self.target = target
        self.threshold = threshold
    }
}

/// `name="value"` in a Prometheus selector.
public struct LabelMatcher: Sendable, Hashable, Codable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
