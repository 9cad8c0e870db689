/// How often and how patiently Kubernetes probes a container. Whole seconds, as Kubernetes takes them.
///
/// A layer sets only the parts it names (`Probe(.liveness, initialDelaySeconds: 30)`); the others come from the layer
/// below, and finally from the built-in timing of the probe's kind (``SettingKey/livenessProbe`` and its siblings).
public struct ProbeTiming: Sendable, Hashable, Codable {
    /// Which probe a timing is for.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case liveness, readiness, startup
    }

    /// The parts of a timing.
    public enum Part: String, Sendable, Hashable, Codable, CaseIterable {
        case initialDelaySeconds, periodSeconds, timeoutSeconds, failureThreshold
    }

    public var initialDelaySeconds: Int
    public var periodSeconds: Int
    public var timeoutSeconds: Int
    /// Failed probes in a row before Kubernetes acts (restarts the container, or marks it unready).
    public var failureThreshold: Int
    /// The parts this timing sets over the layer below it; every part for a complete timing.
    public var parts: Set<Part>

    public init(initialDelaySeconds: Int = 0, periodSeconds: Int, timeoutSeconds: Int, failureThreshold: Int) {
        self.initialDelaySeconds = initialDelaySeconds
        self.periodSeconds = periodSeconds
        self.timeoutSeconds = timeoutSeconds
        self.failureThreshold = failureThreshold
        self.parts = Set(Part.allCases)
    }

    /// A timing that sets only the given parts (the others are placeholders that a lower layer fills in).
    public init(
        initialDelaySeconds: Int? = nil, periodSeconds: Int? = nil, timeoutSeconds: Int? = nil,
        failureThreshold: Int? = nil
    ) {
        self.initialDelaySeconds = initialDelaySeconds ?? 0
        self.periodSeconds = periodSeconds ?? 0
        self.timeoutSeconds = timeoutSeconds ?? 0
        self.failureThreshold = failureThreshold ?? 0
        parts = []
        if initialDelaySeconds != nil { parts.insert(.initialDelaySeconds) }
        if periodSeconds != nil { parts.insert(.periodSeconds) }
        if timeoutSeconds != nil { parts.insert(.timeoutSeconds) }
        if failureThreshold != nil { parts.insert(.failureThreshold) }
    }

    public subscript(part: Part) -> Int {
        get {
            switch part {
            case .initialDelaySeconds: initialDelaySeconds
            case .periodSeconds: periodSeconds
            case .timeoutSeconds: timeoutSeconds
            case .failureThreshold: failureThreshold
            }
        }
        set {
            switch part {
            case .initialDelaySeconds: initialDelaySeconds = newValue
            case .periodSeconds: periodSeconds = newValue
            case .timeoutSeconds: timeoutSeconds = newValue
            case .failureThreshold: failureThreshold = newValue
            }
        }
    }
}

/// The timings of a service's three probes, resolved.
public struct ProbeTimings: Sendable, Hashable, Codable {
    public var liveness: ProbeTiming
    public var readiness: ProbeTiming
    public var startup: ProbeTiming

    public init(liveness: ProbeTiming, readiness: ProbeTiming, startup: ProbeTiming) {
        self.liveness = liveness
        self.readiness = readiness
        self.startup = startup
    }

    public subscript(kind: ProbeTiming.Kind) -> ProbeTiming {
        switch kind {
        case .liveness: liveness
        case .readiness: readiness
        case .startup: startup
        }
    }
}

/// A health check run inside the container, for services that serve no HTTP (background workers): the command
/// exits 0 when the process is healthy. Used for the liveness and the readiness probe.
public struct HealthCommandDescription: Sendable, Hashable, Codable {
    public var command: [String]
    public var location: SourceLocation

    public init(command: [String], location: SourceLocation) {
        self.command = command
        self.location = location
    }
}

/// The PodDisruptionBudget of a service that runs more than one replica.
public struct DisruptionBudgetDescription: Sendable, Hashable, Codable {
    /// Pods a voluntary disruption (a node drain) may take down at once. A count, not a share, so that it stays
    /// right for every replica count an autoscaler picks.
    public var maxUnavailable: Int

    public init(maxUnavailable: Int) { self.maxUnavailable = maxUnavailable }
}

/// How a service's pods are spread when it runs more than one replica.
public struct TopologySpreadDescription: Sendable, Hashable, Codable {
    public enum WhenUnsatisfiable: String, Sendable, Hashable, Codable {
        /// Prefer the spread, but schedule anyway (never leaves a pod Pending on a small cluster).
        case scheduleAnyway = "ScheduleAnyway"
        /// Leave the pod Pending rather than break the spread.
        case doNotSchedule = "DoNotSchedule"
    }

    /// The node label whose values are the domains: `kubernetes.io/hostname` (nodes), `topology.kubernetes.io/zone`.
    public var topologyKey: String
    public var maxSkew: Int
    public var whenUnsatisfiable: WhenUnsatisfiable

    public init(topologyKey: String, maxSkew: Int = 1, whenUnsatisfiable: WhenUnsatisfiable = .scheduleAnyway) {
        self.topologyKey = topologyKey
        self.maxSkew = maxSkew
        self.whenUnsatisfiable = whenUnsatisfiable
    }
}

/// Pods in another namespace that a NetworkPolicy lets in or out: the namespace by name, and the pods in it by
/// label (all pods of the namespace when `podLabels` is empty).
public struct NetworkPeer: Sendable, Hashable, Codable {
    public var namespace: String
    public var podLabels: [String: String]

    public init(namespace: String, podLabels: [String: String] = [:]) {
        self.namespace = namespace
        self.podLabels = podLabels
    }
}

/// The cluster's DNS servers, which every pod must reach to resolve service names: DNS pods, addresses, or both.
public struct ClusterDNSDescription: Sendable, Hashable, Codable {
    /// The DNS pods (kube-dns, CoreDNS), or nil where only addresses are named.
    public var peer: NetworkPeer?
    /// IPv4 ranges a pod sends its lookups to beside the pods: NodeLocal DNSCache's link-local address
    /// (`169.254.20.10/32`), and in its iptables mode the kube-dns Service's ClusterIP, which the cache also binds.
    public var cidrs: [String]
    /// The port the DNS servers listen on (UDP and TCP): 53, or 5353 on OpenShift.
    public var port: Int

    public init(peer: NetworkPeer?, cidrs: [String] = [], port: Int = 53) {
        self.peer = peer
        self.cidrs = cidrs
        self.port = port
    }
}
