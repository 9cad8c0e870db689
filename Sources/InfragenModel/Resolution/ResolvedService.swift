/// A system with every environment resolved: what the generators consume.
///
/// Generators read only resolved values; the declarations stay inside the model (``declaration`` is internal), so
/// that every decision is made once, here.
public struct ResolvedSystem: Sendable, Hashable, Encodable {
    var declaration: SystemDescription
    public var environments: [ResolvedEnvironment]
    public var gateway: ResolvedGateway
    /// The team that owns the system, unless a service names its own.
    public var team: String
    /// The command the user runs, without `render`, which every generated file's header names
    /// (``FileHeader/hash(source:system:command:)``): `infragen` unless the team's package names its own
    /// (`InfragenCLI.main(systems:command:)`); the render pipeline sets it.
    public var command: String = FileHeader.defaultCommand

    public var name: String { declaration.name }
    /// Where the blueprint declares the system.
    public var declaredAt: SourceLocation { declaration.location }
    /// One line that says what the system is.
    public var summary: String? { declaration.summary }
    /// The delivery pipeline the blueprint asks for, if any.
    public var pipeline: PipelineDescription? { declaration.pipeline }
    /// Where the SLO alerts go (`AlertRouting`), validated; nil when the blueprint does not say.
    public var alertRouting: AlertRoutingDescription? { declaration.alertRouting }
    /// The warnings the blueprint acknowledges, each at its place (`Acknowledge`), for the README.
    public var acknowledgements: [PlacedAcknowledgement] { declaration.acknowledgements }

    /// The services as the first environment resolves them, in declaration order: for what is the same in every
    /// environment (ports, routes, SLOs, the build, dependencies).
    public var services: [ResolvedService] { environments.first?.services ?? [] }

    /// The external services (rules only), each as the first environment it runs in resolves it, in declaration
    /// order: for the system README.
    public var externalServices: [ResolvedService] {
        declaration.externalServices.compactMap { external in
            environments.lazy.compactMap { $0.externalServices.first { $0.name == external.name } }.first
        }
    }

    init(declaration: SystemDescription, environments: [ResolvedEnvironment]) {
        self.declaration = declaration
        self.environments = environments
        self.gateway = ResolvedGateway(declaration.gateway, system: declaration.location, systemName: declaration.name)
        self.team = declaration.team?.value ?? SettingKey<String>.team.fixedBuiltIn ?? ""
    }
}

/// One environment of a system, with its services as they run there.
public struct ResolvedEnvironment: Sendable, Hashable, Encodable {
    public var system: String
    var declaration: EnvironmentDescription
    public var namespace: String
    public var host: String?
    public var tls: Bool
    /// The certificate files the gateway serves when ``tls`` is on.
    public var tlsCertificate: TLSCertificate
    public var canary: Percentage?
    /// The Pod Security Standards version the namespace enforces `restricted` at.
    public var podSecurityVersion: String
    public var services: [ResolvedService]
    /// The services infragen does not deploy that run here (`ExternalService`): only their SLO rules are generated.
    /// Kept apart from ``services``, so that a generator that deploys what it is given never sees them.
    public var externalServices: [ResolvedService]
    /// The gateway's cluster DNS and spread: the environment's settings over the system's defaults (no service's).
    public var gatewayClusterDNS: ClusterDNSDescription
    public var gatewaySpread: TopologySpreadDescription
    /// The labels of the environment's PrometheusRule objects (`PrometheusRuleLabels`): the environment's setting over
    /// the system's defaults.
    public var prometheusRuleLabels: SelectorLabels
    /// Where the blueprint sets them; the environment's declaration when it does not.
    public var prometheusRuleLabelsLocation: SourceLocation

    public var environment: Environment { declaration.environment }
    public var name: String { declaration.environment.name }
    /// How the environment is released: its rolling-update limits, and for reviewers how often and who owns it.
    public var rollout: RolloutDescription { declaration.rollout }
    /// Where the blueprint declares the environment.
    public var declaredAt: SourceLocation { declaration.location }
    /// Where the blueprint sets the host, the canary share and the rollout; the environment where it does not.
    public var hostLocation: SourceLocation { declaration.host?.location ?? declaration.location }
    public var canaryLocation: SourceLocation { declaration.canary?.location ?? declaration.location }
    /// How long a client keeps the gateway's canary cookie (`Canary(_:sticky:)`, 1 day unless set): long enough that
    /// a user's session stays on one version, short enough that the same users do not try every canary of a week.
    public var canaryStickiness: Duration { declaration.canaryStickiness?.value ?? BuiltInDefaults.canaryStickiness }
    public var rolloutLocation: SourceLocation { declaration.rollout.location ?? declaration.location }
    /// The system's raw objects and patches, then the environment's.
    public var rawObjects: [RawObjectDescription]
    public var patches: [PatchDescription]

    init(
        system: String, declaration: EnvironmentDescription, namespace: String, host: String?, tls: Bool,
        tlsCertificate: TLSCertificate = TLSCertificate(), canary: Percentage?,
        podSecurityVersion: String = BuiltInDefaults.podSecurityVersion, services: [ResolvedService],
        externalServices: [ResolvedService] = [],
        rawObjects: [RawObjectDescription] = [], patches: [PatchDescription] = [],
        gatewaySettings: ResolvedSettings? = nil
    ) {
        let gatewaySettings = gatewaySettings ?? ResolvedSettings(layers: [], declaredAt: declaration.location)
        self.gatewayClusterDNS = gatewaySettings[.clusterDNS]
        self.gatewaySpread = gatewaySettings[.topologySpread]
        self.prometheusRuleLabels = gatewaySettings[.prometheusRuleLabels]
        self.prometheusRuleLabelsLocation = gatewaySettings.location(of: .prometheusRuleLabels) ?? declaration.location
        self.rawObjects = rawObjects
        self.patches = patches
        self.system = system
        self.declaration = declaration
        self.namespace = namespace
        self.host = host
        self.tls = tls
        self.tlsCertificate = tlsCertificate
        self.canary = canary
        self.podSecurityVersion = podSecurityVersion
        self.services = services
        self.externalServices = externalServices
    }

    public func service(named name: String) -> ResolvedService? { services.first { $0.name == name } }

    /// Every service whose SLOs the environment's rules hold: the deployed ones, then the external ones.
    public var sloServices: [ResolvedService] { services + externalServices }

    /// The services the gateway routes to.
    public var routedServices: [ResolvedService] { services.filter { !$0.routes.isEmpty } }
}

/// A service as it runs in one environment: its settings resolved (defaults, then the service, then the environment,
/// then the service's override for that environment, applied once, here), and the decisions resolution made from
/// them. Generators read these values — any setting as `service[.key]` — and never re-derive them.
public struct ResolvedService: Sendable, Hashable, Encodable {
    public var system: String
    public var environment: Environment
    public var namespace: String
    var declaration: ServiceDescription
    /// Every setting, resolved; read through the subscript.
    public var settings: ResolvedSettings
    /// The image the pod runs: `registry/name:tag` (plus `@digest` when pinned) for an image the system builds, or
    /// a prebuilt image's reference as the blueprint names it.
    public var image: ImageReference
    /// Who builds the image: infragen's Go Dockerfile (whose `build`, `goVersion`, `builderImage` and `base` only
    /// then apply), the team's own Dockerfile, or nobody here (a prebuilt image).
    public var imageSource: ImageSource
    /// The canary of this service, in an environment released through a canary, for services the gateway routes to.
    public var canary: ResolvedCanary?
    /// The `app.kubernetes.io/component` label.
    public var role: String
    /// The repository and license for the image labels: the service's own, else the system's.
    public var sourceRepository: SourceRepositoryDescription? = nil
    /// The container ports, in declaration order.
    public var ports: [ResolvedPort]
    /// The checks of each probe kind; nil for a service with ``noHealthCheck``.
    public var health: ResolvedHealth?
    /// Why the service has no health check (`NoHealthCheck(because:)`).
    public var noHealthCheck: NoHealthCheckDescription?
    public var metrics: ResolvedMetrics
    /// The routes, with the gateway's defaults applied.
    public var routes: [ResolvedRoute]
    public var slos: [ResolvedSLO]
    /// A service infragen does not deploy (`ExternalService`): it has SLO rules and nothing else, and only
    /// ``ResolvedEnvironment/externalServices`` holds it.
    public var isExternal: Bool = false

    public var name: String { declaration.name }
    /// Where the blueprint declares the service.
    public var declaredAt: SourceLocation { declaration.location }
    /// One line that says what the service is.
    public var summary: String? { declaration.summary }
    public var build: GoBuildDescription { declaration.build }
    /// The services it calls, as declared.
    public var dependencies: [String] { declaration.dependencies.map(\.service) }
    public var configFiles: [ConfigFileDescription] { declaration.configFiles }
    public var volumes: [VolumeDescription] { declaration.volumes }
    public var extraContainers: [ExtraContainerDescription] { declaration.extraContainers }
    public var externalEgress: [ExternalEgressDescription] { declaration.externalEgress }
    /// What runs its pods: a Deployment unless the blueprint declares a StatefulSet, a Job or a CronJob.
    public var workload: WorkloadDescription.Kind { declaration.workload }
    /// Whether its pods run to completion (a Job or a CronJob).
    public var runsToCompletion: Bool { workload.runsToCompletion }

    /// The resolved value of a setting.
    public subscript<Value>(key: SettingKey<Value>) -> Value {
        get { settings[key] }
        set { settings[key] = newValue }
    }

    /// The place the blueprint set `key` (its last layer), or the service itself where the built-in value holds.
    public func location<Value>(of key: SettingKey<Value>) -> SourceLocation {
        settings.location(of: key) ?? declaration.location
    }

    /// The replicas that must stay up: the HPA minimum when autoscaling, else the fixed count.
    public var minimumReplicas: Int { autoscaling?.minReplicas ?? replicas }

    /// The most replicas that can run: the HPA maximum when autoscaling, else the fixed count.
    public var maximumReplicas: Int { autoscaling?.maxReplicas ?? replicas }

    // MARK: - The settings every generator reads, by name

    public var team: String { self[.team] }
    public var replicas: Int {
        get { self[.replicas] }
        set { self[.replicas] = newValue }
    }
    public var autoscaling: AutoscalingDescription? {
        get { self[.autoscaling] }
        set { self[.autoscaling] = newValue }
    }
    public var resources: ResourceRequirements {
        ResourceRequirements(
            cpuRequest: self[.cpuRequest], memoryRequest: self[.memoryRequest], cpuLimit: self[.cpuLimit],
            memoryLimit: self[.memoryLimit])
    }
    public var environmentVariables: [EnvironmentVariable] { self[.environmentVariables] }
    public var imageTag: String {
        get { self[.imageTag] }
        set { self[.imageTag] = newValue }
    }
    public var imageDigest: String? { self[.imageDigest] }
    public var goVersion: String { self[.goVersion] }
    public var builderImage: ImageReference { self[.builderImage] }
    public var base: BaseImage { self[.base] }
    /// The runtime family, where it is known: a Go build's `Base`, or what the blueprint states for an image
    /// infragen does not build.
    public var runtimeFamily: BaseImage.Family? {
        imageSource.isBuiltByInfragen ? base.family : imageSource.statedFamily
    }
    public var security: SecurityDescription { self[.security] }
    public var terminationGracePeriodSeconds: Int { self[.terminationGracePeriodSeconds] }
    public var probes: ProbeTimings {
        ProbeTimings(liveness: self[.livenessProbe], readiness: self[.readinessProbe], startup: self[.startupProbe])
    }
    public var disruptionBudget: DisruptionBudgetDescription { self[.disruptionBudget] }
    public var topologySpread: TopologySpreadDescription { self[.topologySpread] }
    public var tmpVolumeSize: DataSize { self[.tmpVolumeSize] }
    public var gatewayNamespace: String? { self[.gatewayNamespace] }
    /// The Prometheus pods let in on the metrics port; nil lets none in.
    public var metricsScraper: NetworkPeer? { self[.metricsScraper] }
    /// How Prometheus finds the metrics: a PodMonitor, a ServiceMonitor or the `prometheus.io/*` pod annotations.
    public var metricsScrape: MetricsScrape { self[.metricsScrape] }
    public var clusterDNS: ClusterDNSDescription { self[.clusterDNS] }
    /// The pause before SIGTERM: only a container that serves traffic (has ports) has requests in flight to drain.
    public var preStopPause: Duration? { ports.isEmpty ? nil : self[.preStopPause] }
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
