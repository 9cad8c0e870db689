import InfragenModel
import InfragenYAML

/// The test groups of one SLO, one function per evaluation grid (see ``SLOTests``).
extension SLOTests.Builder {
    // MARK: 1m grid

    func steady(
        _ name: String, horizon: Int, decoys withDecoys: Bool = false, rate: (SLIObjective) -> Int,
        _ checks: (inout PromtoolTestGroup, SLIObjective, TrafficProfile, AlertSimulation, Int) throws -> Void
    ) throws -> PromtoolTestGroup {
        var group = PromtoolTestGroup(name)
        for objective in objectives {
            let r = rate(objective)
            let profile = TrafficProfile().adding(horizon, total: traffic(objective), bad: r)
            let key = SLOTests.SteadyKey(budget: objective.budget.millionths, days: objective.window.days,
                                         horizon: horizon, total: traffic(objective), bad: r)
            let simulation = cache.value(for: key) {
                AlertSimulation(profile, objective: objective, step: 1, horizon: horizon)
            }
            try require(!simulation.hasTies, "a steady ratio equals a threshold")
            group.series += series(objective, profile)
            if withDecoys { group.series += decoys(objective, minutes: horizon) }
            try checks(&group, objective, profile, simulation, r)
        }
        return group
    }

    /// G1-G3: steady error ratios at the thresholds, with this SLO's selectors, labels, annotations and
    /// metadata values.
    func boundaryGroups() throws -> [PromtoolTestGroup] {
        var groups: [PromtoolTestGroup] = []
        let name = title

        // G1: just below the lowest ticket threshold: silent; metadata; decoys ignored.
        groups.append(try steady(
            "\(name): steady error ratio 1% below the lowest ticket threshold: no alert; metadata values; "
                + "all-bad decoy series in other label values must be ignored",
            horizon: 30, decoys: true, rate: { requests(threshold($0, .ticket, 1) * below, $0, roundingUp: false) }
        ) { group, objective, profile, simulation, rate in
            try group.expectAlerts(objective, simulation, at: 30)
            for window in [5, 3 * SLOTests.day, period] {
                try group.expectRatio(objective, profile, at: 30, window: window)
            }
            group.expectLiteral(objective, "slo:objective:ratio", .decimal(objective.objective.fraction), at: 30)
            group.expectLiteral(objective, "slo:error_budget:ratio", .decimal(objective.budget.fraction), at: 30)
            group.expectLiteral(objective, "slo:time_period:days", .integer(objective.window.days), at: 30)
            let burn = Fraction(rate, traffic(objective)) / budget(objective)
            try group.expectValue(objective, "slo:current_burn_rate:ratio", burn, at: 30)
            try group.expectValue(objective, "slo:period_burn_rate:ratio", burn, at: 30)
            try group.expectValue(objective, "slo:period_error_budget_remaining:ratio", .one - burn, at: 30)
        })

        // G2: just below the lowest page threshold: a ticket, never a page.
        groups.append(try steady(
            "\(name): steady error ratio 1% below the lowest page threshold: ticket after 'for', never page",
            horizon: 30, rate: { requests(threshold($0, .page, 1) * below, $0, roundingUp: false) }
        ) { group, objective, _, simulation, rate in
            try require(
                Fraction(rate, traffic(objective)) > threshold(objective, .ticket, 1) * above, "G2 rate too low")
            let ticket = simulation.firstFiring(.ticket)
            try group.expectAlerts(
                objective, simulation, at: ticket.flatMap { simulation.lastClear(.ticket, before: $0) })
            try group.expectAlerts(objective, simulation, at: ticket)
            try group.expectAlerts(objective, simulation, at: 30)
        })

        // G3: just above the lowest page threshold: page, then ticket.
        groups.append(try steady(
            "\(name): steady error ratio 1% above the lowest page threshold: page, then ticket",
            horizon: 20, rate: { requests(threshold($0, .page, 1) * above, $0, roundingUp: true) }
        ) { group, objective, _, simulation, _ in
            let page = simulation.firstFiring(.page), ticket = simulation.firstFiring(.ticket)
            try group.expectAlerts(
                objective, simulation, at: page.flatMap { simulation.lastClear(.page, before: $0) })
            try group.expectAlerts(objective, simulation, at: page)
            try group.expectAlerts(objective, simulation, at: ticket)
        })

        if unit.slo.tickets { groups += noDataGroups() }
        if unit.slo.minimumTraffic != nil, unit.slo.pages || unit.slo.tickets { groups += try minimumTrafficGroups() }
        if objectives.contains(where: \.comparesCanary) { groups.append(try canaryGroup()) }
        return groups
    }

    /// G-no-data: the denominator's series for 30 minutes, then none: no ticket while it is there (nor while
    /// `absent()` waits out its `for`), the ticket once it has been gone for longer; and no series from the start.
    func noDataGroups() -> [PromtoolTestGroup] {
        let wait = unit.slo.noDataMinutes
        var gone = PromtoolTestGroup(
            "\(title): the denominator for 30m, then no sample: no data ticket only after it has been absent for "
                + PromQL.duration(minutes: wait))
        var never = PromtoolTestGroup("\(title): no denominator series at all: the no-data ticket after "
            + PromQL.duration(minutes: wait))
        never.series.append(("unrelated_requests_total", "0+1x59"))
        for objective in objectives {
            let series = objective.kind == .availability
                ? PromQL.selector(objective.metrics.totalSeries, objective.sampleMatchers
                    + [.init(name: objective.metrics.codeLabel, value: String(
                        StatusCodePattern(objective.slo.errorCodes)?.testSuccessCode ?? 200))])
                : PromQL.selector(objective.metrics.durationHistogram + "_count", objective.sampleMatchers)
            if !gone.series.contains(where: { $0.0 == series }) { gone.series.append((series, "0+1000x29")) }
            // Present until 29m, seen until at most 34m (the 5m lookback); absent then, firing 10m later.
            for (time, firing) in [(25, false), (29 + 5 + wait - 2, false), (29 + 5 + wait + 3, true)] {
                gone.noData.append((time, objective, firing))
            }
            for (time, firing) in [(max(0, wait - 3), false), (wait + 3, true)] {
                never.noData.append((time, objective, firing))
            }
        }
        return [gone, never]
    }

    /// G4-G6: the page conditions one by one with their resolve times, zero traffic, no error series (they depend
    /// only on the objectives and the window).
    func minuteGroups() throws -> [PromtoolTestGroup] {
        var groups: [PromtoolTestGroup] = []
        let name = title

        // G4: after a clean history as long as the longest page window, 10 % above the fastest page threshold:
        // page via the first condition; errors stop 10m after paging; the short window resolves it.
        let clean = BurnRatePolicy.Severity.page.conditions.map(\.longMinutes).max()!
        func history(_ objective: SLIObjective) -> [TrafficProfile.Segment] {
            [TrafficProfile.Segment(minutes: clean, total: traffic(objective), bad: 0)]
        }
        var fast = PromtoolTestGroup(
            "\(name): after \(PromQL.duration(minutes: clean)) clean, 10% above the 1h threshold: page via 1h/5m, "
                + "resolved by the 5m window")
        for objective in objectives {
            let rate = requests(threshold(objective, .page, 0) * Fraction(11, 10), objective, roundingUp: true)
            let (profile, simulation, marks) = try episodes(
                objective, step: 1, prefix: history(objective),
                bursts: [Burst(rate: rate, severity: .page, linger: 10)])
            fast.series += series(objective, profile, forceBadSeries: true)
            try expectEpisodes(&fast, objective, simulation, marks, .page)
        }
        groups.append(fast)

        // G4b: the same history, 1 % below the fastest page threshold: its condition never holds; the page comes
        // from the second condition, and its short window resolves it.
        var medium = PromtoolTestGroup(
            "\(name): after \(PromQL.duration(minutes: clean)) clean, 1% below the 1h threshold: page only via "
                + "6h/30m, resolved by the 30m window")
        for objective in objectives {
            let rate = requests(threshold(objective, .page, 0) * below, objective, roundingUp: false)
            try require(
                Fraction(rate, traffic(objective)) > threshold(objective, .page, 1) * above, "G4b rate too low")
            let (profile, simulation, marks) = try episodes(
                objective, step: 1, prefix: history(objective),
                bursts: [Burst(rate: rate, severity: .page, linger: 10)])
            try require(!conditionEverHolds(profile, objective, .page, 0, step: 1), "G4b: the 1h condition holds")
            try require(marks[0].firing - marks[0].start > 60 + 2 + 30, "G4b: the page comes too early")
            medium.series += series(objective, profile, forceBadSeries: true)
            try expectEpisodes(&medium, objective, simulation, marks, .page)
        }
        groups.append(medium)

        // G5: zero traffic: NaN, no alert.
        var zero = PromtoolTestGroup(
            "\(name): zero traffic: the counters exist but do not grow, so every ratio is NaN (0/0) and no alert "
                + "fires")
        for objective in objectives {
            let profile = TrafficProfile().adding(30, total: 0, bad: 0)
            zero.series += series(objective, profile, forceBadSeries: true)
            let simulation = AlertSimulation(profile, objective: objective, step: 1, horizon: 30)
            try zero.expectAlerts(objective, simulation, at: 30)
            for window in [5, period] { try zero.expectRatio(objective, profile, at: 30, window: window) }
            zero.expectNaN("slo:period_error_budget_remaining:ratio" + objective.labelMatchers, at: 30)
        }
        groups.append(zero)

        // G6: traffic, no error series at all: 0, not empty.
        var clear = PromtoolTestGroup(
            "\(name): traffic without a single error (no error series at all): the ratio is 0, not empty")
        for objective in objectives {
            let profile = TrafficProfile().adding(30, total: traffic(objective), bad: 0)
            clear.series += series(objective, profile)
            for window in [5, period] { try clear.expectRatio(objective, profile, at: 30, window: window) }
            clear.expectLiteral(objective, "slo:period_error_budget_remaining:ratio", .integer(1), at: 30)
        }
        groups.append(clear)

        return groups
    }

    // MARK: 5m grid

    /// Requires that the long windows summed from the rate records give what `rate()` over raw samples gives, under
    /// both range semantics, and asserts it through promtool too where the raw query stays within what its test
    /// engine loads (10000 samples): the record against the raw-rate expression, on the same input.
    func expectSummedEqualsRaw(
        _ group: inout PromtoolTestGroup, _ objective: SLIObjective, _ profile: TrafficProfile, at time: Int
    ) throws {
        let oracle = RateOracle(profile, grid: group.grid)
        // (a window starting at t=0 exactly: Prometheus 3.x extrapolates the raw rate towards the counters' start)
        for window in objective.summedWindows where window != time {
            for model in RateOracle.Model.allCases {
                let summed = oracle.ratio(at: time, window: window, model)
                let raw = oracle.rawRatio(at: time, window: window, model)
                try require(summed == raw,
                            "the summed \(PromQL.duration(minutes: window)) ratio differs from the raw one")
            }
            try group.expectRatio(objective, profile, at: time, window: window)
            if window <= 9000 {
                let difference = "scalar(\(objective.ratio(minutes: window)))\n-\nscalar(\n"
                    + objective.errorRatioExpression(minutes: window) + ")"
                group.expressions.append(.init(
                    time: time, expression: "round(abs(vector(\(difference))) * 1e9)", samples: [("{}", .integer(0))]))
            }
        }
    }

    func hourGroups() throws -> [PromtoolTestGroup] {
        let name = title
        let grid = SLOTests.longGrid
        let end = 4 * SLOTests.day
        var windows = PromtoolTestGroup(
            "\(name): a 2m total outage ending at 4d: the ratio over each window w is 2m/w (proves every window "
                + "length); the long windows, summed from the 5m rate records, equal the raw-rate ratios", grid: grid)
        for objective in objectives {
            let requests = traffic(objective)
            let profile = TrafficProfile().adding(end - 2, total: requests, bad: 0)
                .adding(2, total: requests, bad: requests)
            let simulation = AlertSimulation(profile, objective: objective, step: grid, horizon: end)
            try require(!simulation.hasTies, "the window test has a tie")
            windows.series += series(objective, profile)
            for window in objective.rawWindows {
                try windows.expectRatio(objective, profile, at: end, window: window)
            }
            try expectSummedEqualsRaw(&windows, objective, profile, at: end)
            guard let hour = RateOracle(profile, grid: grid).ratio(at: end, window: 60, .v2) else {
                throw TestBuilderFailure(message: "no 1h ratio")
            }
            try windows.expectValue(objective, "slo:current_burn_rate:ratio", hour / budget(objective), at: end)
            try windows.expectAlerts(objective, simulation, at: end)
        }

        // The long windows are weighted by traffic: 1h clean at full traffic, then 1h at a tenth with 10 % errors.
        var weighted = PromtoolTestGroup(
            "\(name): the long windows are weighted by traffic: 1h clean at full traffic, then 1h at a tenth with "
                + "10% errors gives 1/110, not the average of ratios 0.05, as the raw-rate ratio does", grid: grid)
        for objective in objectives {
            let profile = TrafficProfile().adding(60, total: traffic(objective), bad: 0)
                .adding(60, total: traffic(objective) / 10, bad: traffic(objective) / 100)
            weighted.series += series(objective, profile)
            try require(RateOracle(profile, grid: grid).ratio(at: 120, window: period, .v3) == Fraction(1, 110),
                        "the weighted ratio is not 1/110")
            try expectSummedEqualsRaw(&weighted, objective, profile, at: 120)
        }

        var slow = PromtoolTestGroup(
            "\(name): after 3d clean, a burn between the two ticket thresholds: ticket via 3d/6h only, resolved "
                + "by the 6h window", grid: grid)
        for objective in objectives {
            let rate = requests(
                (threshold(objective, .ticket, 0) + threshold(objective, .ticket, 1)) / Fraction(2), objective,
                roundingUp: false)
            let (profile, simulation, marks) = try episodes(
                objective, step: grid, prefix: [.init(minutes: 3 * SLOTests.day, total: traffic(objective), bad: 0)],
                bursts: [Burst(rate: rate, severity: .ticket, linger: 0)])
            try require(!conditionEverHolds(profile, objective, .ticket, 0, step: grid), "the 1d condition holds")
            slow.series += series(objective, profile, forceBadSeries: true)
            try expectEpisodes(&slow, objective, simulation, marks, .ticket)
        }

        var daily = PromtoolTestGroup(
            "\(name): after 2d at 10x traffic and 1d at 1x, a burn between the ticket and page thresholds: ticket "
                + "via 1d/2h only (the 3d window is diluted)", grid: grid)
        for objective in objectives {
            let rate = requests(
                (threshold(objective, .ticket, 0) + threshold(objective, .page, 1)) / Fraction(2), objective,
                roundingUp: false)
            let (profile, simulation, marks) = try episodes(
                objective, step: grid,
                prefix: [.init(minutes: 2 * SLOTests.day, total: 10 * traffic(objective), bad: 0),
                         .init(minutes: SLOTests.day, total: traffic(objective), bad: 0)],
                bursts: [Burst(rate: rate, severity: .ticket, linger: 0)])
            try require(!conditionEverHolds(profile, objective, .ticket, 1, step: grid), "the 3d condition holds")
            daily.series += series(objective, profile, forceBadSeries: true)
            try expectEpisodes(&daily, objective, simulation, marks, .ticket)
        }
        return [windows, weighted, slow, daily]
    }

    // MARK: Period grid

    func periodGroups() throws -> [PromtoolTestGroup] {
        let day = SLOTests.day
        let grid = SLOTests.periodGrid(days: unit.slo.window.days)
        let end = period + day
        // Day 0 (10x traffic, no errors) lies just outside the window: a longer window would be diluted by it. An
        // outage of one grid step lies inside (at 2d, or in the middle of the window when the window is shorter).
        let outage = day + min(day, (period - grid) / 2 / grid * grid)
        var group = PromtoolTestGroup(
            "\(title): 10x traffic on day 0 (outside), a \(PromQL.duration(minutes: grid)) outage at "
                + "\(PromQL.duration(minutes: outage)) "
                + "(inside the \(unit.slo.window) window at \(PromQL.duration(minutes: end))); the windows summed "
                + "from the 5m rate records equal the raw-rate ratios", grid: grid)
        for objective in objectives {
            let profile = TrafficProfile()
                .adding(day, total: 10 * traffic(objective), bad: 0)
                .adding(outage - day, total: traffic(objective), bad: 0)
                .adding(grid, total: traffic(objective), bad: traffic(objective))
                .adding(end - outage - grid, total: traffic(objective), bad: 0)
            group.series += series(objective, profile)
            try expectSummedEqualsRaw(&group, objective, profile, at: end)
            guard let ratio = RateOracle(profile, grid: grid).ratio(at: end, window: period, .v2) else {
                throw TestBuilderFailure(message: "no window ratio")
            }
            let burn = ratio / budget(objective)
            try group.expectValue(objective, "slo:period_burn_rate:ratio", burn, at: end)
            try group.expectValue(objective, "slo:period_error_budget_remaining:ratio", .one - burn, at: end)
            let simulation = AlertSimulation(profile, objective: objective, step: grid, horizon: end)
            try require(!simulation.hasTies, "the period test has a tie")
            try group.expectAlerts(objective, simulation, at: end)
        }
        return [group]
    }
}
