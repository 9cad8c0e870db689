import InfragenModel
import InfragenYAML

/// The rule file of one system in one environment: three groups per SLO, four where its service has a canary.
///
///     slo-<name>-sli   the SLI's bad and total request rates over 5m (`slo:sli_error:rate5m`,
///                      `slo:sli_total:rate5m`), at the global rule interval
///     slo-<name>-long  every 5m: the error ratios over 1d, 3d and the SLO period, summed from those records, and the
///                      period's burn rate and remaining budget
///     slo-<name>       the error ratios over 5m … 6h over raw samples, the metadata and the multiwindow
///                      multi-burn-rate alerts, in that order (rules of a group are evaluated one after the other, so
///                      the alerts read the short ratios of the same evaluation)
///     slo-<name>-canary where the service has a canary: per track (stable, canary) the error ratios and burn rates
///                      over 5m, 30m and 1h, which the pipeline's release gate compares (``CanaryRecords``)
///
/// Groups run on their own timers: an alert reads a long ratio at most one long interval (5m) old, and that ratio
/// reads rate records at most one rule interval old. Only tickets read long windows (1d, 3d: a 5m delay on a day's
/// ratio, with `for: 15m`); the pages' windows are all in the alerts' own group.
enum SLORules {
    /// The groups of one SLO, in the order they are written and (in the generated tests) evaluated.
    enum Group: CaseIterable {
        case sli, long, main, canary

        func name(_ slo: String) -> String {
            switch self {
            case .sli: "slo-\(slo)-sli"
            case .long: "slo-\(slo)-long"
            case .main: "slo-\(slo)"
            case .canary: "slo-\(slo)-canary"
            }
        }

        /// The groups of one SLO: the canary's only where one of its SLIs compares a canary with its stable release.
        static func of(_ unit: SLOUnit) -> [Group] {
            unit.objectives.contains(where: \.comparesCanary) ? allCases : [.sli, .long, .main]
        }
    }

    /// Every rule group of the SLOs, in the file's order (per SLO: sli, long, main), each built when it is read: the
    /// one place that decides which groups there are. The rule file and the environment's PrometheusRule objects
    /// both print exactly these, written once (``SLORuleTexts``).
    static func groups(_ slos: [SLOUnit]) -> some Collection<YAMLNode> {
        slos.lazy.flatMap { unit in Group.of(unit).lazy.map { group(unit, $0) } }
    }

    /// The comment lines under the file header: what the file holds, and the alerting policy.
    static func comment(_ environment: ResolvedEnvironment, _ slos: [SLOUnit]) -> String {
        var lines = ["SLO rules for system \(environment.system), environment \(environment.name) "
            + "(namespace \(environment.namespace))."]
        for unit in slos {
            let window = unit.objectives[0].window
            let external = unit.service.isExternal ? " (external, namespace \(unit.service.namespace))" : ""
            lines.append("SLO \(unit.slo.name) on \(unit.service.name)\(external), window \(window):")
            for objective in unit.objectives {
                lines.append("  \(objective.kind.rawValue) \(objective.objective.percentText) % -> error budget "
                    + "\(objective.budget.fraction) (bad: \(objective.badRequests))")
            }
            if unit.slo.rawSLI != nil {
                lines.append("  its SLI is PromQL of the blueprint's (SLI(errors:total:)): checked by promtool check "
                    + "rules only, no generated unit tests (infragen cannot know the series its queries read)")
            }
            lines.append("  alerts here: \(unit.slo.pages ? "pages" : "no page")"
                + ", \(unit.slo.tickets ? "tickets" : "no ticket") (the environment's policy and the SLO's own)")
            for severity in BurnRatePolicy.Severity.allCases {
                let branches = severity.conditions.map { condition in
                    "(\(PromQL.duration(minutes: condition.longMinutes)) and "
                        + "\(PromQL.duration(minutes: condition.shortMinutes)) > "
                        + "\(condition.factor(window: window))x budget)"
                }
                lines.append("  \(severity.rawValue): \(branches.joined(separator: " or ")), "
                    + "for \(PromQL.duration(minutes: severity.forMinutes))")
            }
            if let rate = unit.slo.minimumTraffic {
                lines.append("  minimum traffic: each condition also needs \(rate) or more over its long window "
                    + "(MinimumTraffic)")
            }
            if unit.objectives.contains(where: \.comparesCanary) {
                lines.append("  canary: per track, error ratios and burn rates over "
                    + CanaryRecords.windows.map { PromQL.duration(minutes: $0) }.joined(separator: ", ")
                    + " (slo-\(unit.slo.name)-canary), for the release gate")
            } else if unit.service.canary != nil {
                lines.append("  canary: no comparison records (the SLI is PromQL of the blueprint's, whose queries may "
                    + "sum the track label away)")
            }
            if unit.slo.noDataMinutes != SLIObjective.noDataForMinutes {
                lines.append("  no data: a ticket once the denominator is absent for "
                    + "\(PromQL.duration(minutes: unit.slo.noDataMinutes)) (NoDataAfter)")
            }
        }
        lines.append("No traffic is not an outage: 0/0 stays NaN, and no alert fires on NaN.")
        lines.append("No series is: a ticket per SLI when its denominator is absent for "
            + "\(PromQL.duration(minutes: SLIObjective.noDataForMinutes)) (<Slo><Objective>NoData).")
        return lines.map { "# \($0)\n" }.joined()
    }

    /// One of an SLO's groups. What they read beyond names, selectors and labels must be part of ``SLOTests/Shape``:
    /// SLOs of one shape share the tests that depend on it (`rulesOfOneShapeDifferOnlyInNamesSelectorsAndLabels`
    /// checks a pair; a new per-SLO setting that changes thresholds, windows or `for` belongs in the shape too).
    static func group(_ unit: SLOUnit, _ kind: Group) -> YAMLNode {
        var rules: [YAMLNode] = []
        var interval: YAMLNode?
        switch kind {
        case .sli:
            for objective in unit.objectives {
                rules.append(record(SLIObjective.badRateRecord,
                                    objective.badRateExpression(minutes: SLIObjective.rateRecordMinutes), objective))
                rules.append(record(SLIObjective.totalRateRecord,
                                    objective.totalRateExpression(minutes: SLIObjective.rateRecordMinutes), objective))
            }
        case .long:
            interval = .string(PromQL.duration(minutes: SLIObjective.longIntervalMinutes))
            for objective in unit.objectives {
                for minutes in objective.summedWindows { rules.append(sliRule(objective, minutes: minutes)) }
                rules += periodRules(objective)
            }
        case .main:
            for objective in unit.objectives {
                for minutes in objective.rawWindows { rules.append(sliRule(objective, minutes: minutes)) }
            }
            for objective in unit.objectives { rules += metadataRules(objective) }
            for objective in unit.objectives {
                for severity in BurnRatePolicy.Severity.allCases where objective.raises(severity) {
                    rules.append(alert(objective, severity))
                }
            }
            for objective in unit.objectives where objective.raises(.ticket) { rules.append(noDataAlert(objective)) }
        case .canary:
            for objective in unit.objectives where objective.comparesCanary { rules += canaryRules(objective) }
        }
        return .mapping([("name", .string(kind.name(unit.slo.name))), ("interval", interval),
                         ("rules", .sequence(rules))])
    }

    static func labels(_ objective: SLIObjective) -> YAMLNode {
        .mapping(objective.labels.map { ($0.0, .string($0.1)) })
    }

    static func record(_ name: String, _ expression: String, _ objective: SLIObjective) -> YAMLNode {
        .mapping([("record", .string(name)), ("expr", .string(expression)), ("labels", labels(objective))])
    }

    static func sliRule(_ objective: SLIObjective, minutes: Int) -> YAMLNode {
        record(SLIObjective.ratioRecord(minutes: minutes), objective.ruleExpression(minutes: minutes), objective)
    }

    static func metadataRules(_ objective: SLIObjective) -> [YAMLNode] {
        let budget = objective.budget.fraction
        return [
            record("slo:objective:ratio", "vector(\(objective.objective.fraction))", objective),
            record("slo:error_budget:ratio", "vector(\(budget))", objective),
            record("slo:time_period:days", "vector(\(objective.window.days))", objective),
            record("slo:current_burn_rate:ratio",
                   "\(objective.ratio(minutes: BurnRatePolicy.currentBurnRateWindow)) / \(budget)", objective),
        ]
    }

    /// The period's burn rate and remaining budget, in the long group after the period's ratio.
    static func periodRules(_ objective: SLIObjective) -> [YAMLNode] {
        let budget = objective.budget.fraction
        let period = "slo:period_burn_rate:ratio" + objective.labelMatchers
        return [
            record("slo:period_burn_rate:ratio", "\(objective.ratio(minutes: objective.periodMinutes)) / \(budget)",
                   objective),
            record("slo:period_error_budget_remaining:ratio", "1 - \(period)", objective),
        ]
    }

    /// Per track and window, the error ratio and the burn rate (the ratio over the budget).
    static func canaryRules(_ objective: SLIObjective) -> [YAMLNode] {
        CanaryRecords.windows.flatMap { minutes in
            [record(CanaryRecords.errorRatioRecord(minutes: minutes),
                    objective.canaryErrorRatioExpression(minutes: minutes), objective),
             record(CanaryRecords.burnRateRecord(minutes: minutes),
                    "\(CanaryRecords.errorRatioRecord(minutes: minutes))\(objective.labelMatchers) / "
                        + objective.budget.fraction, objective)]
        }
    }

    static func alertExpression(_ objective: SLIObjective, _ severity: BurnRatePolicy.Severity) -> String {
        let budget = objective.budget.fraction
        let branches = severity.conditions.map { condition in
            let threshold = "(\(condition.factor(window: objective.window)) * \(budget))"
            let guarded = objective.trafficGuard(minutes: condition.longMinutes).map { "\n  and\n  \($0)" } ?? ""
            return """
                (
                  \(objective.ratio(minutes: condition.longMinutes)) > \(threshold)
                  and
                  \(objective.ratio(minutes: condition.shortMinutes)) > \(threshold)\(guarded)
                )
                """
        }
        return branches.joined(separator: "\nor\n") + "\n"
    }

    static func alert(_ objective: SLIObjective, _ severity: BurnRatePolicy.Severity) -> YAMLNode {
        .mapping([
            ("alert", .string(objective.alertName)),
            ("expr", .string(alertExpression(objective, severity))),
            ("for", .string(PromQL.duration(minutes: severity.forMinutes))),
            ("labels", .mapping(alertLabels(objective, severity).map { ($0.0, .string($0.1)) })),
            ("annotations", .mapping(annotations(objective, severity).map { ($0.0, .string($0.1)) })),
        ])
    }

    /// The alert rule's own labels; the firing alert also carries the series' `namespace`.
    /// infragen's, then the SLO's `AlertLabels` (validation keeps them off infragen's names), sorted by name.
    static func alertLabels(_ objective: SLIObjective, _ severity: BurnRatePolicy.Severity) -> [(String, String)] {
        ([("environment", objective.service.environment.name), ("objective", objective.kind.rawValue),
          ("service", objective.service.name), ("severity", severity.rawValue), ("slo", objective.slo.name),
          ("team", objective.team)] + objective.slo.alertLabels.map { ($0.key, $0.value) })
            .sorted { $0.0 < $1.0 }
    }

    /// The SLO's own annotations over infragen's: a `summary` or `description` replaces the generated one, others
    /// (`dashboard_url`) follow in name order, after `runbook_url`.
    static func merged(_ generated: [(String, String)], _ objective: SLIObjective) -> [(String, String)] {
        let own = objective.slo.annotations
        return generated.map { ($0.0, own[$0.0] ?? $0.1) }
            + own.filter { key, _ in !generated.contains { $0.0 == key } }.sorted { $0.key < $1.key }
                .map { ($0.key, $0.value) }
    }

    /// A ticket when the SLI's denominator has no series for ``SLIObjective/noDataMinutes``: a dead or unscraped
    /// target, or a selector that matches nothing (a wrong namespace, service label, handler or method), would
    /// otherwise leave every burn-rate alert of the SLI silent (an absent ratio is never above a threshold).
    /// `absent()` and not `absent_over_time(…[w])`: a target that stops is marked stale at once, so `absent()` sees it
    /// at the next evaluation, and `for` does the waiting, visibly (pending).
    static func noDataAlert(_ objective: SLIObjective) -> YAMLNode {
        .mapping([
            ("alert", .string(objective.noDataAlertName)),
            ("expr", .string("absent(\(objective.denominatorSelector))")),
            ("for", .string(PromQL.duration(minutes: objective.noDataMinutes))),
            ("labels", .mapping(alertLabels(objective, .ticket).map { ($0.0, .string($0.1)) })),
            ("annotations", .mapping(noDataAnnotations(objective).map { ($0.0, .string($0.1)) })),
        ])
    }

    static func noDataAnnotations(_ objective: SLIObjective) -> [(String, String)] {
        var pairs = [
            ("summary", "\(objective.slo.name) \(objective.kind.rawValue): no data (ticket)"),
            ("description", "No series \(objective.denominatorSelector) for "
                + "\(PromQL.duration(minutes: objective.noDataMinutes)): the service is down or not scraped, or "
                + "the selector matches nothing (namespace, \(objective.metrics.serviceLabel) label, matchers). Every "
                + "burn-rate alert of this SLI is blind until the series is back."),
        ]
        if let runbook = objective.slo.runbookURL { pairs.append(("runbook_url", runbook)) }
        // The SLO's summary and description describe its burn-rate alerts; its other annotations apply here too.
        return pairs + objective.slo.annotations.filter { $0.key != "summary" && $0.key != "description" }
            .sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Static text, without `$value` templates, so that the generated tests can assert it exactly.
    static func annotations(_ objective: SLIObjective, _ severity: BurnRatePolicy.Severity) -> [(String, String)] {
        let window = objective.window
        let conditions = severity.conditions
        let branches = conditions.map { condition in
            "\(condition.factor(window: window))x budget over \(PromQL.duration(minutes: condition.longMinutes)) and "
                + PromQL.duration(minutes: condition.shortMinutes)
        }
        let shares = conditions.map(\.budgetSharePercent)
        let spent = Set(shares).count == 1 ? "\(shares[0]) %" : shares.map { "\($0) %" }.joined(separator: " or ")
        let what = objective.kind == .availability
            ? "error ratio" : "ratio of requests slower than \(objective.threshold?.secondsText ?? "?")s"
        let speed = severity == .page ? "burning fast" : "burning"
        let guarded: String = objective.slo.minimumTraffic.map { ", with at least \($0) over the long window" } ?? ""
        let description: String = "\(objective.requestsText) in \(objective.service.namespace): \(what) above "
            + branches.joined(separator: ", or above ")
            + " (\(spent) of the \(window) error budget of \(objective.budget.percentText) % spent)\(guarded). "
            + "Objective \(objective.objective.percentText) %."
        var pairs: [(String, String)] = [
            ("summary",
             "\(objective.slo.name) \(objective.kind.rawValue): error budget \(speed) (\(severity.rawValue))"),
            ("description", description),
        ]
        if let runbook = objective.slo.runbookURL { pairs.append(("runbook_url", runbook)) }
        return merged(pairs, objective)
    }
}

/// One SLO of one service in one environment, with its objectives.
struct SLOUnit {
    var slo: ResolvedSLO
    var service: ResolvedService
    var objectives: [SLIObjective]
}
