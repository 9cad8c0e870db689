import InfragenYAML

extension K8s {
    /// `v1` ServiceAccount.
    struct ServiceAccount: KubernetesObject {
        static let apiVersion = "v1"
        static let kind = "ServiceAccount"
        var metadata: ObjectMeta
        var automountServiceAccountToken: Bool

        func writeOwnFields(to yaml: inout YAMLFields) {
            yaml.add("automountServiceAccountToken", automountServiceAccountToken)
        }
    }
}

/// The pods' own identity, with no API token unless the service is exempt.
struct ServiceAccountBuilder: ServiceObjectBuilder {
    func objects(for context: ServiceContext) -> [any KubernetesObject] {
        let annotations = Exemptions.annotations(context.service, for: [.serviceAccountToken], checkovSkips: false)
        return [
            K8s.ServiceAccount(
                metadata: context.metadata(annotations: annotations),
                automountServiceAccountToken: context.mountsServiceAccountToken),
        ]
    }
}
