/// A system: its services, the environments it runs in, its gateway and the defaults its services share.
///
/// The top-level value of a blueprint. Nginx and Prometheus files are per system and environment, because one Nginx
/// front routes to all of a system's services and one rule file holds all of its SLOs.
public struct SystemDescription: Sendable, Hashable, Encodable {
    public var name: String
    public var location: SourceLocation
    /// One line that says what the system is, for the generated README.
    public var summary: String?
    /// The team that owns the system, unless a service names its own.
    public var team: Setting<String>?
    /// Settings every service starts from; a service and then its environment override them.
    public var defaults: ServiceSettings
    public var environments: [EnvironmentDescription]
    public var services: [ServiceDescription]
    /// Services infragen does not deploy, whose SLOs it writes rules for (only the Prometheus output).
    public var externalServices: [ExternalServiceDescription]
    public var gateway: GatewayDescription
    /// The repository and license of the system's services (a service may name its own).
    public var sourceRepository: SourceRepositoryDescription?
    /// Kubernetes objects and kustomize patches for every environment.
    public var rawObjects: [RawObjectDescription]
    public var patches: [PatchDescription]
    /// The delivery pipeline (`Pipeline { … }`); nil writes none.
    public var pipeline: PipelineDescription?
    /// Where the SLO alerts go (`AlertRouting`): the Alertmanager generator's input; nil writes no configuration.
    public var alertRouting: AlertRoutingDescription?

    public init(name: String, location: SourceLocation) {
        self.name = name
        self.location = location
        self.defaults = ServiceSettings()
        self.environments = []
        self.services = []
        self.externalServices = []
        self.gateway = GatewayDescription()
        self.rawObjects = []
        self.patches = []
    }

    public func service(named name: String) -> ServiceDescription? {
        services.first { $0.name == name }
    }

    public func environment(_ environment: Environment) -> EnvironmentDescription? {
        environments.first { $0.environment == environment }
    }
}
