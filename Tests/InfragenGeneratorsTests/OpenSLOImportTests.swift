import Foundation
import Infragen
import InfragenGenerators
import InfragenRender
import InfragenTestSupport
import Testing

/// Issue 17's OpenSLO import: a realistic OpenSLO v1 file (`Tests/Fixtures/openslo/checkout.yaml`) becomes the SLOs
/// the same blueprint would write in Swift, byte for byte in the rule files, and promtool accepts them. The refusals,
/// each at its line and column in the file, are hostile cases (`HostileCorpus+OpenSLO.swift`).
@Suite struct OpenSLOImportTests {
    static let fixture = "Tests/Fixtures/openslo/checkout.yaml"
    static let blueprint = "Blueprints/Checkout.swift"

    /// The same system, with the checkout service's SLOs imported or written in Swift.
    static func system(@ListBuilder<any ExternalServiceComponent> slos: () -> [any ExternalServiceComponent])
        -> SystemDescription {
        let body = slos()
        return System("checkout", fileID: blueprint, line: 1) {
            Team("checkout")
            Deploy(to: .staging)
            Deploy(to: .prod)
            ExternalService("checkout", namespace: "shop", fileID: blueprint, line: 5) { body }
        }.description
    }

    static let imported = system { ImportOpenSLO(fixture, fileID: blueprint, line: 6) }

    static let written = system {
        SLO("checkout-rpcs", fileID: blueprint, line: 6) {
            SLI(errors: #"sum(rate(grpc_server_handled_total{namespace="$namespace",grpc_service="shop.Checkout",grpc_code!="OK"}[$window]))"#,
                total: #"sum(rate(grpc_server_handled_total{namespace="$namespace",grpc_service="shop.Checkout"}[$window]))"#)
            Availability(.percent(99.9))
            Window(.days(28))
            AlertLabels(["tier": "1", "channel": "checkout-oncall"])
            AlertAnnotations(summary: "Checkout RPCs fail", dashboard: "https://grafana.example.com/d/checkout")
            Runbook("https://runbooks.example.com/checkout")
        }
        SLO("checkout-page-loads", fileID: blueprint, line: 16) {
            SLI(errors: #"(sum(rate(http_requests_total{namespace="$namespace",handler="/checkout"}[$window]))) - "#
                    + #"(sum(rate(http_requests_total{namespace="$namespace",handler="/checkout",code!~"5.."}[$window])))"#,
                total: #"sum(rate(http_requests_total{namespace="$namespace",handler="/checkout"}[$window]))"#)
            Availability(.percent(99.5))
            Window(.days(30))
            Alerts(page: false)
        }
    }

    static func render(_ system: SystemDescription) throws -> RenderResult {
        try RenderPipeline(packageRoot: repositoryRoot().path).render([system])
    }

    static func files(_ system: SystemDescription) throws -> [String: String] {
        let result = try render(system)
        let plan = try #require(result.plan, "\(result.diagnostics.map(\.description))")
        return Dictionary(uniqueKeysWithValues: plan.files.map { ($0.path, $0.contents) })
    }

    @Test func theFileMapsToTheSLOsOfItsService() throws {
        let (systems, diagnostics) = OpenSLOImport.apply([Self.imported], packageRoot: repositoryRoot().path)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
        let slos = try #require(systems.first?.externalServices.first?.service.slos)
        #expect(slos.map(\.name) == ["checkout-rpcs", "checkout-page-loads"])
        let rpcs = slos[0], loads = slos[1]
        #expect(rpcs.window == .days(28) && rpcs.availability?.value == .percent(99.9))
        #expect(rpcs.location.description == "\(Self.fixture):67:9")
        #expect(rpcs.availability?.location.description == "\(Self.fixture):87:15")
        #expect(rpcs.rawSLI?.location.description == "\(Self.fixture):10:5")
        #expect(rpcs.alertLabels == ["tier": "1", "channel": "checkout-oncall"])
        #expect(rpcs.annotations == ["summary": "Checkout RPCs fail", "dashboard_url": "https://grafana.example.com/d/checkout"])
        #expect(rpcs.runbookURL == "https://runbooks.example.com/checkout" && rpcs.pages && rpcs.tickets)
        #expect(loads.window == .days(30) && loads.availability?.value == .percent(99.5))
        #expect(!loads.pages && loads.tickets)
        #expect(loads.rawSLI?.value.total == #"sum(rate(http_requests_total{namespace="$namespace",handler="/checkout"}[$window]))"#)
    }

    /// Every file the imported SLOs render (rules, PrometheusRule objects, README, routing) is the written SLOs', byte
    /// for byte.
    @Test func theImportRendersExactlyTheFilesOfTheSameSLOsWrittenInSwift() throws {
        let imported = try Self.files(Self.imported), written = try Self.files(Self.written)
        #expect(imported.keys.sorted() == written.keys.sorted())
        #expect(imported.keys.contains("checkout/prod/prometheus/slo-rules.yaml"))
        for (path, contents) in written.sorted(by: { $0.key < $1.key }) {
            #expect(imported[path] == contents, "\(path) differs")
        }
    }

    @Test(.enabled(if: ExternalTool.usable("promtool"), ExternalTool.skipNote("promtool")))
    func promtoolAcceptsTheImportedRules() throws {
        let files = try Self.files(Self.imported)
        try PrometheusGeneratorTests.withFiles(files) { root in
            for environment in ["staging", "prod"] {
                let result = try PrometheusGeneratorTests.promtool(
                    ["check", "rules", "checkout/\(environment)/prometheus/slo-rules.yaml"], in: root)
                #expect(result.status == 0 && result.stdout.contains("SUCCESS"), "\(result)")
            }
        }
    }

    /// A later check (here the SLO name rule) reports at the YAML file's line and column, and the diagnostic prints
    /// `file:line:column`.
    @Test func laterChecksReportAtTheYAMLLineAndColumn() throws {
        try withTemporaryFolder { root in
            let yaml = """
                apiVersion: openslo/v1
                kind: SLO
                metadata:
                  name: Checkout_RPCs
                spec:
                  service: checkout
                  indicatorRef: missing
                  budgetingMethod: Occurrences
                  timeWindow: [{duration: 28d, isRolling: true}]
                  objectives: [{target: 0.999}]

                """
            try writeFiles([("slo/bad.yaml", yaml)], under: root)
            let system = Self.system { ImportOpenSLO("slo/bad.yaml", fileID: Self.blueprint, line: 6) }
            let errors = RenderPipeline(packageRoot: root.path).validate([system]).errors.map(\.description)
            #expect(errors == [
                "slo/bad.yaml:7:17: error: checkout/checkout: openslo.spec.indicatorRef: no SLI named 'missing' in "
                    + "slo/bad.yaml; add an object of kind: SLI with that metadata.name to the file, or write the "
                    + "indicator inline",
            ], "\(errors)")
            try writeFiles([("slo/bad.yaml", yaml.replacingOccurrences(of: "indicatorRef: missing\n", with: """
                indicator:
                    spec:
                      ratioMetric:
                        bad: {metricSource: {type: Prometheus, spec: {query: 'sum(rate(e[$window]))'}}}
                        total: {metricSource: {type: Prometheus, spec: {query: 'sum(rate(t[$window]))'}}}

                """))], under: root)
            let later = RenderPipeline(packageRoot: root.path).validate([system]).errors
            #expect(later.count == 1 && later[0].location?.description == "slo/bad.yaml:4:9"
                && later[0].field == "slo[Checkout_RPCs].name", "\(later.map(\.description))")
        }
    }
}
