/// The canary comparison records of the SLO rules (group `slo-<slo>-canary`), which the release gate of the delivery
/// pipeline queries (``PipelineGate``): per SLI of a service with a canary, and per `track` (`stable`, `canary`), the
/// error ratio and the burn rate over each window, with the SLI's labels (`environment`, `namespace`, `objective`,
/// `service`, `slo`) and `track`.
enum CanaryRecords {
    /// The analysis windows the rules record, in minutes.
    static let windows = [5, 30, 60]

    /// `slo:canary_error:ratio_rate30m`: the track's bad requests over its requests.
    static func errorRatioRecord(minutes: Int) -> String {
        "slo:canary_error:ratio_rate\(PromQL.duration(minutes: minutes))"
    }

    /// `slo:canary_burn_rate:ratio_rate30m`: the track's error ratio over the error budget.
    static func burnRateRecord(minutes: Int) -> String {
        "slo:canary_burn_rate:ratio_rate\(PromQL.duration(minutes: minutes))"
    }

    /// The release gate's question over two selectors of one burn-rate record (the canary's and stable's, with the
    /// same labels but `track`): the canary's series where it burns faster than allowed (above 1) and faster than
    /// `tolerance` × stable's. A one-to-one match `ignoring(track)` returns its left side without `track`, so the
    /// `and` ignores it too (without, the two sides never match, and the gate would pass every canary).
    static func failureQuery(canary: String, stable: String, tolerance: String) -> String {
        "(\(canary) > 1) and ignoring(track) (\(canary) > ignoring(track) (\(tolerance) * \(stable)))"
    }
}
