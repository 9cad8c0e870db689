import InfragenExampleBlueprints
import Foundation
import Infragen
import InfragenGenerators
import InfragenRender
import InfragenTestSupport
import Testing

/// External services (`ExternalService`): SLO rules and tests for a service infragen does not deploy, and nothing else.
@Suite struct ExternalServiceTests {
    static let file = "Blueprints/Sample.swift"

    /// The sample system (`api`, dev and prod) with an external service that runs in another namespace in prod and
    /// not at all in a third environment, qa.
    static let mixed = System("mixed", fileID: file, line: 1) {
        Defaults { ImageTag("1.0.0") }
        SourceRepository("https://git.example.com/mixed", license: "Apache-2.0")
        Deploy(to: .dev) { Host("dev.mixed.example.com") }
        Deploy(to: .prod) { Host("mixed.example.com") }
        Deploy(to: "qa") { Host("qa.mixed.example.com") }
        Service("api", fileID: file, line: 5) {
            Port("http", 8080)
            Health(liveness: "/healthz", readiness: "/readyz")
            Route("/api")
            SLO("api-requests") { Availability(.percent(99.9)) }
        }
        ExternalService("legacy", namespace: "billing", fileID: file, line: 10) {
            Team("billing")
            Metrics(.goHTTPMetrics)
            RunsIn(.prod, namespace: "billing-prod")
            NotIn("qa")
            SLO("legacy-invoices", handler: "/invoices") {
                Availability(.percent(99.5))
                Latency(.percent(99), under: .milliseconds(500))
            }
        }
    }.description

    @Test func resolutionKeepsItApartFromTheDeployedServices() throws {
        let resolved = Self.mixed.resolve()
        let namespaces = resolved.environments.map { environment in
            environment.externalServices.map { "\($0.name) in \($0.namespace)" }
        }
        #expect(namespaces == [["legacy in billing"], ["legacy in billing-prod"], []])
        for environment in resolved.environments {
            #expect(environment.services.map(\.name) == ["api"])
            #expect(environment.externalServices.allSatisfy { $0.isExternal })
            #expect(!environment.services.contains { $0.isExternal })
        }
        #expect(resolved.externalServices.map(\.team) == ["billing"])
        #expect(Self.mixed.validate().filter { $0.severity == .error }.isEmpty)
    }

    /// Its rules and tests are in prometheus/, where it runs, and its rule groups in the environment's PrometheusRule
    /// (kubernetes/slo-rules.yaml, the same groups as the rule file); no other file names it.
    @Test func onlyThePrometheusFilesNameIt() throws {
        let files = try renderInMemory([Self.mixed])
        let naming = files.filter { $0.value.contains("legacy") }.keys.sorted()
        #expect(naming == [
            "mixed/README.md", "mixed/dev/kubernetes/slo-rules.yaml",
            "mixed/dev/prometheus/legacy-invoices.long.test.yaml", "mixed/dev/prometheus/legacy-invoices.period.test.yaml",
            "mixed/dev/prometheus/legacy-invoices.test.yaml", "mixed/dev/prometheus/slo-rules.yaml",
            "mixed/prod/kubernetes/slo-rules.yaml", "mixed/prod/prometheus/legacy-invoices.long.test.yaml", "mixed/prod/prometheus/legacy-invoices.period.test.yaml",
            "mixed/prod/prometheus/legacy-invoices.test.yaml", "mixed/prod/prometheus/slo-rules.yaml",
        ])
        let prod = try #require(files["mixed/prod/prometheus/slo-rules.yaml"])
        #expect(prod.contains(#"http_request_duration_seconds_count{namespace="billing-prod",service="legacy",handler="/invoices"}"#))
        #expect(prod.contains("# SLO legacy-invoices on legacy (external, namespace billing-prod), window 30d:"))
        // qa has only the api's SLO; its Kubernetes folder deploys only the api.
        #expect(files["mixed/qa/prometheus/slo-rules.yaml"]?.contains("legacy") == false)
        #expect(files["mixed/qa/kubernetes/kustomization.yaml"]?.contains("api.yaml") == true)
    }

    /// A system of external services only renders its rules, their tests and its README.
    @Test func aSystemOfExternalServicesOnlyRendersPrometheusFilesOnly() throws {
        let files = try renderInMemory(catalog.descriptions, selection: RenderSelection(systems: ["billing"]))
        let folders = Set(files.keys.map { $0.split(separator: "/").dropLast().joined(separator: "/") })
        #expect(folders == ["billing", "billing/prod/prometheus", "billing/staging/prometheus"])
        let readme = try #require(files["billing/README.md"])
        #expect(readme.contains("## External services"))
        #expect(readme.contains("| legacy-billing | billing | staging: `billing-staging`, prod: `billing` | invoice-creation |"))
        #expect(!readme.contains("## Topology") && !readme.contains("## Base images"))
    }

    @Test func theDumpSaysItIsExternalAndShowsNoImage() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let prod = try #require(Self.mixed.resolve().environments.first { $0.name == "prod" })
        let json = String(decoding: try encoder.encode(try #require(prod.externalServices.first)), as: UTF8.self)
        #expect(json.contains(#""external":true"#) && json.contains(#""namespace":"billing-prod""#))
        #expect(!json.contains(#""image""#) && !json.contains(#""ports""#))
    }

    /// promtool passes the generated tests of the external service's SLOs, with both objectives on go-http-metrics'
    /// one histogram, and of the catalog's billing system.
    @Test(.enabled(if: ExternalTool.usable("promtool"), ExternalTool.skipNote("promtool")),
          arguments: ["mixed/prod/prometheus", "billing/prod/prometheus", "billing/staging/prometheus"])
    func promtoolPassesItsGeneratedTests(folder: String) throws {
        let files = try renderInMemory([Self.mixed] + catalog.descriptions, selection: RenderSelection(kinds: [.prometheus]))
        try PrometheusGeneratorTests.runGeneratedTests(files, folder: folder)
    }
}
