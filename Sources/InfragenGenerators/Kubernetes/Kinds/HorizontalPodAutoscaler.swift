import InfragenYAML

extension K8s {
    /// `autoscaling/v2` HorizontalPodAutoscaler.
    typealias HorizontalPodAutoscaler = Object<HorizontalPodAutoscalerSpec>

    struct HorizontalPodAutoscalerSpec: ObjectSpec {
        static let apiVersion = "autoscaling/v2"
        static let kind = "HorizontalPodAutoscaler"
        var scaleTargetRef: CrossVersionObjectReference
        var minReplicas: Int
        var maxReplicas: Int
        var metrics: [MetricSpec]

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("scaleTargetRef", scaleTargetRef)
            yaml.add("minReplicas", minReplicas)
            yaml.add("maxReplicas", maxReplicas)
            yaml.add("metrics", metrics)
        }
    }

    struct CrossVersionObjectReference: YAMLObject, Sendable {
        var apiVersion: String
        var kind: String
        var name: String

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("apiVersion", apiVersion)
            yaml.add("kind", kind)
            yaml.add("name", name)
        }
    }

    /// A `MetricSpec` of type `Resource`.
    struct MetricSpec: YAMLObject, Sendable {
        let type = "Resource"
        var resource: ResourceMetricSource

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("type", type)
            yaml.add("resource", resource)
        }
    }

    struct ResourceMetricSource: YAMLObject, Sendable {
        var name: String
        var target: MetricTarget

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("name", name)
            yaml.add("target", target)
        }
    }

    /// A `MetricTarget` of type `Utilization`.
    struct MetricTarget: YAMLObject, Sendable {
        let type = "Utilization"
        var averageUtilization: Int

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("type", type)
            yaml.add("averageUtilization", averageUtilization)
        }
    }
}

/// Scales the Deployment or StatefulSet on CPU use when the environment asks for it.
struct HorizontalPodAutoscalerBuilder: ServiceObjectBuilder {
    func objects(for context: ServiceContext) -> [any KubernetesObject] {
        guard let autoscaling = context.service.autoscaling else { return [] }
        let cpu = K8s.ResourceMetricSource(
            name: "cpu", target: K8s.MetricTarget(averageUtilization: autoscaling.targetCPUUtilization.wholePercent))
        let spec = K8s.HorizontalPodAutoscalerSpec(
            scaleTargetRef: K8s.CrossVersionObjectReference(
                apiVersion: "apps/v1", kind: context.service.workload.kindName, name: context.service.name),
            minReplicas: autoscaling.minReplicas,
            maxReplicas: autoscaling.maxReplicas,
            metrics: [K8s.MetricSpec(resource: cpu)])
        return [K8s.HorizontalPodAutoscaler(metadata: context.metadata(), spec: spec)]
    }
}
