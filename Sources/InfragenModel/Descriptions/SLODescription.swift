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
    /// The bad-events and total-events queries of a raw-PromQL SLI (`SLI(errors:total:)`), which the availability
    /// objective then measures in place of the instrumentation's series.
    public var rawSLI: Setting<RawSLI>?
    public var window: TimeWindow
    /// The status codes that count as errors, as a regular expression on the code label.
    public var errorCodes: String
    public var runbookURL: String?
    /// The team paged; the service's team when nil.
    public var team: String?
    /// Whether the SLO pages and raises tickets where its environment's ``AlertPolicy`` does (`Alerts(page: false)`).
    public var pages: Bool
    public var tickets: Bool
    /// The stem of the alert names (`CheckoutErrors` → `CheckoutErrorsAvailabilityBudgetBurn`); from the SLO's name
    /// when nil.
    public var alertName: String?
    /// Labels added to every alert of the SLO (routing keys: `channel`, `tier` …).
    public var alertLabels: [String: String]
    /// Annotations of every alert of the SLO: `summary` and `description` replace infragen's, others are added
    /// (`dashboard_url`).
    public var annotations: [String: String]
    /// How long the SLI's denominator may be absent before the no-data ticket fires (`NoDataAfter`); 10 minutes
    /// when nil (``defaultNoDataMinutes``).
    public var noDataAfter: Setting<Duration>?
    /// The traffic a window must have had for a burn-rate alert over it to fire (`MinimumTraffic`); the
    /// environment's, else none, when nil.
    public var minimumTraffic: Setting<RequestRate>?
    public var location: SourceLocation

    public init(name: String, location: SourceLocation) {
        self.name = name
        self.matchers = []
        self.window = .days(30)
        self.errorCodes = "5.."
        self.pages = true
        self.tickets = true
        self.alertLabels = [:]
        self.annotations = [:]
        self.location = location
    }
}

/// An SLI in PromQL, for what the presets cannot say: the rate of bad events and the rate of all events, each with
/// the window placeholder `$window` where its ranges go (`sum(rate(grpc_server_handled_total{…}[$window]))`).
public struct RawSLI: Sendable, Hashable, Codable {
    /// The placeholder that stands for each window's range: `[$window]` becomes `[5m]`, `[30m]`, … `[6h]` (the
    /// longer windows sum the 5m records).
    public static let placeholder = "$window"
    /// The placeholder, inside a string, for the environment's namespace: `namespace="$namespace"`.
    public static let namespacePlaceholder = "$namespace"

    public var errors: String
    public var total: String

    public init(errors: String, total: String) {
        self.errors = errors
        self.total = total
    }
}

/// "`target` of requests finish under `threshold`", of all requests or of those whose status code matches `codes`.
public struct LatencyObjective: Sendable, Hashable, Codable {
    public var target: Percentage
    public var threshold: Duration
    /// The status codes whose requests count, as a regular expression on the histogram's code label (`2..`); every
    /// request when nil.
    public var codes: String?

    public init(target: Percentage, threshold: Duration, codes: String? = nil) {
        self.target = target
        self.threshold = threshold
        self.codes = codes
    }
}

/// `name="value"`, `name=~"regex"` or `name!~"regex"` in a Prometheus selector.
public struct LabelMatcher: Sendable, Hashable, Codable {
    /// How the value is compared: equal, or a regular expression (RE2, anchored at both ends) that matches or not.
    public enum Operator: String, Sendable, Hashable, Codable {
        case equal = "="
        case matches = "=~"
        case doesNotMatch = "!~"
    }

    public var name: String
    public var value: String
    public var op: Operator
    /// Where the blueprint states the matcher (`Match(…)`); the SLO's place when nil (`SLO(matching:)`).
    public var location: SourceLocation?

    public init(_ name: String, _ value: String, op: Operator = .equal, location: SourceLocation? = nil) {
        self.name = name
        self.value = value
        self.op = op
        self.location = location
    }
}

/// Which alerts an environment's SLO rules raise; the recording rules are written in every environment.
///
/// By default prod pages and tickets, dev only records (one 500 among ten requests an hour in dev pages nobody), and
/// every other environment (staging, a custom one) raises tickets only.
public struct AlertPolicy: Sendable, Hashable, Codable, CustomStringConvertible {
    public var pages: Bool
    public var tickets: Bool

    public init(pages: Bool, tickets: Bool) {
        self.pages = pages
        self.tickets = tickets
    }

    /// Recording rules only: no alert at all.
    public static let recordOnly = AlertPolicy(pages: false, tickets: false)
    /// Tickets (and the no-data tickets), never a page.
    public static let ticketsOnly = AlertPolicy(pages: false, tickets: true)
    public static let pagesAndTickets = AlertPolicy(pages: true, tickets: true)

    /// The policy of an environment that declares none.
    public static func `default`(for environment: Environment) -> AlertPolicy {
        switch environment {
        case .prod: .pagesAndTickets
        case .dev: .recordOnly
        default: .ticketsOnly
        }
    }

    public var description: String {
        switch (pages, tickets) {
        case (true, true): "pages and tickets"
        case (true, false): "pages only"
        case (false, true): "tickets only"
        case (false, false): "records only"
        }
    }
}
