import Foundation
import Infragen
@testable import InfragenGenerators
import InfragenRender
import InfragenTestSupport
import InfragenYAML
import Testing

/// Issue 17's flexible SLIs besides the selector (`SLISelectorTests`): a latency SLI over a subset of the status codes,
/// and a raw-PromQL SLI.
@Suite struct FlexibleSLITests {
    static let file = "Blueprints/Flexible.swift"

    /// Latency over 2xx only, with promhttp (whose histogram carries `code`) and with go-http-metrics (whose
    /// histogram's `_count` is also the availability SLI's total).
    static func latencySystem(_ instrumentation: Instrumentation) -> SystemDescription {
        sampleSystem(name: "codes", fileID: file, line: 1) {
            Metrics(instrumentation)
            SLO("orders", handler: "/api/orders") {
                Availability(.percent(99.9))
                Latency(.percent(99), under: .milliseconds(500), codes: "2..")
            }
        }
    }

    static let raw = sampleSystem(name: "raw", fileID: file, line: 1) {
        SLO("order-rpcs") {
            SLI(errors: #"sum(rate(grpc_server_handled_total{namespace="$namespace",grpc_service="orders.Orders",grpc_code!="OK"}[$window]))"#,
                total: #"sum(rate(grpc_server_handled_total{namespace="$namespace",grpc_service="orders.Orders"}[$window]))"#)
            Availability(.percent(99.9))
        }
        SLO("orders", handler: "/api/orders") { Availability(.percent(99.9)) }
    }

    static func files(_ system: SystemDescription) throws -> [String: String] {
        try renderInMemory([system], selection: RenderSelection(kinds: [.prometheus]))
    }

    @Test func latencyOverChosenCodesSelectsThemInEveryLatencySeries() throws {
        let rules = try #require(try Self.files(Self.latencySystem(.promhttp))["codes/prod/prometheus/slo-rules.yaml"])
        #expect(rules.contains(#"http_request_duration_seconds_count{namespace="codes-prod",service="api",handler="/api/orders",code=~"2.."}"#))
        #expect(rules.contains(#"http_request_duration_seconds_bucket{namespace="codes-prod",service="api",handler="/api/orders",code=~"2..",le="0.5"}"#))
        // The availability SLI counts every code.
        #expect(rules.contains(#"http_requests_total{namespace="codes-prod",service="api",handler="/api/orders"}"#))
        #expect(rules.contains(#"(bad: slower than 0.5s, le="0.5", of code=~"2..")"#))
    }

    /// The generated tests pass, and feed slow requests of an excluded code (500) that must not count: with the code
    /// matcher left out of the rules, they fail.
    @Test(.enabled(if: ExternalTool.usable("promtool"), ExternalTool.skipNote("promtool")),
          arguments: ["promhttp", "go-http-metrics"])
    func slowRequestsOfExcludedCodesDoNotCount(preset: String) throws {
        let system = Self.latencySystem(preset == "promhttp" ? .promhttp : .goHTTPMetrics)
        var files = try Self.files(system)
        let folder = "codes/prod/prometheus"
        try PrometheusGeneratorTests.runGeneratedTests(files, folder: folder)
        let tests = try #require(files[folder + "/orders.test.yaml"])
        #expect(tests.contains(#"code="500",le="0.5"}"#) && tests.contains(#"code="200",le="0.5"}"#))
        let path = folder + "/slo-rules.yaml"
        files[path] = try #require(files[path]).replacingOccurrences(of: #",code=~"2..""#, with: "")
        try PrometheusGeneratorTests.withFiles(files) { root in
            let result = try PrometheusGeneratorTests.promtool(
                ["test", "rules", "orders.test.yaml"], in: root.appendingPathComponent(folder))
            #expect(result.status != 0, "\(result)")
        }
    }

    @Test func latencyCodesAreChecked() {
        func errors(_ instrumentation: Instrumentation, _ codes: String) -> [String] {
            let system = sampleSystem(name: "codes", fileID: Self.file, line: 1) {
                Metrics(instrumentation)
                SLO("orders") { Latency(.percent(99), under: .milliseconds(500), codes: codes, fileID: Self.file, line: 9) }
            }
            return RenderPipeline().validate([system]).errors.map { "\($0.field ?? ""): \($0.message) @\($0.location?.line ?? 0)" }
        }
        #expect(errors(.promhttp, "2..") == [])
        #expect(errors(.promhttp, "2..|404") == [])
        let noCode = errors(.custom(labels: ["handler", "method"]), "2..")
        #expect(noCode.count == 1 && noCode[0].contains("slo[orders].latency.codes: the latency SLI reads "
            + "http_request_duration_seconds, which custom writes with the labels handler, method, without its code "
            + "label 'code'") && noCode[0].hasSuffix("@9"), "\(noCode)")
        #expect(errors(.promhttp, "2xx").first?.contains("is not a pattern of 3-digit status codes") == true)
        #expect(errors(.promhttp, "...").first?.contains("matches every status code") == true)
        #expect(errors(.promhttp, "7..").first?.contains("matches no status code") == true)
        #expect(errors(.promhttp, "2..\n").first?.contains("empty or spans lines") == true)
    }

    @Test func aRawSLIFlowsThroughTheErrorRatioExpressions() throws {
        let files = try Self.files(Self.raw)
        let rules = try #require(files["raw/prod/prometheus/slo-rules.yaml"])
        #expect(rules.contains(#"sum(rate(grpc_server_handled_total{namespace="raw-prod",grpc_service="orders.Orders",grpc_code!="OK"}[1h]))"#))
        // The long windows sum the 5m rate records, which the raw queries feed.
        #expect(rules.contains(#"sum(rate(grpc_server_handled_total{namespace="raw-prod",grpc_service="orders.Orders"}[5m]))"#))
        #expect(rules.contains("record: slo:sli_total:rate5m"))
        #expect(rules.contains("sum_over_time(slo:sli_total:rate5m{"))
        #expect(!rules.contains("[30d]"))
        #expect(!rules.contains("$window") && !rules.contains("$namespace"))
        #expect(rules.contains("checked by promtool check rules only, no generated unit tests"))
        #expect(rules.contains("alert: OrderRpcsAvailabilityNoData"))
        // No unit tests for the raw SLO; the other SLO (of the same shape) keeps its own, and proves its shape itself.
        #expect(files["raw/prod/prometheus/order-rpcs.test.yaml"] == nil)
        #expect(files["raw/prod/prometheus/orders.long.test.yaml"] != nil)
    }

    @Test(.enabled(if: ExternalTool.usable("promtool"), ExternalTool.skipNote("promtool")))
    func promtoolAcceptsTheRulesOfARawSLI() throws {
        let files = try Self.files(Self.raw)
        try PrometheusGeneratorTests.withFiles(files) { root in
            let result = try PrometheusGeneratorTests.promtool(["check", "rules", "raw/prod/prometheus/slo-rules.yaml"],
                                                               in: root)
            #expect(result.status == 0 && result.stdout.contains("SUCCESS"), "\(result)")
        }
        try PrometheusGeneratorTests.runGeneratedTests(files, folder: "raw/prod/prometheus")
    }

    /// The system README's SLI contract names what a raw SLI reads, its own queries, and leaves the instrumentation's
    /// series out for a service whose SLOs are all raw (they read none of them).
    @Test func theSLIContractShowsTheQueriesOfARawSLI() throws {
        let rawOnly = sampleSystem(name: "rawonly", fileID: Self.file, line: 1) {
            SLO("order-rpcs") {
                SLI(errors: "sum(rate(rpc_errors_total{namespace=\"$namespace\",code=~\"a|b\"}[$window])) # failed\n+ 0",
                    total: #"sum(rate(rpc_total{namespace="$namespace"}[$window]))"#)
                Availability(.percent(99.9))
            }
        }
        let files = try renderInMemory([Self.raw, rawOnly], selection: RenderSelection(kinds: [.report]))
        let readme = try #require(files["rawonly/README.md"])
        #expect(!readme.contains("http\\_requests\\_total"), "\(readme)")
        // Escaped as every table cell of the README is: a Markdown reader shows the query exactly as written.
        #expect(readme.contains(##"| api | order-rpcs | sum(rate(rpc\_errors\_total{namespace="\$namespace",code=\~"a\|b"}\[\$window\])) \# failed ⏎ + 0 | sum(rate(rpc\_total{namespace="\$namespace"}\[\$window\])) |"##), "\(readme)")
        // A service with a preset SLO beside the raw one keeps its instrumentation row.
        let mixed = try #require(files["raw/README.md"])
        #expect(mixed.contains("| api | promhttp"))
        #expect(mixed.contains("| api | order-rpcs | sum(rate(grpc\\_server\\_handled\\_total"))
    }

    @Test func aRawSLIIsRefusedWithItsProblemsAtOnce() {
        let system = sampleSystem(name: "raw", fileID: Self.file, line: 1) {
            SLO("bad", handler: "/api", fileID: Self.file, line: 19) {
                SLI(errors: #"sum(rate(x{code="5"[$window]))"#, total: "sum(rate(x[5m]))", fileID: Self.file, line: 20)
                Latency(.percent(99), under: .milliseconds(500), fileID: Self.file, line: 21)
            }
        }
        let errors = RenderPipeline().validate([system]).errors
        #expect(errors.map { "\($0.field ?? "") @\($0.location?.line ?? 0)" }.sorted() == [
            "slo[bad].latency @21", "slo[bad].matchers @19", "slo[bad].sli @20", "slo[bad].sli.errors @20",
            "slo[bad].sli.total @20",
        ], "\(errors.map(\.description))")
        let messages = errors.map(\.message)
        #expect(messages.contains { $0.contains("unexpected '[' in label matching, at offset 19") })
        #expect(messages.contains { $0.contains("every range must be the placeholder [$window]") })
    }
}
