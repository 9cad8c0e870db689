import InfragenExampleBlueprints
import Foundation
import Infragen
@testable import InfragenGenerators
import InfragenRender
import InfragenTestSupport
import InfragenYAML
import Testing

/// The Prometheus SLO rules' arithmetic and checks: exact decimals, the burn-rate factors, the traffic-weighted ratio,
/// the generator's own validation and the rate oracle.
extension PrometheusGeneratorTests {
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
