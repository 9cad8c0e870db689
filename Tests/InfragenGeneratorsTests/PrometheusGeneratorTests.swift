import InfragenExampleBlueprints
import Foundation
import Infragen
@testable import InfragenGenerators
import InfragenRender
import InfragenTestSupport
import InfragenYAML
import Testing

/// The Prometheus SLO rules: golden files, promtool on every rule file and every generated test file, a hand-written
/// scenario for the shop's order SLO, zero traffic, exact decimals, the burn-rate factors and the generator's own
/// validation.
@Suite struct PrometheusGeneratorTests {
    static let file = "Blueprints/Sample.swift"

    /// The shop's Prometheus files, path → contents.
    static func shopFiles() throws -> [String: String] {
        try renderInMemory(catalog.descriptions, selection: RenderSelection(systems: ["shop"], kinds: [.prometheus]))
    }

    /// The Prometheus files of every system of the repository's catalog (the shop's and the polyglot system's).
    static func catalogFiles() throws -> [String: String] {
        try renderInMemory(catalog.descriptions, selection: RenderSelection(kinds: [.prometheus]))
    }

    static func prometheusFiles(_ system: SystemDescription) throws -> [String: String] {
        try renderInMemory([system], selection: RenderSelection(kinds: [.prometheus]))
    }

    /// A system with one SLO on its `api` service, at a known place in a pretend blueprint.
    static func system(
        name: String = "sample",
        @ListBuilder<any ServiceComponent> service body: () -> [any ServiceComponent]
    ) -> SystemDescription {
        sampleSystem(name: name, fileID: file, line: 1, service: body)
    }

    /// Systems that exercise what the shop does not: 28d, 7d, 1d and 365d windows, custom metric and label names, a
    /// whole-second latency bucket, several error codes, a team on the SLO, and label values that need escaping.
    static let variants: [String: SystemDescription] = [
        "28d": system(name: "variant-28d") {
            Metrics(.custom(requestCounter: "api_requests_total", durationHistogram: "api_request_seconds",
                            labels: ["handler", "method", "status"],
                            buckets: [.milliseconds(100), .seconds(1), .seconds(2)], codeLabel: "status"),
                    serviceLabel: "app")
            SLO("checkout", handler: #"/api/"quoted"\path"#, method: "POST") {
                Availability(.percent(99.9))
                Latency(.percent(99.5), under: .seconds(1))
                Window(.days(28))
                ErrorCodes("5..|429")
                Team("payments")
                Runbook("https://runbooks.example.com/checkout")
                AlertLabels(["channel": "payments-oncall", "tier": "1"])
                AlertAnnotations(dashboard: "https://grafana.example.com/d/checkout")
            }
        },
        "7d": system(name: "variant-7d") {
            SLO("browse") {
                Availability(.percent(90))
                Window(.days(7))
                Alerts(page: false)
                AlertName("CatalogBrowse")
                AlertAnnotations(summary: "Browsing the catalog fails", description: "See the catalog dashboard.")
            }
        },
        "1d": system(name: "variant-1d") {
            SLO("status", handler: "/api/status") {
                Availability(.percent(99.99))
                Latency(.percent(95), under: .milliseconds(250))
                Window(.days(1))
            }
        },
        // Regular-expression matchers: `=~` and `!~` on one label, with a latency SLI (the tests feed a handler
        // both select, and decoys one of them refuses).
        "regex": system(name: "variant-regex") {
            SLO("api", method: "GET") {
                Match("handler", matches: "/api/(orders|carts)(/.*)?")
                Match("handler", doesNotMatch: "/api/.*/export")
                Availability(.percent(99.5))
                Latency(.percent(99), under: .milliseconds(250))
            }
        },
        "365d": system(name: "variant-365d") {
            SLO("ledger", method: "PUT") {
                Availability(.percent(99.95))
                Window(.days(365))
            }
        },
    ]

    /// Three SLOs on one service: checkout and browse share a shape (availability 99.9 %, 30d) but not their
    /// handler, team, error codes or runbook; search has a shape of its own.
    static let sharedShapes = system(name: "shapes") {
        SLO("checkout", handler: "/api/checkout", method: "POST") {
            Availability(.percent(99.9))
        }
        SLO("browse", handler: "/api/browse") {
            Availability(.percent(99.9))
            ErrorCodes("5..|429")
            Team("catalog")
            Runbook("https://runbooks.example.com/browse")
        }
        SLO("search", handler: "/api/search") {
            Availability(.percent(99.9))
            Latency(.percent(99), under: .milliseconds(250))
        }
    }

    /// Writes files under a fresh folder and runs `body` with it.
    static func withFiles<T>(_ files: [String: String], _ body: (URL) throws -> T) throws -> T {
        try withTemporaryFolder { root in
            try writeFiles(files.sorted { $0.key < $1.key }, under: root)
            return try body(root)
        }
    }

    static func promtool(_ arguments: [String], in folder: URL) throws -> ProcessResult {
        try runProcess(try ExternalTool.path("promtool"), arguments, in: folder, timeout: .seconds(600))
    }

    // MARK: - Files and golden files

    @Test func everyEnvironmentOfTheShopGetsRulesAndTestsAndNothingElse() throws {
        let paths = try Self.shopFiles().keys.sorted()
        var expected: [String] = []
        for environment in ["dev", "prod", "staging"] {
            expected += ["order-creation.long.test.yaml", "order-creation.period.test.yaml", "order-creation.test.yaml",
                         "slo-rules.yaml"].map { "shop/\(environment)/prometheus/\($0)" }
        }
        #expect(paths == expected)
    }

    /// The first SLO of a shape gets all three test files, the others only their own 1m-grid tests.
    @Test func slosOfOneShapeShareTheDeeperTests() throws {
        let files = try Self.prometheusFiles(Self.sharedShapes)
        let prod = files.keys.filter { $0.hasPrefix("shapes/prod/prometheus/") }
            .map { String($0.dropFirst("shapes/prod/prometheus/".count)) }.sorted()
        #expect(prod == ["browse.test.yaml", "checkout.long.test.yaml", "checkout.period.test.yaml",
                         "checkout.test.yaml", "search.long.test.yaml", "search.period.test.yaml", "search.test.yaml",
                         "slo-rules.yaml"])
        let browse = try #require(files["shapes/prod/prometheus/browse.test.yaml"])
        #expect(browse.contains("# Its rules come from the same template as the rules of SLO checkout, "))
        #expect(browse.contains("# Run: promtool test rules browse.test.yaml\n"))
        assertGolden(browse, "prometheus/shapes-prod/browse.test.yaml")
        // browse's file holds the groups that read its labels and thresholds (G1-G3) and its no-data tickets, not the
        // deeper ones.
        func groups(_ text: String?) throws -> Int? {
            guard case .sequence(let items)? = try YAML.parse(text ?? "").first?["tests"] else { return nil }
            return items.count
        }
        #expect(try groups(browse) == 5)
        #expect(try groups(files["shapes/prod/prometheus/checkout.test.yaml"]) == 9)
    }

    /// The claim the shared tests rest on: the rules of two SLOs of one shape differ only in names, selectors and
    /// labels. browse's rule group, with its names, handler, error codes, team and runbook replaced by checkout's,
    /// is checkout's group, line for line.
    @Test func rulesOfOneShapeDifferOnlyInNamesSelectorsAndLabels() throws {
        let rules = try #require(try Self.prometheusFiles(Self.sharedShapes)["shapes/prod/prometheus/slo-rules.yaml"])
        // An SLO's three groups, slo-<name>-sli, slo-<name>-long and slo-<name>, written one after the other.
        func group(_ name: String) throws -> String {
            let start = try #require(rules.range(of: "- name: slo-\(name)-sli\n"))
            let main = try #require(rules.range(of: "- name: slo-\(name)\n"))
            #expect(rules[start.lowerBound..<main.lowerBound].contains("- name: slo-\(name)-long\n"))
            let rest = rules[main.lowerBound...].dropFirst()
            let end = rest.range(of: "\n- name: slo-")?.lowerBound ?? rest.endIndex
            return String(rules[start.lowerBound..<end])
        }
        var browse = try group("browse")
        browse = browse.replacingOccurrences(of: "\n      runbook_url: https://runbooks.example.com/browse", with: "")
        for (from, to) in [("handler=\"/api/browse\"", "handler=\"/api/browse\",method=\"post\""),
                           ("5..|429", "5.."), ("team: catalog", "team: platform"), ("Browse", "Checkout"),
                           ("browse", "checkout")] {
            #expect(browse.contains(from), "\(from)")
            browse = browse.replacingOccurrences(of: from, with: to)
        }
        let checkout = try group("checkout")
        #expect(browse.split(separator: "\n").count > 40)
        for (mine, theirs) in zip(browse.split(separator: "\n"), checkout.split(separator: "\n")) {
            #expect(mine == theirs)
        }
        #expect(browse == checkout)
    }

    @Test func systemsWithoutSLOsGetNoPrometheusFiles() throws {
        #expect(try Self.prometheusFiles(sampleSystem()).isEmpty)
    }

    @Test func shopProdMatchesTheGoldenFiles() throws {
        let files = try Self.shopFiles()
        for name in ["slo-rules.yaml", "order-creation.test.yaml", "order-creation.long.test.yaml",
                     "order-creation.period.test.yaml"] {
            let text = try #require(files["shop/prod/prometheus/\(name)"])
            assertGolden(text, "prometheus/shop-prod/\(name)")
        }
    }

    @Test func variantRulesMatchTheGoldenFiles() throws {
        let files = try Self.prometheusFiles(try #require(Self.variants["28d"]))
        assertGolden(try #require(files["variant-28d/prod/prometheus/slo-rules.yaml"]), "prometheus/variant-28d/slo-rules.yaml")
    }

    /// `=~` and `!~` reach the rules as written; the tests' series carry a handler both select.
    @Test func regexMatcherRulesMatchTheGoldenFiles() throws {
        let files = try Self.prometheusFiles(try #require(Self.variants["regex"]))
        assertGolden(try #require(files["variant-regex/prod/prometheus/slo-rules.yaml"]),
                     "prometheus/variant-regex/slo-rules.yaml")
        assertGolden(try #require(files["variant-regex/prod/prometheus/api.test.yaml"]),
                     "prometheus/variant-regex/api.test.yaml")
    }

    /// The decoys prove each regular expression is in the rules: with either matcher left out of the rule file, the
    /// generated tests fail.
    @Test(.enabled(if: ExternalTool.usable("promtool"), ExternalTool.skipNote("promtool")),
          arguments: [#",handler!~"/api/.*/export""#, #",handler=~"/api/(orders|carts)(/.*)?""#])
    func theGeneratedTestsCatchAMissingRegexMatcher(matcher: String) throws {
        var files = try Self.prometheusFiles(try #require(Self.variants["regex"]))
        let path = "variant-regex/prod/prometheus/slo-rules.yaml"
        let rules = try #require(files[path])
        #expect(rules.contains(matcher))
        files[path] = rules.replacingOccurrences(of: matcher, with: "")
        try Self.withFiles(files) { root in
            let result = try Self.promtool(["test", "rules", "api.test.yaml"],
                                           in: root.appendingPathComponent("variant-regex/prod/prometheus"))
            #expect(result.status != 0, "\(result)")
        }
    }

    @Test func everyFileIsOneYAMLDocumentWithTheHeader() throws {
        for (path, text) in try Self.catalogFiles() {
            #expect(text.hasPrefix("# Generated by infragen from "), "\(path)")
            #expect(try YAML.parse(text).count == 1, "\(path)")
        }
    }

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

    // MARK: - Decimals and factors

    /// Objectives and budgets print as exact decimals, never as 0.9990000000000001.
    @Test(arguments: [(99.9, "0.999", "0.001"), (99.95, "0.9995", "0.0005"), (99.99, "0.9999", "0.0001"),
                      (99.5, "0.995", "0.005"), (99.999, "0.99999", "0.00001"), (97, "0.97", "0.03")])
    func decimalsAreExact(percent: Double, objective: String, budget: String) throws {
        let system = Self.system { SLO("exact") { Availability(.percent(percent)) } }
        let rules = try #require(try Self.prometheusFiles(system)["sample/prod/prometheus/slo-rules.yaml"])
        #expect(rules.contains("expr: vector(\(objective))\n"))
        #expect(rules.contains("expr: vector(\(budget))\n"))
        #expect(rules.contains("> (14.4 * \(budget))\n"))
        #expect(rules.contains("/ \(budget)\n"))
        // No binary-float residue anywhere (a run of zeros or nines after a decimal point).
        for residue in ["00000000", "99999999"] { #expect(!rules.contains(residue), "\(residue) in the rules") }
        let document = try #require(try YAML.parse(rules).first)
        // Groups: slo-exact-sli, slo-exact-long, slo-exact (the ratios over 5m, 30m, 1h, 2h, 6h, then the metadata).
        #expect(document["groups"]?[2]?["name"]?.scalarText == "slo-exact")
        let rule = try #require(document["groups"]?[2]?["rules"]?[5])
        #expect(rule["record"]?.scalarText == "slo:objective:ratio")
        #expect(rule["expr"]?.scalarText == "vector(\(objective))")
    }

    /// The factors are share × window / long window, rounded half up to 4 decimals.
    @Test(arguments: [(30, ["14.4", "6", "3", "1"]), (28, ["13.44", "5.6", "2.8", "0.9333"]),
                      (7, ["3.36", "1.4", "0.7", "0.2333"])])
    func burnRateFactors(days: Int, factors: [String]) throws {
        let conditions = BurnRatePolicy.Severity.allCases.flatMap(\.conditions)
        #expect(conditions.map { $0.factor(window: .days(days)) } == factors)
        let system = Self.system { SLO("factors") { Availability(.percent(99.9)); Window(.days(days)) } }
        let rules = try #require(try Self.prometheusFiles(system)["sample/prod/prometheus/slo-rules.yaml"])
        for factor in factors { #expect(rules.contains("> (\(factor) * 0.001)\n"), "factor \(factor)") }
    }

    @Test func theWindowRatioIsWeightedByTraffic() throws {
        let rules = try #require(try Self.shopFiles()["shop/prod/prometheus/slo-rules.yaml"])
        #expect(rules.contains("record: slo:sli_error:ratio_rate30d"))
        // The long windows sum the 5m rate records (bad over total, never an average of ratios); no raw [1d] … [30d].
        #expect(rules.contains("sum_over_time(slo:sli_error:rate5m{") && rules.contains("[29d23h59m59s])\n      /\n")
                    && rules.contains("sum_over_time(slo:sli_total:rate5m{"))
        for window in ["1d", "3d", "30d"] { #expect(!rules.contains("[\(window)]"), "a raw \(window) range") }
        #expect(!rules.contains("avg_over_time") && !rules.contains("histogram_quantile"))
    }

    // MARK: - Validation

    /// An alert whose threshold (factor × budget) is at least 1 can never fire, and is refused at the objective.
    /// Issue 17: dev records only, staging raises tickets only, prod pages and tickets, unless an environment says
    /// otherwise with Alerting(…); Alerts(page:ticket:) switches an SLO's own off; every alert and series carries the
    /// environment.
    @Test func alertsFollowTheEnvironmentsPolicyAndTheSLOsSwitches() throws {
        func alerts(_ files: [String: String], _ path: String) throws -> [String] {
            let rules = try #require(files[path])
            return rules.split(separator: "\n").filter { $0.hasPrefix("  - alert: ") }
                .map { String($0.dropFirst("  - alert: ".count)) }
        }
        let shop = try Self.shopFiles()
        #expect(try alerts(shop, "shop/dev/prometheus/slo-rules.yaml") == [])
        #expect(try alerts(shop, "shop/staging/prometheus/slo-rules.yaml") == [
            "OrderCreationAvailabilityBudgetBurn", "OrderCreationLatencyBudgetBurn",
            "OrderCreationAvailabilityNoData", "OrderCreationLatencyNoData"])
        let prod = try #require(shop["shop/prod/prometheus/slo-rules.yaml"])
        #expect(prod.components(separatedBy: "severity: page").count - 1 == 2)
        #expect(prod.components(separatedBy: "severity: ticket").count - 1 == 4)
        #expect(prod.components(separatedBy: "environment: prod").count - 1
            == prod.components(separatedBy: "  labels:").count - 1)

        let declared = try Self.prometheusFiles(System("policy") {
            SourceRepository("https://git.example.com/policy", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .dev) { Host("dev.policy.example.com"); Alerting(.pagesAndTickets) }
            Deploy(to: .prod) { Host("policy.example.com"); Alerting(.ticketsOnly) }
            Service("api") {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                SLO("requests-availability") {
                    Availability(.percent(99.9))
                    Alerts(ticket: false)
                }
            }
        }.description)
        // The stutter is gone; the SLO's own switch wins over the environment's policy.
        #expect(try alerts(declared, "policy/dev/prometheus/slo-rules.yaml") == ["RequestsAvailabilityBudgetBurn"])
        #expect(try alerts(declared, "policy/prod/prometheus/slo-rules.yaml") == [])
    }

    @Test func alertNamesLabelsAndAnnotationsAreChecked() {
        let system = Self.system {
            SLO("checkout", fileID: Self.file, line: 5) {
                Availability(.percent(99.9))
                AlertName("checkout-errors")
                AlertLabels(["severity": "low", "channel": "a\nb"])
                AlertAnnotations(dashboard: "grafana/d/1")
            }
        }
        let messages = RenderPipeline().validate([system]).map(\.description)
        #expect(messages.contains { $0.contains("Sample.swift:5: error: sample/api: slo[checkout].alertName: 'checkout-errors' is not an alert name in upper camel case") })
        #expect(messages.contains { $0.contains("slo[checkout].alertLabels: the label 'severity' is set by infragen on every alert") })
        #expect(messages.contains { $0.contains("slo[checkout].alertLabels: the value of 'channel' is empty or spans lines") })
        #expect(messages.contains { $0.contains("slo[checkout].annotations.dashboard_url: 'grafana/d/1' is not an http(s) URL") })
        // The generator's own check runs on a model without errors.
        let colliding = Self.system {
            SLO("checkout-availability", fileID: Self.file, line: 7) { Availability(.percent(99.9)) }
            SLO("orders", fileID: Self.file, line: 9) {
                Availability(.percent(99.9))
                AlertName("Checkout")
            }
        }
        #expect(RenderPipeline().validate([colliding]).map(\.description).contains(
            "Blueprints/Sample.swift:9: error: sample/api: slo[orders].alertName: the alert name "
                + "'CheckoutAvailabilityBudgetBurn' is also an alert of SLO 'checkout-availability'; rename one of the "
                + "SLOs, or give one an AlertName(…)"))
    }

    @Test func anAlertThatCanNeverFireIsRefused() {
        let system = sampleSystem(fileID: Self.file, line: 1) {
            SLO("checkout", fileID: Self.file, line: 2) {
                Availability(.percent(80), fileID: Self.file, line: 3)
                Latency(.percent(90), under: .milliseconds(500), fileID: Self.file, line: 4)
            }
        }
        #expect(RenderPipeline().validate([system]).map(\.description) == [
            "Blueprints/Sample.swift:3: error: sample/api: slo[checkout].availability: the page alert on 1h and 5m can never fire: its threshold 14.4 × the error budget 0.2 is 2.88, and an error ratio is at most 1; use an objective of at least 93.0556 % for a 30d window, or a shorter window",
            "Blueprints/Sample.swift:3: error: sample/api: slo[checkout].availability: the page alert on 6h and 30m can never fire: its threshold 6 × the error budget 0.2 is 1.2, and an error ratio is at most 1; use an objective of at least 83.3334 % for a 30d window, or a shorter window",
            "Blueprints/Sample.swift:4: error: sample/api: slo[checkout].latency: the page alert on 1h and 5m can never fire: its threshold 14.4 × the error budget 0.1 is 1.44, and an error ratio is at most 1; use an objective of at least 93.0556 % for a 30d window, or a shorter window",
        ])
        // 90 % over 7 days is fine: 3.36 × 0.1 < 1.
        let weekly = Self.system { SLO("weekly") { Availability(.percent(90)); Window(.days(7)) } }
        #expect(RenderPipeline().validate([weekly]).isEmpty)
    }

    /// A threshold below one request in a million cannot be exercised by a test, and is refused.
    @Test func aThresholdBelowOneInAMillionIsRefused() {
        let system = sampleSystem(fileID: Self.file, line: 1) {
            SLO("strict", fileID: Self.file, line: 2) {
                Availability(.percent(99.9999), fileID: Self.file, line: 3)
                Window(.days(28))
            }
        }
        #expect(RenderPipeline().validate([system]).map(\.description) == [
            "Blueprints/Sample.swift:3: error: sample/api: slo[strict].availability: the ticket alert on 3d and 6h would fire above an error ratio of 0.0000009333, less than one request in a million, which the generated tests cannot exercise; use an objective of at most 99.9998 % for a 28d window, or a longer window",
        ])
        let monthly = Self.system { SLO("monthly") { Availability(.percent(99.9999)); Window(.days(30)) } }
        #expect(RenderPipeline().validate([monthly]).isEmpty)
    }

    /// The test builder finds its error rates and times for any valid objective and window (it throws when it
    /// cannot state an expectation safely); promtool runs a sample of these above.
    @Test(arguments: [1, 2, 7, 90])
    func theTestBuilderWorksForAnyObjectiveAndWindow(days: Int) throws {
        var built = 0
        for percent in [95, 99.5, 99.99] {
            let system = Self.system {
                SLO("grid", handler: "/api") {
                    Availability(.percent(percent))
                    Latency(.percent(99.9), under: .milliseconds(250))
                    Window(.days(days))
                }
            }
            // 95 % over 90 days would page at 43.2 × 0.05 > 1: refused by validation, not a case for the builder.
            if RenderPipeline().validate([system]).hasErrors { continue }
            built += 1
            let files = try renderInMemory([system], selection: RenderSelection(environments: ["prod"], kinds: [.prometheus]))
            #expect(files.keys.filter { $0.hasSuffix(".test.yaml") }.count == 3, "\(days)d \(percent) %")
        }
        #expect(built >= 2)
    }

    @Test func sloNamesErrorCodesAndMatchersAreChecked() {
        let system = System("sample", fileID: Self.file, line: 1) {
            SourceRepository("https://git.example.com/sample", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .prod)
            Service("api", fileID: Self.file, line: 3) {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                SLO("orders", fileID: Self.file, line: 5) { Availability(.percent(99)); ErrorCodes("5xx") }
                SLO("all", fileID: Self.file, line: 6) { Availability(.percent(99)); ErrorCodes("...") }
                SLO("scoped", matching: ["namespace": "other"], fileID: Self.file, line: 7) { Availability(.percent(99)) }
            }
            Service("web", fileID: Self.file, line: 9) {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                SLO("orders", fileID: Self.file, line: 11) { Availability(.percent(99)); ErrorCodes("5..|429") }
            }
        }.description
        #expect(RenderPipeline().validate([system]).map(\.description) == [
            "Blueprints/Sample.swift:5: error: sample/api: slo[orders].errorCodes: '5xx' is not a pattern of 3-digit status codes that infragen can test; use alternatives of three digits, '.', '\\d' or classes such as [45], e.g. 5.. or 5..|429",
            "Blueprints/Sample.swift:6: error: sample/api: slo[all].errorCodes: '...' counts every status code as an error; use e.g. 5..",
            "Blueprints/Sample.swift:7: error: sample/api: slo[scoped].matchers: the SLO matches on 'namespace', which the generated rules already set; match on request labels such as handler and method; the namespace, service, status code and bucket come from the environment and Metrics(…)",
            "Blueprints/Sample.swift:11: error: sample/web: slo[orders].name: SLO 'orders' is also declared by service 'api', and one rule file holds every SLO of the system; give each SLO of the system its own name",
        ])
    }

    @Test func statusCodePatterns() throws {
        let pattern = try #require(StatusCodePattern(#"5..|429|40[13]|\d\d8|3[0-2]7"#))
        #expect(pattern.matches(503) && pattern.matches(429) && pattern.matches(401) && pattern.matches(403))
        #expect(pattern.matches(208) && pattern.matches(317) && !pattern.matches(337) && !pattern.matches(402))
        #expect(pattern.testErrorCode == 500 && pattern.testSuccessCode == 200)
        #expect(StatusCodePattern("200")?.testSuccessCode == 100)
        for bad in ["5", "5...", "5x.", "(5..)", "5..|", "[]00", "[a]00"] { #expect(StatusCodePattern(bad) == nil, "\(bad)") }
    }

    // MARK: - Oracle

    @Test func fractionsRoundLikePromQL() {
        #expect(Fraction(97, 20000).roundedMillionths == 4850)
        #expect(Fraction(1, 3).roundedMillionths == 333333)
        #expect(Fraction(2, 3).roundedMillionths == 666667)
        #expect(Fraction(-1, 3).roundedMillionths == -333333)
        #expect(Fraction(1, 2_000_000).roundedMillionths == nil)   // exactly half a millionth: float-unsafe
        #expect(Fraction(14, 15).millionths(roundingUp: false) == 933333)
        #expect(Fraction(14, 15).millionths(roundingUp: true) == 933334)
        #expect(Fraction(1, 3) + Fraction(1, 6) == Fraction(1, 2))
        #expect(Fraction(3, 4) * Fraction(2, 3) == Fraction(1, 2))
        #expect(Fraction(1, 2) / Fraction(1, 4) == Fraction(2))
        #expect(Fraction(1, 3) < Fraction(334, 1000) && !(Fraction(1, 2) < Fraction(1, 2)))
    }

    /// Under constant traffic both range semantics give the plain ratio; a steady burn fires after `for`.
    @Test func theOracleMatchesTheClosedForms() throws {
        let profile = TrafficProfile().adding(600, total: 1_000_000, bad: 10_000)
        let oracle = RateOracle(profile, grid: 1)
        for model in RateOracle.Model.allCases {
            #expect(oracle.ratio(at: 300, window: 60, model) == Fraction(1, 100))
            #expect(oracle.ratio(at: 300, window: 1440, model) == Fraction(1, 100))
        }
        #expect(oracle.ratio(at: 0, window: 5, .v2) == nil)
        let service = try #require(catalog.descriptions.first?.resolve().environments.last?.services.first)
        let objective = try #require(SLIObjective.all(of: service.slos[0], in: service).first)
        // 1 % against a 0.5 % budget: burn rate 2, the 3d/6h ticket alone; on a 1m grid pending at 1m, firing at 16m.
        let simulation = AlertSimulation(profile, objective: objective, step: 1, horizon: 60)
        #expect(simulation.firstFiring(.ticket) == 16)
        #expect(simulation.firstFiring(.page) == nil)
        #expect(simulation.firing(at: 15) == [])
    }

    /// The oracle reads counters in closed form per segment; they must equal the minute-by-minute sums for any
    /// profile (seeded, repeatable).
    @Test func closedFormCountersEqualTheMinuteByMinuteSums() {
        var random = SeededRandom(seed: 0x5EED_C0DE)
        for _ in 0..<200 {
            var profile = TrafficProfile()
            var bad = [0], total = [0]
            for _ in 0..<Int(random.next() % 6) {
                let minutes = Int(random.next() % 50), requests = Int(random.next() % 1000)
                let errors = requests == 0 ? 0 : Int(random.next() % UInt64(requests + 1))
                profile.add(minutes, total: requests, bad: errors)
                for _ in 0..<minutes {
                    bad.append(bad.last! + errors)
                    total.append(total.last! + requests)
                }
            }
            let counters = profile.counters()
            #expect(counters.length == bad.count - 1)
            for t in 0..<bad.count {
                let read = counters.at(t)
                #expect(read.bad == bad[t] && read.total == total[t], "minute \(t) of \(profile.segments)")
            }
        }
    }
}
