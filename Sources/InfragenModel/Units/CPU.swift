/// An amount of CPU, in millicores (1000 millicores is one core).
///
/// ```swift
/// Requests(cpu: .millicores(250), memory: .mebibytes(128))
/// Limits(cpu: .cores(0.5), memory: .mebibytes(100))
/// ```
public struct CPU: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let millicores: Int

    private init(millicores: Int) { self.millicores = millicores }

    public static func millicores(_ value: Int) -> CPU { CPU(millicores: value) }

    /// Whole or fractional cores, rounded to the nearest millicore: `.cores(0.5)` is 500m. An absurd value (infinite,
    /// not a number, beyond `Int`) saturates instead of trapping, so validation can say where it was written.
    public static func cores(_ value: Double) -> CPU { CPU(millicores: Saturating.int(value * 1000)) }

    public static func < (lhs: CPU, rhs: CPU) -> Bool { lhs.millicores < rhs.millicores }

    /// The Kubernetes quantity: `250m`, or `2` for whole cores.
    public var quantity: String {
        millicores % 1000 == 0 ? String(millicores / 1000) : "\(millicores)m"
    }

    /// Cores as a decimal, as `docker run --cpus` writes them: `0.5`, `2`.
    public var cores: String { Decimal6.text(millicores, decimals: 3) }

    public var description: String { quantity }
}
