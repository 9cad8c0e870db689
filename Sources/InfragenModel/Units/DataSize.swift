/// An amount of memory or storage, in bytes. Binary units are what Kubernetes and Docker mean by `Mi` and `m`.
///
/// ```swift
/// Limits(cpu: .millicores(500), memory: .mebibytes(100))   // docker run --memory=100m
/// ```
public struct DataSize: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let bytes: Int64

    private init(bytes: Int64) { self.bytes = bytes }

    // An absurd amount (`.pebibytes(100_000)` does not fit in 64 bits) saturates instead of trapping, so validation
    // can say where it was written.
    public static func bytes(_ value: Int64) -> DataSize { DataSize(bytes: value) }
    public static func kibibytes(_ value: Int64) -> DataSize { DataSize(bytes: Saturating.product(value, 1 << 10)) }
    public static func mebibytes(_ value: Int64) -> DataSize { DataSize(bytes: Saturating.product(value, 1 << 20)) }
    public static func gibibytes(_ value: Int64) -> DataSize { DataSize(bytes: Saturating.product(value, 1 << 30)) }
    public static func tebibytes(_ value: Int64) -> DataSize { DataSize(bytes: Saturating.product(value, 1 << 40)) }
    public static func pebibytes(_ value: Int64) -> DataSize { DataSize(bytes: Saturating.product(value, 1 << 50)) }

    public static func < (lhs: DataSize, rhs: DataSize) -> Bool { lhs.bytes < rhs.bytes }

    /// The Kubernetes quantity in the largest binary unit that divides it exactly: `128Mi`, `1Gi`, `1500`.
    public var quantity: String {
        let units: [(String, Int64)] = [("Pi", 1 << 50), ("Ti", 1 << 40), ("Gi", 1 << 30), ("Mi", 1 << 20), ("Ki", 1 << 10)]
        for (suffix, size) in units where bytes != 0 && bytes % size == 0 {
            return "\(bytes / size)\(suffix)"
        }
        return String(bytes)
    }

    /// Nginx size syntax (`k`, `m`, `g` are binary there): `10m`, `512k`, or bytes.
    public var nginxSize: String {
        let units: [(String, Int64)] = [("g", 1 << 30), ("m", 1 << 20), ("k", 1 << 10)]
        for (suffix, size) in units where bytes != 0 && bytes % size == 0 {
            return "\(bytes / size)\(suffix)"
        }
        return String(bytes)
    }

    public var description: String { quantity }
}
