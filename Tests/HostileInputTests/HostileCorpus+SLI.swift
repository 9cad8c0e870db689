import Foundation
import Infragen
import InfragenTestSupport
import InfragenYAML

extension HostileCorpus {
    // MARK: - Flexible SLIs: the selector's service label and value, the namespace switch

    static func flexibleSLIs() -> [HostileCase] {
        var cases: [HostileCase] = []
        /// A service with the SLI selector's component on line 10 and an SLO on line 11.
        func refusedSelector(
            _ id: String, _ field: String, _ fragment: String,
            @ListBuilder<any ServiceComponent> _ body: (String) -> [any ServiceComponent]
        ) {
            let f = file(id)
            let components = body(f)
            let system = blueprint(f, service: {
                components
                SLO("checkout", fileID: f, line: 11) { Availability(.percent(99.9)) }
            })
            cases.append(.refused(id, system, .error(field, fragment, at: f, line: 10)))
        }
        refusedSelector("sli-service-label-with-a-dash", "sli.serviceLabel", "'service-name' is not a Prometheus label") {
            SLISelector(serviceLabel: "service-name", fileID: $0, line: 10)
        }
        refusedSelector("sli-service-label-reserved-prefix", "sli.serviceLabel", "is not a Prometheus label name") {
            SLISelector(serviceLabel: "__name__", fileID: $0, line: 10)
        }
        refusedSelector("sli-service-label-le", "sli.serviceLabel", "the service label cannot be 'le'") {
            SLISelector(serviceLabel: "le", fileID: $0, line: 10)
        }
        refusedSelector("sli-service-label-in-metrics-with-a-line-break", "sli.serviceLabel",
                        "is not a Prometheus label name") {
            Metrics(.promhttp, serviceLabel: "job\n", fileID: $0, line: 10)
        }
        // promhttp writes code, handler and method itself: the scrape's label would replace the application's.
        refusedSelector("sli-service-label-the-instrumentation-writes", "sli.serviceLabel",
                        "the service label 'code' is one promhttp writes") {
            SLISelector(serviceLabel: "code", fileID: $0, line: 10)
        }
        refusedSelector("sli-service-label-value-empty", "sli.serviceLabelValue", "Prometheus reads as a missing label") {
            SLISelector(value: "", fileID: $0, line: 10)
        }
        refusedSelector("sli-service-label-value-with-a-line-break", "sli.serviceLabelValue",
                        "holds a line break or a control character") {
            SLISelector(value: "orders\"}\n- record: x", fileID: $0, line: 10)
        }
        refusedSelector("sli-service-label-value-with-nel", "sli.serviceLabelValue",
                        "holds a line break or a control character") {
            SLISelector(value: "orders\u{85}api", fileID: $0, line: 10)
        }
        refusedSelector("sli-service-label-value-huge", "sli.serviceLabelValue", "is 100000 bytes long") {
            SLISelector(value: String(repeating: "x", count: 100_000), fileID: $0, line: 10)
        }
        refusedSelector("sli-service-label-value-in-one-environment", "sli.serviceLabelValue",
                        "holds a line break or a control character") { f in
            Override(.prod, fileID: f, line: 10) { SLISelector(value: "a\tb", fileID: f, line: 10) }
        }
        // Legal: quotes, a backslash, `$1` and `${x}` (which relabeling would expand) and Unicode reach Prometheus as
        // written: the monitor doubles each `$`, the rules quote the value, and promtool runs the generated tests.
        do {
            let id = "sli-service-label-value-with-quotes-and-dollars"
            let f = file(id)
            let value = #"orders "api" \ $1 ${x} ünï"#
            let system = blueprint(f, service: {
                SLISelector(serviceLabel: "job", value: value, matchNamespace: false, fileID: f, line: 10)
                SLO("checkout", fileID: f, line: 11) { Availability(.percent(99.9)) }
            })
            cases.append(.legal(
                id, system,
                YAMLScalarValue(
                    file: "hostile/prod/kubernetes/api.yaml", kind: "PodMonitor",
                    path: [.key("spec"), .key("podMetricsEndpoints"), .index(0), .key("relabelings"), .index(1),
                           .key("replacement")],
                    expected: .string(#"orders "api" \ $$1 $${x} ünï"#)),
                PromtoolRules(folder: "hostile/prod/prometheus", contains: #"{job="orders \"api\" \\ $1 ${x} ünï"}"#)))
        }
        // Latency over a subset of the status codes (the Latency on line 12).
        func refusedCodes(_ id: String, _ fragment: String, metrics: Instrumentation = .promhttp, codes: String) {
            let f = file(id)
            let system = blueprint(f, service: {
                Metrics(metrics, fileID: f, line: 10)
                SLO("checkout", fileID: f, line: 11) {
                    Latency(.percent(99), under: .milliseconds(500), codes: codes, fileID: f, line: 12)
                }
            })
            cases.append(.refused(id, system, .error("slo[checkout].latency.codes", fragment, at: f, line: 12)))
        }
        refusedCodes("latency-codes-on-a-histogram-without-the-code-label",
                     "which custom writes with the labels handler, method, without its code label 'code'",
                     metrics: .custom(labels: ["handler", "method"]), codes: "2..")
        refusedCodes("latency-codes-not-three-digits", "is not a pattern of 3-digit status codes", codes: "2xx")
        refusedCodes("latency-codes-a-regex-injection", "is not a pattern of 3-digit status codes",
                     codes: #"2.."}[5m])) or vector(1) #"#)
        refusedCodes("latency-codes-with-a-line-break", "the code pattern is empty or spans lines", codes: "2..\n")
        refusedCodes("latency-codes-empty", "the code pattern is empty or spans lines", codes: "")
        refusedCodes("latency-codes-every-code", "matches every status code", codes: "[1-5]..")
        refusedCodes("latency-codes-no-code", "matches no status code 100-599", codes: "6..")
        // Raw-PromQL SLIs (the SLI on line 12): refused at the SLI when a query is not PromQL infragen can use.
        func refusedRaw(_ id: String, _ field: String, _ fragment: String, errors: String, total: String) {
            let f = file(id)
            let system = blueprint(f, service: {
                SLO("checkout", fileID: f, line: 11) {
                    SLI(errors: errors, total: total, fileID: f, line: 12)
                    Availability(.percent(99.9))
                }
            })
            cases.append(.refused(id, system, .error("slo[checkout].sli.\(field)", fragment, at: f, line: 12)))
        }
        let total = #"sum(rate(requests_total{namespace="$namespace"}[$window]))"#
        refusedRaw("raw-sli-unbalanced-parentheses", "errors", "unexpected end of input in aggregation",
                   errors: #"sum(rate(requests_total{namespace="$namespace",code="500"}[$window])"#, total: total)
        refusedRaw("raw-sli-without-the-placeholder", "errors", "every range must be the placeholder [$window]",
                   errors: #"sum(rate(requests_total{namespace="$namespace",code="500"}[5m]))"#, total: total)
        refusedRaw("raw-sli-without-any-range", "total", "the query has no range [$window]",
                   errors: #"sum(rate(requests_total{namespace="$namespace",code="500"}[$window]))"#, total: "sum(requests_total)")
        refusedRaw("raw-sli-placeholder-misspelled", "total", "the placeholders are [$window], and $namespace inside a string",
                   errors: #"sum(rate(requests_total{namespace="$namespace",code="500"}[$window]))"#, total: "sum(rate(requests_total[${window}]))")
        refusedRaw("raw-sli-placeholder-outside-a-range", "total", "unexpected $window",
                   errors: #"sum(rate(requests_total{namespace="$namespace",code="500"}[$window]))"#, total: "sum(rate(requests_total[$window])) / $window")
        refusedRaw("raw-sli-two-expressions", "errors", "unexpected 'sum' after the expression",
                   errors: #"sum(rate(a_total[$window])) sum(rate(b_total[$window]))"#, total: total)
        refusedRaw("raw-sli-bad-regex-matcher", "errors", "invalid regular expression for code",
                   errors: #"sum(rate(requests_total{namespace="$namespace",code=~"5..(?!3)"}[$window]))"#, total: total)
        refusedRaw("raw-sli-bad-string-escape", "errors", "unknown escape sequence",
                   errors: #"sum(rate(requests_total{namespace="$namespace",path="C:\dir"}[$window]))"#, total: total)
        refusedRaw("raw-sli-control-character", "errors", "a control character (byte 0x0) is not PromQL",
                   errors: "sum(rate(requests_total[$window]))\u{0}", total: total)
        refusedRaw("raw-sli-a-rule-injection", "errors", "unexpected 'x' after the expression",
                   errors: "sum(rate(requests_total[$window]))\n- record: x\n  expr: vector(1)", total: total)
        refusedRaw("raw-sli-unknown-function", "errors", "unknown function with name \"rates\"",
                   errors: "sum(rates(requests_total[$window]))", total: total)
        refusedRaw("raw-sli-a-range-where-an-instant-vector-goes", "total", "expected type instant vector in aggregation",
                   errors: #"sum(rate(requests_total{namespace="$namespace",code="500"}[$window]))"#, total: "sum(requests_total[$window])")
        refusedRaw("raw-sli-a-scalar", "total", "returns a scalar, not an instant vector",
                   errors: #"sum(rate(requests_total{namespace="$namespace",code="500"}[$window]))"#, total: "scalar(sum(rate(requests_total[$window])))")
        refusedRaw("raw-sli-huge", "errors", "bytes long, over 4096",
                   errors: "sum(rate(requests_total[$window]))" + String(repeating: " + 1", count: 25_000), total: total)
        refusedRaw("raw-sli-empty", "total", "unexpected end of input where an expression goes",
                   errors: #"sum(rate(requests_total{namespace="$namespace",code="500"}[$window]))"#, total: "")
        // A query without `$namespace` would count every environment's events in each environment's rules.
        refusedRaw("raw-sli-without-a-namespace", "total", "the total query selects no namespace, so the rules of dev, prod",
                   errors: #"sum(rate(requests_total{namespace="$namespace",code="500"}[$window]))"#,
                   total: "sum(rate(requests_total[$window]))")
        refusedRaw("raw-sli-namespace-placeholder-outside-a-string", "errors", "the placeholders are [$window]",
                   errors: #"sum(rate(requests_total{namespace=$namespace}[$window]))"#, total: total)
        // Legal: `$namespace` becomes each environment's namespace; without it where a Prometheus sees one environment.
        do {
            let id = "raw-sli-namespace-per-environment"
            let f = file(id)
            let system = blueprint(f, service: {
                SLO("checkout", fileID: f, line: 11) {
                    SLI(errors: #"sum(rate(requests_total{namespace="$namespace",code="500"}[$window]))"#, total: total,
                        fileID: f, line: 12)
                    Availability(.percent(99.9))
                }
            })
            cases.append(.legal(id, system, PromtoolRules(
                folder: "hostile/prod/prometheus", contains: #"requests_total{namespace="hostile-prod",code="500"}[1h]"#)))
        }
        do {
            let id = "raw-sli-without-a-namespace-where-prometheus-sees-one-environment"
            let f = file(id)
            let system = blueprint(f, service: {
                SLISelector(matchNamespace: false, fileID: f, line: 10)
                SLO("checkout", fileID: f, line: 11) {
                    SLI(errors: #"sum(rate(requests_total{code="500"}[$window]))"#,
                        total: "sum(rate(requests_total[$window]))", fileID: f, line: 12)
                    Availability(.percent(99.9))
                }
            })
            cases.append(.legal(id, system, PromtoolRules(
                folder: "hostile/prod/prometheus", contains: #"sum(rate(requests_total{code="500"}[1h]))"#)))
        }
        do {
            // Handler, method and Match(…) select the instrumentation's series, which a raw SLI does not read.
            let f = file("raw-sli-with-a-matcher")
            let system = blueprint(f, service: {
                SLO("checkout", fileID: f, line: 11) {
                    SLI(errors: #"sum(rate(requests_total{namespace="$namespace",code="500"}[$window]))"#, total: total, fileID: f, line: 12)
                    Availability(.percent(99.9))
                    Match("handler", equals: "/api", fileID: f, line: 13)
                }
            })
            cases.append(.refused("raw-sli-with-a-matcher", system,
                                  .error("slo[checkout].matchers", "which an SLI(errors:total:) does not read", at: f, line: 13)))
        }
        // Legal: a raw SLI whose strings hold `$window`, `#`, quotes and Go escapes reaches the rules as written, with
        // only the ranges replaced, and promtool accepts the rule file.
        do {
            let id = "raw-sli-with-strings-that-look-like-syntax"
            let f = file(id)
            let errors = #"sum(rate(requests_total{namespace="$namespace",path="[$window] # \"x\"",code=~"5..|4\\d\\d"}[$window])) # comment"#
            let system = blueprint(f, service: {
                SLO("checkout", fileID: f, line: 11) {
                    SLI(errors: errors, total: total, fileID: f, line: 12)
                    Availability(.percent(99.9))
                }
            })
            cases.append(.legal(id, system, PromtoolRules(
                folder: "hostile/prod/prometheus",
                contains: "[1h])) # comment"))) // the comment kept, on its own line before the closing parenthesis
        }
        return cases
    }
}

/// The generated rule file and tests of one environment as Prometheus reads them: the rule file contains a text,
/// `promtool check rules` accepts it, and `promtool test rules` passes every generated test file.
struct PromtoolRules: ReadBack {
    let folder: String
    let contains: String

    var tool: String? { "promtool" }
    var description: String { "promtool test rules in \(folder), the rules containing \(contains)" }

    func check(_ files: [String: String]) throws {
        guard let rules = files["\(folder)/slo-rules.yaml"], rules.contains(contains) else {
            throw ReadBackFailed("\(folder)/slo-rules.yaml does not contain \(contains)")
        }
        let tests = files.keys.filter { $0.hasPrefix(folder + "/") && $0.hasSuffix(".test.yaml") }
            .map { String($0.dropFirst(folder.count + 1)) }.sorted()
        try withTemporaryFolder { root in
            try writeFiles(files.sorted { $0.key < $1.key }, under: root)
            let promtool = try ExternalTool.path("promtool"), here = root.appendingPathComponent(folder)
            let check = try runProcess(promtool, ["check", "rules", "slo-rules.yaml"], in: here, timeout: .seconds(60))
            guard check.status == 0 else { throw ReadBackFailed("promtool check rules failed: \(check)") }
            guard !tests.isEmpty else { return }
            let result = try runProcess(promtool, ["test", "rules"] + tests, in: here, timeout: .seconds(600))
            guard result.status == 0 else { throw ReadBackFailed("promtool test rules failed: \(result)") }
        }
    }
}
