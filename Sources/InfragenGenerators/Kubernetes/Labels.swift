import InfragenModel

/// The recommended labels (`app.kubernetes.io/*`) of a service's objects, and the immutable subset that selectors
/// use.
enum Labels {
    static let managedBy = "infragen"

    /// `<service>-<environment>`, or `<service>-<environment>-canary`: tells the same service in two environments,
    /// and its stable pods from its canary, apart.
    static func instance(_ service: ResolvedService, canary: Bool = false) -> String {
        "\(service.name)-\(service.environment.name)" + (canary ? "-canary" : "")
    }

    /// What selectors match: only labels that never change over the life of a Deployment (its `spec.selector` is
    /// immutable, and `version` changes with every release).
    static func selector(_ service: ResolvedService, canary: Bool = false) -> K8s.StringMap {
        [
            "app.kubernetes.io/name": service.name,
            "app.kubernetes.io/instance": instance(service, canary: canary),
        ]
    }

    /// Every pod of the service in its namespace, stable and canary alike: what network policies select, so a
    /// canary may be reached and may call what the stable pods do.
    static func workload(_ service: ResolvedService) -> K8s.StringMap {
        ["app.kubernetes.io/name": service.name]
    }

    /// Every recommended label, on every object of the service and on its pods.
    static func all(_ service: ResolvedService, canary: Bool = false) -> K8s.StringMap {
        [
            "app.kubernetes.io/name": service.name,
            "app.kubernetes.io/instance": instance(service, canary: canary),
            "app.kubernetes.io/version": service.imageTag,
            "app.kubernetes.io/component": service.role,
            "app.kubernetes.io/part-of": service.system,
            "app.kubernetes.io/managed-by": managedBy,
        ]
    }

    /// The track label, on the pods of every Deployment and of its canary: `stable` or `canary`. On the pod template
    /// only, never in a selector (a Deployment's selector cannot change; the stable Service keeps selecting by
    /// `instance`, which the canary's pods do not share). Every Deployment has it, in every environment, so that
    /// starting a canary does not change (and restart) the stable pods, and metrics can compare the two sides.
    static let trackKey = "infragen.io/track"

    static func track(canary: Bool) -> K8s.StringMap { [trackKey: canary ? "canary" : "stable"] }

    /// A `matchLabels` mapping from a peer's labels, sorted by key.
    static func matching(_ labels: [String: String]) -> K8s.StringMap {
        K8s.StringMap(labels.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) })
    }
}
