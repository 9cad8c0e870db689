import InfragenYAML

extension K8s {
    /// kustomize's `Kustomization`: the namespace of every object, and the files to apply, in order.
    struct Kustomization: YAMLObject, Sendable {
        let apiVersion = "kustomize.config.k8s.io/v1beta1"
        let kind = "Kustomization"
        var namespace: String
        var resources: [String]

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("apiVersion", apiVersion)
            yaml.add("kind", kind)
            yaml.add("namespace", namespace)
            yaml.add("resources", resources)
        }
    }
}
