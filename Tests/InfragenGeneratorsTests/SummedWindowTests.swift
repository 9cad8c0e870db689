@testable import InfragenGenerators
import InfragenTestSupport
import Testing

/// The cheaper long windows (SLIObjective+LongWindows): the 1d, 3d and period ratios summed from the 5m rate records,
/// against the exact traffic-weighted ratio of ``RateOracle``.
@Suite struct SummedWindowTests {
    /// The long windows summed from the 5m rate records give the exact traffic-weighted ratio (Prometheus 2.x's
    /// raw-rate ratio, which reads exact increases) when the records tile the window (a 5m grid) or sample each step of traffic
    /// that is constant per step (a coarser grid), under both range semantics: checked on seeded profiles of random
    /// steps, bursts and silences.
    @Test(arguments: [5, 60])
    func summedWindowsEqualRawRatiosOnStepAlignedTraffic(grid: Int) {
        var random = SeededRandom(seed: 0x51D0_5EED + UInt64(grid))
        for _ in 0..<40 {
            var profile = TrafficProfile()
            for _ in 0..<(2 + Int(random.next() % 8)) {
                let requests = [0, 10, 1000, 100_000][Int(random.next() % 4)]
                let errors = requests == 0 ? 0 : Int(random.next() % UInt64(requests + 1))
                profile.add(grid * (1 + Int(random.next() % 300)), total: requests, bad: errors)
            }
            let oracle = RateOracle(profile, grid: grid)
            for t in stride(from: grid, through: profile.length, by: grid * 7) {
                for window in [1440, 4320] {
                    for model in RateOracle.Model.allCases {
                        #expect(oracle.summedParts(at: t, window: window, model).map { Fraction($0.bad, $0.total) }
                                    == oracle.rawRatio(at: t, window: window, .v2),
                                "\(model) \(window)m at \(t) of \(profile.segments)")
                    }
                }
            }
        }
    }

    /// At a grid finer than the records' range they overlap and the window's edges are blurred: a change of traffic
    /// within 5m of the window's end weighs less than in the raw-rate ratio (the oracle models it; the generated tests
    /// assert equality only where the records tile the window).
    @Test func summedWindowsBlurTheirEdgesOnAFinerGrid() {
        let profile = TrafficProfile().adding(60, total: 1000, bad: 0).adding(60, total: 100, bad: 10)
        let oracle = RateOracle(profile, grid: 1)
        #expect(oracle.rawRatio(at: 120, window: 1440, .v2) == Fraction(1, 110))
        #expect(oracle.ratio(at: 120, window: 1440, .v2) != Fraction(1, 110))
    }
}
