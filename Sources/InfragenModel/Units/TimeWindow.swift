/// The period over which an SLO is measured: 30, 28 or 7 days are the common ones.
public struct TimeWindow: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let days: Int

    private init(days: Int) { self.days = days }

    public static func days(_ value: Int) -> TimeWindow { TimeWindow(days: value) }

    public static func < (lhs: TimeWindow, rhs: TimeWindow) -> Bool { lhs.days < rhs.days }

    public var hours: Int { days * 24 }

    /// Prometheus duration syntax: `30d`.
    public var promQL: String { "\(days)d" }

    public var description: String { promQL }
}

extension Duration {
    /// Whole milliseconds, rounded down.
    public var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    /// Seconds as an exact decimal, to the millisecond: `0.8`, `30`, `0.05`.
    public var secondsText: String { Decimal6.text(millionths: Int(wholeMilliseconds) * 1000) }
}
