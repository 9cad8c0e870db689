import InfragenModel
import InfragenYAML

/// The objects of an environment as a whole: its Namespace, the default-deny NetworkPolicy and the kustomization
/// that applies the folder as a unit.
enum ClusterManifests {
    /// The name of the NetworkPolicy that denies all traffic in the namespace.
    static let defaultDenyName = "default-deny-all"

    static func systemLabels(_ environment: ResolvedEnvironment) -> [(String, YAMLNode?)] {
        [
            ("app.kubernetes.io/part-of", .string(environment.system)),
            ("app.kubernetes.io/managed-by", .string(Labels.managedBy)),
        ]
    }

    /// The Namespace, with the restricted Pod Security Standard enforced at a pinned version (so that a cluster
    /// upgrade cannot start rejecting pods) and audited and warned at the latest (early notice of newer rules).
    static func namespace(_ environment: ResolvedEnvironment) -> YAMLNode {
        .mapping([
            ("apiVersion", "v1"),
            ("kind", "Namespace"),
            ("metadata", .mapping([
                ("name", .string(environment.namespace)),
                ("labels", .mapping(systemLabels(environment) + [
                    ("kubernetes.io/metadata.name", .string(environment.namespace)),
                    ("pod-security.kubernetes.io/enforce", "restricted"),
                    ("pod-security.kubernetes.io/enforce-version", .string(environment.podSecurityVersion)),
                    ("pod-security.kubernetes.io/audit", "restricted"),
                    ("pod-security.kubernetes.io/audit-version", "latest"),
                    ("pod-security.kubernetes.io/warn", "restricted"),
                    ("pod-security.kubernetes.io/warn-version", "latest"),
                ])),
            ])),
        ])
    }

    /// Denies every connection in and out of every pod of the namespace; each service's own policy then allows
    /// exactly what it needs.
    static func defaultDeny(_ environment: ResolvedEnvironment) -> YAMLNode {
        .mapping([
            ("apiVersion", "networking.k8s.io/v1"),
            ("kind", "NetworkPolicy"),
            ("metadata", .mapping([
                ("name", .string(defaultDenyName)),
                ("namespace", .string(environment.namespace)),
                ("labels", .mapping(systemLabels(environment))),
            ])),
            ("spec", .mapping([
                ("podSelector", .mapping([])),
                ("policyTypes", ["Ingress", "Egress"]),
            ])),
        ])
    }

    static func kustomization(_ environment: ResolvedEnvironment, resources: [String]) -> YAMLNode {
        .mapping([
            ("apiVersion", "kustomize.config.k8s.io/v1beta1"),
            ("kind", "Kustomization"),
            ("namespace", .string(environment.namespace)),
            ("resources", .sequence(resources.map { .string($0) })),
        ])
    }
}
