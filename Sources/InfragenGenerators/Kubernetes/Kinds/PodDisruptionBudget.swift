import InfragenYAML

extension K8s {
    /// `policy/v1` PodDisruptionBudget.
    typealias PodDisruptionBudget = Object<PodDisruptionBudgetSpec>

    struct PodDisruptionBudgetSpec: ObjectSpec {
        static let apiVersion = "policy/v1"
        static let kind = "PodDisruptionBudget"
        var maxUnavailable: IntOrString
        var selector: LabelSelector
        var unhealthyPodEvictionPolicy: String

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("maxUnavailable", maxUnavailable)
            yaml.add("selector", selector)
            yaml.add("unhealthyPodEvictionPolicy", unhealthyPodEvictionPolicy)
        }
    }
}

/// Limits how many pods a node drain takes down at once, when more than one must stay up. A count (not
/// `minAvailable`) stays right for every replica count an autoscaler picks; `AlwaysAllow` lets a drain evict pods
/// that are not ready anyway, so a crash-looping pod cannot block node maintenance.
struct PodDisruptionBudgetBuilder: ServiceObjectBuilder {
    func objects(for context: ServiceContext) -> [any KubernetesObject] {
        let service = context.service
        guard service.minimumReplicas > 1 else { return [] }
        let spec = K8s.PodDisruptionBudgetSpec(
            maxUnavailable: .int(service.disruptionBudget.maxUnavailable),
            selector: K8s.LabelSelector(matchLabels: context.selector),
            unhealthyPodEvictionPolicy: "AlwaysAllow")
        return [K8s.PodDisruptionBudget(metadata: context.metadata(), spec: spec)]
    }
}
