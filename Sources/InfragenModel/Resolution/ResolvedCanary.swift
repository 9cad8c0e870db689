/// A canary: a second, small Deployment behind its own Service (`<service>-canary`) that the gateway sends a share of
/// the traffic to, falling back to the stable Service when the canary fails an idempotent request.
public struct ResolvedCanary: Sendable, Hashable, Codable {
    /// The Deployment's and Service's name: `<service>-canary`.
    public var name: String
    public var share: Percentage
    public var image: ImageReference
    public var imageTag: String
    /// The canary's pods (`CanaryReplicas`, 2 unless set).
    public var replicas: Int

    public init(name: String, share: Percentage, image: ImageReference, imageTag: String, replicas: Int = 2) {
        self.name = name
        self.share = share
        self.image = image
        self.imageTag = imageTag
        self.replicas = replicas
    }
}

extension ResolvedEnvironment {
    /// A service whose name is that of another service's canary here: both would be a Deployment and a Service of
    /// one name in one namespace (`kubectl kustomize` refuses the folder, and the gateway would send the canary's
    /// share of traffic to the wrong pods). Reported at the service that holds the name.
    func canaryNameClashes() -> [Diagnostic] {
        let canaries = Dictionary(services.compactMap { service in service.canary.map { ($0.name, service.name) } },
                                  uniquingKeysWith: { first, _ in first })
        let canaryLocation = canaryLocation
        return services.compactMap { service in
            guard let owner = canaries[service.name] else { return nil }
            return .error(
                DiagnosticPath(system: system, environment: name, service: service.name), field: "name",
                "the service '\(service.name)' has the name of the canary of '\(owner)' in environment '\(name)' "
                    + "(Canary at \(canaryLocation)), so two Deployments and two Services would be named '\(service.name)'",
                hint: "rename the service '\(service.name)', or leave '\(owner)' without a canary in '\(name)'",
                at: service.declaredAt)
        }
    }
}
