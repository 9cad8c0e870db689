/// One service as the blueprint declares it, before environments are applied.
///
/// What may differ between environments (replicas, resources, env vars, the image tag …) lives in ``settings``,
/// and per-environment changes in ``overrides``; ``ResolvedService`` is the result of applying them.
public struct ServiceDescription: Sendable, Hashable, Encodable {
    public var name: String
    public var location: SourceLocation
    public var summary: String?
    public var build: GoBuildDescription
    public var ports: [PortDescription]
    public var health: HealthDescription?
    /// A health check command, for services without HTTP (background workers).
    public var healthCommand: HealthCommandDescription?
    /// No health check at all, with the reason (`NoHealthCheck(because:)`).
    public var noHealthCheck: NoHealthCheckDescription?
    /// The part the service plays (`frontend`, `backend`, `worker` …): the `app.kubernetes.io/component` label.
    /// `backend` when nil, or `worker` for a service without ports.
    public var role: Setting<String>?
    public var dependencies: [DependencyDescription]
    public var routes: [RouteDescription]
    public var slos: [SLODescription]
    /// OpenSLO files whose SLOs belong to the service, read by the render pipeline into ``slos`` before validation.
    public var openSLOImports: [OpenSLOImportDescription]
    public var configFiles: [ConfigFileDescription]
    /// Volumes beside `/tmp` and the config files: scratch space, Secret files, claims, projected tokens.
    public var volumes: [VolumeDescription]
    /// Init containers and native sidecars, in the order they start.
    public var extraContainers: [ExtraContainerDescription]
    /// Destinations outside the cluster the service calls (a payment provider, a managed database).
    public var externalEgress: [ExternalEgressDescription]
    public var metrics: MetricsDescription
    public var settings: ServiceSettings
    public var overrides: [EnvironmentOverride]
    /// The service's own repository and license, over the system's.
    public var sourceRepository: SourceRepositoryDescription?
    /// What runs its pods, as declared (`StatefulSet`, `Job`, `CronJob`); none for a Deployment. More than one is
    /// refused.
    public var workloads: [WorkloadDescription]

    public init(name: String, location: SourceLocation) {
        self.name = name
        self.location = location
        self.build = GoBuildDescription()
        self.ports = []
        self.dependencies = []
        self.routes = []
        self.slos = []
        self.openSLOImports = []
        self.configFiles = []
        self.volumes = []
        self.extraContainers = []
        self.externalEgress = []
        self.metrics = MetricsDescription()
        self.settings = ServiceSettings()
        self.overrides = []
        self.workloads = []
    }

    /// What runs its pods: the declared kind, else a Deployment.
    public var workload: WorkloadDescription.Kind { workloads.first?.kind ?? .deployment }

    public func port(named name: String) -> PortDescription? { ports.first { $0.name == name } }
}

/// Settings a service changes in one environment: `Override(.prod) { Replicas(3) }`.
public struct EnvironmentOverride: Sendable, Hashable, Encodable {
    public var environment: Environment
    public var settings: ServiceSettings
    public var location: SourceLocation

    public init(environment: Environment, settings: ServiceSettings, location: SourceLocation) {
        self.environment = environment
        self.settings = settings
        self.location = location
    }
}

/// Traffic a service sends outside the cluster: which addresses, on which ports, and why. Network policies cannot
/// name hosts, so a destination is address ranges; the default is any public address (private ranges excluded, so
/// the rule never opens a path to other workloads in the cluster).
public struct ExternalEgressDescription: Sendable, Hashable, Codable {
    public static let publicInternet = ["0.0.0.0/0"]
    public static let privateRanges = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]

    /// What is called, for reviewers: `payment provider API`.
    public var destination: String
    public var ports: [Int]
    /// IPv4 ranges in CIDR notation.
    public var cidrs: [String]
    public var location: SourceLocation

    public init(destination: String, ports: [Int], cidrs: [String] = publicInternet, location: SourceLocation) {
        self.destination = destination
        self.ports = ports
        self.cidrs = cidrs
        self.location = location
    }
}

/// A named container port, and the port of the service's Service in front of it.
public struct PortDescription: Sendable, Hashable, Codable {
    public enum TransportProtocol: String, Sendable, Hashable, Codable { case tcp = "TCP", udp = "UDP", sctp = "SCTP" }

    /// What speaks on the port, for the Service's `appProtocol` (which meshes, gateways and load balancers read).
    public enum AppProtocol: Sendable, Hashable, Codable {
        case http, https
        /// HTTP/2 over cleartext (prior knowledge).
        case h2c
        case grpc
        case ws, wss
        /// An implementation-defined, domain-prefixed name: `example.com/thrift`.
        case custom(String)

        /// The value Kubernetes takes: an IANA service name, `kubernetes.io/…`, or a prefixed name.
        public var kubernetesName: String {
            switch self {
            case .http: "http"
            case .https: "https"
            case .h2c: "kubernetes.io/h2c"
            case .grpc: "grpc"
            case .ws: "kubernetes.io/ws"
            case .wss: "kubernetes.io/wss"
            case .custom(let name): name
            }
        }
    }

    public var name: String
    /// The port the container listens on.
    public var number: Int
    /// The port clients call on the Service; ``number`` when nil.
    public var servicePort: Int?
    public var transport: TransportProtocol
    public var appProtocol: AppProtocol?
    public var location: SourceLocation

    public init(
        name: String, number: Int, servicePort: Int? = nil, transport: TransportProtocol = .tcp,
        appProtocol: AppProtocol? = nil, location: SourceLocation
    ) {
        self.name = name
        self.number = number
        self.servicePort = servicePort
        self.transport = transport
        self.appProtocol = appProtocol
        self.location = location
    }
}

/// "This service calls that one": opens the network path and draws the edge in the topology.
public struct DependencyDescription: Sendable, Hashable, Codable {
    public var service: String
    public var location: SourceLocation

    public init(service: String, location: SourceLocation) {
        self.service = service
        self.location = location
    }
}

/// A file of configuration mounted into the container from a ConfigMap.
public struct ConfigFileDescription: Sendable, Hashable, Codable {
    public var name: String
    public var contents: String
    public var mountDirectory: String
    public var location: SourceLocation

    public init(name: String, contents: String, mountDirectory: String, location: SourceLocation) {
        self.name = name
        self.contents = contents
        self.mountDirectory = mountDirectory
        self.location = location
    }
}

/// How a service exposes Prometheus metrics: where, and the names of its request metrics.
public struct MetricsDescription: Sendable, Hashable, Codable {
    /// false for a service that serves no metrics (`Metrics.none()`): no scrape annotations, no scraper let in.
    public var isServed: Bool
    /// The container port that serves metrics (the service's first port when nil).
    public var port: String?
    public var path: String
    /// The package that exports the request metrics: their series, labels and default buckets.
    public var instrumentation: Instrumentation
    /// The histogram's bucket bounds when the service declares its own; the instrumentation's defaults when nil.
    /// A latency objective's threshold must be one of them.
    public var buckets: [Duration]?
    public var location: SourceLocation?

    public init() {
        self.isServed = true
        self.port = nil
        self.path = "/metrics"
        self.instrumentation = .promhttp
        self.buckets = nil
        self.location = nil
    }

    /// The declared buckets, else the instrumentation's defaults.
    public var effectiveBuckets: [Duration] { buckets ?? instrumentation.buckets }
}
