import Infragen

extension HostileCorpus {
    // MARK: - Metrics: instrumentation presets, declared buckets, SLO matchers

    static func metrics() -> [HostileCase] {
        var cases: [HostileCase] = []
        /// A service with `Metrics(…)` on line 10 and an SLO on line 11 whose objectives are on line 12.
        func refused(
            _ id: String, _ expected: (String) -> [ExpectedDiagnostic],
            metrics: (String) -> Metrics, handler: String? = nil, method: String? = nil,
            matching: [String: String] = [:], latency: Duration? = nil
        ) {
            let f = file(id)
            let system = blueprint(f, service: {
                metrics(f)
                SLO("checkout", handler: handler, method: method, matching: matching, fileID: f, line: 11) {
                    Availability(.percent(99.9), fileID: f, line: 12)
                    if let latency { Latency(.percent(99), under: latency, fileID: f, line: 12) }
                }
            })
            cases.append(HostileCase(name: id, systems: [system], outcome: .refused(expected(f))))
        }
        // The seed's 800 ms is not among prometheus.DefBuckets: the message lists the preset's buckets.
        refused("latency-threshold-not-in-the-presets-buckets",
                { [.error("slo[checkout].latency.threshold", "(promhttp's default buckets: 0.005, 0.01", at: $0, line: 12)] },
                metrics: { Metrics(.promhttp, fileID: $0, line: 10) }, latency: .milliseconds(800))
        refused("latency-threshold-not-in-the-declared-buckets",
                { [.error("slo[checkout].latency.threshold", "(the buckets Metrics(buckets:) declares: 0.25, 1)",
                          at: $0, line: 12)] },
                metrics: { Metrics(.goHTTPMetrics, buckets: [.milliseconds(250), .seconds(1)], fileID: $0, line: 10) },
                latency: .milliseconds(500))
        refused("metrics-buckets-descending",
                { [.error("metrics.buckets", "positive, ascending and distinct", at: $0, line: 10)] },
                metrics: { Metrics(.goHTTPMetrics, buckets: [.seconds(2), .seconds(1)], fileID: $0, line: 10) })
        refused("metrics-buckets-empty",
                { [.error("metrics.buckets", "positive, ascending and distinct", at: $0, line: 10)] },
                metrics: { Metrics(.promhttp, buckets: [], fileID: $0, line: 10) })
        refused("metrics-bucket-of-a-week",
                { [.error("metrics.buckets", "the bucket 604800s is over a day", at: $0, line: 10)] },
                metrics: { Metrics(.promhttp, buckets: [.seconds(1), .seconds(604_800)], fileID: $0, line: 10) })
        refused("custom-counter-with-a-dash",
                { [.error("metrics.requestCounter", "'http-requests-total' is not a Prometheus metric", at: $0, line: 10)] },
                metrics: { Metrics(.custom(requestCounter: "http-requests-total"), fileID: $0, line: 10) })
        refused("custom-label-with-a-line-break",
                { [.error("metrics.labels", "is not a Prometheus metric or label name", at: $0, line: 10)] },
                metrics: { Metrics(.custom(labels: ["code", "handler\n", "method"]), fileID: $0, line: 10) })
        refused("custom-histogram-with-a-brace",
                { [.error("metrics.durationHistogram", "is not a Prometheus metric or label name", at: $0, line: 10)] },
                metrics: { Metrics(.custom(durationHistogram: "latency{le=\"1\"}"), fileID: $0, line: 10) })
        // go-gin-prometheus's histogram has no handler label (its handler is the Go function's name, on the counter
        // only): an SLO matching it would select nothing.
        refused("matcher-on-a-label-the-histogram-lacks",
                { [.error("slo[checkout].matchers", "gin_request_duration_seconds, which go-gin-prometheus writes with "
                          + "the labels code, method, url, not 'handler'", at: $0, line: 11)] },
                metrics: { Metrics(.goGinPrometheus, fileID: $0, line: 10) },
                matching: ["handler": "main.createOrder"], latency: .milliseconds(500))
        refused("matcher-on-a-label-no-series-has",
                { f in ["availability", "latency"].map { _ in
                    .error("slo[checkout].matchers", "not 'route', so it would select nothing", at: f, line: 11) } },
                metrics: { Metrics(.goHTTPMetrics, fileID: $0, line: 10) },
                matching: ["route": "/api"], latency: .milliseconds(500))
        refused("handler-with-a-line-break",
                { [.error("slo[checkout].handler", "the handler is empty or contains a control character",
                          at: $0, line: 11)] },
                metrics: { Metrics(.promhttp, fileID: $0, line: 10) }, handler: "/api\n/admin")
        refused("method-empty",
                { [.error("slo[checkout].method", "the method is empty or contains a control character",
                          at: $0, line: 11)] },
                metrics: { Metrics(.promhttp, fileID: $0, line: 10) }, method: "")
        refused("handler-twice",
                { [.error("slo[checkout].matchers", "the SLO matches on 'url' twice", at: $0, line: 11)] },
                metrics: { Metrics(.goGinPrometheus, fileID: $0, line: 10) }, handler: "/api",
                matching: ["url": "/api/orders"])
        // Alerting: names, labels and annotations of an SLO's alerts (the SLO on line 11).
        func refusedAlerting(
            _ id: String, _ field: String, _ fragment: String,
            @ListBuilder<any SLOComponent> _ components: () -> [any SLOComponent]
        ) {
            let f = file(id)
            let extra = components()
            let system = blueprint(f, service: {
                SLO("checkout", fileID: f, line: 11) {
                    Availability(.percent(99.9))
                    extra
                }
            })
            cases.append(.refused(id, system, .error(field, fragment, at: f, line: 11)))
        }
        refusedAlerting("alert-name-with-a-dash", "slo[checkout].alertName", "is not an alert name in upper camel case") {
            AlertName("Checkout-Errors")
        }
        refusedAlerting("alert-name-with-a-line-break", "slo[checkout].alertName",
                        "is not an alert name in upper camel case") { AlertName("Checkout\nErrors") }
        refusedAlerting("alert-label-severity", "slo[checkout].alertLabels",
                        "the label 'severity' is set by infragen on every alert") { AlertLabels(["severity": "low"]) }
        refusedAlerting("alert-label-reserved-prefix", "slo[checkout].alertLabels", "is not a Prometheus label name") {
            AlertLabels(["__name__": "x"])
        }
        refusedAlerting("alert-label-value-with-a-line-break", "slo[checkout].alertLabels",
                        "the value of 'channel' is empty or spans lines") { AlertLabels(["channel": "a\nseverity: page"]) }
        refusedAlerting("annotation-with-a-line-break", "slo[checkout].annotations.summary",
                        "the annotation is empty, spans lines") { AlertAnnotations(summary: "checkout\n{{ $value }}") }
        refusedAlerting("annotation-huge", "slo[checkout].annotations.description", "over 2000 bytes") {
            AlertAnnotations(description: String(repeating: "x", count: 100_000))
        }
        refusedAlerting("dashboard-not-a-url", "slo[checkout].annotations.dashboard_url", "is not an http(s) URL") {
            AlertAnnotations(dashboard: "javascript:alert(1)")
        }
        // Regular-expression matchers (the SLO on line 11, its Match(…) on line 12): parsed as Prometheus reads them
        // (RE2), refused at the matcher when they do not parse or leave the SLO nothing to select.
        func refusedMatch(
            _ id: String, _ fragment: String, @ListBuilder<any SLOComponent> _ matches: (String) -> [any SLOComponent]
        ) {
            let f = file(id)
            let extra = matches(f)
            let system = blueprint(f, service: {
                SLO("checkout", fileID: f, line: 11) {
                    Availability(.percent(99.9))
                    extra
                }
            })
            cases.append(.refused(id, system, .error("slo[checkout].matchers", fragment, at: f, line: 12)))
        }
        refusedMatch("regex-matcher-with-a-backreference", "invalid escape sequence: `\\1`") {
            Match("handler", matches: #"(/api)\1"#, fileID: $0, line: 12)
        }
        refusedMatch("regex-matcher-with-a-lookahead", "invalid or unsupported Perl syntax: `(?!`") {
            Match("handler", doesNotMatch: "(?!/health).*", fileID: $0, line: 12)
        }
        // Prometheus compiles ^(?:PATTERN)$, where `a)|(.*` would parse and match every value: infragen reads the
        // pattern alone.
        refusedMatch("regex-matcher-escaping-the-anchors", "unexpected )") {
            Match("handler", matches: "/api/orders)|(.*", fileID: $0, line: 12)
        }
        refusedMatch("regex-matcher-nested-repetition", "invalid nested repetition operator") {
            Match("handler", matches: "/api/.**", fileID: $0, line: 12)
        }
        refusedMatch("regex-matcher-huge-repeat", "invalid repeat count: `{1001}`") {
            Match("handler", matches: "/a{1001}", fileID: $0, line: 12)
        }
        // A long pattern is matched by a backtracking search that recurses per character: refused before it runs.
        refusedMatch("regex-matcher-huge", "is 5000 bytes long, over 1024") {
            Match("handler", matches: String(repeating: "a", count: 5_000), fileID: $0, line: 12)
        }
        refusedMatch("regex-matcher-huge-alternation", "bytes long, over 1024") {
            Match("handler", doesNotMatch: (0..<2_000).map { "/r\($0)" }.joined(separator: "|"), fileID: $0, line: 12)
        }
        refusedMatch("regex-matchers-that-select-nothing", "select no value infragen can find") {
            Match("handler", matches: "/api/orders", fileID: $0, line: 12)
            Match("handler", doesNotMatch: "/api/.*", fileID: $0, line: 13)
        }
        refusedMatch("regex-matcher-excluding-everything", "select no value infragen can find") {
            Match("handler", doesNotMatch: ".*", fileID: $0, line: 12)
        }
        refusedMatch("regex-matcher-on-the-code-label", "the SLO matches on 'code', which the generated rules already set") {
            Match("code", matches: "2..", fileID: $0, line: 12)
        }
        do {
            // Two SLOs whose alerts would share a name: checkout-availability's stem is CheckoutAvailability.
            let f = file("alert-names-of-two-slos-collide")
            let system = blueprint(f, service: {
                SLO("checkout-availability", fileID: f, line: 10) { Availability(.percent(99.9)) }
                SLO("orders", fileID: f, line: 11) {
                    Availability(.percent(99.9))
                    AlertName("Checkout")
                }
            })
            cases.append(.refused(
                "alert-names-of-two-slos-collide", system,
                .error("slo[orders].alertName", "the alert name 'CheckoutAvailabilityBudgetBurn' is also an alert of SLO "
                    + "'checkout-availability'", at: f, line: 11),
                .error("slo[orders].alertName", "the alert name 'CheckoutAvailabilityNoData' is also an alert of SLO "
                    + "'checkout-availability'", at: f, line: 11)))
        }
        return cases
    }
}
