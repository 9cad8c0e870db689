import InfragenYAML

extension K8s {
    /// `v1` Namespace.
    struct Namespace: KubernetesObject {
        static let apiVersion = "v1"
        static let kind = "Namespace"
        var metadata: ObjectMeta

        func writeOwnFields(to yaml: inout YAMLFields) {}
    }
}
