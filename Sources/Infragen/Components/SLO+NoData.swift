/// How long an SLI's request series may be absent before its no-data ticket (`<Slo><Objective>NoData`) fires:
/// 10 minutes unless the SLO or its environment says otherwise, in whole minutes from 1 minute to 24 hours.
///
/// The wait is the `for:` of `absent(<the SLI's denominator>)`: long enough for a rollout's new pods to serve their
/// first request (a counter's series appears with it), short enough to be noticed. A service whose first request
/// comes late (a nightly batch) waits longer; a test cluster, shorter:
///
/// ```swift
/// SLO("checkout", handler: "/api/checkout", method: "POST") {
///     Availability(.percent(99.9))
///     NoDataAfter(.minutes(1))          // absent(…) for: 1m
/// }
/// ```
///
/// In `Deploy(to:)` it is the default of every SLO of the environment that sets none (an SLO's own wins):
///
/// ```swift
/// Deploy(to: .dev) {
///     NoDataAfter(.minutes(60))         // dev scales to zero at night
/// }
/// ```
public struct NoDataAfter: SLOComponent, EnvironmentComponent {
    let wait: Duration
    let location: SourceLocation

    /// - Parameter wait: whole minutes, 1 minute to 24 hours: `.minutes(30)`.
    public init(_ wait: Duration, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.wait = wait
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to slo: inout SLODescription) { slo.noDataAfter = Setting(wait, at: location) }

    public func apply(to environment: inout EnvironmentDescription) {
        environment.noDataAfter = Setting(wait, at: location)
    }
}
