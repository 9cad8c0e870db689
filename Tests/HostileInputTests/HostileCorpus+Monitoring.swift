import Infragen

extension HostileCorpus {
    // MARK: - Monitoring: the selector labels of the PrometheusRule objects and of the monitors

    static func monitoring() -> [HostileCase] {
        var cases: [HostileCase] = []
        refusedService(&cases, "monitor-label-key-with-a-space", "monitorLabels.labels[release name]", "is not a label key") {
            MonitorLabels(["release name": "kube-prometheus-stack"], fileID: $0, line: 10)
        }
        refusedService(&cases, "monitor-label-value-with-a-line-break", "monitorLabels.labels[release]",
                       "is not a valid value for label 'release'") {
            MonitorLabels(["release": "kube-prometheus-stack\nteam: x"], fileID: $0, line: 10)
        }
        refusedService(&cases, "monitor-label-on-a-recommended-label", "monitorLabels.labels[app.kubernetes.io/name]",
                       "is a label infragen sets itself") {
            MonitorLabels(["app.kubernetes.io/name": "prometheus"], fileID: $0, line: 10)
        }
        refusedService(&cases, "monitor-label-value-of-64-characters", "monitorLabels.labels[release]",
                       "is not a valid value for label 'release'") {
            MonitorLabels(["release": String(repeating: "a", count: 64)], fileID: $0, line: 10)
        }
        // One PrometheusRule holds the rules of every service of the environment: a service cannot choose its labels.
        refusedService(&cases, "rule-labels-on-a-service", "prometheusRuleLabels", "is set on a service") {
            PrometheusRuleLabels(["release": "kube-prometheus-stack"], fileID: $0, line: 10)
        }
        func refusedDefaults(
            _ id: String, _ field: String, _ fragment: String, _ labels: [String: String]
        ) {
            let f = file(id)
            cases.append(.refused(
                id, blueprint(f, system: { Defaults { PrometheusRuleLabels(labels, fileID: f, line: 10) } }),
                .error(field, fragment, at: f, line: 10)))
        }
        refusedDefaults("rule-label-on-the-prune-label", "prometheusRuleLabels.labels[infragen.io/system]",
                        "is a label infragen sets itself", ["infragen.io/system": "other"])
        refusedDefaults("rule-label-key-with-two-slashes", "prometheusRuleLabels.labels[example.com/a/b]",
                        "is not a label key", ["example.com/a/b": "x"])
        refusedDefaults("rule-label-value-with-a-quote", "prometheusRuleLabels.labels[release]",
                        "is not a valid value for label 'release'", ["release": "kube\"prometheus"])
        refusedDefaults("rule-label-key-empty", "prometheusRuleLabels.labels[]", "is not a label key", ["": "x"])
        do {
            // Legal labels reach the objects exactly (the environment's over the system's, key by key).
            let f = file("selector-labels-reach-the-objects")
            let system = blueprint(f, system: {
                Defaults {
                    PrometheusRuleLabels(["release": "kube-prometheus-stack", "example.com/tier": "1"], fileID: f,
                                         line: 10)
                    MonitorLabels(["release": "kube-prometheus-stack"], fileID: f, line: 11)
                }
            }, service: {
                Metrics(.promhttp, fileID: f, line: 12)
                SLO("checkout", fileID: f, line: 13) { Availability(.percent(99.9), fileID: f, line: 14) }
            })
            cases.append(.legal(
                "selector-labels-reach-the-objects", system,
                YAMLScalarValue(file: "hostile/prod/kubernetes/slo-rules.yaml", kind: "PrometheusRule",
                                path: [.key("metadata"), .key("labels"), .key("release")],
                                expected: "kube-prometheus-stack"),
                YAMLScalarValue(file: "hostile/dev/kubernetes/slo-rules.yaml", kind: "PrometheusRule",
                                path: [.key("metadata"), .key("labels"), .key("example.com/tier")], expected: "1"),
                YAMLScalarValue(file: "hostile/prod/kubernetes/api.yaml", kind: "PodMonitor",
                                path: [.key("metadata"), .key("labels"), .key("release")],
                                expected: "kube-prometheus-stack")))
        }
        return cases
    }
}
