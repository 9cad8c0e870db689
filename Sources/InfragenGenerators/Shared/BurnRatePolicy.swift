public import InfragenModel

/// The multi-window, multi-burn-rate alerting policy of the SRE workbook, for any SLO window.
///
/// Each alert fires when a share of the error budget is spent within a long window (confirmed over a short one):
/// page at 2 % of the budget in 1 h or 5 % in 6 h; ticket at 10 % in 1 d or 10 % in 3 d. The burn-rate factor is
/// `share × window / long window`: for 30 days, 14.4, 6, 3 and 1.
public struct BurnRatePolicy: Sendable, Hashable {
    public struct Alert: Sendable, Hashable {
        /// The share of the error budget, in millionths (2 % is 20_000).
        public var budgetShare: Int
        public var longWindowHours: Int
        public var shortWindowMinutes: Int
        public var factorMillionths: Int

        /// The factor as an exact decimal, rounded to a millionth where it does not terminate: `14.4`, `0.933333`.
        public var factor: String { Decimal6.text(millionths: factorMillionths) }

        public var longWindow: String { longWindowHours % 24 == 0 ? "\(longWindowHours / 24)d" : "\(longWindowHours)h" }
        public var shortWindow: String { shortWindowMinutes % 60 == 0 ? "\(shortWindowMinutes / 60)h" : "\(shortWindowMinutes)m" }

        /// `14.4× over 1h and 5m`.
        public var summary: String { "\(factor)× over \(longWindow) and \(shortWindow)" }
    }

    public var page: [Alert]
    public var ticket: [Alert]

    public init(window: TimeWindow) {
        func alert(_ share: Int, _ longHours: Int, _ shortMinutes: Int) -> Alert {
            // share (millionths) × window hours / long hours, rounded half up to a millionth.
            let numerator = share * window.hours
            let factor = (numerator + longHours / 2) / longHours
            return Alert(budgetShare: share, longWindowHours: longHours, shortWindowMinutes: shortMinutes, factorMillionths: factor)
        }
        page = [alert(20_000, 1, 5), alert(50_000, 6, 30)]
        ticket = [alert(100_000, 24, 120), alert(100_000, 72, 360)]
    }
}
