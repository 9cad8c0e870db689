import InfragenExampleBlueprints
import Infragen
import InfragenTestSupport
import InfragenYAML
import Testing

/// Issue 17's scrape wiring: a monitor per service with metrics whose relabelings set exactly the labels the SLIs
/// select, the canary's series included; `prometheus.io/*` annotations only with `ScrapeBy(.annotations)`.
@Suite struct ScrapeWiringTests {
    static func objects(_ text: String, kind: String) throws -> [YAMLNode] {
        try YAML.parse(text).filter { $0["kind"]?.scalarText == kind }
    }

    @Test func thePodMonitorSetsExactlyTheLabelsTheSLIsSelect() throws {
        let files = try renderInMemory([System.shop.description])
        let manifest = try #require(files["shop/prod/kubernetes/order-service.yaml"])
        let rules = try #require(files["shop/prod/prometheus/slo-rules.yaml"])
        let monitor = try #require(try Self.objects(manifest, kind: "PodMonitor").first)
        #expect(monitor["spec"]?["selector"]?["matchLabels"] == ["app.kubernetes.io/name": "order-service"])
        let endpoint = try #require(monitor["spec"]?["podMetricsEndpoints"]?[0])
        #expect(endpoint["port"] == "http" && endpoint["path"] == "/metrics")
        guard case .sequence(let relabelings)? = endpoint["relabelings"] else { Issue.record("no relabelings"); return }
        #expect(relabelings.compactMap { $0["targetLabel"]?.scalarText } == ["namespace", "service", "track"])
        #expect(relabelings[1]["replacement"] == "order-service")
        #expect(relabelings[2]["sourceLabels"]?[0] == "__meta_kubernetes_pod_label_infragen_io_track")
        // The SLI selects what the relabelings give every series, the canary's too (its pods share the name).
        #expect(rules.contains("{namespace=\"shop-prod\",service=\"order-service\","))
        let deployments = try Self.objects(manifest, kind: "Deployment")
        #expect(deployments.count == 2)
        for deployment in deployments {
            let labels = deployment["spec"]?["template"]?["metadata"]?["labels"]
            #expect(labels?["app.kubernetes.io/name"] == "order-service")
            #expect(deployment["spec"]?["template"]?["metadata"]?["annotations"] == nil)
        }
        // The NetworkPolicy lets the scraper in on the container port the monitor names.
        let policy = try #require(try Self.objects(manifest, kind: "NetworkPolicy").first)
        guard case .sequence(let ingress)? = policy["spec"]?["ingress"] else { Issue.record("no ingress"); return }
        let scraper = ingress.first { $0["from"]?[0]?["namespaceSelector"]?["matchLabels"]?["kubernetes.io/metadata.name"] == "monitoring" }
        #expect(scraper?["ports"]?[0]?["port"] == 8080)
        #expect(deployments[0]["spec"]?["template"]?["spec"]?["containers"]?[0]?["ports"]?[0]?["containerPort"] == 8080)
    }

    @Test func scrapingByAnnotationAddsTheAnnotationsAndNoMonitor() throws {
        let files = try renderInMemory([KubernetesFixtures.probes])
        var annotated = 0
        for (path, text) in files where path.contains("/kubernetes/") && !path.hasSuffix("kustomization.yaml") {
            #expect(try Self.objects(text, kind: "PodMonitor").isEmpty && Self.objects(text, kind: "ServiceMonitor").isEmpty)
            for deployment in try Self.objects(text, kind: "Deployment") {
                if deployment["spec"]?["template"]?["metadata"]?["annotations"]?["prometheus.io/scrape"] == "true" {
                    annotated += 1
                }
            }
        }
        #expect(annotated > 0)
    }
}
