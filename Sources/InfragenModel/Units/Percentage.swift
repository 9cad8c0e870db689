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

    /// A percentage, rounded to four decimals of a percent. An absurd value (infinite, not a number, beyond `Int`)
    /// saturates instead of trapping, so validation can say where it was written.
    public static func percent(_ value: Double) -> Percentage {
        Percentage(millionths: Saturating.int(value * 10_000))
    }

    /// A fraction written in millionths of one.
    public static func millionths(_ value: Int) -> Percentage { Percentage(millionths: value) }

    public static func < (lhs: Percentage, rhs: Percentage) -> Bool { lhs.millionths < rhs.millionths }

    /// What is left to 100 %: the error budget of an objective.
    public var complement: Percentage { Percentage(millionths: Saturating.difference(1_000_000, millionths)) }

    /// The fraction as an exact decimal: `0.995`.
    public var fraction: String { Decimal6.text(millionths: millionths) }

    /// The percentage as an exact decimal: `99.5`.
    public var percentText: String { Decimal6.text(millionths, decimals: 4) }

    /// An integer percent, as Kubernetes' HPA wants it, rounded down.
    public var wholePercent: Int { millionths / 10_000 }

    public var description: String { "\(percentText) %" }
}

/// Exact decimal text from an integer count of millionths.
public enum Decimal6 {
    /// `995_000` → `"0.995"`, `14_400_000` → `"14.4"`, `-5` → `"-0.000005"`.
    public static func text(millionths value: Int) -> String { text(value, decimals: 6) }

    /// `value` divided by 10^`decimals`, exactly, without trailing zeros: `(250, 3)` → `"0.25"`. Never overflows.
    public static func text(_ value: Int, decimals: Int) -> String {
        precondition((0...18).contains(decimals))
        var scale: UInt = 1
        for _ in 0..<decimals { scale *= 10 }
        let sign = value < 0 ? "-" : ""
        let magnitude = value.magnitude
        let whole = magnitude / scale
        // The fraction's digits without trailing zeros, counted in integers (no string trimming).
        var fraction = magnitude % scale, digits = decimals
        if fraction == 0 { return "\(sign)\(whole)" }
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let text = String(fraction)
        return "\(sign)\(whole)." + String(repeating: "0", count: digits - text.utf8.count) + text
    }
}

/// Arithmetic for quantities written in a blueprint: out of range, it saturates at the type's bounds instead of
/// trapping, because a trap in the DSL has no location, while an absurd value is reported by validation with one.
public enum Saturating {
    /// The nearest integer; infinity and values beyond `Int` clamp to its bounds, not-a-number becomes `Int.min`
    /// (outside every valid range, so validation always reports it).
    public static func int(_ value: Double) -> Int {
        guard !value.isNaN else { return .min }
        let rounded = value.rounded()
        if rounded >= 9_223_372_036_854_775_807.0 { return .max }
        if rounded <= -9_223_372_036_854_775_808.0 { return .min }
        return Int(rounded)
    }

    public static func product(_ a: Int64, _ b: Int64) -> Int64 {
        let (result, overflow) = a.multipliedReportingOverflow(by: b)
        guard overflow else { return result }
        return (a < 0) != (b < 0) ? .min : .max
    }

    public static func difference(_ a: Int, _ b: Int) -> Int {
        let (result, overflow) = a.subtractingReportingOverflow(b)
        guard overflow else { return result }
        return b < 0 ? .max : .min
    }
}
