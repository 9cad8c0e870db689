extension SLODescription {
    /// Minutes the SLI's denominator may be absent before the no-data ticket fires when the SLO sets no
    /// `NoDataAfter`: long enough for a rollout's new pods to serve their first request, short enough to be noticed
    /// the same hour.
    public static let defaultNoDataMinutes = 10

    /// What `NoDataAfter` may say, in minutes: at least one evaluation after the series is gone (Prometheus marks a
    /// stopped target's series stale at once, so `absent()` is true at the next evaluation), at most a day.
    public static let noDataMinutesRange = 1...1440

    /// The no-data wait in whole minutes (validation refuses anything else): the SLO's `NoDataAfter`, else the
    /// environment's, else ``defaultNoDataMinutes``.
    func noDataMinutes(environmentDefault: Setting<Duration>?) -> Int {
        guard let wait = (noDataAfter ?? environmentDefault)?.value else { return Self.defaultNoDataMinutes }
        return Int(clamping: wait.components.seconds / 60)
    }
}

extension SystemDescription {
    /// `NoDataAfter`: whole minutes in ``SLODescription/noDataMinutesRange``.
    func checkNoDataAfter(_ slo: SLODescription, _ path: DiagnosticPath, _ field: String, _ c: inout DiagnosticCollector) {
        checkNoDataAfter(slo.noDataAfter, path, "\(field).noDataAfter", &c)
    }

    /// `NoDataAfter` in an SLO or as an environment's default (`field` names it).
    func checkNoDataAfter(
        _ wait: Setting<Duration>?, _ path: DiagnosticPath, _ field: String, _ c: inout DiagnosticCollector
    ) {
        guard let wait else { return }
        let (seconds, attoseconds) = wait.value.components
        let range = SLODescription.noDataMinutesRange
        if attoseconds != 0 || seconds % 60 != 0 {
            c.error(path, field: field, "\(attoseconds == 0 ? "\(seconds)" : wait.value.secondsText) s is not a whole number of minutes",
                    hint: "the no-data alert's `for` is written in minutes: use e.g. .minutes(10)", at: wait.location)
        } else if !(Int64(range.lowerBound)...Int64(range.upperBound)).contains(seconds / 60) {
            c.error(path, field: field,
                    "\(seconds / 60) minutes is outside \(range.lowerBound)-\(range.upperBound) minutes (1 minute to a day)",
                    hint: "wait at least one minute, so that a rollout's new pods can serve their first request, and at "
                        + "most a day, or the ticket comes after the budget is spent; the default is "
                        + "\(SLODescription.defaultNoDataMinutes) minutes", at: wait.location)
        }
    }
}

extension SystemDescription {
    /// `MinimumTraffic`: at least one request an hour, at most ``RequestRate/perHourRange``'s upper bound.
    func checkMinimumTraffic(
        _ guardRate: Setting<RequestRate>?, _ path: DiagnosticPath, _ field: String, _ c: inout DiagnosticCollector
    ) {
        guard let guardRate else { return }
        let rate = guardRate.value, range = RequestRate.perHourRange
        if rate.count < 1 {
            c.error(path, field: field, "a minimum traffic of \(rate.count) requests per \(rate.unit.rawValue) guards nothing",
                    hint: "ask for at least one request, e.g. .requestsPerMinute(1) or .requestsPerHour(30); leave "
                        + "MinimumTraffic out to alert at any traffic", at: guardRate.location)
        } else if rate.perHour > range.upperBound {
            c.error(path, field: field,
                    "a minimum traffic of \(rate) is above \(range.upperBound / 60) requests per minute, and would "
                        + "silence the burn-rate alerts at almost any traffic",
                    hint: "guard against a handful of requests, e.g. .requestsPerMinute(1); a busy service needs no guard",
                    at: guardRate.location)
        }
    }
}
