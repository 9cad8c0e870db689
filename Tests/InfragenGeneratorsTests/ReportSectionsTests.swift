import InfragenExampleBlueprints
import Foundation
import Infragen
import InfragenGenerators
import InfragenTestSupport
import Testing

/// Issue 19: the system README says what a reviewer needs — end of life up front, what must exist before the apply,
/// who may talk to whom, the routes with their limits, the canaries, the digest pins — each read back table by table
/// with markdown-it-py from a blueprint that has it.
@Suite struct ReportSectionsTests {
    typealias Structure = ReportGeneratorTests.Structure

    /// The README of `system` as markdown-it-py reads it, tables by the heading above them.
    func parse(_ readme: String) throws -> (structure: Structure, tables: [String: Structure.Table]) {
        let python = try #require(ReportGeneratorTests.pythonWithMarkdownIt,
                                  "markdown-it-py is not installed; bash scripts/install-test-tools installs it")
        let structure: Structure = try withTemporaryFolder { folder in
            let file = folder.appendingPathComponent("README.md")
            try Data(readme.utf8).write(to: file)
            let script = repositoryRoot().appendingPathComponent("Tests/Fixtures/markdown-structure.py").path
            let result = try runProcess(python, [script, file.path])
            try #require(result.status == 0, "\(result)")
            return try JSONDecoder().decode(Structure.self, from: Data(result.stdout.utf8))
        }
        return (structure, Dictionary(structure.tables.map { ($0.heading ?? "", $0) }, uniquingKeysWith: { a, _ in a }))
    }

    func readme(_ system: SystemDescription) throws -> String {
        try #require(try renderInMemory([system])["\(system.name)/README.md"])
    }

    /// Inline source as a reader sees it: `\_` is `_`.
    func plain(_ cell: String) -> String { cell.replacingOccurrences(of: "\\_", with: "_") }

    @Test(.enabled(if: ReportGeneratorTests.markdownItUsable))
    func endOfLifeComesFirstWithWhoUsesItAndWhetherItIsAcknowledged() throws {
        let (structure, tables) = try parse(try readme(System.shop.description))
        #expect(structure.headings.prefix(3) == ["System shop", "Needs attention", "Topology"])
        let table = try #require(tables["Needs attention"])
        #expect(table.header == ["what", "end of life since", "used by", "acknowledged"])
        #expect(table.rows.map { Array($0.prefix(3)) } == [
            ["runtime base alpine:3.19", "2025-11-01", "order-service, inventory-service, payment-service"],
            ["Go 1.22 (golang:1.22-alpine)", "2025-02-11", "order-service, inventory-service, payment-service"],
            ["gateway image nginx:1.22.1-alpine", "2023-04-11", "shop-gateway"],
        ])
        #expect(table.rows[1][3] == "the seed builds with Go 1.22; the upgrade is tracked apart from infragen")

        // Without an acknowledgement it says so; Go 1.24 and 1.25 are past their end of life too.
        let unacknowledged = try parse(try readme(sampleSystem { Go(version: "1.25") }))
        let rows = try #require(unacknowledged.tables["Needs attention"]).rows
        #expect(rows.contains(["Go 1.25 (golang:1.25-alpine)", "2026-08-19", "api", "no"]))
        // A supported Go is not listed.
        let supported = try parse(try readme(sampleSystem { Go(version: "1.26") }))
        let listed: [[String]] = supported.tables["Needs attention"]?.rows ?? []
        #expect(!listed.contains { $0[0].hasPrefix("Go ") })
    }

    @Test(.enabled(if: ReportGeneratorTests.markdownItUsable))
    func prerequisitesNameSecretsWithTheirKeysNamespacesTLSAndCustomResources() throws {
        let (_, tables) = try parse(try readme(System.shop.description))
        let table = try #require(tables["Before kubectl apply"])
        #expect(table.header == ["environment", "Secrets (keys)", "namespaces", "TLS Secret", "cluster DNS", "custom resources"])
        #expect(table.rows.map { $0[0] } == ["dev", "staging", "prod"])
        #expect(table.rows[2][1] == "`order-db`: `password` (order-service); `inventory-db`: `password` "
            + "(inventory-service); `payment-provider`: `api-key` (payment-service)")
        #expect(table.rows[2][2] == "`monitoring` (monitoring), `kube-system` (cluster DNS)")
        #expect(table.rows[0][3] == "-", "dev serves no HTTPS")
        #expect(table.rows[2][3] == "`shop-gateway-tls` (kubernetes.io/tls: `tls.crt`, `tls.key`)")
        #expect(table.rows[2][4] == "kube-system pods k8s-app=kube-dns on port 53")
        #expect(table.rows[2][5] == "PodMonitor (monitoring.coreos.com/v1), PrometheusRule (monitoring.coreos.com/v1)")

        // Mounted Secret files, a gateway namespace and node-local DNS addresses are prerequisites too.
        let system = sampleSystem {
            SecretFiles("certs", secret: "api-tls", keys: ["tls.key", "tls.crt"], at: "/etc/certs")
            Env("TOKEN", secret: "api-token", key: "token")
            GatewayNamespace("ingress")
            ClusterDNS(cidrs: ["169.254.20.10/32"])
        }
        let sample = try #require(try parse(try readme(system)).tables["Before kubectl apply"])
        #expect(sample.rows[0][1] == "`api-token`: `token` (api); `api-tls`: `tls.crt`, `tls.key` (api)")
        #expect(sample.rows[0][2].contains("`ingress` (gateway)"))
        #expect(sample.rows[0][4].contains("169.254.20.10/32 on port 53"))
    }

    @Test(.enabled(if: ReportGeneratorTests.markdownItUsable))
    func theNetworkTableIsWhatThePoliciesLetThrough() throws {
        let (_, tables) = try parse(try readme(System.shop.description))
        let network = try #require(tables["Network"])
        #expect(network.header == ["from", "to", "ports", "environments"])
        let rows = network.rows.map { $0.map(plain) }
        for row in [
            ["any address", "shop-gateway", "8080", "dev"],
            ["any address", "shop-gateway", "8080, 8443", "staging, prod"],
            ["shop-gateway", "order-service", "8080", "all"],
            ["order-service", "inventory-service", "8080", "all"],
            ["order-service", "payment-service", "8080", "all"],
            ["namespace monitoring pods app.kubernetes.io/name=prometheus", "payment-service", "8080", "all"],
        ] {
            #expect(rows.contains(row), "missing \(row)")
        }
        // Nobody calls the order service but the gateway and Prometheus; DNS lookups are not connections listed here.
        #expect(rows.filter { $0[1] == "order-service" }.map { $0[0] } == [
            "shop-gateway", "namespace monitoring pods app.kubernetes.io/name=prometheus",
        ])
        #expect(!rows.contains { $0[1].contains("kube-dns") || $0[2].contains("UDP") })
        let egress = try #require(tables["External egress"])
        #expect(egress.rows == [[
            "payment-service", "any address except 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16", "payment provider API",
            "443", "all",
        ]])

        let closed = try readme(sampleSystem())
        #expect(closed.contains("Nothing leaves the cluster but DNS lookups"))
        let open = try parse(try readme(sampleSystem { Egress("mail relay", ports: [587], cidrs: ["203.0.113.0/24"]) }))
        #expect(try #require(open.tables["External egress"]).rows == [["api", "203.0.113.0/24", "mail relay", "587", "all"]])
    }

    @Test(.enabled(if: ReportGeneratorTests.markdownItUsable))
    func routesShowTheirLimitsAsWrittenAndTheCanariesTheirImages() throws {
        let (_, tables) = try parse(try readme(System.shop.description))
        let routes = try #require(tables["Routes"])
        #expect(routes.header == ["path", "match", "to", "methods", "timeout", "body limit", "rate limit", "traffic", "environments"])
        #expect(routes.rows == [
            ["`/api/orders`", "prefix", "order-service http", "any", "10 s", "1 MiB", "20/s, burst 40", "HTTP", "all"],
            ["`= /api/orders`", "exact", "order-service http", "POST", "10 s", "1 MiB", "20/s, burst 40", "HTTP", "all"],
            ["`/api/inventory`", "prefix", "inventory-service http", "any", "5 s", "512 KiB", "50/s, burst 100", "HTTP", "all"],
            ["`/api/payments`", "prefix", "payment-service http", "any", "15 s", "256 KiB", "5/s, burst 10", "HTTP", "all"],
        ])
        let canary = try #require(tables["Canary"])
        #expect(canary.rows == [
            ["prod", "order-service", "10 %", "`registry.example.com/shop/order-service:1.1.0`",
             "`registry.example.com/shop/order-service:1.0.0`", "2"],
            ["prod", "inventory-service", "10 %", "`registry.example.com/shop/inventory-service:1.1.0`",
             "`registry.example.com/shop/inventory-service:1.0.0`", "2"],
        ])
        // A system without a canary has no Canary table.
        #expect(try parse(try readme(sampleSystem())).tables["Canary"] == nil)
    }

    @Test func durationsAreShownAsWritten() throws {
        let shop = try readme(System.shop.description)
        #expect(shop.contains("| 99 % under 800 ms |"), "Latency(.percent(99), under: .milliseconds(800))")
        #expect(!shop.contains("0.8s"))
        #expect(shop.contains("It stops with a 5 s pause, then nginx -s quit with up to 30 s for requests in flight."))
        // The generated rules keep Prometheus' own format.
        let rules = try #require(try renderInMemory([System.shop.description])["shop/prod/prometheus/slo-rules.yaml"])
        #expect(rules.contains("le=\"0.8\""))
    }

    @Test(.enabled(if: ReportGeneratorTests.markdownItUsable))
    func digestPinsShowWhatIsPinnedAndFlagProductionTagsOnly() throws {
        let (_, tables) = try parse(try readme(System.storefront.description))
        let pins = try #require(tables["Digest pins"])
        #expect(pins.header == ["image of", "dev", "staging", "prod"])
        #expect(pins.rows == [
            ["web", "tag only", "tag only", "`sha256:d79760a259ee…`"],
            ["catalog", "tag only", "tag only", "⚠ tag only"],
            ["image-resizer", "tag only", "tag only", "⚠ tag only"],
            ["storefront-gateway", "tag only", "tag only", "⚠ tag only"],
        ])
        let text = try readme(System.storefront.description)
        #expect(text.contains("3 images in production run by tag without a digest"))
        // Init containers and sidecars are images too.
        let sidecar = try parse(try readme(sampleSystem { Sidecar("proxy", image: "envoyproxy/envoy:v1.30.1") }))
        #expect(try #require(sidecar.tables["Digest pins"]).rows.contains(["api sidecar proxy", "tag only", "⚠ tag only"]))
    }
}
