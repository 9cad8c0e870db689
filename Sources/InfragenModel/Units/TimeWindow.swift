/// The period over which an SLO is measured: 30, 28 or 7 days are the common ones.
public struct TimeWindow: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let days: Int

    private init(days: Int) { self.days = days }

    public static func days(_ value: Int) -> TimeWindow { TimeWindow(days: value) }

    public static func < (lhs: TimeWindow, rhs: TimeWindow) -> Bool { lhs.days < rhs.days }

    public var hours: Int { days.multipliedReportingOverflow(by: 24).overflow ? (days < 0 ? .min : .max) : days * 24 }

    /// Prometheus duration syntax: `30d`.
    public var promQL: String { "\(days)d" }

    public var description: String { promQL }
}

extension Duration {
    /// Whole milliseconds, rounded toward zero; saturated at the bounds of `Int64` for absurd durations.
    public var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        let (milliseconds, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        if overflow { return seconds < 0 ? .min : .max }
        let (total, overflowAgain) = milliseconds.addingReportingOverflow(attoseconds / 1_000_000_000_000_000)
        return overflowAgain ? (seconds < 0 ? .min : .max) : total
    }

    /// Seconds as an exact decimal, to the millisecond: `0.8`, `30`, `0.05`.
    public var secondsText: String { Decimal6.text(Int(wholeMilliseconds), decimals: 3) }
}
