public import InfragenModel

/// One of the burn-rate conditions infragen's SLO alerts use (``BurnRatePolicy``), for readers outside the generators:
/// the OpenSLO import accepts an `AlertCondition` only when it states one of them.
public struct BurnRateAlertCondition: Sendable, Hashable {
    /// `page` or `ticket`.
    public var severity: String
    /// The burn-rate factor for the SLO window, in ten-thousandths: 144_000 is 14.4.
    public var factorTenThousandths: Int
    /// The factor as exact decimal text: `14.4`.
    public var factor: String
    public var longWindowMinutes: Int
    public var shortWindowMinutes: Int
    /// The alert's `for`.
    public var forMinutes: Int

    /// Every condition of infragen's alerts for an SLO window, pages first, fastest first.
    public static func all(window: TimeWindow) -> [BurnRateAlertCondition] {
        BurnRatePolicy.Severity.allCases.flatMap { severity in
            severity.conditions.map { condition in
                BurnRateAlertCondition(
                    severity: severity.rawValue, factorTenThousandths: condition.factorTenThousandths(window: window),
                    factor: condition.factor(window: window), longWindowMinutes: condition.longMinutes,
                    shortWindowMinutes: condition.shortMinutes, forMinutes: severity.forMinutes)
            }
        }
    }

    /// `14.4 over 1h (for 2m)`.
    public var summary: String {
        "\(factor) over \(BurnRateCondition.duration(longWindowMinutes)) (for \(BurnRateCondition.duration(forMinutes)))"
    }
}
