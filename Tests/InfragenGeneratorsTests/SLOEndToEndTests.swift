import Foundation
import Infragen
import InfragenTestSupport
import InfragenYAML
import Testing

/// Issue 17's end to end check, with real parts: a Gin service instrumented as `Metrics(.promhttp)` says
/// (Tests/Fixtures/slo-e2e/main.go, built offline in GOPATH mode from Debian's Go packages) runs on loopback; a real
/// Prometheus (Debian's 2.42) scrapes it every second through a scrape job equivalent to the generated PodMonitor (its
/// relabelings copied, see ``SLOEndToEndHarness/scrapeJob(monitor:deployment:target:interval:)``) and evaluates the
/// generated rule file, as generated, every second; the test sends traffic with one request in five failing. Through
/// Prometheus's HTTP API it asserts that the SLI series exist with the labels the rules promise, that the page goes
/// pending and fires once its `for` has passed, and, with the service stopped, that the no-data ticket fires after
/// the blueprint's `NoDataAfter(.minutes(1))`.
///
/// A Swift test rather than a script: the scrape job is derived from the generated objects as parsed by libyaml, and
/// the blueprint is built with the DSL and rendered by infragen's pipeline in the same process, as the other tool tests
/// do. It takes about 4 minutes plus the Go build (a minute or three on a cold cache): the page's `for` is 2 minutes.
@Suite struct SLOEndToEndTests {
    static let tools = ["go", "prometheus", "curl"]
    /// The Go packages the service imports, where Debian's -dev packages put them.
    static let goPackages = [
        "/usr/share/gocode/src/github.com/gin-gonic/gin",
        "/usr/share/gocode/src/github.com/prometheus/client_golang/prometheus/promhttp",
    ]
    static var canRun: Bool {
        ExternalTool.isCI || (tools.allSatisfy { ExternalTool.find($0) != nil }
            && goPackages.allSatisfy { FileManager.default.fileExists(atPath: $0) })
    }

    /// One service with promhttp's metrics and an availability SLO on its one route; prod pages and tickets.
    static let system = System("e2e", fileID: "Tests/SLOEndToEnd.swift", line: 1) {
        SourceRepository("https://git.example.com/e2e", license: "Apache-2.0")
        Defaults { ImageTag("1.0.0") }
        Deploy(to: .prod) { Host("e2e.test.example") }
        Service("orders") {
            Port("http", 8080)
            Health(liveness: "/healthz", readiness: "/readyz")
            Metrics(.promhttp)
            SLO("order-reads", handler: "/api/orders", method: "GET") {
                Availability(.percent(99.9))
                NoDataAfter(.minutes(1))
            }
        }
    }.description

    @Test(.enabled(if: canRun, Comment(rawValue: "skipped: needs go, prometheus, curl and Debian's "
            + "golang-github-gin-gonic-gin-dev and golang-github-prometheus-client-golang-dev (run `bash .ci/run`)")),
          .timeLimit(.minutes(15)))
    func aRealPrometheusPagesOnTheGeneratedRulesThenTicketsNoData() throws {
        let clock = ContinuousClock(), started = clock.now
        let go = try ExternalTool.path("go"), prometheus = try ExternalTool.path("prometheus")
        let curl = try ExternalTool.path("curl")
        for package in Self.goPackages {
            try #require(FileManager.default.fileExists(atPath: package),
                         "\(package) is missing: install golang-github-gin-gonic-gin-dev and golang-github-prometheus-client-golang-dev")
        }

        // What infragen generates: the rule file as is, the PodMonitor and the Deployment it selects.
        let files = try renderInMemory([Self.system])
        let rulesText = try #require(files["e2e/prod/prometheus/slo-rules.yaml"])
        let manifest = try YAML.parse(try #require(files["e2e/prod/kubernetes/orders.yaml"]))
        let monitor = try #require(manifest.first { $0["kind"] == "PodMonitor" })
        let deployment = try #require(manifest.first { $0["kind"] == "Deployment" })
        var rules: [YAMLNode] = []
        if case .sequence(let groups)? = try YAML.parse(rulesText).first?["groups"] {
            for group in groups { if case .sequence(let items)? = group["rules"] { rules += items } }
        }
        let page = try #require(rules.first { $0["alert"] != nil && $0["labels"]?["severity"] == "page" })
        let noData = try #require(rules.first { $0["alert"]?.scalarText?.hasSuffix("NoData") == true })
        let pageName = try #require(page["alert"]?.scalarText), noDataName = try #require(noData["alert"]?.scalarText)
        #expect(page["for"] == "2m", "the page waits 2m in the generated rules")
        #expect(noData["for"] == "1m", "NoDataAfter(.minutes(1)) sets the no-data alert's for")
        let expected = ["environment": "prod", "namespace": "e2e-prod", "objective": "availability",
                        "service": "orders", "slo": "order-reads"]

        try withTemporaryFolder { folder in
            // The service, built offline from Debian's packages.
            let fixtures = repositoryRoot().appendingPathComponent("Tests/Fixtures/slo-e2e")
            let binary = folder.appendingPathComponent("service").path
            let path = URL(fileURLWithPath: go).deletingLastPathComponent().path
                + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
            let build = try runProcess("/bin/bash", [fixtures.appendingPathComponent("build.sh").path,
                                                     folder.appendingPathComponent("go").path, binary],
                                       environment: ["PATH": path], timeout: .seconds(900))
            try #require(build.status == 0, "the service did not build: \(build)")
            print("slo-e2e: the service built in \(clock.now - started)")
            let portFile = folder.appendingPathComponent("service.port")
            let service = try SLOEndToEndHarness.Background(
                "service", binary, ["-port-file", portFile.path], log: folder.appendingPathComponent("service.log"))
            defer { service.stop() }
            let servicePort = try SLOEndToEndHarness.waitFor("the service's port", timeout: .seconds(30),
                                                             context: { service.logTail }) {
                let text = try? String(contentsOf: portFile, encoding: .utf8)
                return (text.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }, text ?? "no port file")
            }

            // Prometheus: the generated rules, a scrape job equivalent to the PodMonitor, 1s intervals.
            let job = try SLOEndToEndHarness.scrapeJob(
                monitor: monitor, deployment: deployment, target: "127.0.0.1:\(servicePort)", interval: "1s")
            let config = try YAML.render(.mapping([
                ("global", .mapping([("scrape_interval", .string("1s")), ("evaluation_interval", .string("1s"))])),
                ("rule_files", .sequence([.string("slo-rules.yaml")])),
                ("scrape_configs", .sequence([job])),
            ]))
            try writeFiles([("prometheus.yml", config), ("slo-rules.yaml", rulesText)], under: folder)
            let port = try NginxHarness.freePort()
            let server = try SLOEndToEndHarness.Background("prometheus", prometheus, [
                "--config.file=\(folder.appendingPathComponent("prometheus.yml").path)",
                "--storage.tsdb.path=\(folder.appendingPathComponent("data").path)",
                "--web.listen-address=127.0.0.1:\(port)",
            ], log: folder.appendingPathComponent("prometheus.log"))
            defer { server.stop() }
            let logs = { "\(server.logTail)\n\(service.logTail)\n--- prometheus.yml\n\(config)" }
            _ = try SLOEndToEndHarness.waitFor("Prometheus to be ready", timeout: .seconds(60), context: logs) {
                let answer = try SLOEndToEndHarness.get(curl, port: port, "/-/ready")
                return (answer.contains("Ready") ? true : nil, answer)
            }

            // Traffic: five requests at a time, the fifth asks for a 500.
            let url = "http://127.0.0.1:\(servicePort)/api/orders"
            let traffic = try SLOEndToEndHarness.Background("traffic", "/bin/bash", ["-c", """
                while :; do "$0" -s -o /dev/null "$1" "$1" "$1" "$1" "$1?fail=1"; sleep 0.2; done
                """, curl, url], log: folder.appendingPathComponent("traffic.log"))
            defer { traffic.stop() }

            // The service's series, with the labels the monitor's relabelings give them.
            let series = try SLOEndToEndHarness.waitFor("both status codes' series", timeout: .seconds(60),
                                                        context: logs) {
                let (items, answer) = try SLOEndToEndHarness.api(
                    curl, port: port, query: "http_requests_total{handler=\"/api/orders\"}")
                return (items.count >= 2 ? items.map(SLOEndToEndHarness.labels) : nil, answer)
            }
            for labels in series {
                #expect(labels["namespace"] == "e2e-prod" && labels["service"] == "orders"
                        && labels["track"] == "stable" && labels["method"] == "get", "\(labels)")
            }
            #expect(Set(series.compactMap { $0["code"] }) == ["200", "500"])

            // The SLI, exactly the labels the rules promise, about one request in five bad.
            for window in ["5m", "1h"] {
                let sli = try SLOEndToEndHarness.waitFor("slo:sli_error:ratio_rate\(window)", timeout: .seconds(60),
                                                         context: logs) {
                    let (items, answer) = try SLOEndToEndHarness.api(curl, port: port,
                                                                     query: "slo:sli_error:ratio_rate\(window)")
                    return (items.count == 1 ? items[0] : nil, answer)
                }
                var labels = SLOEndToEndHarness.labels(sli)
                #expect(labels.removeValue(forKey: "__name__") == "slo:sli_error:ratio_rate\(window)")
                #expect(labels == expected)
                let ratio = try #require(SLOEndToEndHarness.value(sli))
                #expect(ratio > 0.15 && ratio < 0.25, "the \(window) error ratio is \(ratio), not about 0.2")
            }

            // The page: pending, then firing once its `for` (2m) has passed.
            func alertItem(_ name: String, _ state: String) throws -> (value: [String: Any]?, answer: String) {
                let (items, answer) = try SLOEndToEndHarness.api(curl, port: port)
                return (items.first { SLOEndToEndHarness.labels($0)["alertname"] == name
                    && $0["state"] as? String == state }, answer)
            }
            func alert(_ name: String, _ state: String) throws -> (value: [String: String]?, answer: String) {
                let (item, answer) = try alertItem(name, state)
                return (item.map(SLOEndToEndHarness.labels), answer)
            }
            let pendingLabels = try SLOEndToEndHarness.waitFor("\(pageName) pending", timeout: .seconds(60),
                                                               context: logs) { try alert(pageName, "pending") }
            let pending = clock.now
            print("slo-e2e: \(pageName) pending after \(pending - started)")
            #expect(pendingLabels["severity"] == "page" && pendingLabels["environment"] == "prod"
                    && pendingLabels["namespace"] == "e2e-prod" && pendingLabels["slo"] == "order-reads",
                    "\(pendingLabels)")
            let firing = try SLOEndToEndHarness.waitFor("\(pageName) firing", timeout: .seconds(180), context: logs) {
                try alertItem(pageName, "firing")
            }
            // Prometheus's own activeAt (to the second), not when the test saw it: polling may see pending late.
            let active = try #require(SLOEndToEndHarness.activeAt(firing), "no activeAt in \(firing)")
            let waited = Date().timeIntervalSince(active)
            print("slo-e2e: \(pageName) firing \(clock.now - pending) after the test saw it pending, "
                + "\(Int(waited)) s after its activeAt")
            #expect(waited >= 119, "the page fired \(waited) s after it went pending, before its for: 2m")

            // The service stops: its series go stale, and the no-data ticket fires after NoDataAfter's minute.
            traffic.stop()
            service.stop()
            let stopped = clock.now
            _ = try SLOEndToEndHarness.waitFor("\(noDataName) pending", timeout: .seconds(60), context: logs) {
                try alert(noDataName, "pending")
            }
            let ticket = try SLOEndToEndHarness.waitFor("\(noDataName) firing", timeout: .seconds(150),
                                                        context: logs) { try alert(noDataName, "firing") }
            let silent = clock.now - stopped
            print("slo-e2e: \(noDataName) firing \(silent) after the service stopped")
            #expect(silent > .seconds(55), "the no-data ticket fired \(silent) after the service stopped, before 1m")
            #expect(ticket["severity"] == "ticket" && ticket["environment"] == "prod" && ticket["service"] == "orders"
                    && ticket["namespace"] == "e2e-prod" && ticket["handler"] == "/api/orders", "\(ticket)")
        }
        print("slo-e2e: the whole test took \(clock.now - started)")
    }
}
