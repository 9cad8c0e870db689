import Foundation
import Infragen
@testable import InfragenGenerators
import InfragenRender
import InfragenTestSupport
import InfragenYAML
import Testing

/// `MinimumTraffic` (per SLO, or an environment's default) guards every condition of the burn-rate alerts with the
/// long window's average traffic; `NoDataAfter` may be an environment's default too. The generated promtool tests
/// prove that the alerts stay silent below the guard and fire above it, and fail when the guard is gone.
@Suite struct MinimumTrafficTests {
    static let file = "Blueprints/Guarded.swift"

    /// Staging (tickets) guards at `environmentGuard` and waits `environmentWait` minutes for data; prod (pages and
    /// tickets) has no default. `checkout` may set its own guard; `browse` never does.
    static func system(
        sloGuard: RequestRate? = nil, environmentGuard: RequestRate? = .requestsPerHour(30),
        environmentWait: Int? = 45
    ) -> SystemDescription {
        System("guarded", fileID: file, line: 1) {
            SourceRepository("https://git.example.com/guarded", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .staging) {
                Host("staging.example.com")
                if let environmentGuard { MinimumTraffic(environmentGuard) }
                if let environmentWait { NoDataAfter(.minutes(environmentWait)) }
            }
            Deploy(to: .prod) { Host("example.com"); TLS(); Replicas(2) }
            Service("api", fileID: file, line: 5) {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                Route("/api")
                SLO("checkout", handler: "/api/checkout", fileID: file, line: 9) {
                    Availability(.percent(99.9))
                    Latency(.percent(99), under: .milliseconds(250))
                    if let sloGuard { MinimumTraffic(sloGuard) }
                }
                SLO("browse", handler: "/api/browse", fileID: file, line: 13) {
                    Availability(.percent(99.9))
                    Latency(.percent(99), under: .milliseconds(250))
                }
            }
        }.description
    }

    /// Alert name → (expressions, for), in one environment's rule file; a page's and a ticket's expressions (one
    /// alert name) are joined by a blank line.
    static func alerts(_ files: [String: String], _ environment: String) throws -> [String: (expr: String, for: String)] {
        let text = try #require(files["guarded/\(environment)/prometheus/slo-rules.yaml"])
        var alerts: [String: (expr: String, for: String)] = [:]
        guard case .sequence(let groups)? = try YAML.parse(text).first?["groups"] else { return [:] }
        for group in groups {
            guard case .sequence(let rules)? = group["rules"] else { continue }
            for rule in rules {
                guard let name = rule["alert"]?.scalarText else { continue }
                let expression = rule["expr"]?.scalarText ?? ""
                let earlier = alerts[name].map { $0.expr + "\n" } ?? ""
                alerts[name] = (earlier + expression, rule["for"]?.scalarText ?? "")
            }
        }
        return alerts
    }

    static func guardLine(_ objective: String, _ slo: String, _ window: String, _ tail: String) -> String {
        "avg_over_time(slo:sli_total:rate5m{environment=\"staging\",namespace=\"guarded-staging\","
            + "objective=\"\(objective)\",service=\"api\",slo=\"\(slo)\"}[\(window)]) \(tail)\n)"
    }

    @Test func theEnvironmentsGuardIsAnAndOnEveryConditionsLongWindow() throws {
        let files = try PrometheusGeneratorTests.prometheusFiles(Self.system())
        let staging = try Self.alerts(files, "staging")
        for (slo, stem) in [("checkout", "Checkout"), ("browse", "Browse")] {
            for objective in ["availability", "latency"] {
                let expression = try #require(staging["\(stem)\(objective.capitalized)BudgetBurn"]).expr
                // Staging raises tickets only: 1d/2h and 3d/6h, each guarded on its long window.
                #expect(expression.components(separatedBy: "\nor\n").count == 2)
                #expect(expression.contains(Self.guardLine(objective, slo, "1d", "* 3600 >= 30")), "\(expression)")
                #expect(expression.contains(Self.guardLine(objective, slo, "3d", "* 3600 >= 30")), "\(expression)")
            }
        }
        let rules = try #require(files["guarded/staging/prometheus/slo-rules.yaml"])
        #expect(rules.contains("#   minimum traffic: each condition also needs 30 requests per hour or more over its "
            + "long window (MinimumTraffic)\n"))
        #expect(rules.contains("with at least 30 requests per hour over the long window. Objective 99.9 %."))
        // Prod declares no guard.
        #expect(try Self.alerts(files, "prod").values.allSatisfy { !$0.expr.contains("avg_over_time") })
    }

    /// An SLO's own guard wins over the environment's, and applies where the environment has none.
    @Test func theSLOsOwnGuardWins() throws {
        let files = try PrometheusGeneratorTests.prometheusFiles(Self.system(sloGuard: .requestsPerMinute(5)))
        let staging = try Self.alerts(files, "staging"), prod = try Self.alerts(files, "prod")
        #expect(try #require(staging["CheckoutAvailabilityBudgetBurn"]).expr.contains("* 60 >= 5\n)"))
        #expect(try #require(staging["BrowseAvailabilityBudgetBurn"]).expr.contains("* 3600 >= 30\n)"))
        let page = try #require(prod["CheckoutAvailabilityBudgetBurn"]).expr
        #expect(page.components(separatedBy: "* 60 >= 5\n)").count - 1 == 4, "\(page)")
        for window in ["1h", "6h", "1d", "3d"] { #expect(page.contains("[\(window)]) * 60 >= 5\n)"), "\(window)") }
        #expect(try #require(prod["BrowseAvailabilityBudgetBurn"]).expr.contains("avg_over_time") == false)
        // A guard is part of the shape: checkout and browse are proven apart in prod.
        #expect(files["guarded/prod/prometheus/checkout.long.test.yaml"] != nil)
        #expect(files["guarded/prod/prometheus/browse.long.test.yaml"] != nil)
    }

    /// `NoDataAfter` in `Deploy(to:)` is the wait of every SLO there; prod keeps 10 minutes.
    @Test func theEnvironmentsNoDataWaitIsTheDefault() throws {
        let files = try PrometheusGeneratorTests.prometheusFiles(Self.system())
        let staging = try Self.alerts(files, "staging"), prod = try Self.alerts(files, "prod")
        #expect(try #require(staging["CheckoutAvailabilityNoData"]).for == "45m")
        #expect(try #require(staging["BrowseLatencyNoData"]).for == "45m")
        #expect(try #require(prod["CheckoutAvailabilityNoData"]).for == "10m")
    }

    /// promtool passes the generated 1m-grid tests (silent at a quarter of the guard, firing at ten times it) in
    /// staging (per hour, tickets) and prod (per minute, pages and tickets), and fails them when the rules' guard asks
    /// for nothing.
    @Test(.enabled(if: ExternalTool.usable("promtool"), ExternalTool.skipNote("promtool")),
          arguments: [("staging", false), ("prod", false), ("staging", true)])
    func promtoolJudgesTheGuard(environment: String, removeGuard: Bool) throws {
        var files = try PrometheusGeneratorTests.prometheusFiles(Self.system(sloGuard: .requestsPerMinute(7)))
        let folder = "guarded/\(environment)/prometheus"
        let test = try #require(files["\(folder)/checkout.test.yaml"])
        #expect(test.contains("every request an error, at a quarter of the minimum traffic (7 requests per minute)"))
        if removeGuard {
            let rules = try #require(files["\(folder)/slo-rules.yaml"])
            #expect(rules.contains("* 60 >= 7\n"))
            files["\(folder)/slo-rules.yaml"] = rules.replacingOccurrences(of: "* 60 >= 7\n", with: "* 60 >= 0\n")
        }
        try PrometheusGeneratorTests.withFiles(files) { root in
            let result = try PrometheusGeneratorTests.promtool(
                ["test", "rules", "checkout.test.yaml"], in: root.appendingPathComponent(folder))
            #expect((result.status == 0) == !removeGuard, "\(result)")
        }
    }

    /// A guard per hour is fed as a decimal per minute: browse's staging tests (30 per hour) pass too.
    @Test(.enabled(if: ExternalTool.usable("promtool"), ExternalTool.skipNote("promtool")))
    func promtoolPassesAnHourlyGuardsTests() throws {
        let files = try PrometheusGeneratorTests.prometheusFiles(Self.system())
        let test = try #require(files["guarded/staging/prometheus/browse.test.yaml"])
        #expect(test.contains("values: '0+0.125x40'"), "a quarter of 30 per hour is 0.125 per minute")
        try PrometheusGeneratorTests.withFiles(files) { root in
            let result = try PrometheusGeneratorTests.promtool(
                ["test", "rules", "browse.test.yaml", "checkout.test.yaml"],
                in: root.appendingPathComponent("guarded/staging/prometheus"))
            #expect(result.status == 0, "\(result)")
        }
    }
}
