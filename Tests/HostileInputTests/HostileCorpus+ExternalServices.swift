import Infragen
import InfragenModel

extension HostileCorpus {
    // MARK: - External services (SLO rules only)

    static func externalServices() -> [HostileCase] {
        var cases: [HostileCase] = []
        /// The base blueprint (service `api` in dev and prod) plus an external service declared on line 10, whose
        /// components the case gives lines 11 and after.
        func refused(
            _ id: String, namespace: String? = "billing", name: String = "legacy", _ expected: (String) -> [ExpectedDiagnostic],
            @ListBuilder<any ExternalServiceComponent> _ body: @escaping (String) -> [any ExternalServiceComponent]
        ) {
            let f = file(id)
            let system = blueprint(f, system: {
                ExternalService(name, namespace: namespace, fileID: f, line: 10) { body(f) }
            })
            cases.append(HostileCase(name: id, systems: [system], outcome: .refused(expected(f))))
        }
        func availability(_ f: String, line: Int = 12) -> SLO {
            SLO("legacy-requests", fileID: f, line: line) { Availability(.percent(99.9), fileID: f, line: line) }
        }
        refused("external-service-named-like-a-service", name: "api",
                { [.error("name", "'api' is both a service and an external service", at: $0, line: 10)] }) { f in
            availability(f)
        }
        refused("external-service-without-a-namespace", namespace: nil, { f in
            ["dev", "prod"].map { _ in .error("namespace", "has no namespace in", at: f, line: 10) }
        }) { f in availability(f) }
        refused("external-service-namespace-not-a-dns-label", namespace: "Billing_NS",
                { [.error("namespace", "is not a valid Kubernetes namespace", at: $0, line: 10)] }) { f in
            availability(f)
        }
        refused("external-service-runs-in-an-unknown-environment",
                { [.error("environments", "RunsIn names environment 'prd', which the system does not declare",
                          at: $0, line: 11)] }) { f in
            RunsIn("prd", namespace: "billing-prd", fileID: f, line: 11)
            availability(f)
        }
        refused("external-service-runs-in-and-not-in-one-environment",
                { [.error("environments", "environment 'dev' is named twice", at: $0, line: 13)] }) { f in
            RunsIn(.dev, namespace: "billing-dev", fileID: f, line: 11)
            availability(f)
            NotIn(.dev, fileID: f, line: 13)
        }
        refused("external-service-runs-nowhere",
                { [.error("environments", "runs in none of the system's environments", at: $0, line: 11)] }) { f in
            NotIn(.dev, .prod, fileID: f, line: 11)
            availability(f)
        }
        refused("external-service-without-an-slo",
                { [.error("slos", "the external service has no SLO", at: $0, line: 10)] }) { f in
            Metrics(.promhttp, fileID: f, line: 11)
        }
        refused("external-service-metrics-port",
                { [.error("metrics", "infragen neither deploys nor scrapes an external service", at: $0, line: 11)] }) { f in
            Metrics(.promhttp, port: "http", fileID: f, line: 11)
            availability(f)
        }
        // The SLO checks of a deployed service's SLOs hold for an external service's.
        refused("external-service-latency-threshold-not-a-bucket",
                { [.error("slo[legacy-latency].latency.threshold", "is not a bucket of http_request_duration_seconds",
                          at: $0, line: 12)] }) { f in
            Metrics(.promhttp, fileID: f, line: 11)
            SLO("legacy-latency", fileID: f, line: 12) {
                Latency(.percent(99), under: .milliseconds(800), fileID: f, line: 12)
            }
        }
        refused("external-service-matcher-on-the-namespace",
                { [.error("slo[legacy-requests].matchers", "the SLO matches on 'namespace'", at: $0, line: 12)] }) { f in
            SLO("legacy-requests", fileID: f, line: 12) {
                Match("namespace", equals: "billing", fileID: f, line: 12)
                Availability(.percent(99.9), fileID: f, line: 12)
            }
        }
        refused("external-service-summary-with-a-line-break",
                { [.error("summary", "the summary contains a control character or line break", at: $0, line: 10)] }) { f in
            Summary("Billing\nmonolith")
            availability(f)
        }
        refused("external-service-team-with-a-bidi-override",
                { [.error("team", "U+202E", at: $0, line: 11)] }) { f in
            Team("billing\u{202E}", fileID: f, line: 11)
            availability(f)
        }
        do {
            // One rule file holds every SLO of the system: an external service's SLO may not take a service's name.
            let f = file("external-service-slo-named-like-a-services-slo")
            let system = blueprint(
                f,
                system: {
                    ExternalService("legacy", namespace: "billing", fileID: f, line: 10) {
                        SLO("api-requests", fileID: f, line: 11) { Availability(.percent(99.9)) }
                    }
                },
                service: { SLO("api-requests", fileID: f, line: 9) { Availability(.percent(99.9)) } })
            cases.append(.refused(
                "external-service-slo-named-like-a-services-slo", system,
                .error("slo[api-requests].name", "is also declared by service 'api'", at: f, line: 11)))
        }
        do {
            let f = file("external-service-declared-twice")
            let system = blueprint(f, system: {
                ExternalService("legacy", namespace: "billing", fileID: f, line: 10) { availability(f, line: 11) }
                ExternalService("legacy", namespace: "billing", fileID: f, line: 12) {
                    SLO("legacy-latency", fileID: f, line: 13) {
                        Latency(.percent(99), under: .milliseconds(500), fileID: f, line: 13)
                    }
                }
            })
            cases.append(.refused(
                "external-service-declared-twice", system,
                .error("externalServices", "external service 'legacy' is declared 2 times", at: f, line: 12)))
        }
        // Legal: its namespace in each environment reaches the rules, and it runs only where it runs.
        do {
            let f = file("external-service-namespace-per-environment")
            let system = blueprint(f, system: {
                ExternalService("legacy", namespace: "billing", fileID: f, line: 10) {
                    RunsIn(.prod, namespace: "billing-prod", fileID: f, line: 11)
                    availability(f)
                }
            })
            cases.append(.legal(
                "external-service-namespace-per-environment", system,
                RuleSelects(environment: "prod", fragment: #"namespace="billing-prod",service="legacy""#),
                RuleSelects(environment: "dev", fragment: #"namespace="billing",service="legacy""#)))
        }
        do {
            let f = file("external-service-not-in-dev")
            let system = blueprint(f, system: {
                ExternalService("legacy", namespace: "billing", fileID: f, line: 10) {
                    NotIn(.dev, fileID: f, line: 11)
                    availability(f)
                }
            })
            cases.append(.legal(
                "external-service-not-in-dev", system,
                RuleSelects(environment: "prod", fragment: #"service="legacy""#),
                RuleSelects(environment: "dev", fragment: #"service="legacy""#, present: false)))
        }
        do {
            // A system of external services only renders its Prometheus files and README, nothing deployable.
            let f = file("external-services-only")
            let system = System("hostile", fileID: f, line: 1) {
                Deploy(to: .dev, fileID: f, line: 3)
                Deploy(to: .prod, fileID: f, line: 4)
                ExternalService("legacy", namespace: "billing", fileID: f, line: 10) { availability(f, line: 11) }
            }.description
            cases.append(.legal("external-services-only", system, OnlyPrometheusFiles()))
        }
        return cases
    }
}

/// The environment's rule file selects (or, with `present: false`, never mentions) a fragment of PromQL.
struct RuleSelects: ReadBack {
    let environment: String
    let fragment: String
    var present = true

    var tool: String? { nil }
    var description: String { "hostile/\(environment) rules \(present ? "select" : "do not mention") \(fragment)" }

    func check(_ files: [String: String]) throws {
        let rules = files["hostile/\(environment)/prometheus/slo-rules.yaml"] ?? ""
        if rules.contains(fragment) != present { throw ReadBackFailed(description + ", but they do not") }
    }
}

/// Every generated file is a Prometheus file or the system README: nothing that deploys.
struct OnlyPrometheusFiles: ReadBack {
    var tool: String? { nil }
    var description: String { "only prometheus/ files and the README" }

    func check(_ files: [String: String]) throws {
        let others = files.keys.filter { !$0.contains("/prometheus/") && $0 != "hostile/README.md" }.sorted()
        if !others.isEmpty { throw ReadBackFailed("\(description), but also \(others)") }
        if !files.keys.contains("hostile/prod/prometheus/slo-rules.yaml") {
            throw ReadBackFailed("\(description), but no rule file for prod")
        }
    }
}
