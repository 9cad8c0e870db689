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

    /// The label kustomize puts on every object of an environment's folder, raw objects included, so that
    /// `kubectl apply -k <folder> --prune -l infragen.io/system=<system>` with ``pruneAllowlist`` deletes what a
    /// blueprint no longer generates. Pruning looks only in the namespaces of the applied objects, and an environment
    /// has a namespace of its own, so the system's name is enough.
    static let pruneLabel = "infragen.io/system"

    /// The kinds that pruning may delete: every namespaced kind infragen generates for a service, but the ones kept on
    /// purpose. A ConfigMap (`<service>-config-<hash>`) stays for `kubectl rollout undo`, whose pod template names the
    /// older one; a Job (`<service>-<hash>`) keeps its record and its pod's logs until its `ttlSecondsAfterFinished`;
    /// the Namespace is cluster-wide, and pruning it would delete everything in it.
    static let pruneAllowlist = [
        "core/v1/ServiceAccount", "core/v1/Service", "apps/v1/Deployment", "apps/v1/StatefulSet", "batch/v1/CronJob",
        "autoscaling/v2/HorizontalPodAutoscaler", "policy/v1/PodDisruptionBudget", "networking.k8s.io/v1/NetworkPolicy",
    ]

    /// The kinds infragen generates that pruning leaves alone (``pruneAllowlist``). A cert-manager Certificate
    /// (`GatewayCertificate`) too: an allowlist naming it fails where cert-manager is not installed, so its users add
    /// `--prune-allowlist=cert-manager.io/v1/Certificate` themselves. prometheus-operator's PodMonitor and
    /// ServiceMonitor likewise: `--prune-allowlist=monitoring.coreos.com/v1/PodMonitor` (or `ServiceMonitor`) where
    /// the operator's CRDs are installed; and its PrometheusRule (the SLO rules), the same way.
    static let keptFromPruning: Set<String> = [
        "core/v1/ConfigMap", "batch/v1/Job", "core/v1/Namespace", "cert-manager.io/v1/Certificate",
        "monitoring.coreos.com/v1/PodMonitor", "monitoring.coreos.com/v1/ServiceMonitor",
        "monitoring.coreos.com/v1/PrometheusRule",
    ]

    static func kustomization(
        _ environment: ResolvedEnvironment, resources: [String], patches: [K8s.Kustomization.Patch] = []
    ) -> K8s.Kustomization {
        K8s.Kustomization(
            namespace: environment.namespace,
            labels: [K8s.Kustomization.LabelSet(pairs: [pruneLabel: environment.system], includeSelectors: false)],
            resources: resources, patches: patches.nonEmpty)
    }
}
