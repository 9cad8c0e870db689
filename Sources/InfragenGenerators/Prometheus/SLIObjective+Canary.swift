import InfragenModel

/// The canary comparison: the SLI's error ratio per `track` (the label the monitors copy from the pods'
/// `infragen.io/track`), so that the canary's and the stable release's ratios and burn rates stand side by side.
extension SLIObjective {
    /// Whether the rules compare this SLI's canary with its stable release: the service has a canary here, and the SLI
    /// reads the instrumentation's series (a raw SLI's queries are the blueprint's, and may sum the track away).
    var comparesCanary: Bool { service.canary != nil && raw == nil }

    /// `sum by (track) (rate(selector[w]))`.
    static func trackRate(_ selector: String, minutes: Int) -> String {
        "sum by (track) (rate(\(selector)[\(PromQL.duration(minutes: minutes))]))"
    }

    /// The error ratio of each track over a window: bad over total, by track; 0 (not absent) for a track with requests
    /// and no bad one.
    func canaryErrorRatioExpression(minutes: Int) -> String {
        let total: String, bad: String
        switch kind {
        case .availability:
            total = Self.trackRate(PromQL.selector(metrics.totalSeries, requestMatchers), minutes: minutes)
            let errors = Self.trackRate(PromQL.selector(metrics.totalSeries, requestMatchers + [errorMatcher]),
                                        minutes: minutes)
            bad = "(\n  \(errors)\n  or\n  0 * \(total)\n)"
        case .latency:
            total = Self.trackRate(PromQL.selector(metrics.durationHistogram + "_count", requestMatchers),
                                   minutes: minutes)
            let good = Self.trackRate(
                PromQL.selector(metrics.durationHistogram + "_bucket", requestMatchers + [bucketMatcher]),
                minutes: minutes)
            bad = "(\n  \(total)\n  -\n  \(good)\n)"
        }
        return bad + "\n/\n" + total + "\n"
    }

    /// The record of a track's error ratio over a window, selected by this objective's labels and the track.
    func canaryRatio(minutes: Int, track: String) -> String {
        CanaryRecords.errorRatioRecord(minutes: minutes) + trackMatchers(track)
    }

    /// This objective's label matchers and `track="<track>"` (sorted: `track` comes last).
    func trackMatchers(_ track: String) -> String {
        String(labelMatchers.dropLast()) + ",track=\(PromQL.quoted(track))}"
    }
}

extension SLIObjective {
    /// The minimum-traffic guard of a condition over `minutes` (its long window), or nil without `MinimumTraffic`: the
    /// window's average request rate, from the 5m rate records, in the blueprint's unit, at or above the guard.
    func trafficGuard(minutes: Int) -> String? {
        guard let rate = slo.minimumTraffic else { return nil }
        return "avg_over_time(\(Self.totalRateRecord)\(labelMatchers)[\(PromQL.duration(minutes: minutes))]) "
            + "* \(rate.unit.seconds) >= \(rate.count)"
    }
}
