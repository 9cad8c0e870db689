import Foundation

/// A small, seeded random generator (SplitMix64), so that a property-test failure reproduces from its seed.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(seed: UInt64) { self.state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with probability 1/`n`.
    public mutating func oneIn(_ n: Int) -> Bool { Int.random(in: 0..<n, using: &self) == 0 }
}

/// How many cases a property test runs: its count for CI, times `INFRAGEN_PROPERTY_SCALE` (a long run:
/// `INFRAGEN_PROPERTY_SCALE=100 swift test --filter PropertyTests`).
public enum PropertyScale {
    public static var factor: Int {
        ProcessInfo.processInfo.environment["INFRAGEN_PROPERTY_SCALE"].flatMap(Int.init).map { max(1, $0) } ?? 1
    }

    public static func count(_ base: Int) -> Int { base * factor }
}
