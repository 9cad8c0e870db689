/// An exact rational number for the test builder's oracle: no floating point ever decides an expected value.
///
/// Numerators and denominators stay below 2⁶³ for the inputs the test builder makes (counters below 10¹⁵, at most
/// 9000 samples in a window); products are compared in 128 bits, and an overflow elsewhere stops the program rather
/// than produce a wrong expectation.
struct Fraction: Hashable, Comparable, CustomStringConvertible {
    /// Reduced; carries the sign.
    let numerator: Int
    /// Reduced; always positive.
    let denominator: Int

    init(_ numerator: Int, _ denominator: Int = 1) {
        precondition(denominator != 0, "fraction with denominator 0")
        let divisor = Swift.max(Fraction.gcd(numerator.magnitude, denominator.magnitude), 1)
        let sign = denominator < 0 ? -1 : 1
        self.numerator = sign * numerator / Int(divisor)
        self.denominator = sign * denominator / Int(divisor)
    }

    static let zero = Fraction(0)
    static let one = Fraction(1)

    static func gcd(_ a: UInt, _ b: UInt) -> UInt {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    static func < (lhs: Fraction, rhs: Fraction) -> Bool {
        compare(lhs.numerator, rhs.denominator, rhs.numerator, lhs.denominator) < 0
    }

    /// The sign of a·b − c·d, computed in 128 bits.
    static func compare(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Int {
        let left = a.multipliedFullWidth(by: b), right = c.multipliedFullWidth(by: d)
        if left.high != right.high { return left.high < right.high ? -1 : 1 }
        if left.low != right.low { return left.low < right.low ? -1 : 1 }
        return 0
    }

    static func + (lhs: Fraction, rhs: Fraction) -> Fraction {
        let divisor = Int(gcd(UInt(lhs.denominator), UInt(rhs.denominator)))
        let left = checked(lhs.numerator, rhs.denominator / divisor)
        let right = checked(rhs.numerator, lhs.denominator / divisor)
        return Fraction(left + right, checked(lhs.denominator / divisor, rhs.denominator))
    }

    static prefix func - (value: Fraction) -> Fraction { Fraction(-value.numerator, value.denominator) }
    static func - (lhs: Fraction, rhs: Fraction) -> Fraction { lhs + -rhs }

    static func * (lhs: Fraction, rhs: Fraction) -> Fraction {
        let a = Int(gcd(lhs.numerator.magnitude, UInt(rhs.denominator)))
        let b = Int(gcd(rhs.numerator.magnitude, UInt(lhs.denominator)))
        return Fraction(checked(lhs.numerator / Swift.max(a, 1), rhs.numerator / Swift.max(b, 1)),
                        checked(lhs.denominator / Swift.max(b, 1), rhs.denominator / Swift.max(a, 1)))
    }

    static func / (lhs: Fraction, rhs: Fraction) -> Fraction {
        lhs * Fraction(rhs.denominator, rhs.numerator)
    }

    private static func checked(_ a: Int, _ b: Int) -> Int {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        precondition(!overflow, "fraction overflow: \(a) × \(b)")
        return product
    }

    /// ⌊value⌋.
    var floor: Int {
        numerator >= 0 ? numerator / denominator : -((-numerator + denominator - 1) / denominator)
    }

    /// ⌈value⌉.
    var ceiling: Int { -(-self).floor }

    /// What PromQL's `round(x * 1000000)` gives for this value, or nil when the value lies within 10⁻⁶ of a half
    /// (where a float could round either way).
    var roundedMillionths: Int? { rounded(scale: 1_000_000) }

    /// What PromQL's `round(x * scale)` gives for this value, or nil when x · scale lies within 10⁻⁶ of a half.
    func rounded(scale: Int) -> Int? {
        // Away from a half, rounding half up and rounding the magnitude give the same integer.
        guard numerator >= 0 else { return (-self).rounded(scale: scale).map { -$0 } }
        let wide = numerator.multipliedFullWidth(by: scale)
        guard wide.high < denominator else { return nil }
        let (quotient, remainder) = denominator.dividingFullWidth(wide)
        // |remainder/denominator − 1/2| must exceed 10⁻⁶: |2·remainder − denominator|·10⁶ > 2·denominator.
        let distance = (2 * remainder - denominator).magnitude
        guard Fraction.compare(Int(distance), 1_000_000, 2, denominator) > 0 else { return nil }
        return 2 * remainder > denominator ? quotient + 1 : quotient
    }

    /// The value in millionths rounded down (`.floor`) or up.
    func millionths(roundingUp: Bool) -> Int {
        let scaled = self * Fraction(1_000_000)
        return roundingUp ? scaled.ceiling : scaled.floor
    }

    var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }
}
