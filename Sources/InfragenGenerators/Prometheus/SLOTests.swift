import InfragenModel
import InfragenYAML

/// The promtool unit tests infragen writes for every SLO, next to the rules: input series at chosen error rates, the
/// alerts expected at the expected times, and silence just below each threshold.
///
/// Every expectation comes from an exact simulation (``RateOracle``, ``AlertSimulation``) of what Prometheus computes,
/// made only where Prometheus 2.x and 3.x agree, and derived from the thresholds (factor × budget), so the recipe
/// works for any objective and window. promtool sets the evaluation grid per file, hence three files:
///
///     <slo>.test.yaml         1m grid: thresholds, `for`, both page conditions with their resolve times, zero
///                             traffic, a missing 5xx series, traffic weighting, metadata values, decoy series
///     <slo>.long.test.yaml    5m grid: every SLI window length, the summed long windows equal to the raw-rate
///                             ratios, each ticket condition on its own
///     <slo>.period.test.yaml  1h grid (up to 1d for the longest windows): the SLO window itself
///
/// The rules of two SLOs of one environment with the same ``Shape`` (objectives and window) come from one template
/// with the same thresholds, windows and `for` durations; they differ only in names, selectors and labels. The first
/// SLO of a shape gets all three files; every other one gets its own `<slo>.test.yaml` with the tests that read its
/// names, selectors and labels (the thresholds, silent below, firing above, metadata values, decoys), and points at
/// the first one's files for the rest. A system of many alike SLOs so gets a proof per SLO without repeating the
/// same simulation, and reviewers a few kilobytes per SLO instead of tens.
enum SLOTests {
    /// Requests per minute, at least: bad requests per minute are then the error ratio in millionths.
    static let traffic = 1_000_000
    static let day = 1440
    /// The evaluation grid of the long-window tests: the rate records' range, so that the records tile every window.
    static let longGrid = SLIObjective.rateRecordMinutes

    /// The evaluation grid of the SLO-window test: the finest of 1h … 1d that keeps its evaluations (the window and a
    /// day) at most 800 (promtool evaluates every rule at each, and the window's sums read every record taken at
    /// them): 1h up to 32 days, 1d for 365. The rate records then cover 5m of each step; the test's traffic is
    /// constant per step, so they still give the window's exact ratio.
    static func periodGrid(days: Int) -> Int {
        [60, 120, 180, 240, 360, 720, 1440].first { (days + 1) * day / $0 <= 800 } ?? day
    }

    struct File {
        var name: String
        var comment: String
        var document: YAMLNode
    }

    /// A simulation of bursts after a prefix, in the render's cache: keyed by what it depends on (the objective's
    /// budget and window and the traffic, never a name), so SLOs and environments that share it differ only in
    /// labels.
    struct EpisodeKey: CacheKey {
        typealias Value = (TrafficProfile, AlertSimulation, [Builder.Mark])
        var budget: Int, days: Int, step: Int
        var prefix: [TrafficProfile.Segment]
        var bursts: [Builder.Burst]
    }

    /// A steady error ratio's simulation, in the render's cache: the SLOs of one shape simulate the same ones.
    struct SteadyKey: CacheKey {
        typealias Value = AlertSimulation
        var budget: Int, days: Int, horizon: Int, total: Int, bad: Int
    }

    /// The name of the first SLO of each ``Shape`` in one environment, in the render's cache: the SLO that gets
    /// every test file of its shape.
    struct FirstOfShape: CacheKey {
        typealias Value = [Shape: String]
        var system: String
        var environment: String

        static func find(in environment: ResolvedEnvironment) -> [Shape: String] {
            var first: [Shape: String] = [:]
            for service in environment.sloServices {
                for slo in service.slos where first[Shape(slo)] == nil && slo.rawSLI == nil {
                    first[Shape(slo)] = slo.name
                }
            }
            return first
        }
    }

    /// What an SLO's rules compute beyond its names, selectors and labels: its window and, per objective, the kind
    /// and the target (the thresholds, windows, `for` durations and test traffic follow from them).
    struct Shape: Hashable {
        struct Objective: Hashable {
            var kind: SLIObjective.Kind
            var millionths: Int
        }

        var days: Int
        var objectives: [Objective]
        /// Which alerts the rules hold.
        var pages: Bool, tickets: Bool
        /// The no-data alert's `for` (`NoDataAfter`).
        var noDataMinutes: Int
        /// The alerts' minimum-traffic guard (`MinimumTraffic`).
        var minimumTraffic: RequestRate?

        /// As ``SLIObjective/all(of:in:)`` makes the objectives: availability, then latency.
        init(_ slo: ResolvedSLO) {
            days = slo.window.days
            (pages, tickets) = (slo.pages, slo.tickets)
            noDataMinutes = slo.noDataMinutes
            minimumTraffic = slo.minimumTraffic
            objectives = []
            if let availability = slo.availability {
                objectives.append(Objective(kind: .availability, millionths: availability.value.millionths))
            }
            if let latency = slo.latency {
                objectives.append(Objective(kind: .latency, millionths: latency.value.target.millionths))
            }
        }
    }

    /// The test files of one SLO: all three, or, with `provenBy` (the name of the first SLO of the environment with
    /// the same ``Shape``), only the 1m-grid tests that read this SLO's own names, selectors and labels.
    static func files(
        _ unit: SLOUnit, ruleFile: String, cache: GenerationCache, provenBy shared: String? = nil
    ) throws -> [File] {
        // With no request counter (go-http-metrics) both SLIs read the histogram's `_count`: the input series of one
        // objective would count as requests of the other, so each objective gets groups of its own.
        let builders = unit.objectives.count > 1 && unit.service.metrics.requestCounter == nil
            ? unit.objectives.map { Builder(unit: SLOUnit(slo: unit.slo, service: unit.service, objectives: [$0]),
                                            cache: cache, alone: true) }
            : [Builder(unit: unit, cache: cache)]
        func groups(_ make: (Builder) throws -> [PromtoolTestGroup]) throws -> [PromtoolTestGroup] {
            try builders.flatMap(make)
        }
        let input = """
            # Input: counters start at 0 at t=0, one sample per test 'interval'; traffic 1000000 requests per minute
            # (a higher power of ten when an objective's lowest threshold needs it), so bad requests per minute are the
            # error ratio in millionths. Expected values come from an exact simulation of rate() under Prometheus 2.x
            # and 3.x range semantics, asserted only where both agree.

            """
        // promtool evaluates every group at every step of the grid, whatever its own `interval`, in this order: the
        // rate records, the long windows summed from them, then the short windows and the alerts reading both.
        func document(_ grid: Int, _ groups: [PromtoolTestGroup]) -> YAMLNode {
            .mapping([
                ("rule_files", .sequence([.string(ruleFile)])),
                ("evaluation_interval", .string(PromQL.duration(minutes: grid))),
                ("group_eval_order", .sequence(SLORules.Group.of(unit).map { .string($0.name(unit.slo.name)) })),
                ("tests", .sequence(groups.map(\.node))),
            ])
        }
        let name = unit.slo.name
        if let other = shared {
            let objectives = unit.objectives.map { "\($0.kind.rawValue) \($0.objective.percentText) %" }
                .joined(separator: ", ")
            let comment = """
                # Unit tests of SLO \(name) (1m grid): its selectors, labels, annotations and metadata values, and its
                # thresholds: silent 1% below the lowest ticket threshold, a ticket but no page 1% below the lowest page
                # threshold, page then ticket 1% above; its no-data tickets.
                # Its rules come from the same template as the rules of SLO \(other), with the same objectives
                # and window (\(objectives), \(unit.slo.window)); they differ only in what this file reads. The tests
                # that depend only on the objectives and the window (both page conditions and their resolve times, zero
                # traffic, weighting, every window length, each ticket condition, the SLO window) run once, on the rules
                # of SLO \(other): \(other).test.yaml, \(other).long.test.yaml, \(other).period.test.yaml.

                """
            return [File(name: "\(name).test.yaml",
                         comment: comment + input + "# Run: promtool test rules \(name).test.yaml\n",
                         document: document(1, try groups { try $0.boundaryGroups() }))]
        }
        let runs = "# Run: promtool test rules \(name).test.yaml \(name).long.test.yaml \(name).period.test.yaml\n"
        return [
            File(name: "\(name).test.yaml",
                 comment: "# Unit tests of SLO \(name) (1m grid): thresholds, 'for', both page conditions, "
                    + "zero traffic, weighting, metadata, no data.\n" + input + runs,
                 document: document(1, try groups { try $0.boundaryGroups() + $0.minuteGroups() })),
            File(name: "\(name).long.test.yaml",
                 comment: "# Unit tests of SLO \(name) (5m grid): every SLI window length, the long "
                    + "windows summed from the 5m rate records equal to the raw-rate ratios, each ticket condition "
                    + "on its own.\n" + input + runs,
                 document: document(SLOTests.longGrid, try groups { try $0.hourGroups() })),
            File(name: "\(name).period.test.yaml",
                 comment: "# Unit tests of SLO \(name) "
                    + "(\(PromQL.duration(minutes: SLOTests.periodGrid(days: unit.slo.window.days))) grid): "
                    + "the \(unit.slo.window) SLO window itself.\n"
                    + input + runs,
                 document: document(SLOTests.periodGrid(days: unit.slo.window.days),
                                    try groups { try $0.periodGroups() })),
        ]
    }

    /// Builds the test groups of one SLO.
    struct Builder {
        let unit: SLOUnit
        let cache: GenerationCache
        /// Whether the builder tests one objective of an SLO that has two (their inputs would mix).
        var alone = false
        let below = Fraction(99, 100), above = Fraction(101, 100)

        var objectives: [SLIObjective] { unit.objectives }
        /// How group names begin: `order-creation`, or `order-creation latency` for one objective alone.
        var title: String { alone ? "\(unit.slo.name) \(objectives[0].kind.rawValue)" : unit.slo.name }
        var period: Int { unit.slo.window.days * SLOTests.day }
        /// Requests per minute for an objective: 10⁶, or a higher power of ten until the lowest threshold is at least
        /// 1000 requests per minute, so that "1 % below a threshold" is a whole number of requests, and the traffic
        /// at least 100 times the minimum-traffic guard (which the tests other than the guard's own then never meet).
        func traffic(_ objective: SLIObjective) -> Int {
            let lowest = BurnRatePolicy.Severity.allCases.flatMap(\.conditions)
                .map { $0.thresholdE10(window: objective.window, budget: objective.budget) }.min()!
            var traffic = SLOTests.traffic
            // lowest / 10¹⁰ × traffic ≥ 1000
            while Fraction.compare(lowest, traffic, 10_000_000_000_000, 1) < 0, traffic < 1_000_000_000 {
                traffic *= 10
            }
            let guardPerHour = unit.slo.minimumTraffic?.perHour ?? 0
            while traffic * 60 < 100 * guardPerHour, traffic < 1_000_000_000 { traffic *= 10 }
            return traffic
        }

        /// A share of an objective's traffic in requests per minute, rounded down or up.
        func requests(_ share: Fraction, _ objective: SLIObjective, roundingUp: Bool) -> Int {
            let value = share * Fraction(traffic(objective))
            return min(traffic(objective), roundingUp ? value.ceiling : value.floor)
        }

        func threshold(_ objective: SLIObjective, _ severity: BurnRatePolicy.Severity, _ index: Int) -> Fraction {
            objective.threshold(severity.conditions[index])
        }

        func budget(_ objective: SLIObjective) -> Fraction { Fraction(objective.budget.millionths, 1_000_000) }

        func require(_ condition: Bool, _ message: @autoclosure () -> String) throws {
            if !condition { throw TestBuilderFailure(message: "\(unit.slo.name): \(message())") }
        }

        // MARK: Input series

        /// `'0 a+bxn …'`: a counter from 0 at t=0, one sample every `interval` minutes, for segments of
        /// (minutes, increase per minute).
        static func notation(_ segments: [(minutes: Int, increase: Int)], interval: Int = 1) -> String {
            var parts = ["0"], current = 0
            for segment in segments {
                let step = segment.increase * interval
                parts.append("\(current + step)+\(step)x\(segment.minutes / interval - 1)")
                current += segment.increase * segment.minutes
            }
            return parts.joined(separator: " ")
        }

        func series(
            _ objective: SLIObjective, _ profile: TrafficProfile, forceBadSeries: Bool = false, interval: Int = 1
        ) -> [(String, String)] {
            let segments = profile.segments
            let good = Self.notation(segments.map { ($0.minutes, $0.total - $0.bad) }, interval: interval)
            let metrics = objective.metrics
            let matchers = objective.sampleMatchers
            switch objective.kind {
            case .availability:
                let codes = StatusCodePattern(objective.slo.errorCodes)
                let goodCode = String(codes?.testSuccessCode ?? 200), badCode = String(codes?.testErrorCode ?? 500)
                var result = [(PromQL.selector(metrics.totalSeries,
                                               matchers + [.init(name: metrics.codeLabel, value: goodCode)]), good)]
                if forceBadSeries || segments.contains(where: { $0.bad > 0 }) {
                    result.append((PromQL.selector(metrics.totalSeries,
                                                   matchers + [.init(name: metrics.codeLabel, value: badCode)]),
                                   Self.notation(segments.map { ($0.minutes, $0.bad) }, interval: interval)))
                }
                return result
            case .latency:
                return [
                    (PromQL.selector(metrics.durationHistogram + "_count", matchers),
                     Self.notation(segments.map { ($0.minutes, $0.total) }, interval: interval)),
                    (PromQL.selector(metrics.durationHistogram + "_bucket",
                                     matchers + [.init(name: "le", value: objective.bucketLabel)]), good),
                ]
            }
        }

        /// Series that differ from the SLI's selector in one label each and are all bad requests, plus (latency) a
        /// neighbouring bucket holding every request: a selector that is too wide changes the expected ratios.
        func decoys(_ objective: SLIObjective, minutes: Int) -> [(String, String)] {
            let metrics = objective.metrics
            let all = Self.notation([(minutes, traffic(objective))]), none = Self.notation([(minutes, 0)])
            var result: [(String, String)] = []
            for (index, decoy) in objective.decoyMatchers {
                var matchers = objective.sampleMatchers
                matchers[index] = decoy
                switch objective.kind {
                case .availability:
                    let badCode = String(StatusCodePattern(objective.slo.errorCodes)?.testErrorCode ?? 500)
                    result.append((PromQL.selector(metrics.totalSeries,
                                                   matchers + [.init(name: metrics.codeLabel, value: badCode)]), all))
                case .latency:
                    result.append((PromQL.selector(metrics.durationHistogram + "_count", matchers), all))
                    result.append((PromQL.selector(metrics.durationHistogram + "_bucket",
                                                   matchers + [.init(name: "le", value: objective.bucketLabel)]), none))
                }
            }
            if objective.kind == .latency {
                let neighbour = metrics.buckets.first { $0 > (objective.threshold ?? .zero) }?.secondsText ?? "+Inf"
                result.append((PromQL.selector(metrics.durationHistogram + "_bucket",
                                               objective.sampleMatchers + [.init(name: "le", value: neighbour)]), all))
            }
            return result
        }

        // MARK: Episodes

        struct Burst: Hashable {
            var rate: Int
            var severity: BurnRatePolicy.Severity
            /// Minutes the errors go on after the alert fires.
            var linger: Int
        }

        struct Mark {
            var start: Int, firing: Int, stop: Int, clear: Int, rate: Int
        }

        /// After `prefix`, each burst starts when the previous alert has cleared (plus one step), runs until its
        /// severity fires plus `linger` minutes, then errors stop. Rates move by one millionth until no ratio equals a
        /// threshold exactly at any evaluation.
        func episodes(
            _ objective: SLIObjective, step: Int, prefix: [TrafficProfile.Segment], bursts: [Burst]
        ) throws -> (TrafficProfile, AlertSimulation, [Mark]) {
            let key = EpisodeKey(
                budget: objective.budget.millionths, days: objective.window.days, step: step, prefix: prefix,
                bursts: bursts)
            return try cache.value(for: key) {
                try simulateEpisodes(objective, step: step, prefix: prefix, bursts: bursts)
            }
        }

        private func simulateEpisodes(
            _ objective: SLIObjective, step: Int, prefix: [TrafficProfile.Segment], bursts: [Burst]
        ) throws -> (TrafficProfile, AlertSimulation, [Mark]) {
            for nudge in 0..<100 {
                var segments = prefix, marks: [Mark] = []
                var t = prefix.reduce(0) { $0 + $1.minutes }
                for burst in bursts {
                    let rate = min(traffic(objective), burst.rate + nudge)
                    let burning = TrafficProfile(segments)
                        .adding(4 * SLOTests.day, total: traffic(objective), bad: rate)
                    let firingAt = AlertSimulation(
                        burning, objective: objective, step: step, horizon: t + 4 * SLOTests.day,
                        until: { time, firing in time >= t && firing?.contains(burst.severity) == true }
                    ).firstFiring(burst.severity, after: t)
                    guard let firingAt else {
                        throw TestBuilderFailure(message: "\(burst.severity.rawValue) never fires at \(rate) ppm")
                    }
                    let stop = firingAt + burst.linger
                    segments.append(.init(minutes: stop - t, total: traffic(objective), bad: rate))
                    let cooling = TrafficProfile(segments).adding(2 * SLOTests.day, total: traffic(objective), bad: 0)
                    let clearAt = AlertSimulation(
                        cooling, objective: objective, step: step, horizon: stop + 2 * SLOTests.day,
                        until: { time, firing in time > stop && firing.map { !$0.contains(burst.severity) } == true }
                    ).firstClear(burst.severity, after: stop)
                    guard let clearAt else {
                        throw TestBuilderFailure(message: "\(burst.severity.rawValue) never clears after \(rate) ppm")
                    }
                    segments.append(.init(minutes: clearAt + step - stop, total: traffic(objective), bad: 0))
                    marks.append(Mark(start: t, firing: firingAt, stop: stop, clear: clearAt, rate: rate))
                    t = clearAt + step
                }
                let profile = TrafficProfile(segments)
                let simulation = AlertSimulation(profile, objective: objective, step: step, horizon: t)
                if !simulation.hasTies { return (profile, simulation, marks) }
            }
            throw TestBuilderFailure(message: "no error rate without exact ties for \(objective.alertName)")
        }

        /// Per burst: the last evaluation before it fires, the first firing, the last firing after the errors
        /// stopped and the first evaluation cleared.
        func expectEpisodes(
            _ group: inout PromtoolTestGroup, _ objective: SLIObjective, _ simulation: AlertSimulation,
            _ marks: [Mark], _ severity: BurnRatePolicy.Severity
        ) throws {
            for mark in marks {
                try group.expectAlerts(objective, simulation, at: simulation.lastClear(severity, before: mark.firing))
                try group.expectAlerts(objective, simulation, at: mark.firing)
                try group.expectAlerts(objective, simulation, at: simulation.lastFiring(severity, before: mark.clear))
                try group.expectAlerts(objective, simulation, at: mark.clear)
            }
        }

        /// Whether one condition of a severity ever holds (under either range semantics) on the grid.
        func conditionEverHolds(
            _ profile: TrafficProfile, _ objective: SLIObjective, _ severity: BurnRatePolicy.Severity, _ index: Int,
            step: Int
        ) -> Bool {
            let condition = severity.conditions[index]
            let limit = objective.threshold(condition)
            let oracle = RateOracle(profile, grid: step)
            for model in RateOracle.Model.allCases {
                for t in stride(from: 0, through: profile.length, by: step) {
                    if let long = oracle.ratio(at: t, window: condition.longMinutes, model),
                       let short = oracle.ratio(at: t, window: condition.shortMinutes, model),
                       long > limit, short > limit {
                        return true
                    }
                }
            }
            return false
        }
    }
}
