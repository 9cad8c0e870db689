import InfragenExampleBlueprints
import Foundation
import Infragen
import InfragenGenerators
import InfragenTestSupport
import Testing

/// The system README: golden, and read back by a real Markdown parser (markdown-it-py) table by table.
@Suite struct ReportGeneratorTests {
    static let pythonWithMarkdownIt: String? = {
        for candidate in [FileManager.default.currentDirectoryPath + "/.venv-tools/bin/python", ExternalTool.find("python3")] {
            guard let candidate, FileManager.default.isExecutableFile(atPath: candidate) else { continue }
            if let result = try? runProcess(candidate, ["-c", "import markdown_it"], timeout: .seconds(30)), result.status == 0 {
                return candidate
            }
        }
        return nil
    }()

    static var markdownItUsable: Bool { ExternalTool.isCI || pythonWithMarkdownIt != nil }

    func shopReadme() throws -> String {
        let files = try renderInMemory(catalog.descriptions, selection: .init(systems: ["shop"]))
        return try #require(files["shop/README.md"])
    }

    @Test func shopReadmeIsGolden() throws {
        assertGolden(try shopReadme(), "report/shop-README.md")
    }

    struct Structure: Decodable {
        struct Table: Decodable {
            var heading: String?
            var header: [String]
            var rows: [[String]]
        }
        struct Fence: Decodable {
            var info: String
            var lines: Int
        }
        var headings: [String]
        var fences: [Fence]
        var tables: [Table]
        var links: [String]
    }

    @Test(.enabled(if: markdownItUsable, "skipped: markdown-it-py is not installed (bash scripts/install-test-tools)"))
    func shopReadmeParsesWithEveryTable() throws {
        let python = try #require(Self.pythonWithMarkdownIt, "markdown-it-py is not installed; bash scripts/install-test-tools installs it")
        let readme = try shopReadme()
        let structure: Structure = try withTemporaryFolder { folder in
            let file = folder.appendingPathComponent("README.md")
            try Data(readme.utf8).write(to: file)
            let script = repositoryRoot().appendingPathComponent("Tests/Fixtures/markdown-structure.py").path
            let result = try runProcess(python, [script, file.path])
            try #require(result.status == 0, "\(result)")
            return try JSONDecoder().decode(Structure.self, from: Data(result.stdout.utf8))
        }
        #expect(structure.headings == [
            "System shop", "Needs attention", "Topology", "Services", "Replicas and resources", "Environments",
            "Before kubectl apply", "Gateway", "Routes", "Canary", "Network", "External egress", "Digest pins", "SLOs",
            "SLI contract", "Alerts per environment", "Delivery pipeline", "Base images", "Acknowledged warnings", "Files",
        ])
        #expect(structure.fences.map(\.info) == ["mermaid", "mermaid"])
        let tables = Dictionary(uniqueKeysWithValues: structure.tables.map { ($0.heading ?? "", $0) })
        let services = try #require(tables["Services"])
        #expect(services.header == ["service", "team", "image", "base", "ports", "routes", "depends on"])
        #expect(services.rows.map { $0[0] } == ["order-service", "inventory-service", "payment-service"])
        #expect(services.rows[0][6] == "inventory-service, payment-service")
        let alerting = try #require(tables["Alerts per environment"])
        #expect(alerting.header == ["environment", "alerts", "minimum traffic", "no data after", "canary comparison"])
        #expect(alerting.rows == [
            ["dev", "none (records only)", "-", "10m", "-"],
            ["staging", "tickets", "1 request per minute over the long window", "10m", "-"],
            ["prod", "pages and tickets", "-", "10m", "order-creation"],
        ])
        let environments = try #require(tables["Environments"])
        #expect(environments.header == ["environment", "namespace", "host", "TLS", "canary", "deploy frequency", "rollback", "owner"])
        #expect(environments.rows == [
            ["dev", "shop-dev", "dev.shop.example.com", "no", "-", "several times a day", "snapshot restore", "development team"],
            ["staging", "shop-staging", "staging.shop.example.com", "yes", "-", "daily", "image rollback", "test + ops"],
            ["prod", "shop-prod", "shop.example.com", "yes", "10 %", "2-3 times a week", "canary release with traffic cut-back", "SRE team"],
        ])
        let pipeline = try #require(tables["Delivery pipeline"])
        #expect(pipeline.header == ["environment", "deployed", "URL", "rollback (manual job)"])
        #expect(pipeline.rows.map { $0[1] } == [
            "every push", "main", "main, approved, as a canary behind the release gate",
        ])
        let gateway = try #require(tables["Gateway"])
        #expect(gateway.header == ["environment", "pods", "resources", "workers", "load balancer", "TLS Secret", "certificate"])
        #expect(gateway.rows[2] == [
            "prod", "2", "100m/64Mi → 1/128Mi", "1", "80 → 8080, 443 → 8443 from any address", "`shop-gateway-tls`", "-",
        ])
        let slos = try #require(tables["SLOs"])
        #expect(slos.rows.count == 2)
        #expect(slos.rows[0][4] == "0.5 % (216 min)")
        #expect(slos.rows[0][5] == "14.4× over 1h and 5m or 6× over 6h and 30m")
        // The SLI contract, as a reader of the page sees it: the series, their labels and the declared buckets (the
        // cells are inline source, where '_' is escaped).
        let contract = try #require(tables["SLI contract"]).rows.map { $0.map { $0.replacingOccurrences(of: "\\_", with: "_") } }
        #expect(contract.map { Array($0.prefix(4)) } == [[
            "order-service", "go-http-metrics (github.com/slok/go-http-metrics)",
            "http_request_duration_seconds_count", "http_request_duration_seconds{code,handler,method}",
        ]])
        #expect(contract[0][5] == "0.005 0.01 0.025 0.05 0.1 0.25 0.5 0.8 1 2.5 5 10")
        #expect(contract[0][6] == #"dev: namespace="shop-dev",service="order-service"; "#
            + #"staging: namespace="shop-staging",service="order-service"; prod: namespace="shop-prod",service="order-service""#)
        let sizing = try #require(tables["Replicas and resources"])
        #expect(sizing.header == ["service", "dev", "staging", "prod"])
        #expect(sizing.rows.allSatisfy { $0.count == 4 })
        #expect(try #require(tables["Base images"]).rows.count == 3)
        // Every link points at a file generated for the system.
        let files = try renderInMemory(catalog.descriptions, selection: .init(systems: ["shop"]))
        for link in structure.links { #expect(files["shop/\(link)"] != nil, "dangling link \(link)") }
        #expect(structure.links.count == files.count - 1)
    }

    /// Issue 16: each autoscaled Deployment or StatefulSet, in each environment where it is, gets the one-time step
    /// that keeps the first apply without `replicas` from scaling it to 1 pod; a fixed count and a Job get none.
    @Test func eachAutoscaledWorkloadGetsItsOneTimeMigrationStep() throws {
        let readme = try shopReadme()
        #expect(readme.contains("Before that apply, delete spec.replicas from the last-applied configuration"))
        #expect(readme.contains("- prod: `kubectl apply edit-last-applied -n shop-prod deployment/order-service`\n"))
        #expect(!readme.contains("-n shop-dev deployment/order-service"), "dev runs a fixed count")
        #expect(!readme.contains("deployment/inventory-service"), "never autoscaled")

        let fixed = try #require(try renderInMemory([sampleSystem()])["sample/README.md"])
        #expect(!fixed.contains("edit-last-applied"), "no Autoscale, no step")
    }

    @Test func hostileTextCannotBreakATable() throws {
        let system = System("s") {
            Summary("a | b * c _d_ [x](y)")
            SourceRepository("https://git.example.com/s", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .dev) { Rollout(frequency: "weekly | <b>bold</b>", owner: "ops # team") }
            Service("api") { Port("http", 8080); Health(liveness: "/healthz", readiness: "/readyz") }
        }.description
        let readme = try #require(try renderInMemory([system])["s/README.md"])
        #expect(readme.contains("a \\| b \\* c \\_d\\_ \\[x\\](y)"))
        #expect(readme.contains("| weekly \\| \\<b\\>bold\\</b\\> |"))
    }

    @Test func theReadmeShowsTheSameFactorsAsTheRules() throws {
        let system = sampleSystem {
            SLO("checkout") { Availability(.percent(99.9)); Window(.days(28)) }
        }
        let readme = try #require(try renderInMemory([system])["sample/README.md"])
        #expect(readme.contains("| 13.44× over 1h and 5m or 5.6× over 6h and 30m | 2.8× over 1d and 2h or 0.9333× over 3d and 6h |"))
        let rules = try #require(try renderInMemory([system])["sample/prod/prometheus/slo-rules.yaml"])
        #expect(rules.contains("0.9333"))
    }

    @Test func topologyNamesEveryServiceAndEdge() throws {
        let readme = try shopReadme()
        for line in [
            "clients([\"clients\"]) --> gateway[\"nginx gateway\"]",
            "gateway -->|\"/api/orders = /api/orders\"| order_service",
            "order_service --> inventory_service",
            "order_service --> payment_service",
            "gateway -.->|\"10 % in prod\"| order_service_canary_prod",
        ] {
            #expect(readme.contains(line), "missing: \(line)")
        }
    }
}
