/// Request traffic for a generated test, minute by minute: segments of constant traffic and constant errors.
///
/// Counters start at 0 at t=0; the test feeds one sample every `interval` minutes.
struct TrafficProfile {
    struct Segment: Hashable {
        var minutes: Int
        /// Requests per minute.
        var total: Int
        /// Bad requests per minute.
        var bad: Int
    }

    private(set) var segments: [Segment] = []

    init(_ segments: [Segment] = []) {
        for segment in segments { add(segment.minutes, total: segment.total, bad: segment.bad) }
    }

    @discardableResult
    mutating func add(_ minutes: Int, total: Int, bad: Int) -> TrafficProfile {
        precondition(minutes >= 0 && bad >= 0 && bad <= total, "invalid traffic segment")
        if minutes > 0 { segments.append(Segment(minutes: minutes, total: total, bad: bad)) }
        return self
    }

    func adding(_ minutes: Int, total: Int, bad: Int) -> TrafficProfile {
        var copy = self
        copy.add(minutes, total: total, bad: bad)
        return copy
    }

    var length: Int { segments.reduce(0) { $0 + $1.minutes } }

    /// The cumulative bad and total requests at a minute, in O(log segments): a counter is linear within a segment,
    /// so no minute-by-minute table is built (a 30-day window at a 1-minute grid would be 43,200 entries per profile).
    struct Counters {
        /// Per segment: its first minute and the counters there.
        private let starts: [Int], bad: [Int], total: [Int]
        private let segments: [Segment]
        let length: Int

        init(_ segments: [Segment]) {
            var starts: [Int] = [], bad: [Int] = [], total: [Int] = []
            var t = 0, b = 0, n = 0
            for segment in segments {
                starts.append(t)
                bad.append(b)
                total.append(n)
                t += segment.minutes
                b += segment.bad * segment.minutes
                n += segment.total * segment.minutes
            }
            (self.starts, self.bad, self.total, self.segments, self.length) = (starts, bad, total, segments, t)
        }

        /// Bad and total requests counted in (0, t].
        func at(_ t: Int) -> (bad: Int, total: Int) {
            precondition(t >= 0 && t <= length, "minute \(t) outside the profile (\(length))")
            // The last segment starting before t (t lies in (start, start + minutes]).
            var low = 0, high = starts.count - 1, found = -1
            while low <= high {
                let middle = (low + high) / 2
                if starts[middle] < t { found = middle; low = middle + 1 } else { high = middle - 1 }
            }
            guard found >= 0 else { return (0, 0) }
            let into = t - starts[found], segment = segments[found]
            return (bad[found] + segment.bad * into, total[found] + segment.total * into)
        }
    }

    func counters() -> Counters { Counters(segments) }
}

struct RateOracle {
    enum Model: CaseIterable { case v2, v3 }

    private let counters: TrafficProfile.Counters
    /// Minutes between samples.
    let interval: Int
    /// Minutes between rule evaluations (promtool evaluates every group at every step of the file's grid, whatever
    /// the group's own `interval`): the times of the 5m rate records the long windows sum.
    let grid: Int
    /// Per model, the running sums of the rate records at the grid's times, in one scale per model: entry k holds
    /// the records at times 0, grid, …, k · grid.
    private let recordSums: [Model: (bad: [Int], total: [Int])]

    init(_ profile: TrafficProfile, interval: Int = 1, grid: Int) {
        counters = profile.counters()
        self.interval = interval
        self.grid = grid
        var sums: [Model: (bad: [Int], total: [Int])] = [:]
        if interval == 1 {
            for model in Model.allCases {
                var bad = [0], total = [0]
                for t in stride(from: grid, through: counters.length, by: grid) {
                    let record = Self.rateRecord(counters, at: t, model)
                    bad.append(bad.last! + record.bad)
                    total.append(total.last! + record.total)
                }
                sums[model] = (bad, total)
            }
        }
        recordSums = sums
    }

    var length: Int { counters.length }

    /// The error ratio over `window` minutes at minute `t` as the rules compute it (summed from the rate records for
    /// the long windows, over raw samples for the others); nil when there is no ratio (no traffic: 0/0, or too few
    /// samples in the window).
    func ratio(at t: Int, window: Int, _ model: Model) -> Fraction? {
        parts(at: t, window: window, model).map { Fraction($0.bad, $0.total) }
    }

    /// The ratio over raw samples, `rate(bad[w]) / rate(total[w])`, whatever the window.
    func rawRatio(at t: Int, window: Int, _ model: Model) -> Fraction? {
        rawParts(at: t, window: window, model).map { Fraction($0.bad, $0.total) }
    }

    /// The ratio as bad / total, unreduced (for fast comparisons); nil when there is no ratio.
    func parts(at t: Int, window: Int, _ model: Model) -> (bad: Int, total: Int)? {
        SLIObjective.isSummed(window)
            ? summedParts(at: t, window: window, model) : rawParts(at: t, window: window, model)
    }

    /// `slo:sli_error:rate5m` and `slo:sli_total:rate5m` at minute t (t > 0, 1m samples), as requests per 5m (v2) or
    /// four times that (v3), unreduced. Prometheus 2.x reads [t-5m, t]: the exact increase. Prometheus 3.x reads
    /// (t-5m, t]: the increase over 4m, extrapolated to the range start but not below the counter's zero point:
    /// min(increase · 5/4, last). Before 5m both read from the first sample (t=0, value 0): the counter itself.
    static func rateRecord(_ counters: TrafficProfile.Counters, at t: Int, _ model: Model) -> (bad: Int, total: Int) {
        let range = SLIObjective.rateRecordMinutes
        let last = counters.at(t)
        if t < range { return model == .v2 ? last : (4 * last.bad, 4 * last.total) }
        if model == .v2 {
            let first = counters.at(t - range)
            return (last.bad - first.bad, last.total - first.total)
        }
        let first = counters.at(t - range + 1)
        func extrapolated(_ first: Int, _ last: Int) -> Int { Swift.min((last - first) * range, last * (range - 1)) }
        return (extrapolated(first.bad, last.bad), extrapolated(first.total, last.total))
    }

    /// `sum_over_time(bad[w - 1s]) / sum_over_time(total[w - 1s])` over the rate records at the grid's times: the
    /// records in (t-w, t] under both range semantics (see ``SLIObjective/summedRange(minutes:)``).
    func summedParts(at t: Int, window: Int, _ model: Model) -> (bad: Int, total: Int)? {
        precondition(interval == 1, "the rate records are simulated for 1m samples only")
        precondition(t % grid == 0 && window % grid == 0, "times off the evaluation grid")
        guard let sums = recordSums[model] else { return nil }
        let last = t / grid
        // The first record in the range, the one after t-w; none before t=grid (t=0 has no rate).
        let first = Swift.max((t - window) / grid + 1, 1)
        if first > last { return nil }
        let total = sums.total[last] - sums.total[first - 1]
        return total == 0 ? nil : (sums.bad[last] - sums.bad[first - 1], total)
    }

    /// The ratio over raw samples as bad / total, unreduced; nil when there is no ratio.
    func rawParts(at t: Int, window: Int, _ model: Model) -> (bad: Int, total: Int)? {
        precondition(t <= length, "evaluation at \(t) beyond the input series (\(length))")
        precondition(t % interval == 0 && window % interval == 0, "times off the sample grid")
        if t < interval { return nil }
        let start = t - window
        let last = counters.at(t)
        if start < 0 || model == .v2 {
            let first = counters.at(Swift.max(start, 0))
            let requests = last.total - first.total
            return requests == 0 ? nil : (last.bad - first.bad, requests)
        }
        if window < 2 * interval { return nil }
        let first = counters.at(start + interval)
        let intervals = (t - start - interval) / interval
        let requests = extrapolated(first: first.total, last: last.total, intervals: intervals)
        return requests == 0 ? nil : (extrapolated(first: first.bad, last: last.bad, intervals: intervals), requests)
    }

    /// The increase over (from, to] as Prometheus 3.x computes it, times the number of sample intervals covered (so
    /// that the bad and the total counter share one denominator): min(increase · (n + 1), last · n) for n intervals
    /// between the first and the last sample in the range (the extrapolation to the range start stops at the
    /// counter's zero point).
    private func extrapolated(first: Int, last: Int, intervals: Int) -> Int {
        let increase = last - first
        if increase == 0 { return 0 }
        return Swift.min(increase * (intervals + 1), last * intervals)
    }
}

/// The state of one alert severity at one evaluation, as both range semantics agree on it.
enum AlertState: Hashable {
    case inactive, pending, firing
    /// Prometheus 2.x and 3.x disagree on whether it fires: no assertion may be made here.
    case ambiguous
}

/// The alert states of one objective on an evaluation grid, simulated exactly.
struct AlertSimulation {
    /// Evaluation times in minutes, from 0 in steps of the grid.
    let times: [Int]
    let states: [BurnRatePolicy.Severity: [AlertState]]
    /// Whether some ratio equalled a threshold exactly at some evaluation (where floats may go either way).
    let hasTies: Bool

    /// Simulates every evaluation of `[0, horizon]` on a grid of `step` minutes, under both range semantics; with
    /// `until`, stops after the first evaluation for which it returns true (given the time and the severities surely
    /// firing then, nil when the semantics disagree).
    init(
        _ profile: TrafficProfile, objective: SLIObjective, step: Int, horizon: Int, interval: Int = 1,
        until: ((Int, [BurnRatePolicy.Severity]?) -> Bool)? = nil
    ) {
        let oracle = RateOracle(profile, interval: interval, grid: step)
        let severities = BurnRatePolicy.Severity.allCases
        let conditions = severities.map { severity in
            severity.conditions.map { ($0.longMinutes, $0.shortMinutes, objective.threshold($0)) }
        }
        let models = RateOracle.Model.allCases
        // activeSince[severity][model]
        var activeSince = [[Int?]](repeating: [Int?](repeating: nil, count: models.count), count: severities.count)
        var states = [[AlertState]](repeating: [], count: severities.count)
        var times: [Int] = []
        var ties = false
        for t in stride(from: 0, through: horizon, by: step) {
            times.append(t)
            var firing: [BurnRatePolicy.Severity]? = []
            for (index, severity) in severities.enumerated() {
                var perModel: [AlertState] = []
                for (modelIndex, model) in models.enumerated() {
                    var condition = false
                    for (long, short, threshold) in conditions[index] {
                        var holds = true
                        for window in [long, short] {
                            guard let ratio = oracle.parts(at: t, window: window, model) else {
                                holds = false
                                continue
                            }
                            // The sign of ratio − threshold, in 128 bits.
                            let sign = Fraction.compare(
                                ratio.bad, threshold.denominator, threshold.numerator, ratio.total)
                            if sign == 0 { ties = true }
                            if sign <= 0 { holds = false }
                        }
                        condition = condition || holds
                    }
                    if condition {
                        let since = activeSince[index][modelIndex] ?? t
                        activeSince[index][modelIndex] = since
                        perModel.append(t - since >= severity.forMinutes ? .firing : .pending)
                    } else {
                        activeSince[index][modelIndex] = nil
                        perModel.append(.inactive)
                    }
                }
                let state = (perModel[0] == .firing) == (perModel[1] == .firing) ? perModel[0] : .ambiguous
                states[index].append(state)
                if state == .ambiguous { firing = nil } else if state == .firing { firing?.append(severity) }
            }
            if let until, until(t, firing) { break }
        }
        self.times = times
        self.states = Dictionary(uniqueKeysWithValues: zip(severities, states))
        self.hasTies = ties
    }

    func state(_ severity: BurnRatePolicy.Severity, at index: Int) -> AlertState { states[severity]![index] }

    /// The severities firing at an evaluation, or nil when the two range semantics disagree there.
    func firing(atIndex index: Int) -> [BurnRatePolicy.Severity]? {
        var result: [BurnRatePolicy.Severity] = []
        for severity in BurnRatePolicy.Severity.allCases {
            switch state(severity, at: index) {
            case .ambiguous: return nil
            case .firing: result.append(severity)
            case .inactive, .pending: break
            }
        }
        return result
    }

    func firing(at time: Int) -> [BurnRatePolicy.Severity]? {
        times.firstIndex(of: time).flatMap { firing(atIndex: $0) }
    }

    /// The first evaluation at or after `after` where `severity` surely fires.
    func firstFiring(_ severity: BurnRatePolicy.Severity, after: Int = 0) -> Int? {
        times.indices.first { times[$0] >= after && firing(atIndex: $0)?.contains(severity) == true }.map { times[$0] }
    }

    /// The last evaluation before `time` where `severity` surely does not fire.
    func lastClear(_ severity: BurnRatePolicy.Severity, before time: Int) -> Int? {
        times.indices.last { times[$0] < time && firing(atIndex: $0).map { !$0.contains(severity) } == true }
            .map { times[$0] }
    }

    /// The first evaluation after `time` where `severity` surely does not fire.
    func firstClear(_ severity: BurnRatePolicy.Severity, after time: Int) -> Int? {
        times.indices.first { times[$0] > time && firing(atIndex: $0).map { !$0.contains(severity) } == true }
            .map { times[$0] }
    }

    /// The last evaluation before `time` where `severity` surely fires.
    func lastFiring(_ severity: BurnRatePolicy.Severity, before time: Int) -> Int? {
        times.indices.last { times[$0] < time && firing(atIndex: $0)?.contains(severity) == true }.map { times[$0] }
    }
}
