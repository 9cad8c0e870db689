import InfragenModel
import InfragenYAML

/// The objects of one service in one environment, in the order its file lists them: what the registered builders
/// (``ServiceObjectBuilders/all``) build, one kind after the other. Today: ServiceAccount, ConfigMap, Deployment,
/// Service, HorizontalPodAutoscaler, PodDisruptionBudget, the canary's Deployment and Service, NetworkPolicy, the
/// PodMonitor or ServiceMonitor.
struct ServiceManifests {
    let context: ServiceContext
    let builders: [any ServiceObjectBuilder]

    /// - Parameters:
    ///   - index: the environment's services, indexed once for all of its services; nil builds one.
    ///   - builders: the builders of the file, in order; by default every registered one.
    init(
        service: ResolvedService, environment: ResolvedEnvironment, index: ServiceIndex? = nil,
        builders: [any ServiceObjectBuilder] = ServiceObjectBuilders.all
    ) {
        let index = index ?? ServiceIndex(environment)
        self.context = ServiceContext(service: service, environment: environment, index: index)
        self.builders = builders
    }

    var objects: [any KubernetesObject] { builders.flatMap { $0.objects(for: context) } }

    /// The objects as YAML documents, for the service's file.
    var documents: [YAMLNode] { objects.map(\.yamlNode) }
}
