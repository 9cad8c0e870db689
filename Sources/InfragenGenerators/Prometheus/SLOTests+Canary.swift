import InfragenModel
import InfragenYAML

/// The 1m-grid tests of the canary comparison records and of the minimum-traffic guard: both read this SLO's own
/// names, labels and settings, so every SLO gets them (see ``SLOTests``).
extension SLOTests.Builder {
    /// Minutes of the guard's tests: long enough for a ticket's `for` (15m) after its conditions hold.
    static let guardHorizon = 40
    /// Minutes of the canary's test: the longest comparison window.
    static var canaryHorizon: Int { CanaryRecords.windows.max() ?? 60 }

    // MARK: Minimum traffic

    /// Every request an error, at a quarter of the guard: no alert; at ten times the guard: the alerts as without
    /// one (the same simulation, from the ratios alone), at their first firing and at the end. (Ten times: in its
    /// first minutes a series' 5m rate record is a fraction of its traffic, a fifth after one minute, and the guard
    /// averages those records; from 5 times the guard on, the alerts fire exactly when they would without it.)
    func minimumTrafficGroups() throws -> [PromtoolTestGroup] {
        guard let rate = unit.slo.minimumTraffic else { return [] }
        let horizon = Self.guardHorizon
        var below = PromtoolTestGroup(
            "\(title): every request an error, at a quarter of the minimum traffic (\(rate)): no burn-rate alert")
        var above = PromtoolTestGroup(
            "\(title): every request an error, at 10 times the minimum traffic (\(rate)): the burn-rate alerts fire as "
                + "without the guard")
        // Requests per minute, as promtool's series notation takes them (a decimal where the guard is per hour).
        let quarter = Double(rate.perHour) / 240, tenTimes = Double(rate.perHour) / 6
        for objective in objectives {
            let simulation = AlertSimulation(
                TrafficProfile().adding(horizon, total: 1, bad: 1), objective: objective, step: 1, horizon: horizon)
            try require(!simulation.hasTies, "an error ratio of 1 equals a threshold")
            below.series += allBad(objective, perMinute: quarter, minutes: horizon)
            above.series += allBad(objective, perMinute: tenTimes, minutes: horizon)
            var times = [horizon]
            for severity in BurnRatePolicy.Severity.allCases where objective.raises(severity) {
                if let first = simulation.firstFiring(severity) { times.append(first) }
            }
            try require(simulation.firing(at: horizon)?.contains(where: objective.raises) == true,
                        "no alert fires at an error ratio of 1 within \(horizon)m")
            for time in Set(times).sorted() {
                try above.expectAlerts(objective, simulation, at: time)
                below.alerts.append(.init(time: time, objective: objective, firing: []))
            }
        }
        return [below, above]
    }

    /// The SLI's input series with every request bad, at a rate that may be a decimal.
    func allBad(_ objective: SLIObjective, perMinute: Double, minutes: Int) -> [(String, String)] {
        let metrics = objective.metrics, all = "0+\(perMinute)x\(minutes)", none = "0+0x\(minutes)"
        switch objective.kind {
        case .availability:
            let badCode = String(StatusCodePattern(objective.slo.errorCodes)?.testErrorCode ?? 500)
            return [(PromQL.selector(metrics.totalSeries,
                                     objective.sampleMatchers + [.init(name: metrics.codeLabel, value: badCode)]), all)]
        case .latency:
            return [
                (PromQL.selector(metrics.durationHistogram + "_count", objective.sampleMatchers), all),
                (PromQL.selector(metrics.durationHistogram + "_bucket",
                                 objective.sampleMatchers + [.init(name: "le", value: objective.bucketLabel)]), none),
            ]
        }
    }

    // MARK: Canary

    /// Stable at full traffic burning half its budget, the canary at a tenth of the traffic burning it twice as fast
    /// as allowed (or failing every request, where twice the budget is more than all): each track's error ratio and
    /// burn rate over every comparison window, the SLI's own ratio over both tracks, and the release gate's query
    /// (``CanaryRecords/failureQuery(canary:stable:tolerance:)``, tolerance 2) answered with the canary; at a tolerance
    /// of 8 (8 × stable's burn is 4, the canary's at most 2), with nothing.
    func canaryGroup() throws -> PromtoolTestGroup {
        let horizon = Self.canaryHorizon
        var group = PromtoolTestGroup(
            "\(title): stable burns half its error budget, the canary (a tenth of the traffic) twice as fast as "
                + "allowed: the canary comparison records per track, the SLI's ratio over both tracks")
        for objective in objectives where objective.comparesCanary {
            let total = traffic(objective), canaryTotal = total / 10, budget = budget(objective)
            let stableBad = (budget / Fraction(2) * Fraction(total)).floor
            let canaryBad = min(canaryTotal, (budget * Fraction(2) * Fraction(canaryTotal)).floor)
            let stableRatio = Fraction(stableBad, total), canaryRatio = Fraction(canaryBad, canaryTotal)
            try require(canaryRatio / budget > .one && canaryRatio > stableRatio * Fraction(2),
                        "the test canary does not burn faster than allowed and than twice stable")
            for (track, requests, bad) in [("stable", total, stableBad), ("canary", canaryTotal, canaryBad)] {
                let profile = TrafficProfile().adding(horizon, total: requests, bad: bad)
                group.series += series(objective, profile).map { (Self.tracked($0.0, track), $0.1) }
            }
            for minutes in CanaryRecords.windows {
                for (track, ratio) in [("stable", stableRatio), ("canary", canaryRatio)] {
                    try group.expectValue(CanaryRecords.errorRatioRecord(minutes: minutes),
                                          objective.trackMatchers(track), ratio, at: horizon)
                    try group.expectValue(CanaryRecords.burnRateRecord(minutes: minutes),
                                          objective.trackMatchers(track), ratio / budget, at: horizon)
                }
                try group.expectValue(objective, SLIObjective.ratioRecord(minutes: minutes),
                                      Fraction(stableBad + canaryBad, total + canaryTotal), at: horizon)
                let burn = { (track: String) in CanaryRecords.burnRateRecord(minutes: minutes) + objective.trackMatchers(track) }
                group.expressions.append(.init(
                    time: horizon,
                    expression: "count(" + CanaryRecords.failureQuery(
                        canary: burn("canary"), stable: burn("stable"), tolerance: "2") + ")",
                    samples: [("{}", .integer(1))]))
                group.expressions.append(.init(
                    time: horizon,
                    expression: CanaryRecords.failureQuery(
                        canary: burn("canary"), stable: burn("stable"), tolerance: "8"),
                    samples: []))
            }
        }
        return group
    }

    /// A series selector with `track="<track>"` added (a selector ends with its closing brace).
    static func tracked(_ selector: String, _ track: String) -> String {
        String(selector.dropLast()) + ",track=\(PromQL.quoted(track))}"
    }
}

extension PromtoolTestGroup {
    /// A recorded value of the series `metric` + `labels`, compared rounded (promtool compares floats bit for bit).
    mutating func expectValue(_ metric: String, _ labels: String, _ exact: Fraction, at time: Int) throws {
        let rounded = Self.scales.lazy.compactMap { scale in exact.rounded(scale: scale).map { (scale, $0) } }.first
        guard let (scale, value) = rounded else {
            throw TestBuilderFailure(message: "\(metric) = \(exact) is too close to a half to assert")
        }
        expressions.append(ExpressionExpectation(
            time: time, expression: "round(\(metric)\(labels) * \(scale))", samples: [(labels, .integer(value))]))
    }
}
