import InfragenModel

/// The cheaper long windows: the SLI's bad and total request rates recorded once at 5m, and the windows of a day and
/// more (1d, 3d, the SLO period) summed from those records instead of `rate(…[30d])` over every raw sample of every
/// series at every evaluation.
///
/// `sum_over_time(bad[w]) / sum_over_time(total[w])` is weighted by traffic exactly like `rate(bad[w]) /
/// rate(total[w])`: each record is the requests of a 5m slice per second, so the sums are the requests of the window,
/// counted once per record that covers them (the records tile the window; at a finer rule interval each request is
/// counted equally often). It is not Sloth's average of ratios, which gives a quiet night the weight of a busy day.
extension SLIObjective {
    /// `slo:sli_error:rate5m`: the SLI's bad requests per second over 5m (0 when there are requests and none is bad).
    static let badRateRecord = "slo:sli_error:rate5m"
    /// `slo:sli_total:rate5m`: the SLI's requests per second over 5m.
    static let totalRateRecord = "slo:sli_total:rate5m"
    /// The range of the rate records, in minutes.
    static let rateRecordMinutes = 5
    /// The interval of the long-window group: the long ratios change slowly, and tickets wait 15m anyway.
    static let longIntervalMinutes = 5

    /// Whether a window's ratio is summed from the 5m rate records (a day and more) rather than taken over raw samples
    /// (the page windows and the short ticket windows, which must be fresh at every evaluation).
    static func isSummed(_ minutes: Int) -> Bool { minutes >= 1440 }

    /// The windows whose ratios are recorded over raw samples, in the SLO's main group: 5m, 30m, 1h, 2h, 6h.
    var rawWindows: [Int] { windows.filter { !Self.isSummed($0) } }
    /// The windows summed from the rate records, in the SLO's long group: 1d, 3d and the period.
    var summedWindows: [Int] { windows.filter(Self.isSummed) }

    /// The range over which a long window sums the rate records: one second short of the window (`[23h59m59s]` for
    /// 1d), so that Prometheus 2.x, whose ranges include their start, leaves out the record taken exactly at the
    /// window's start (it counts the 5m before the window), as 3.x does; for records written every 30s or 1m the
    /// second changes nothing else.
    static func summedRange(minutes: Int) -> String { "[\(PromQL.duration(minutes: minutes - 1))59s]" }

    /// The error ratio over a long window, from the rate records: bad requests over requests, weighted by traffic.
    func summedRatioExpression(minutes: Int) -> String {
        let range = Self.summedRange(minutes: minutes)
        return "sum_over_time(\(Self.badRateRecord)\(labelMatchers)\(range))\n/\n"
            + "sum_over_time(\(Self.totalRateRecord)\(labelMatchers)\(range))\n"
    }

    /// The error ratio over a window as the rules compute it: summed from the rate records or over raw samples.
    func ruleExpression(minutes: Int) -> String {
        Self.isSummed(minutes) ? summedRatioExpression(minutes: minutes) : errorRatioExpression(minutes: minutes)
    }
}
