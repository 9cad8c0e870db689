/// Builds the objects of one kind for a service's file (none when the kind does not apply to the service).
///
/// A builder reads only its ``ServiceContext`` and returns typed objects; it never writes YAML.
protocol ServiceObjectBuilder: Sendable {
    func objects(for context: ServiceContext) -> [any KubernetesObject]
}

/// The registry: the builders of a service's file, in the order its objects appear. A new kind is a file in `Kinds/`
/// (its object and its builder) and one line here (README, "Add a Kubernetes kind").
enum ServiceObjectBuilders {
    static let all: [any ServiceObjectBuilder] = [
        ServiceAccountBuilder(),
        ConfigMapBuilder(),
        DeploymentBuilder(),
        StatefulSetBuilder(),
        JobBuilder(),
        KubernetesServiceBuilder(),
        HorizontalPodAutoscalerBuilder(),
        PodDisruptionBudgetBuilder(),
        CanaryBuilder(builders: [DeploymentBuilder(), KubernetesServiceBuilder(), PodDisruptionBudgetBuilder()]),
        NetworkPolicyBuilder(),
        MonitorBuilder(),
    ]
}
