import Infragen
import InfragenTestSupport
import InfragenYAML
import Testing

/// `NoDataAfter`: the no-data alert's `for`, its description, the rule file's comment and the generated tests' times
/// follow the SLO's wait; promtool passes the generated tests at the shortest waits, where their times are tightest.
@Suite struct NoDataAfterTests {
    /// An SLO with both objectives, waiting `minutes` (the default without), and one without a wait of its own.
    static func system(_ minutes: Int?) -> SystemDescription {
        PrometheusGeneratorTests.system(name: "nodata") {
            SLO("checkout", handler: "/api/checkout") {
                Availability(.percent(99.9))
                Latency(.percent(99), under: .milliseconds(250))
                if let minutes { NoDataAfter(.minutes(minutes)) }
            }
            SLO("browse", handler: "/api/browse") {
                Availability(.percent(99.9))
                Latency(.percent(99), under: .milliseconds(250))
            }
        }
    }

    /// The no-data alerts of the prod rule file: alert name → (for, description).
    static func noDataAlerts(_ files: [String: String]) throws -> [String: (for: String, description: String)] {
        let text = try #require(files["nodata/prod/prometheus/slo-rules.yaml"])
        var alerts: [String: (for: String, description: String)] = [:]
        guard case .sequence(let groups)? = try YAML.parse(text).first?["groups"] else { return [:] }
        for group in groups {
            guard case .sequence(let rules)? = group["rules"] else { continue }
            for rule in rules {
                guard let name = rule["alert"]?.scalarText, name.hasSuffix("NoData") else { continue }
                alerts[name] = (rule["for"]?.scalarText ?? "", rule["annotations"]?["description"]?.scalarText ?? "")
            }
        }
        return alerts
    }

    @Test(arguments: [(1, "1m"), (2, "2m"), (30, "30m"), (90, "1h30m"), (1440, "1d")])
    func theNoDataAlertWaitsAsTheSLOSays(minutes: Int, text: String) throws {
        let files = try PrometheusGeneratorTests.prometheusFiles(Self.system(minutes))
        let alerts = try Self.noDataAlerts(files)
        #expect(alerts.keys.sorted() == ["BrowseAvailabilityNoData", "BrowseLatencyNoData",
                                         "CheckoutAvailabilityNoData", "CheckoutLatencyNoData"])
        for name in ["CheckoutAvailabilityNoData", "CheckoutLatencyNoData"] {
            #expect(alerts[name]?.for == text)
            #expect(alerts[name]?.description.contains("} for \(text): the service is down") == true,
                    "\(String(describing: alerts[name]?.description))")
        }
        // The other SLO keeps the default.
        #expect(alerts["BrowseAvailabilityNoData"]?.for == "10m" && alerts["BrowseLatencyNoData"]?.for == "10m")
        let rules = try #require(files["nodata/prod/prometheus/slo-rules.yaml"])
        #expect(rules.contains("# SLO checkout on api, window 30d:\n"))
        #expect(rules.components(separatedBy: "no data: a ticket once the denominator is absent for \(text) (NoDataAfter)")
            .count == 2, "the comment names the checkout SLO's wait once")
    }

    @Test func withoutNoDataAfterTheWaitIsTenMinutes() throws {
        let files = try PrometheusGeneratorTests.prometheusFiles(Self.system(nil))
        #expect(try Self.noDataAlerts(files).values.map(\.for) == ["10m", "10m", "10m", "10m"])
        #expect(try #require(files["nodata/prod/prometheus/slo-rules.yaml"]).contains("(NoDataAfter)") == false)
        // Both SLOs have one shape: the second is proven by the first's deeper tests.
        #expect(files["nodata/prod/prometheus/checkout.long.test.yaml"] != nil)
        #expect(files["nodata/prod/prometheus/browse.long.test.yaml"] == nil)
    }

    /// A wait of its own is part of the SLO's shape: rules with another `for` are not one template.
    @Test func aWaitOfItsOwnIsAShapeOfItsOwn() throws {
        let files = try PrometheusGeneratorTests.prometheusFiles(Self.system(5))
        #expect(files["nodata/prod/prometheus/checkout.long.test.yaml"] != nil)
        #expect(files["nodata/prod/prometheus/browse.long.test.yaml"] != nil)
    }

    /// promtool passes the 1m-grid tests of the SLO with the wait (they hold its no-data groups), whose times follow
    /// the wait: pending just before, firing 3 minutes after; under 3 minutes, the "not yet" check of a series that
    /// never was is at 0m. The long and period tests do not read the wait.
    @Test(.enabled(if: ExternalTool.usable("promtool"), ExternalTool.skipNote("promtool")), arguments: [1, 2, 45])
    func promtoolPassesTheGeneratedNoDataTests(minutes: Int) throws {
        let files = try PrometheusGeneratorTests.prometheusFiles(Self.system(minutes))
        let test = try #require(files["nodata/prod/prometheus/checkout.test.yaml"])
        #expect(test.contains("no data ticket only after it has been absent for \(minutes)m"))
        try PrometheusGeneratorTests.withFiles(files) { root in
            let result = try PrometheusGeneratorTests.promtool(["test", "rules", "checkout.test.yaml"],
                                                               in: root.appendingPathComponent("nodata/prod/prometheus"))
            #expect(result.status == 0 && result.stdout.contains("SUCCESS"), "\(result)")
        }
    }
}

