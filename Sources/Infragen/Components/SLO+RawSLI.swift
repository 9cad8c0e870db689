/// An SLI written in PromQL, for what the instrumentation presets cannot say (gRPC codes, a queue's failures, a
/// ratio of two counters of your own): the rate of bad events and the rate of all events, each with the placeholder
/// `$window` where its ranges go, and `$namespace` in a label matcher for the environment's namespace. The SLO's
/// `Availability` objective then measures it, with the same recording rules, windows and burn-rate alerts as a
/// preset's SLI.
///
/// ```swift
/// SLO("order-rpcs") {
///     SLI(errors: #"sum(rate(grpc_server_handled_total{namespace="$namespace",grpc_service="orders.Orders",grpc_code!="OK"}[$window]))"#,
///         total: #"sum(rate(grpc_server_handled_total{namespace="$namespace",grpc_service="orders.Orders"}[$window]))"#)
///     Availability(.percent(99.9))
/// }
/// ```
///
/// Each query must be one PromQL expression that returns an instant vector without labels (aggregate it with `sum`),
/// and every range in it must be `[$window]`: infragen parses both before anything is written and refuses what
/// Prometheus could not parse, at this line. Unless `SLISelector(matchNamespace: false)` says a Prometheus sees one
/// environment only, each query must select `namespace="$namespace"` (or another label holding `$namespace`), or
/// every environment's rules would count every environment's events. The queries select their own series, so the SLO takes no `handler:`,
/// `method:` or `Match(…)`, and no `Latency` (write a latency SLI as a raw SLI of its own). promtool checks the rules;
/// infragen cannot know the series the queries read, so it writes no promtool unit tests for the SLO.
public struct SLI: SLOComponent {
    let sli: RawSLI
    let location: SourceLocation

    /// - Parameters:
    ///   - errors: the rate of bad events per second, with `[$window]` as its ranges.
    ///   - total: the rate of all events per second, with `[$window]` as its ranges.
    public init(
        errors: String, total: String,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.sli = RawSLI(errors: errors, total: total)
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to slo: inout SLODescription) { slo.rawSLI = Setting(sli, at: location) }
}
