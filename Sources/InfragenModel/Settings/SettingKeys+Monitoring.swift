/// Labels a prometheus-operator object carries so that a Prometheus selects it: kube-prometheus-stack's Prometheus
/// selects PrometheusRules, PodMonitors and ServiceMonitors by `release: <its release name>` unless configured
/// otherwise. A later layer adds keys and replaces the values of keys it names.
public struct SelectorLabels: SettingValue, Sendable, Hashable, Encodable {
    public var labels: [String: String]

    public init(_ labels: [String: String] = [:]) { self.labels = labels }

    public func overlaid(by later: SelectorLabels) -> SelectorLabels {
        SelectorLabels(labels.merging(later.labels) { _, new in new })
    }

    /// The labels sorted by key, as the objects list them (after infragen's own).
    public var sorted: [(key: String, value: String)] {
        labels.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
    }

    /// Kubernetes' rules for label keys and values, and none of the keys infragen sets itself (the recommended
    /// `app.kubernetes.io/*` labels and `infragen.io/*`, where kustomize puts the prune label).
    func check(_ check: inout SettingCheck) {
        for (key, value) in sorted {
            let part = "labels[\(key)]"
            if !TextRules.isLabelKey(key) {
                check.error("\(key.quoted) is not a label key",
                            hint: "use an optional DNS prefix and '/', then at most 63 letters, digits, '-', '_' and "
                                + "'.', e.g. release", part: part)
            } else if ReservedMetadata.isReservedLabel(key) || key.hasPrefix("infragen.io/") {
                check.error("\(key.quoted) is a label infragen sets itself on the object",
                            hint: "select the objects by a label of your own, e.g. release", part: part)
            }
            if !TextRules.isLabelValue(value) {
                check.error("\(value.quoted) is not a valid value for label \(key.quoted)",
                            hint: "use at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter "
                                + "or digit, e.g. kube-prometheus-stack", part: part)
            }
        }
    }
}

extension SettingKey where Value == SelectorLabels {
    /// The labels of the environment's PrometheusRule objects (the SLO rules), which a Prometheus's `ruleSelector`
    /// matches; none unless set. An environment-wide setting: the system's `Defaults` or an environment's `Deploy`.
    public static let prometheusRuleLabels = SettingKey("prometheusRuleLabels", builtIn: SelectorLabels()) {
        labels, check in labels.check(&check)
    }

    /// The labels of a service's PodMonitor or ServiceMonitor, which a Prometheus's `podMonitorSelector` or
    /// `serviceMonitorSelector` matches; none unless set.
    public static let monitorLabels = SettingKey("monitorLabels", builtIn: SelectorLabels()) {
        labels, check in labels.check(&check)
    }
}
