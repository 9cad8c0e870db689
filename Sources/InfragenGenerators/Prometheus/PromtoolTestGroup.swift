import InfragenModel
import InfragenYAML

/// A refusal of the test builder: an expectation it cannot state safely. An internal failure, never a user error:
/// validation keeps the inputs that could cause it out.
struct TestBuilderFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { "the SLO test builder failed: \(message)" }
}

/// One `tests:` entry of a promtool test file: input series, expected alerts and expected values.
struct PromtoolTestGroup {
    struct AlertExpectation {
        var time: Int
        var objective: SLIObjective
        var firing: [BurnRatePolicy.Severity]
    }

    struct ExpressionExpectation {
        var time: Int
        var expression: String
        var samples: [(labels: String, value: YAMLNode)]
    }

    var name: String
    /// Minutes between input samples.
    var interval: Int
    /// Minutes between evaluations: the test file's `evaluation_interval`.
    var grid: Int
    var series: [(String, String)] = []
    var alerts: [AlertExpectation] = []
    /// The no-data ticket of an objective at a time: firing or not.
    var noData: [(time: Int, objective: SLIObjective, firing: Bool)] = []
    var expressions: [ExpressionExpectation] = []

    init(_ name: String, interval: Int = 1, grid: Int = 1) {
        self.name = name
        self.interval = interval
        self.grid = grid
    }

    // MARK: - Expectations

    /// The alerts of `objective` at `time` as the simulation says (once per time and alert name).
    mutating func expectAlerts(_ objective: SLIObjective, _ simulation: AlertSimulation, at time: Int?) throws {
        guard let time else { throw TestBuilderFailure(message: "no evaluation to assert for \(objective.alertName)") }
        if alerts.contains(where: { $0.time == time && $0.objective.alertName == objective.alertName }) { return }
        guard let firing = simulation.firing(at: time) else {
            throw TestBuilderFailure(
                message: "ambiguous expectation for \(objective.alertName) at \(PromQL.duration(minutes: time))")
        }
        alerts.append(AlertExpectation(time: time, objective: objective, firing: firing.filter(objective.raises)))
    }

    /// The scales at which values are compared (`round(x * scale)`), in order of preference: millionths, unless the
    /// value is too close to a half there.
    static let scales = [1_000_000, 10_000_000, 100_000, 100_000_000]

    /// The recorded error ratio over `window` at `time`: rounded, or NaN (no traffic). The two range semantics must
    /// agree on it; an `optional` expectation is left out where they do not.
    mutating func expectRatio(
        _ objective: SLIObjective, _ profile: TrafficProfile, at time: Int, window: Int, optional: Bool = false
    ) throws {
        let selector = objective.ratio(minutes: window)
        let oracle = RateOracle(profile, interval: interval, grid: grid)
        let v2 = oracle.ratio(at: time, window: window, .v2), v3 = oracle.ratio(at: time, window: window, .v3)
        if v2 == nil && v3 == nil {
            expectNaN(selector, at: time)
            return
        }
        let agreed = Self.scales.lazy.compactMap { scale -> (Int, Int)? in
            guard let v2, let v3, let value = v2.rounded(scale: scale), v3.rounded(scale: scale) == value else {
                return nil
            }
            return (scale, value)
        }.first
        guard let (scale, value) = agreed else {
            if optional { return }
            throw TestBuilderFailure(
                message: "the range models disagree on \(selector) at \(PromQL.duration(minutes: time))")
        }
        expressions.append(ExpressionExpectation(
            time: time, expression: "round(\(selector) * \(scale))",
            samples: [(objective.labelMatchers, .integer(value))]))
    }

    /// A recorded value, compared rounded (promtool compares floats bit for bit).
    mutating func expectValue(_ objective: SLIObjective, _ metric: String, _ exact: Fraction, at time: Int) throws {
        let rounded = Self.scales.lazy.compactMap { scale in exact.rounded(scale: scale).map { (scale, $0) } }.first
        guard let (scale, value) = rounded else {
            throw TestBuilderFailure(message: "\(metric) = \(exact) is too close to a half to assert")
        }
        expressions.append(ExpressionExpectation(
            time: time, expression: "round(\(metric)\(objective.labelMatchers) * \(scale))",
            samples: [(objective.labelMatchers, .integer(value))]))
    }

    /// A recorded constant, compared exactly as printed in the rule file.
    mutating func expectLiteral(_ objective: SLIObjective, _ metric: String, _ value: YAMLNode, at time: Int) {
        expressions.append(ExpressionExpectation(
            time: time, expression: metric + objective.labelMatchers,
            samples: [(metric + objective.labelMatchers, value)]))
    }

    /// A NaN sample: NaN never equals NaN, so `count(x != x)` is 1 exactly when x is NaN.
    mutating func expectNaN(_ selector: String, at time: Int) {
        expressions.append(ExpressionExpectation(
            time: time, expression: "count(\(selector) != \(selector))", samples: [("{}", .integer(1))]))
    }

    // MARK: - YAML

    var node: YAMLNode {
        let sortedAlerts = alerts.enumerated().sorted {
            ($0.element.time, $0.element.objective.alertName, $0.offset)
                < ($1.element.time, $1.element.objective.alertName, $1.offset)
        }.map(\.element)
        return .mapping([
            ("name", .string(name)),
            ("interval", .string(PromQL.duration(minutes: interval))),
            ("input_series", .sequence(series.map {
                .mapping([("series", .string($0.0)), ("values", .string($0.1))])
            })),
            ("alert_rule_test", alerts.isEmpty && noData.isEmpty ? nil
                : .sequence(sortedAlerts.map(Self.node) + noData.map(Self.noDataNode))),
            ("promql_expr_test", expressions.isEmpty ? nil : .sequence(expressions.map { expectation in
                .mapping([
                    ("expr", .string(expectation.expression)),
                    ("eval_time", .string(PromQL.duration(minutes: expectation.time))),
                    ("exp_samples", .sequence(expectation.samples.map {
                        .mapping([("labels", .string($0.labels)), ("value", $0.value)])
                    })),
                ])
            })),
        ])
    }

    /// The firing no-data alert carries `absent()`'s labels (the selector's equality matchers) and the rule's.
    private static func noDataNode(_ expectation: (time: Int, objective: SLIObjective, firing: Bool)) -> YAMLNode {
        let objective = expectation.objective
        var labels: [String: String] = [:]
        for (name, value) in objective.absentLabels + SLORules.alertLabels(objective, .ticket) { labels[name] = value }
        let annotations = SLORules.noDataAnnotations(objective).sorted { $0.0 < $1.0 }
        return .mapping([
            ("eval_time", .string(PromQL.duration(minutes: expectation.time))),
            ("alertname", .string(objective.noDataAlertName)),
            ("exp_alerts", .sequence(expectation.firing ? [.mapping([
                ("exp_labels", .mapping(labels.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
                ("exp_annotations", .mapping(annotations.map { ($0.0, .string($0.1)) })),
            ])] : [])),
        ])
    }

    private static func node(_ expectation: AlertExpectation) -> YAMLNode {
        let objective = expectation.objective
        return .mapping([
            ("eval_time", .string(PromQL.duration(minutes: expectation.time))),
            ("alertname", .string(objective.alertName)),
            ("exp_alerts", .sequence(expectation.firing.map { severity in
                let labels = ([("namespace", objective.service.namespace)] + SLORules.alertLabels(objective, severity))
                    .sorted { $0.0 < $1.0 }
                let annotations = SLORules.annotations(objective, severity).sorted { $0.0 < $1.0 }
                return .mapping([
                    ("exp_labels", .mapping(labels.map { ($0.0, .string($0.1)) })),
                    ("exp_annotations", .mapping(annotations.map { ($0.0, .string($0.1)) })),
                ])
            })),
        ])
    }
}
