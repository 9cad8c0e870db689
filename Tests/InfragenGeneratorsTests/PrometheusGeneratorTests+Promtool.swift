import InfragenExampleBlueprints
import Foundation
import Infragen
@testable import InfragenGenerators
import InfragenRender
import InfragenTestSupport
import InfragenYAML
import Testing

/// The Prometheus SLO rules under promtool: every rule file, every generated test file, a hand-written scenario for
/// the shop's order SLO, zero traffic and escaped label values.
extension PrometheusGeneratorTests {
    // MARK: - promtool

    /// `promtool check rules` on every generated rule file: the catalog's (the shop and polyglot in 3 environments
    /// each, billing's external service in 2) and the variants'.
    @Test(.enabled(if: ExternalTool.usable("promtool"), ExternalTool.skipNote("promtool")))
    func promtoolAcceptsEveryRuleFile() throws {
        var files = try Self.catalogFiles()
        for system in Self.variants.values { files.merge(try Self.prometheusFiles(system)) { $1 } }
        let rules = files.keys.filter { $0.hasSuffix("/slo-rules.yaml") }.sorted()
        #expect(rules.count == 2 * 3 + 2 + 2 * Self.variants.count)
        try Self.withFiles(files) { root in
            let result = try Self.promtool(["check", "rules"] + rules, in: root)
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.components(separatedBy: "SUCCESS").count - 1 == rules.count, "\(result)")
        }
    }

    /// `promtool test rules` on every generated test file of every environment of the catalog's systems with SLOs.
    @Test(.enabled(if: ExternalTool.usable("promtool"), ExternalTool.skipNote("promtool")),
          arguments: ["shop", "polyglot"], ["dev", "staging", "prod"])
    func promtoolPassesTheGeneratedTestsOfTheCatalog(system: String, environment: String) throws {
        let files = try Self.catalogFiles()
        try Self.runGeneratedTests(files, folder: "\(system)/\(environment)/prometheus")
    }

    /// The same recipe holds for other objectives, windows and names (the prod environment of each variant; for the
    /// 1d and 365d windows only the window's own test, to keep the suite quick: the other files differ from the
    /// 28d and 7d ones only in their thresholds).
    @Test(.enabled(if: ExternalTool.usable("promtool"), ExternalTool.skipNote("promtool")),
          arguments: [("28d", ".test.yaml"), ("7d", ".test.yaml"), ("regex", ".test.yaml"), ("1d", ".period.test.yaml"),
                      ("365d", ".period.test.yaml")])
    func promtoolPassesTheGeneratedTestsOfOtherObjectivesAndWindows(variant: String, suffix: String) throws {
        let system = try #require(Self.variants[variant])
        try Self.runGeneratedTests(try Self.prometheusFiles(system), folder: "\(system.name)/prod/prometheus",
                                   suffix: suffix)
    }

    /// Every test file of SLOs that share a shape passes, the short ones included.
    @Test(.enabled(if: ExternalTool.usable("promtool"), ExternalTool.skipNote("promtool")))
    func promtoolPassesTheTestsOfSLOsThatShareAShape() throws {
        try Self.runGeneratedTests(try Self.prometheusFiles(Self.sharedShapes), folder: "shapes/prod/prometheus")
    }

    static func runGeneratedTests(_ files: [String: String], folder: String, suffix: String = ".test.yaml") throws {
        let tests = files.keys.filter { $0.hasPrefix(folder + "/") && $0.hasSuffix(suffix) }
            .map { String($0.dropFirst(folder.count + 1)) }.sorted()
        #expect(tests.count >= (suffix == ".test.yaml" ? 3 : 1))
        try withFiles(files) { root in
            let result = try promtool(["test", "rules"] + tests, in: root.appendingPathComponent(folder))
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.components(separatedBy: "SUCCESS").count - 1 == tests.count, "\(result)")
        }
    }

    /// The hand-written scenario (Tests/Scenarios/shop-order-creation.test.yaml) against the generated rules of
    /// shop/prod: 0.4 % errors never alert; 1 % errors open the 3d/6h ticket 12h later and never page.
    @Test(.enabled(if: ExternalTool.usable("promtool"), ExternalTool.skipNote("promtool")))
    func shopOrderScenarioAtPointFourAndOnePercentErrors() throws {
        let scenario = repositoryRoot().appendingPathComponent("Tests/Scenarios/shop-order-creation.test.yaml")
        let text = try String(contentsOf: scenario, encoding: .utf8)
        let rules = try #require(try Self.shopFiles()["shop/prod/prometheus/slo-rules.yaml"])
        try Self.withFiles(["slo-rules.yaml": rules, "scenario.test.yaml": text]) { root in
            let result = try Self.promtool(["test", "rules", "scenario.test.yaml"], in: root)
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.contains("SUCCESS"), "\(result)")
        }
    }

    /// No traffic is not an outage: with counters that do not grow the ratio is 0/0 = NaN and no alert fires; with no
    /// series at all the ratio is absent; traffic that stops after a healthy hour raises nothing.
    @Test(.enabled(if: ExternalTool.usable("promtool"), ExternalTool.skipNote("promtool")))
    func zeroTrafficRaisesNoAlert() throws {
        let rules = try #require(try Self.shopFiles()["shop/prod/prometheus/slo-rules.yaml"])
        let labels = #"{environment="prod",namespace="shop-prod",objective="availability",service="order-service",slo="order-creation"}"#
        let selector = #"namespace="shop-prod",service="order-service",handler="/api/orders",method="POST""#
        func silent(_ time: String) -> String {
            """
                  - eval_time: \(time)
                    alertname: OrderCreationAvailabilityBudgetBurn
                    exp_alerts: []
                  - eval_time: \(time)
                    alertname: OrderCreationLatencyBudgetBurn
                    exp_alerts: []

            """
        }
        func nan(_ metric: String, _ time: String) -> String {
            """
                  - expr: 'count(\(metric)\(labels) != \(metric)\(labels))'
                    eval_time: \(time)
                    exp_samples:
                      - labels: '{}'
                        value: 1

            """
        }
        let test = """
            rule_files:
              - slo-rules.yaml
            evaluation_interval: 1m
            tests:
              - name: 'counters that do not grow: NaN, no alert'
                interval: 1m
                input_series:
                  - series: 'http_request_duration_seconds_count{\(selector),code="200"}'
                    values: '5000x120'
                  - series: 'http_request_duration_seconds_count{\(selector),code="500"}'
                    values: '70x120'
                  - series: 'http_request_duration_seconds_bucket{\(selector),le="0.8"}'
                    values: '5000x120'
                alert_rule_test:
            \(silent("10m"))\(silent("1h"))\(silent("2h"))
                promql_expr_test:
            \(nan("slo:sli_error:ratio_rate5m", "2h"))\(nan("slo:sli_error:ratio_rate30d", "2h"))\
            \(nan("slo:current_burn_rate:ratio", "2h"))\(nan("slo:period_error_budget_remaining:ratio", "2h"))
              - name: 'no series at all: no ratio, no alert'
                interval: 1m
                input_series:
                  - series: 'unrelated_metric'
                    values: '1x120'
                alert_rule_test:
            \(silent("2h"))
                promql_expr_test:
                  - expr: 'slo:sli_error:ratio_rate5m\(labels)'
                    eval_time: 2h
                    exp_samples: []
              - name: 'a healthy hour at 0.1 % errors, then the traffic stops: no alert at any time'
                interval: 1m
                input_series:
                  - series: 'http_request_duration_seconds_count{\(selector),code="200"}'
                    values: '0+999x60 59940x120'
                  - series: 'http_request_duration_seconds_count{\(selector),code="500"}'
                    values: '0+1x60 60x120'
                alert_rule_test:
            \(silent("30m"))\(silent("1h5m"))\(silent("1h30m"))\(silent("3h"))
                promql_expr_test:
            \(nan("slo:sli_error:ratio_rate5m", "3h"))\(nan("slo:sli_error:ratio_rate1h", "3h"))
                  - expr: 'round(slo:sli_error:ratio_rate30d\(labels) * 1000000)'
                    eval_time: 3h
                    exp_samples:
                      - labels: '\(labels)'
                        value: 1000

            """
        try Self.withFiles(["slo-rules.yaml": rules, "zero.test.yaml": test]) { root in
            let result = try Self.promtool(["test", "rules", "zero.test.yaml"], in: root)
            #expect(result.status == 0, "\(result)")
        }
    }

    /// Label values from the blueprint are PromQL string literals: a value with a backslash, a double quote and a
    /// line feed reads back as itself (checked against a series written with an octal escape).
    @Test(.enabled(if: ExternalTool.usable("promtool"), ExternalTool.skipNote("promtool")))
    func labelValuesAreEscapedForPromQL() throws {
        let value = "a\"b\\c\nd"
        #expect(PromQL.quoted(value) == #""a\"b\\c\nd""#)
        #expect(PromQL.quoted("plain /api/orders") == #""plain /api/orders""#)
        #expect(PromQL.quoted("tab\tbell\u{7}") == #""tab\tbell\x07""#)
        let selector = PromQL.selector("escape_test", [.init(name: "v", value: value)])
        let test = """
            rule_files: []
            evaluation_interval: 1m
            tests:
              - interval: 1m
                input_series:
                  - series: 'escape_test{v="a\\"b\\\\c\\012d"}'
                    values: '1x5'
                  - series: 'escape_test{v="other"}'
                    values: '1x5'
                promql_expr_test:
                  - expr: 'count(\(selector))'
                    eval_time: 1m
                    exp_samples:
                      - labels: '{}'
                        value: 1

            """
        try Self.withFiles(["escape.test.yaml": test]) { root in
            let result = try Self.promtool(["test", "rules", "escape.test.yaml"], in: root)
            #expect(result.status == 0, "\(result)")
        }
    }
}
