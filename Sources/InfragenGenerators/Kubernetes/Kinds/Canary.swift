/// The canary's objects (`<service>-canary`), where the environment releases the service through a canary: what
/// `builders` build for the canary's context (`CanaryReplicas` pods of the canary image, 2 unless set, spread like
/// the stable pods and with a PodDisruptionBudget of their own from 2 pods on; no autoscaler; labels of its own
/// instance, and the track `canary` on its pods). Nothing elsewhere.
struct CanaryBuilder: ServiceObjectBuilder {
    let builders: [any ServiceObjectBuilder]

    func objects(for context: ServiceContext) -> [any KubernetesObject] {
        guard let canary = context.canary else { return [] }
        return builders.flatMap { $0.objects(for: canary) }
    }
}
