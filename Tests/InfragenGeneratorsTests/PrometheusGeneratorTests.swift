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
}
