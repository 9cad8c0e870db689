import InfragenYAML

extension K8s {
    /// `v1` Namespace.
    struct Namespace: KubernetesObject {
        let apiVersion = "v1"
        let kind = "Namespace"
        var metadata: ObjectMeta

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("apiVersion", apiVersion)
            yaml.add("kind", kind)
            yaml.add("metadata", metadata)
        }
    }
}
