/// The labels of each environment's PrometheusRule (the SLO rules as a prometheus-operator object), which the
/// Prometheus's `ruleSelector` must match: kube-prometheus-stack selects by `release: <release name>` unless its
/// `ruleSelectorNilUsesHelmValues` is false. Set it in the system's `Defaults`, or per environment; a service cannot
/// set it (one PrometheusRule holds the rules of every service of the environment).
///
/// ```swift
/// Defaults {
///     PrometheusRuleLabels(["release": "kube-prometheus-stack"])
///     MonitorLabels(["release": "kube-prometheus-stack"])
/// }
/// Deploy(to: .dev) {
///     PrometheusRuleLabels(["release": "prometheus-dev"])       // replaces the value of `release`, keeps the rest
/// }
/// ```
///
/// A later layer adds keys and replaces the values of the keys it names. Keys and values follow Kubernetes' label
/// rules; `app.kubernetes.io/*` and `infragen.io/*` are infragen's own.
public struct PrometheusRuleLabels: SettingsComponent {
    let labels: SelectorLabels
    let location: SourceLocation

    public init(_ labels: [String: String], fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.labels = SelectorLabels(labels)
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) {
        settings[.prometheusRuleLabels] = Setting(labels, at: location)
    }
}

/// The labels of a service's PodMonitor or ServiceMonitor (`ScrapeBy`), which the Prometheus's `podMonitorSelector`
/// or `serviceMonitorSelector` must match (kube-prometheus-stack: `release: <release name>`). Set it in the system's
/// `Defaults`, per environment, per service or in a service's `Override`.
///
/// ```swift
/// Deploy(to: .prod) {
///     MonitorLabels(["release": "kube-prometheus-stack"])
/// }
/// ```
public struct MonitorLabels: SettingsComponent {
    let labels: SelectorLabels
    let location: SourceLocation

    public init(_ labels: [String: String], fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.labels = SelectorLabels(labels)
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) { settings[.monitorLabels] = Setting(labels, at: location) }
}
