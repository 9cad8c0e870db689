import InfragenModel
import InfragenYAML

/// The recommended labels (`app.kubernetes.io/*`) of a service's objects, and the immutable subset that selectors
/// use.
enum Labels {
    static let managedBy = "infragen"

    /// `<service>-<environment>`: tells the same service in two environments apart.
    static func instance(_ service: ResolvedService) -> String { "\(service.name)-\(service.environment.name)" }

    /// What selectors match: only labels that never change over the life of a Deployment (its `spec.selector` is
    /// immutable, and `version` changes with every release).
    static func selector(_ service: ResolvedService) -> YAMLNode {
        .mapping([
            ("app.kubernetes.io/name", .string(service.name)),
            ("app.kubernetes.io/instance", .string(instance(service))),
        ])
    }

    /// Every recommended label, on every object of the service and on its pods.
    static func all(_ service: ResolvedService) -> YAMLNode {
        .mapping([
            ("app.kubernetes.io/name", .string(service.name)),
            ("app.kubernetes.io/instance", .string(instance(service))),
            ("app.kubernetes.io/version", .string(service.imageTag)),
            ("app.kubernetes.io/component", .string(service.role)),
            ("app.kubernetes.io/part-of", .string(service.system)),
            ("app.kubernetes.io/managed-by", .string(managedBy)),
        ])
    }

    /// A `matchLabels` mapping from a peer's labels, sorted by key.
    static func matching(_ labels: [String: String]) -> YAMLNode {
        .mapping(labels.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
    }
}
