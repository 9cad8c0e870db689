import InfragenModel

/// The multiwindow, multi-burn-rate alerting policy of the Google SRE workbook ("Alerting on SLOs"), for any SLO
/// window.
///
/// Each condition spends a share of the error budget over a long window, confirmed by a short window (1/12 of the
/// long one) so that the alert also resolves quickly:
///
///     page   = 2 % of the budget in 1h (and 5m)  or 5 % in 6h (and 30m)
///     ticket = 10 % of the budget in 1d (and 2h) or 10 % in 3d (and 6h)
///
/// The burn-rate factor is share × window / long window: 14.4, 6, 3 and 1 for 30 days; the same shares give 13.44,
/// 5.6, 2.8 and 0.9333 for 28 days and 3.36, 1.4, 0.7 and 0.2333 for 7 days.
struct BurnRatePolicy {
    enum Severity: String, CaseIterable {
        case page, ticket

        /// How long a condition must hold before the alert fires.
        var forMinutes: Int { self == .page ? 2 : 15 }

        /// The conditions, fastest first.
        var conditions: [BurnRateCondition] {
            switch self {
            case .page:
                [BurnRateCondition(budgetSharePercent: 2, longMinutes: 60, shortMinutes: 5),
                 BurnRateCondition(budgetSharePercent: 5, longMinutes: 360, shortMinutes: 30)]
            case .ticket:
                [BurnRateCondition(budgetSharePercent: 10, longMinutes: 1440, shortMinutes: 120),
                 BurnRateCondition(budgetSharePercent: 10, longMinutes: 4320, shortMinutes: 360)]
            }
        }
    }

    /// The windows the SLI is recorded over, besides the SLO window itself (minutes).
    static let windows = [5, 30, 60, 120, 360, 1440, 4320]

    /// The window of the current burn rate: the long window of the fastest page condition.
    static let currentBurnRateWindow = 60
}

/// "More than `budgetSharePercent` % of the budget spent over the long window, and still burning in the short one."
/// Shared by the SLO rules and the system README, so both show the same factors.
struct BurnRateCondition: Hashable {
    var budgetSharePercent: Int
    var longMinutes: Int
    var shortMinutes: Int

    /// The burn-rate factor for an SLO window, in ten-thousandths, rounded half up: share × window / long window.
    /// Exact for 30 days (14.4, 6, 3, 1); 28 and 7 days give 13.44, 5.6, 2.8, 0.9333 and 3.36, 1.4, 0.7, 0.2333.
    func factorTenThousandths(window: TimeWindow) -> Int {
        let numerator = budgetSharePercent * window.days * 1440 * 10_000
        let denominator = 100 * longMinutes
        return (2 * numerator + denominator) / (2 * denominator)
    }

    /// The factor as exact decimal text: `14.4`, `0.9333`.
    func factor(window: TimeWindow) -> String {
        Decimal6.text(millionths: factorTenThousandths(window: window) * 100)
    }

    /// The error-ratio threshold (factor × budget) in units of 10⁻¹⁰; an error ratio never exceeds 10¹⁰ of them.
    func thresholdE10(window: TimeWindow, budget: Percentage) -> Int {
        factorTenThousandths(window: window) * budget.millionths
    }
}

extension BurnRateCondition {
    /// `14.4× over 1h and 5m`, as the system README lists the alerts.
    func summary(window: TimeWindow) -> String {
        "\(factor(window: window))× over \(Self.duration(longMinutes)) and \(Self.duration(shortMinutes))"
    }

    static func duration(_ minutes: Int) -> String {
        if minutes % 1440 == 0 { return "\(minutes / 1440)d" }
        if minutes % 60 == 0 { return "\(minutes / 60)h" }
        return "\(minutes)m"
    }
}
