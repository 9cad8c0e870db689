import InfragenYAML

extension K8s {
    /// kustomize's `Kustomization`: the namespace of every object, and the files to apply, in order.
    struct Kustomization: YAMLObject, Sendable {
        let apiVersion = "kustomize.config.k8s.io/v1beta1"
        let kind = "Kustomization"
        var namespace: String
        /// Labels kustomize adds to every object's metadata (never to selectors, which a Deployment cannot change).
        var labels: [LabelSet]? = nil
        var resources: [String]
        /// Patches on the folder's objects, inline: a file of their own would look to scanners (checkov) like an
        /// object without its security settings.
        var patches: [Patch]? = nil

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("apiVersion", apiVersion)
            yaml.add("kind", kind)
            yaml.add("namespace", namespace)
            yaml.add("labels", labels)
            yaml.add("resources", resources)
            yaml.add("patches", patches)
        }

        /// One entry of `labels:`: the pairs, and whether selectors get them too.
        struct LabelSet: YAMLObject, Sendable {
            var pairs: StringMap
            var includeSelectors: Bool

            func writeFields(to yaml: inout YAMLFields) {
                yaml.add("pairs", pairs)
                yaml.add("includeSelectors", includeSelectors)
            }
        }

        struct Patch: YAMLObject, Sendable {
            /// The patch as YAML text.
            var patch: String
            var target: Target

            func writeFields(to yaml: inout YAMLFields) {
                yaml.add("patch", patch)
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
