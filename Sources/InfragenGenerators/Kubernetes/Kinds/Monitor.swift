import InfragenModel
import InfragenYAML

extension K8s {
    /// prometheus-operator's `monitoring.coreos.com/v1` PodMonitor: Prometheus scrapes the selected pods' port.
    typealias PodMonitor = Object<PodMonitorSpec>
    /// prometheus-operator's `monitoring.coreos.com/v1` ServiceMonitor: Prometheus scrapes the endpoints of the
    /// selected Services' port.
    typealias ServiceMonitor = Object<ServiceMonitorSpec>

    struct PodMonitorSpec: ObjectSpec {
        static let apiVersion = "monitoring.coreos.com/v1"
        static let kind = "PodMonitor"
        var selector: LabelSelector
        var podMetricsEndpoints: [MonitorEndpoint]

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("selector", selector)
            yaml.add("podMetricsEndpoints", podMetricsEndpoints)
        }
    }

    struct ServiceMonitorSpec: ObjectSpec {
        static let apiVersion = "monitoring.coreos.com/v1"
        static let kind = "ServiceMonitor"
        var selector: LabelSelector
        var endpoints: [MonitorEndpoint]

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("selector", selector)
            yaml.add("endpoints", endpoints)
        }
    }

    /// A port by name, its path, and the relabelings that give every series the labels the SLIs select.
    struct MonitorEndpoint: YAMLObject, Sendable {
        var port: String
        var path: String
        var relabelings: [Relabeling]

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("port", port)
            yaml.add("path", path)
            yaml.add("relabelings", relabelings)
        }
    }

    /// One Prometheus relabeling rule, in the operator's spelling.
    struct Relabeling: YAMLObject, Sendable {
        var action: String
        var sourceLabels: [String]?
        var regex: String?
        var targetLabel: String?
        var replacement: String?

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("action", action)
            yaml.add("sourceLabels", sourceLabels)
            yaml.add("regex", regex)
            yaml.add("targetLabel", targetLabel)
            yaml.add("replacement", replacement)
        }
    }
}

/// The monitor of a service with metrics (README, "Scrape wiring"): a PodMonitor, or a ServiceMonitor with
/// `ScrapeBy(.serviceMonitor)`, none with `ScrapeBy(.annotations)`, for a Job or CronJob, or without a metrics port.
/// It selects every pod (or Service) of the service, stable and canary alike, and its relabelings set exactly what the
/// SLIs select: `namespace`, the service label (the service's name, also on the canary's series, whose Service and
/// pods are named `<service>-canary`), and `track` from the pods' `infragen.io/track`.
struct MonitorBuilder: ServiceObjectBuilder {
    /// Where Prometheus's Kubernetes discovery puts the pod label `infragen.io/track`.
    static let trackSource = "__meta_kubernetes_pod_label_infragen_io_track"

    /// A value as a relabeling's `replacement`, which Prometheus expands like Go's `Regexp.Expand` (`$1`, `${name}`):
    /// `$$` stands for one `$`.
    static func replacement(_ value: String) -> String { String(value.flatMap { $0 == "$" ? ["$", "$"] : [$0] }) }

    func objects(for context: ServiceContext) -> [any KubernetesObject] {
        let service = context.service
        guard !service.runsToCompletion, let port = context.metricsPort else { return [] }
        var relabelings = [
            K8s.Relabeling(action: "replace", sourceLabels: ["__meta_kubernetes_namespace"], targetLabel: "namespace"),
            K8s.Relabeling(action: "replace", targetLabel: service.metrics.serviceLabel,
                           replacement: Self.replacement(service.metrics.serviceLabelValue)),
            K8s.Relabeling(action: "replace", sourceLabels: [Self.trackSource], targetLabel: "track"),
        ]
        let selector = K8s.LabelSelector(matchLabels: Labels.workload(service))
        // The labels the Prometheus's podMonitorSelector or serviceMonitorSelector matches (`MonitorLabels`).
        var metadata = context.metadata()
        let selected = service[.monitorLabels].sorted
        if !selected.isEmpty { metadata.labels = K8s.StringMap((metadata.labels?.pairs ?? []) + selected) }
        switch service.metricsScrape {
        case .annotations:
            return []
        case .podMonitor:
            let endpoint = K8s.MonitorEndpoint(port: port.name, path: service.metrics.path, relabelings: relabelings)
            return [K8s.PodMonitor(metadata: metadata, spec: K8s.PodMonitorSpec(selector: selector,
                                                                                podMetricsEndpoints: [endpoint]))]
        case .serviceMonitor:
            if case .statefulSet = service.workload {
                // The headless Service selects the same pods: scraping it too would count every request twice.
                let headless = StatefulSetBuilder.headlessServiceName(service.name)
                relabelings.insert(K8s.Relabeling(action: "drop", sourceLabels: ["__meta_kubernetes_service_name"],
                                                  regex: headless), at: 0)
            }
            let endpoint = K8s.MonitorEndpoint(port: port.name, path: service.metrics.path, relabelings: relabelings)
            return [K8s.ServiceMonitor(metadata: metadata, spec: K8s.ServiceMonitorSpec(selector: selector,
                                                                                        endpoints: [endpoint]))]
        }
    }
}
