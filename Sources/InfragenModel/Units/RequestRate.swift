/// A rate of requests, per minute or per hour: what an SLO's minimum-traffic guard asks of a window
/// (`MinimumTraffic(.requestsPerMinute(10))`, `MinimumTraffic(.requestsPerHour(30))`).
public struct RequestRate: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The unit the blueprint counts in; the rules compare in it too.
    public enum Unit: String, Sendable, Hashable, Codable {
        case minute, hour

        /// Seconds per unit: a per-second rate times this is a rate per unit.
        public var seconds: Int { self == .minute ? 60 : 3600 }
    }

    public let count: Int
    public let unit: Unit

    private init(count: Int, unit: Unit) {
        self.count = count
        self.unit = unit
    }

    public static func requestsPerMinute(_ count: Int) -> RequestRate { RequestRate(count: count, unit: .minute) }
    public static func requestsPerHour(_ count: Int) -> RequestRate { RequestRate(count: count, unit: .hour) }

    /// Requests per hour, saturated at the bounds of `Int` for absurd counts (validation refuses them).
    public var perHour: Int {
        guard unit == .minute else { return count }
        let (value, overflow) = count.multipliedReportingOverflow(by: 60)
        return overflow ? (count < 0 ? .min : .max) : value
    }

    /// What a guard may ask, in requests per hour: at least one request an hour, at most 100,000 a minute (a guard
    /// above that would silence a service's alerts at a traffic most services never see).
    public static let perHourRange = 1...6_000_000

    /// `10 requests per minute`.
    public var description: String { "\(count) request\(count == 1 ? "" : "s") per \(unit.rawValue)" }
}
