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
        fileID: String = #fileID, line: Int = #line,
        @ListBuilder<any SLOComponent> _ body: () -> [any SLOComponent]
    ) {
        var description = SLODescription(name: name, location: SourceLocation(fileID, line))
        description.handler = handler
        description.method = method
        description.matchers += matchers.sorted { $0.key < $1.key }.map { LabelMatcher($0.key, $0.value) }
        for component in body() { component.apply(to: &description) }
        self.description = description
    }

    public func apply(to service: inout ServiceDescription) { service.slos.append(description) }
}

/// The share of requests that must succeed.
public struct Availability: SLOComponent {
    let objective: Percentage
    let location: SourceLocation

    public init(_ objective: Percentage, fileID: String = #fileID, line: Int = #line) {
        self.objective = objective
        self.location = SourceLocation(fileID, line)
    }

    public func apply(to slo: inout SLODescription) { slo.availability = Setting(objective, at: location) }
}

/// The share of requests that must finish under a threshold: `Latency(.percent(99), under: .milliseconds(800))`.
public struct Latency: SLOComponent {
    let objective: LatencyObjective
    let location: SourceLocation

    public init(_ target: Percentage, under threshold: Duration, fileID: String = #fileID, line: Int = #line) {
        self.objective = LatencyObjective(target: target, threshold: threshold)
        self.location = SourceLocation(fileID, line)
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
