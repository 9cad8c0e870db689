import InfragenYAML

extension K8s {
    /// kustomize's `Kustomization`: the namespace of every object, and the files to apply, in order.
    struct Kustomization: YAMLObject, Sendable {
        let apiVersion = "kustomize.config.k8s.io/v1beta1"
        let kind = "Kustomization"
        var namespace: String
        var resources: [String]
        /// Patches on the folder's objects, each in a file of its own.
        var patches: [Patch]? = nil

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("apiVersion", apiVersion)
            yaml.add("kind", kind)
            yaml.add("namespace", namespace)
            yaml.add("resources", resources)
            yaml.add("patches", patches)
        }

        struct Patch: YAMLObject, Sendable {
            var path: String
            var target: Target

            func writeFields(to yaml: inout YAMLFields) {
                yaml.add("path", path)
                yaml.add("target", target)
            }
        }

        struct Target: YAMLObject, Sendable {
            var kind: String
            var name: String

            func writeFields(to yaml: inout YAMLFields) {
                yaml.add("kind", kind)
                yaml.add("name", name)
            }
        }
    }
}
