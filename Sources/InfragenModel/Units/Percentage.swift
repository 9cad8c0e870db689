/// A share of something, exact to a millionth (99.9999 %), so that 99.9 % is 0.999 and never 0.9990000000000001.
///
/// ```swift
/// Availability(.percent(99.5))
/// Canary(.percent(10))
/// ```
public struct Percentage: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The fraction in millionths: 99.5 % is 995_000.
    public let millionths: Int

    private init(millionths: Int) { self.millionths = millionths }

    /// A percentage, rounded to four decimals of a percent.
    public static func percent(_ value: Double) -> Percentage {
        Percentage(millionths: Int((value * 10_000).rounded()))
    }

    /// A fraction written in millionths of one.
    public static func millionths(_ value: Int) -> Percentage { Percentage(millionths: value) }

    public static func < (lhs: Percentage, rhs: Percentage) -> Bool { lhs.millionths < rhs.millionths }

    /// What is left to 100 %: the error budget of an objective.
    public var complement: Percentage { Percentage(millionths: 1_000_000 - millionths) }

    /// The fraction as an exact decimal: `0.995`.
    public var fraction: String { Decimal6.text(millionths: millionths) }

    /// The percentage as an exact decimal: `99.5`.
    public var percentText: String { Decimal6.text(millionths: millionths * 100) }

    /// An integer percent, as Kubernetes' HPA wants it, rounded down.
    public var wholePercent: Int { millionths / 10_000 }

    public var description: String { "\(percentText) %" }
}

/// Exact decimal text from an integer count of millionths.
public enum Decimal6 {
    /// `995_000` → `"0.995"`, `14_400_000` → `"14.4"`, `-5` → `"-0.000005"`.
    public static func text(millionths value: Int) -> String {
        let sign = value < 0 ? "-" : ""
        let magnitude = value.magnitude
        let whole = magnitude / 1_000_000
        var fraction = String(magnitude % 1_000_000)
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.last == "0" { fraction.removeLast() }
        return fraction.isEmpty ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }
}
