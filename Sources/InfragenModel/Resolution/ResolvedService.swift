/// A system with every environment resolved: what the generators consume.
public struct ResolvedSystem: Sendable, Hashable, Codable {
    public var description: SystemDescription
    public var environments: [ResolvedEnvironment]

    public var name: String { description.name }

    public init(description: SystemDescription, environments: [ResolvedEnvironment]) {
        self.description = description
        self.environments = environments
    }
}

/// One environment of a system, with its services as they run there.
public struct ResolvedEnvironment: Sendable, Hashable, Codable {
    public var system: String
    public var description: EnvironmentDescription
    public var namespace: String
    public var host: String?
    public var tls: Bool
    /// The certificate files the gateway serves when ``tls`` is on.
    public var tlsCertificate: TLSCertificate
    public var canary: Percentage?
    /// The Pod Security Standards version the namespace enforces `restricted` at.
    public var podSecurityVersion: String
    public var services: [ResolvedService]

    public var environment: Environment { description.environment }
    public var name: String { description.environment.name }

    public init(
        system: String, description: EnvironmentDescription, namespace: String, host: String?, tls: Bool,
        tlsCertificate: TLSCertificate = TLSCertificate(), canary: Percentage?,
        podSecurityVersion: String = BuiltInDefaults.podSecurityVersion, services: [ResolvedService]
    ) {
        self.system = system
        self.description = description
        self.namespace = namespace
        self.host = host
        self.tls = tls
        self.tlsCertificate = tlsCertificate
        self.canary = canary
        self.podSecurityVersion = podSecurityVersion
        self.services = services
    }

    public func service(named name: String) -> ResolvedService? { services.first { $0.name == name } }

    /// The services the gateway routes to.
    public var routedServices: [ResolvedService] { services.filter { !$0.description.routes.isEmpty } }
}

/// A service as it runs in one environment: defaults, then the service, then the environment, then the service's
/// override for that environment, applied once, here. Generators read these values and never re-derive them.
public struct ResolvedService: Sendable, Hashable, Codable {
    public var system: String
    public var environment: Environment
    public var namespace: String
    public var description: ServiceDescription
    public var team: String
    public var replicas: Int
    public var resources: ResourceRequirements
    public var autoscaling: AutoscalingDescription?
    public var environmentVariables: [EnvironmentVariable]
    /// The service's own image: `registry/name:tag`, plus `@digest` when pinned.
    public var image: ImageReference
    public var imageTag: String
    public var imageDigest: String?
    public var goVersion: String
    public var builderImage: ImageReference
    public var base: BaseImage
    public var security: SecurityDescription
    public var terminationGracePeriodSeconds: Int
    /// The canary of this service, in an environment released through a canary, for services the gateway routes to.
    public var canary: ResolvedCanary?
    /// The `app.kubernetes.io/component` label.
    public var role: String
    public var probes: ProbeTimings
    public var disruptionBudget: DisruptionBudgetDescription
    public var topologySpread: TopologySpreadDescription
    public var tmpVolumeSize: DataSize
    public var gatewayNamespace: String
    /// The Prometheus pods let in on the metrics port; nil lets none in.
    public var metricsScraper: NetworkPeer?
    public var clusterDNS: ClusterDNSDescription
    /// Where each resolved field was set, keyed by field (`limits.cpu`, `replicas` …), for diagnostics.
    public var provenance: [String: SourceLocation]
    /// The repository and license for the image labels: the service's own, else the system's.
    public var sourceRepository: SourceRepositoryDescription? = nil

    public var name: String { description.name }

    /// The replicas that must stay up: the HPA minimum when autoscaling, else the fixed count.
    public var minimumReplicas: Int { autoscaling?.minReplicas ?? replicas }

    /// The most replicas that can run: the HPA maximum when autoscaling, else the fixed count.
    public var maximumReplicas: Int { autoscaling?.maxReplicas ?? replicas }

    /// The place the blueprint set `field`, or the service itself.
    public func location(of field: String) -> SourceLocation {
        provenance[field] ?? description.location
    }
}

/// Requests and limits of one container.
public struct ResourceRequirements: Sendable, Hashable, Codable {
    public var cpuRequest: CPU
    public var memoryRequest: DataSize
    public var cpuLimit: CPU
    public var memoryLimit: DataSize

    public init(cpuRequest: CPU, memoryRequest: DataSize, cpuLimit: CPU, memoryLimit: DataSize) {
        self.cpuRequest = cpuRequest
        self.memoryRequest = memoryRequest
        self.cpuLimit = cpuLimit
        self.memoryLimit = memoryLimit
    }
}
