/// A service level objective on some of the service's requests.
///
/// ```swift
/// SLO("order-creation", handler: "/api/orders", method: "POST") {
///     Availability(.percent(99.5))
///     Latency(.percent(99), under: .milliseconds(800))
///     Window(.days(30))
/// }
/// ```
public struct SLO: ServiceComponent {
    let description: SLODescription

    public init(
        _ name: String, handler: String? = nil, method: String? = nil, matching matchers: [String: String] = [:],
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        @ListBuilder<any SLOComponent> _ body: () -> [any SLOComponent]
    ) {
        var description = SLODescription(name: name, location: SourceLocation(fileID, filePath, line))
        description.handler = handler
        description.method = method
        description.matchers += matchers.sorted { $0.key < $1.key }.map { LabelMatcher($0.key, $0.value) }
        for component in body() { component.apply(to: &description) }
        self.description = description
    }

    public func apply(to service: inout ServiceDescription) { service.slos.append(description) }
}

/// One more label matcher on the SLO's requests: equal to a value, or matching a regular expression or not, as
/// Prometheus reads it (RE2, anchored at both ends).
///
/// ```swift
/// SLO("api", method: "GET") {
///     Match("handler", matches: "/api/(orders|carts)(/.*)?")
///     Match("handler", doesNotMatch: "/api/.*/export")
///     Availability(.percent(99.9))
/// }
/// ```
public struct Match: SLOComponent {
    let matcher: LabelMatcher

    /// - Parameters:
    ///   - label: a label of every series the SLO's SLIs read.
    ///   - value: the value it must equal.
    public init(
        _ label: String, equals value: String,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        matcher = LabelMatcher(label, value, op: .equal, location: SourceLocation(fileID, filePath, line))
    }

    /// - Parameters:
    ///   - label: a label of every series the SLO's SLIs read.
    ///   - regex: a regular expression the whole value must match (`=~`).
    public init(
        _ label: String, matches regex: String,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        matcher = LabelMatcher(label, regex, op: .matches, location: SourceLocation(fileID, filePath, line))
    }

    /// - Parameters:
    ///   - label: a label of every series the SLO's SLIs read.
    ///   - regex: a regular expression the whole value must not match (`!~`).
    public init(
        _ label: String, doesNotMatch regex: String,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        matcher = LabelMatcher(label, regex, op: .doesNotMatch, location: SourceLocation(fileID, filePath, line))
    }

    public func apply(to slo: inout SLODescription) { slo.matchers.append(matcher) }
}

/// The share of requests that must succeed.
public struct Availability: SLOComponent {
    let objective: Percentage
    let location: SourceLocation

    public init(_ objective: Percentage, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.objective = objective
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to slo: inout SLODescription) { slo.availability = Setting(objective, at: location) }
}

/// The share of requests that must finish under a threshold: `Latency(.percent(99), under: .milliseconds(800))`, of
/// every request, or only of those whose status code matches `codes:`.
///
/// ```swift
/// Latency(.percent(99), under: .milliseconds(800))                  // every request
/// Latency(.percent(99), under: .milliseconds(800), codes: "2..")    // successful requests only (a fast 500 is no
///                                                                   // good latency, and a slow one is an error already)
/// ```
public struct Latency: SLOComponent {
    let objective: LatencyObjective
    let location: SourceLocation

    /// - Parameters:
    ///   - target: the share of the requests that must finish under the threshold.
    ///   - threshold: one of the histogram's bucket bounds.
    ///   - codes: the status codes whose requests count, a pattern of 3-digit codes like `ErrorCodes`' (`2..`,
    ///     `2..|404`); every request when nil. The histogram must carry the code label.
    public init(
        _ target: Percentage, under threshold: Duration, codes: String? = nil,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.objective = LatencyObjective(target: target, threshold: threshold, codes: codes)
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to slo: inout SLODescription) { slo.latency = Setting(objective, at: location) }
}

/// The window the objective is measured over.
public struct Window: SLOComponent {
    let window: TimeWindow

    public init(_ window: TimeWindow) { self.window = window }

    public func apply(to slo: inout SLODescription) { slo.window = window }
}

/// The status codes that count as errors (a regular expression on the code label; `5..` by default).
public struct ErrorCodes: SLOComponent {
    let pattern: String

    public init(_ pattern: String) { self.pattern = pattern }

    public func apply(to slo: inout SLODescription) { slo.errorCodes = pattern }
}

/// The page that tells the person paged what to do.
public struct Runbook: SLOComponent {
    let url: String

    public init(_ url: String) { self.url = url }

    public func apply(to slo: inout SLODescription) { slo.runbookURL = url }
}

/// Which of the SLO's alerts are raised where the environment's ``Alerting`` policy raises them:
/// `Alerts(page: false)` keeps the tickets and drops the page.
public struct Alerts: SLOComponent {
    let page: Bool
    let ticket: Bool

    public init(page: Bool = true, ticket: Bool = true) {
        self.page = page
        self.ticket = ticket
    }

    public func apply(to slo: inout SLODescription) {
        slo.pages = page
        slo.tickets = ticket
    }
}

/// The stem of the SLO's alert names, in place of the one made from its name: `AlertName("CheckoutErrors")` names
/// `CheckoutErrorsAvailabilityBudgetBurn` and `CheckoutErrorsAvailabilityNoData`.
public struct AlertName: SLOComponent {
    let name: String

    public init(_ name: String) { self.name = name }

    public func apply(to slo: inout SLODescription) { slo.alertName = name }
}

/// Labels on every alert of the SLO, for routing (`AlertLabels(["channel": "orders-oncall", "tier": "1"])`).
public struct AlertLabels: SLOComponent {
    let labels: [String: String]

    public init(_ labels: [String: String]) { self.labels = labels }

    public func apply(to slo: inout SLODescription) { slo.alertLabels.merge(labels) { _, new in new } }
}

/// The annotations of the SLO's alerts: a `summary` or `description` replaces infragen's, a `dashboard` adds
/// `dashboard_url`; `Runbook(…)` sets `runbook_url`.
public struct AlertAnnotations: SLOComponent {
    let values: [String: String]

    public init(summary: String? = nil, description: String? = nil, dashboard: String? = nil) {
        var values: [String: String] = [:]
        values["summary"] = summary
        values["description"] = description
        values["dashboard_url"] = dashboard
        self.values = values
    }

    public func apply(to slo: inout SLODescription) { slo.annotations.merge(values) { _, new in new } }
}
