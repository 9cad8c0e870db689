/// The canary's objects (`<service>-canary`), where the environment releases the service through a canary: what
/// `builders` build for the canary's context (a single replica of the canary image, no autoscaler, labels of its
/// own instance). Nothing elsewhere.
struct CanaryBuilder: ServiceObjectBuilder {
    let builders: [any ServiceObjectBuilder]

    func objects(for context: ServiceContext) -> [any KubernetesObject] {
        guard let canary = context.canary else { return [] }
        return builders.flatMap { $0.objects(for: canary) }
    }
}
