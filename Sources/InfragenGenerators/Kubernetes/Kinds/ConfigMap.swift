import InfragenYAML

extension K8s {
    /// `v1` ConfigMap.
    struct ConfigMap: KubernetesObject {
        static let apiVersion = "v1"
        static let kind = "ConfigMap"
        var metadata: ObjectMeta
        var immutable: Bool?
        var data: StringMap

        func writeOwnFields(to yaml: inout YAMLFields) {
            yaml.add("immutable", immutable)
            yaml.add("data", data)
        }
    }
}

/// The service's `Env(_:config:)` values and config files. Immutable: its name carries the hash of its data, so new
/// data is a new ConfigMap. None without config.
struct ConfigMapBuilder: ServiceObjectBuilder {
    func objects(for context: ServiceContext) -> [any KubernetesObject] {
        guard let config = context.config else { return [] }
        return [
            K8s.ConfigMap(
                metadata: context.metadata(name: config.name),
                immutable: true,
                data: K8s.StringMap(config.entries.map { (key: $0.key, value: $0.value) })),
        ]
    }
}
