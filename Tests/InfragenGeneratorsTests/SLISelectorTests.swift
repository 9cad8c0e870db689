import Foundation
import Infragen
@testable import InfragenGenerators
import InfragenRender
import InfragenTestSupport
import InfragenYAML
import Testing

/// Issue 17's settable selector (README, "Flexible SLIs"): the service label's name and value and whether `namespace`
/// is matched, in the rules, in the series the generated tests feed (with a decoy per matcher), in the monitor's
/// relabelings and in the system README.
@Suite struct SLISelectorTests {
    static let file = "Blueprints/Selector.swift"

    /// The api service's series carry `job="orders-api"`; prod's Prometheus adds no namespace label, staging's does.
    static let selector = System("selector", fileID: file, line: 1) {
        SourceRepository("https://git.example.com/selector", license: "Apache-2.0")
        Defaults { ImageTag("1.0.0") }
        Deploy(to: .staging) { Host("staging.selector.example.com") }
        Deploy(to: .prod, fileID: file, line: 5) {
            Host("selector.example.com"); TLS()
            SLISelector(matchNamespace: false, fileID: file, line: 7)
        }
        Service("api", fileID: file, line: 10) {
            Port("http", 8080)
            Health(liveness: "/healthz", readiness: "/readyz")
            Metrics(.promhttp)
            SLISelector(serviceLabel: "job", value: "orders-api", fileID: file, line: 14)
            SLO("orders", handler: "/api/orders", method: "POST") {
                Availability(.percent(99.9))
                Latency(.percent(99), under: .milliseconds(500))
            }
        }
    }.description

    static func files(_ system: SystemDescription = selector) throws -> [String: String] {
        try renderInMemory([system])
    }

    @Test func theRulesSelectExactlyTheConfiguredLabels() throws {
        let files = try Self.files()
        let prod = try #require(files["selector/prod/prometheus/slo-rules.yaml"])
        let staging = try #require(files["selector/staging/prometheus/slo-rules.yaml"])
        #expect(prod.contains(#"http_requests_total{job="orders-api",handler="/api/orders",method="post"}"#))
        #expect(!prod.contains(#"_total{namespace="#) && !prod.contains(#"_count{namespace="#))
        #expect(staging.contains(
            #"http_requests_total{namespace="selector-staging",job="orders-api",handler="/api/orders",method="post"}"#))
        // The generated tests feed series with exactly these labels: no namespace in prod.
        let tests = try #require(files["selector/prod/prometheus/orders.test.yaml"])
        #expect(tests.contains(#"http_requests_total{job="orders-api",handler="/api/orders",method="post""#))
        #expect(!tests.contains(#"{namespace="selector-prod""#))
    }

    /// Each matcher of the selector is proven by a decoy: with it left out of the rules, the generated tests fail.
    @Test(.enabled(if: ExternalTool.usable("promtool"), ExternalTool.skipNote("promtool")),
          arguments: [("prod", #"job="orders-api","#), ("staging", #"job="orders-api","#),
                      ("staging", #"namespace="selector-staging","#)])
    func theGeneratedTestsCatchAMissingSelectorMatcher(environment: String, matcher: String) throws {
        var files = try Self.files()
        let folder = "selector/\(environment)/prometheus"
        try PrometheusGeneratorTests.runGeneratedTests(files, folder: folder)
        let path = folder + "/slo-rules.yaml"
        let rules = try #require(files[path])
        #expect(rules.contains(matcher))
        files[path] = rules.replacingOccurrences(of: matcher, with: "")
        try PrometheusGeneratorTests.withFiles(files) { root in
            let result = try PrometheusGeneratorTests.promtool(
                ["test", "rules", "orders.test.yaml"], in: root.appendingPathComponent(folder))
            #expect(result.status != 0, "\(result)")
        }
    }

    /// The monitor gives every series the configured label and value (a `$` doubled, as relabeling expands it).
    @Test func theMonitorProducesTheConfiguredLabelValue() throws {
        let manifest = try #require(try Self.files()["selector/prod/kubernetes/api.yaml"])
        let monitor = try #require(try ScrapeWiringTests.objects(manifest, kind: "PodMonitor").first)
        guard case .sequence(let relabelings)? = monitor["spec"]?["podMetricsEndpoints"]?[0]?["relabelings"] else {
            Issue.record("no relabelings"); return
        }
        #expect(relabelings.compactMap { $0["targetLabel"]?.scalarText } == ["namespace", "job", "track"])
        #expect(relabelings[1]["replacement"] == "orders-api")
        #expect(MonitorBuilder.replacement("a$1b$$") == "a$$1b$$$$")
    }

    /// Settings laid part by part: a service's label and value, an environment's namespace switch, an Override's value.
    @Test func theSelectorIsLayeredLikeEverySetting() throws {
        let system = System("layers") {
            SourceRepository("https://git.example.com/layers", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0"); SLISelector(serviceLabel: "app") }
            Deploy(to: .dev) { SLISelector(matchNamespace: false) }
            Deploy(to: .prod) { Host("layers.example.com"); TLS() }
            Service("api") {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                Metrics(serviceLabel: "job")
                Override(.prod) { SLISelector(value: "api-prod") }
                SLO("all") { Availability(.percent(99.9)) }
            }
        }.description
        let files = try Self.files(system)
        #expect(try #require(files["layers/dev/prometheus/slo-rules.yaml"]).contains(#"http_requests_total{job="api"}"#))
        #expect(try #require(files["layers/prod/prometheus/slo-rules.yaml"])
            .contains(#"http_requests_total{namespace="layers-prod",job="api-prod"}"#))
        let readme = try #require(files["layers/README.md"])
        #expect(readme.contains(#"dev: job="api"; prod: namespace="layers-prod",job="api-prod""#))
    }

    @Test func aServiceLabelTheInstrumentationWritesIsRefused() {
        let system = System("clash", fileID: Self.file, line: 1) {
            SourceRepository("https://git.example.com/clash", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .prod) { Host("clash.example.com"); TLS() }
            Service("api", fileID: Self.file, line: 3) {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                SLISelector(serviceLabel: "handler", fileID: Self.file, line: 6)
                SLO("all") { Availability(.percent(99.9)) }
            }
        }.description
        let diagnostics = RenderPipeline().validate([system])
        #expect(diagnostics.count == 1, "\(diagnostics)")
        #expect(diagnostics.first?.field == "sli.serviceLabel")
        #expect(diagnostics.first?.message.contains("'handler' is one promhttp writes") == true)
        #expect(diagnostics.first?.location == SourceLocation(fileID: Self.file, line: 6))
    }
}
