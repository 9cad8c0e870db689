/// The part a service plays, written as its `app.kubernetes.io/component` label: `Role("frontend")`.
/// Without it a service is a `backend`, or a `worker` when it has no ports.
public struct Role: ServiceComponent {
    let name: String
    let location: SourceLocation

    public init(_ name: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.name = name
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to service: inout ServiceDescription) { service.role = Setting(name, at: location) }
}

/// A health check command for a service that serves no HTTP, such as a background worker: Kubernetes runs it in
/// the container for the liveness and the readiness probe, and exit status 0 means healthy.
///
/// ```swift
/// HealthCommand("/usr/local/bin/image-resizer", "-healthcheck")
/// ```
public struct HealthCommand: ServiceComponent {
    let description: HealthCommandDescription

    public init(_ command: String..., fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.description = HealthCommandDescription(command: command, location: SourceLocation(fileID, filePath, line))
    }

    public func apply(to service: inout ServiceDescription) { service.healthCommand = description }
}

/// The timing of one probe; what it leaves out keeps the built-in value for that probe.
///
/// ```swift
/// Probe(.liveness, initialDelaySeconds: 30)
/// Probe(.startup, periodSeconds: 10, failureThreshold: 60)
/// ```
public struct Probe: SettingsComponent {
    let kind: ProbeTiming.Kind
    let initialDelaySeconds: Int?
    let periodSeconds: Int?
    let timeoutSeconds: Int?
    let failureThreshold: Int?
    let location: SourceLocation

    public init(
        _ kind: ProbeTiming.Kind, initialDelaySeconds: Int? = nil, periodSeconds: Int? = nil,
        timeoutSeconds: Int? = nil, failureThreshold: Int? = nil,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.kind = kind
        self.initialDelaySeconds = initialDelaySeconds
        self.periodSeconds = periodSeconds
        self.timeoutSeconds = timeoutSeconds
        self.failureThreshold = failureThreshold
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) {
        let timing = ProbeTiming(
            initialDelaySeconds: initialDelaySeconds, periodSeconds: periodSeconds, timeoutSeconds: timeoutSeconds,
            failureThreshold: failureThreshold)
        settings[.probe(kind)] = Setting(timing, at: location)
    }
}

/// How many pods a node drain may take down at once, for services with more than one replica
/// (a PodDisruptionBudget): `DisruptionBudget(maxUnavailable: 1)`.
public struct DisruptionBudget: SettingsComponent {
    let maxUnavailable: Int
    let location: SourceLocation

    public init(maxUnavailable: Int, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.maxUnavailable = maxUnavailable
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) {
        settings[.disruptionBudget] = Setting(DisruptionBudgetDescription(maxUnavailable: maxUnavailable), at: location)
    }
}

/// How the pods of a service with more than one replica are spread; across nodes, softly, unless set.
///
/// ```swift
/// Spread(across: "topology.kubernetes.io/zone", whenUnsatisfiable: .doNotSchedule)
/// ```
public struct Spread: SettingsComponent {
    let description: TopologySpreadDescription
    let location: SourceLocation

    public init(
        across topologyKey: String, maxSkew: Int = 1,
        whenUnsatisfiable: TopologySpreadDescription.WhenUnsatisfiable = .scheduleAnyway,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.description = TopologySpreadDescription(
            topologyKey: topologyKey, maxSkew: maxSkew, whenUnsatisfiable: whenUnsatisfiable)
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) {
        settings[.topologySpread] = Setting(description, at: location)
    }
}

/// The size limit of the writable `/tmp` volume: `TmpVolume(size: .mebibytes(256))`.
public struct TmpVolume: SettingsComponent {
    let size: DataSize
    let location: SourceLocation

    public init(size: DataSize, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.size = size
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) { settings[.tmpVolumeSize] = Setting(size, at: location) }
}

/// The namespace of a gateway infragen does not deploy (a cluster's ingress controller): services with routes let
/// its pods in on their routed ports, beside the pods of the system's own gateway, which they always let in.
public struct GatewayNamespace: SettingsComponent {
    let name: String
    let location: SourceLocation

    public init(_ name: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.name = name
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) { settings[.gatewayNamespace] = Setting(name, at: location) }
}

/// How Prometheus finds the metrics of the services (README, "Scrape wiring"): `.podMonitor` (the default),
/// `.serviceMonitor`, or `.annotations` (the `prometheus.io/*` pod annotations, and no monitor object).
public struct ScrapeBy: SettingsComponent {
    let method: MetricsScrape
    let location: SourceLocation

    public init(_ method: MetricsScrape, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.method = method
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) { settings[.metricsScrape] = Setting(method, at: location) }
}

/// The Prometheus pods that scrape the services' metrics port; NetworkPolicies let them in.
///
/// ```swift
/// MetricsScraper(namespace: "observability", podLabels: ["app.kubernetes.io/name": "prometheus"])
/// MetricsScraper.none()      // metrics are collected some other way: let nobody in for them
/// ```
public struct MetricsScraper: SettingsComponent {
    let peer: NetworkPeer?
    let location: SourceLocation

    public init(
        namespace: String, podLabels: [String: String] = [:],
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.peer = NetworkPeer(namespace: namespace, podLabels: podLabels)
        self.location = SourceLocation(fileID, filePath, line)
    }

    private init(peer: NetworkPeer?, location: SourceLocation) {
        self.peer = peer
        self.location = location
    }

    /// No scraper: the metrics port is not opened to anything outside the namespace.
    public static func none(
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) -> MetricsScraper {
        MetricsScraper(peer: nil, location: SourceLocation(fileID, filePath, line))
    }

    public func apply(to settings: inout ServiceSettings) { settings[.metricsScraper] = Setting(peer, at: location) }
}

/// The cluster's DNS servers, which every service may reach (`k8s-app: kube-dns` in `kube-system` on port 53 unless
/// set): pods, IPv4 ranges (NodeLocal DNSCache listens on a link-local address on each node), or both.
///
/// ```swift
/// ClusterDNS(namespace: "openshift-dns", podLabels: ["dns.operator.openshift.io/daemonset-dns": "default"], port: 5353)
/// ClusterDNS(namespace: "kube-system", podLabels: ["k8s-app": "kube-dns"], cidrs: ["169.254.20.10/32"])
/// ClusterDNS(cidrs: ["169.254.20.10/32", "10.96.0.10/32"])
/// ```
public struct ClusterDNS: SettingsComponent {
    let description: ClusterDNSDescription
    let location: SourceLocation

    /// DNS pods, and the addresses of a node-local cache beside them (`cidrs:`).
    public init(
        namespace: String, podLabels: [String: String], cidrs: [String] = [], port: Int = 53,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.description = ClusterDNSDescription(
            peer: NetworkPeer(namespace: namespace, podLabels: podLabels), cidrs: cidrs, port: port)
        self.location = SourceLocation(fileID, filePath, line)
    }

    /// DNS servers by address only.
    public init(
        cidrs: [String], port: Int = 53,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.description = ClusterDNSDescription(peer: nil, cidrs: cidrs, port: port)
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) { settings[.clusterDNS] = Setting(description, at: location) }
}

/// The Pod Security Standards version an environment's namespace enforces `restricted` at: `PodSecurity("v1.31")`,
/// or `"latest"` (`v1.30` unless set).
public struct PodSecurity: EnvironmentComponent {
    let version: String
    let location: SourceLocation

    public init(_ version: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.version = version
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to environment: inout EnvironmentDescription) {
        environment.podSecurityVersion = Setting(version, at: location)
    }
}
