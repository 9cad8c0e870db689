import InfragenExampleBlueprints
import Foundation
import Infragen
@testable import InfragenGenerators
import InfragenRender
import InfragenTestSupport
import InfragenYAML
import Testing

/// The canary comparison records (`slo-<slo>-canary`): per track, the error ratios and burn rates the release gate
/// reads, where a service runs a canary; proven by the generated promtool tests, which fail when the track is summed
/// away or the gate's query cannot match the two tracks.
@Suite struct CanaryRulesTests {
    static let file = "Blueprints/Canary.swift"

    /// A prod with a canary; `raw` gives the SLO a raw-PromQL SLI, `noCanary` leaves the service out.
    static func system(raw: Bool = false, noCanary: Bool = false) -> SystemDescription {
        System("canaried", fileID: file, line: 1) {
            SourceRepository("https://git.example.com/canaried", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .staging) { Host("staging.example.com") }
            Deploy(to: .prod) { Host("example.com"); TLS(); Replicas(3); Canary(.percent(10)) }
            Service("api", fileID: file, line: 5) {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                Route("/api")
                if noCanary { Override(.prod) { NoCanary() } }
                if raw {
                    SLO("checkout", fileID: file, line: 9) {
                        SLI(errors: #"sum(rate(app_events_total{namespace="$namespace",outcome="error"}[$window]))"#,
                            total: #"sum(rate(app_events_total{namespace="$namespace"}[$window]))"#)
                        Availability(.percent(99.5))
                    }
                } else {
                    SLO("checkout", handler: "/api/checkout", method: "POST", fileID: file, line: 9) {
                        Availability(.percent(99.5))
                        Latency(.percent(99), under: .milliseconds(250))
                    }
                }
            }
        }.description
    }

    static func rules(_ files: [String: String], _ environment: String) throws -> String {
        try #require(files["canaried/\(environment)/prometheus/slo-rules.yaml"])
    }

    /// The rule group per record name → its labels, for one rule file.
    static func records(_ text: String, group name: String) throws -> [(record: String, labels: [String: String])] {
        guard case .sequence(let groups)? = try YAML.parse(text).first?["groups"] else { return [] }
        var result: [(String, [String: String])] = []
        for group in groups where group["name"]?.scalarText == name {
            guard case .sequence(let rules)? = group["rules"] else { continue }
            for rule in rules {
                var labels: [String: String] = [:]
                if case .mapping(let pairs)? = rule["labels"] {
                    for pair in pairs { labels[pair.key] = pair.value.scalarText }
                }
                result.append((rule["record"]?.scalarText ?? "", labels))
            }
        }
        return result
    }

    @Test func prodRecordsEachTracksRatiosAndBurnRatesOverTheGatesWindows() throws {
        let files = try PrometheusGeneratorTests.prometheusFiles(Self.system())
        let records = try Self.records(try Self.rules(files, "prod"), group: "slo-checkout-canary")
        var expected: [String] = []
        for _ in ["availability", "latency"] {
            for window in ["5m", "30m", "1h"] {
                expected += ["slo:canary_error:ratio_rate\(window)", "slo:canary_burn_rate:ratio_rate\(window)"]
            }
        }
        #expect(records.map(\.record) == expected)
        for record in records {
            #expect(record.labels["environment"] == "prod" && record.labels["namespace"] == "canaried-prod"
                        && record.labels["service"] == "api" && record.labels["slo"] == "checkout")
        }
        let text = try Self.rules(files, "prod")
        #expect(text.contains("sum by (track) (rate(http_requests_total{namespace=\"canaried-prod\",service=\"api\","))
        #expect(text.contains("#   canary: per track, error ratios and burn rates over 5m, 30m, 1h (slo-checkout-canary)"))
        // The test file evaluates the canary group after the SLO's others.
        let test = try #require(files["canaried/prod/prometheus/checkout.test.yaml"])
        #expect(test.contains("- slo-checkout\n- slo-checkout-canary\n"))
    }

    /// No canary, no comparison: staging, a service left out with `NoCanary()`, and a raw SLI (whose queries may sum
    /// the track away) get no canary group, and their test files do not name one.
    @Test func noCanaryGroupWithoutACanaryOrWithARawSLI() throws {
        let plain = try PrometheusGeneratorTests.prometheusFiles(Self.system())
        #expect(try !Self.rules(plain, "staging").contains("-canary"))
        let left = try PrometheusGeneratorTests.prometheusFiles(Self.system(noCanary: true))
        #expect(try !Self.rules(left, "prod").contains("slo-checkout-canary"))
        #expect(try #require(left["canaried/prod/prometheus/checkout.test.yaml"]).contains("-canary") == false)
        let raw = try PrometheusGeneratorTests.prometheusFiles(Self.system(raw: true))
        let rules = try Self.rules(raw, "prod")
        #expect(!rules.contains("slo-checkout-canary"))
        #expect(rules.contains("#   canary: no comparison records (the SLI is PromQL of the blueprint's"))
    }

    /// The gate of the shop's pipeline reads the records the shop's prod rules write: the record over its analysis
    /// window, with the environment's and namespace's values the records carry, by track.
    @Test func theShopsGateReadsTheRecordsItsProdRulesWrite() throws {
        let files = try renderInMemory(catalog.descriptions, selection: RenderSelection(systems: ["shop"]))
        let script = try #require(files["shop/ci/pipeline.sh"])
        let rules = try #require(files["shop/prod/prometheus/slo-rules.yaml"])
        let record = CanaryRecords.burnRateRecord(minutes: 30)
        #expect(script.contains("count(\(record){environment=\"prod\",namespace=\"shop-prod\",track=\"canary\"})"))
        #expect(script.contains(CanaryRecords.failureQuery(
            canary: "\(record){environment=\"prod\",namespace=\"shop-prod\",track=\"canary\"}",
            stable: "\(record){environment=\"prod\",namespace=\"shop-prod\",track=\"stable\"}", tolerance: "1")))
        let records = try Self.records(rules, group: "slo-order-creation-canary").filter { $0.record == record }
        #expect(records.count == 2)
        #expect(records.allSatisfy { $0.labels["environment"] == "prod" && $0.labels["namespace"] == "shop-prod" })
        #expect(rules.contains("sum by (track) ("))
    }

    /// promtool passes the generated tests of prod (the canary group's values and the gate's answer), and fails them
    /// when the rules sum the track away or the gate's `and` matches on the track.
    @Test(.enabled(if: ExternalTool.usable("promtool"), ExternalTool.skipNote("promtool")),
          arguments: [nil, ("sum by (track) (", "sum ("),
                      ("and ignoring(track)", "and")] as [(String, String)?])
    func promtoolJudgesTheCanaryRecords(mutation: (String, String)?) throws {
        var files = try PrometheusGeneratorTests.prometheusFiles(Self.system())
        let path = "canaried/prod/prometheus/slo-rules.yaml"
        if let (from, to) = mutation {
            let test = "canaried/prod/prometheus/checkout.test.yaml"
            let target = from.hasPrefix("sum") ? path : test
            let text = try #require(files[target])
            #expect(text.contains(from))
            files[target] = text.replacingOccurrences(of: from, with: to)
        }
        try PrometheusGeneratorTests.withFiles(files) { root in
            let result = try PrometheusGeneratorTests.promtool(
                ["test", "rules", "checkout.test.yaml"], in: root.appendingPathComponent("canaried/prod/prometheus"))
            if mutation == nil {
                #expect(result.status == 0, "\(result)")
            } else {
                #expect(result.status != 0, "\(result)")
            }
        }
    }
}
