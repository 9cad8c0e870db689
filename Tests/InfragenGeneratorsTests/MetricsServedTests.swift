import Infragen
import InfragenGenerators
import InfragenRender
import Testing

/// A scrape (a PodMonitor, or annotations with ScrapeBy(.annotations)) and the scraper's way in only where a service
/// serves metrics.
@Suite struct MetricsServedTests {
    static let file = "Blueprints/Load.swift"

    static func system(@ListBuilder<any ServiceComponent> _ extra: () -> [any ServiceComponent]) -> SystemDescription {
        let components = extra()
        return System("load", fileID: file, line: 1) {
            SourceRepository("https://git.example.com/load", license: "MIT")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .prod)
            Service("api", fileID: file, line: 5) {
                Port("http", 8080)
                Health(liveness: "/livez", readiness: "/readyz")
            }
            Service("loadgen", fileID: file, line: 9) {
                Port("http", 8089)
                Health(liveness: "/livez", readiness: "/readyz")
                DependsOn("api")
                for component in components { component }
            }
        }.description
    }

    static func manifest(_ system: SystemDescription, _ service: String) throws -> String {
        #expect(system.validate().isEmpty)
        let files = try KubernetesGenerator().generate(system.resolve())
        return try #require(files.first { $0.path.hasSuffix("/\(service).yaml") }?.contents)
    }

    @Test func aServiceWithoutMetricsIsNeitherAnnotatedNorScraped() throws {
        // The default scrape is a PodMonitor (ScrapeBy), so no prometheus.io annotations.
        let served = try Self.manifest(Self.system {}, "loadgen")
        #expect(served.contains("kind: PodMonitor\n"))
        #expect(!served.contains("prometheus.io/"))
        #expect(served.contains("name: prometheus"))

        let annotated = try Self.manifest(Self.system { ScrapeBy(.annotations) }, "loadgen")
        #expect(annotated.contains("prometheus.io/scrape: 'true'"))
        #expect(!annotated.contains("kind: PodMonitor\n"))
        #expect(annotated.contains("name: prometheus"))

        for scrape in [MetricsScrape.podMonitor, .annotations] {
            let none = try Self.manifest(Self.system { ScrapeBy(scrape); Metrics.none() }, "loadgen")
            #expect(!none.contains("prometheus.io/"))
            #expect(!none.contains("kind: PodMonitor\n"))
            #expect(!none.contains("name: prometheus"), "no ingress rule for the scraper")
        }
        #expect(try Self.manifest(Self.system { Metrics.none() }, "api").contains("kind: PodMonitor\n"))
    }

    @Test func aServiceWithoutMetricsCannotHaveSLOs() {
        let system = Self.system {
            Metrics.none(fileID: Self.file, line: 14)
            SLO("load", handler: "/") { Availability(.percent(99)) }
        }
        #expect(system.validate().map(\.description) == [
            "Blueprints/Load.swift:14: error: load/loadgen: metrics: the service serves no metrics (Metrics.none()), so SLO 'load' would measure nothing; remove Metrics.none(), or the service's SLOs",
        ])
    }
}
