import InfragenModel
import InfragenYAML

extension K8s {
    /// `apps/v1` StatefulSet.
    typealias StatefulSet = Object<StatefulSetSpec>

    struct StatefulSetSpec: ObjectSpec {
        static let apiVersion = "apps/v1"
        static let kind = "StatefulSet"
        /// Nil when an autoscaler owns the count.
        var replicas: Int?
        var serviceName: String
        var podManagementPolicy: String
        var selector: LabelSelector
        var updateStrategy: StatefulSetUpdateStrategy
        var template: PodTemplateSpec
        var volumeClaimTemplates: [PersistentVolumeClaimTemplate]?

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("replicas", replicas)
            yaml.add("serviceName", serviceName)
            yaml.add("podManagementPolicy", podManagementPolicy)
            yaml.add("selector", selector)
            yaml.add("updateStrategy", updateStrategy)
            yaml.add("template", template)
            yaml.add("volumeClaimTemplates", volumeClaimTemplates)
        }
    }

    struct StatefulSetUpdateStrategy: YAMLObject, Sendable {
        let type = "RollingUpdate"

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("type", type)
        }
    }

    /// A `PersistentVolumeClaim` as a StatefulSet's template: its name and labels, and what it asks for.
    struct PersistentVolumeClaimTemplate: YAMLObject, Sendable {
        var metadata: ObjectMeta
        var spec: PersistentVolumeClaimSpec

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("metadata", metadata)
            yaml.add("spec", spec)
        }
    }

    struct PersistentVolumeClaimSpec: YAMLObject, Sendable {
        var accessModes: [String]
        var storageClassName: String?
        var resources: VolumeResourceRequirements

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("accessModes", accessModes)
            yaml.add("storageClassName", storageClassName)
            yaml.add("resources", resources)
        }
    }

    struct VolumeResourceRequirements: YAMLObject, Sendable {
        var requests: StorageRequest

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("requests", requests)
        }
    }

    struct StorageRequest: YAMLObject, Sendable {
        var storage: String

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("storage", storage)
        }
    }
}

/// The StatefulSet of a service that declares one: the same pods as a Deployment's (restricted security, probes,
/// resources, spread), under the headless Service `<service>-headless` that gives each pod its DNS name, with a claim
/// per pod for each `VolumeClaim`. No `replicas` when an autoscaler owns the count.
struct StatefulSetBuilder: ServiceObjectBuilder {
    /// The headless Service of a StatefulSet: `<service>-headless`.
    static func headlessServiceName(_ service: String) -> String { "\(service)-headless" }

    func objects(for context: ServiceContext) -> [any KubernetesObject] {
        let service = context.service
        guard case .statefulSet(let statefulSet) = service.workload else { return [] }
        let pods = DeploymentBuilder()
        let claims = service.volumes.compactMap { volume -> K8s.PersistentVolumeClaimTemplate? in
            guard case .claimTemplate(let claim) = volume.source else { return nil }
            return K8s.PersistentVolumeClaimTemplate(
                // Only the selector's labels, which never change: Kubernetes refuses any change to a claim template.
                metadata: K8s.ObjectMeta(name: volume.name, labels: context.selector),
                spec: K8s.PersistentVolumeClaimSpec(
                    accessModes: [claim.accessMode.rawValue], storageClassName: claim.storageClass,
                    resources: K8s.VolumeResourceRequirements(requests: K8s.StorageRequest(storage: claim.size.quantity))))
        }
        let spec = K8s.StatefulSetSpec(
            replicas: service.autoscaling == nil ? service.replicas : nil,
            serviceName: Self.headlessServiceName(service.name),
            podManagementPolicy: statefulSet.podManagementPolicy.rawValue,
            selector: K8s.LabelSelector(matchLabels: context.selector),
            updateStrategy: K8s.StatefulSetUpdateStrategy(),
            template: pods.podTemplate(context),
            volumeClaimTemplates: claims.nonEmpty)
        return [K8s.StatefulSet(metadata: pods.workloadMetadata(context), spec: spec)]
    }
}
