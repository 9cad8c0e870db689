import InfragenModel

/// The objects of an environment as a whole: its Namespace, the default-deny NetworkPolicy and the kustomization
/// that applies the folder as a unit.
enum ClusterManifests {
    /// The name of the NetworkPolicy that denies all traffic in the namespace.
    static let defaultDenyName = "default-deny-all"

    static func systemLabels(_ environment: ResolvedEnvironment) -> K8s.StringMap {
        [
            "app.kubernetes.io/part-of": environment.system,
            "app.kubernetes.io/managed-by": Labels.managedBy,
        ]
    }

    /// The Namespace, with the restricted Pod Security Standard enforced at a pinned version (so that a cluster
    /// upgrade cannot start rejecting pods) and audited and warned at the latest (early notice of newer rules).
    static func namespace(_ environment: ResolvedEnvironment) -> K8s.Namespace {
        let podSecurity: K8s.StringMap = [
            "kubernetes.io/metadata.name": environment.namespace,
            "pod-security.kubernetes.io/enforce": "restricted",
            "pod-security.kubernetes.io/enforce-version": environment.podSecurityVersion,
            "pod-security.kubernetes.io/audit": "restricted",
            "pod-security.kubernetes.io/audit-version": "latest",
            "pod-security.kubernetes.io/warn": "restricted",
            "pod-security.kubernetes.io/warn-version": "latest",
        ]
        return K8s.Namespace(metadata: K8s.ObjectMeta(
            name: environment.namespace, labels: systemLabels(environment) + podSecurity))
    }

    /// Denies every connection in and out of every pod of the namespace; each service's own policy then allows
    /// exactly what it needs.
    static func defaultDeny(_ environment: ResolvedEnvironment) -> K8s.NetworkPolicy {
        K8s.NetworkPolicy(
            metadata: K8s.ObjectMeta(
                name: defaultDenyName, namespace: environment.namespace, labels: systemLabels(environment)),
            spec: K8s.NetworkPolicySpec(podSelector: K8s.LabelSelector(), policyTypes: ["Ingress", "Egress"]))
    }

    static func kustomization(
        _ environment: ResolvedEnvironment, resources: [String], patches: [K8s.Kustomization.Patch] = []
    ) -> K8s.Kustomization {
        K8s.Kustomization(namespace: environment.namespace, resources: resources, patches: patches.nonEmpty)
    }
}
