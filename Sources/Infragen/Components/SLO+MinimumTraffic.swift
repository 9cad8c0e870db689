/// The traffic a window must have had for a burn-rate alert over it to fire: a guard against alerts on a handful of
/// requests (in dev, one 500 among ten requests an hour is a 10 % error ratio).
///
/// Each condition of a page or ticket (a long and a short window) then also needs the long window's average traffic,
/// from the 5m rate record, at or above the guard: `avg_over_time(slo:sli_total:rate5m{…}[1h]) * 60 >= 10`. The
/// ratios are recorded as before, and the no-data ticket is not guarded (no series is not low traffic). From one
/// request an hour to 100,000 a minute:
///
/// ```swift
/// SLO("checkout", handler: "/api/checkout", method: "POST") {
///     Availability(.percent(99.9))
///     MinimumTraffic(.requestsPerMinute(10))
/// }
/// Deploy(to: .staging) {
///     MinimumTraffic(.requestsPerHour(30))   // every SLO of staging that sets none
/// }
/// ```
public struct MinimumTraffic: SLOComponent, EnvironmentComponent {
    let rate: RequestRate
    let location: SourceLocation

    /// - Parameter rate: `.requestsPerMinute(n)` or `.requestsPerHour(n)`, averaged over the alert's long window.
    public init(_ rate: RequestRate, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.rate = rate
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to slo: inout SLODescription) { slo.minimumTraffic = Setting(rate, at: location) }

    public func apply(to environment: inout EnvironmentDescription) {
        environment.minimumTraffic = Setting(rate, at: location)
    }
}
