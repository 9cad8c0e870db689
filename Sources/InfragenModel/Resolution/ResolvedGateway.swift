/// The Nginx front of a system as the generators read it: the blueprint's values, the versions it targets, and
/// the upstream mode decided once from them. The route defaults are applied to each route (``ResolvedRoute``).
public struct ResolvedGateway: Sendable, Hashable, Encodable {
    public var nginxVersion: String
    public var opensslVersion: String
    /// nil when a version does not parse (validation reports it, and nothing is generated).
    public var target: NginxTarget?
    /// The upstream mode the blueprint chose, else upstream blocks from Nginx 1.27.3 (which re-resolves their
    /// names) and names resolved per request before it.
    public var upstreamMode: GatewayDescription.UpstreamMode
    public var loadBalancing: GatewayDescription.LoadBalancing
    public var resolver: String
    public var clusterDomain: String
    public var contentSecurityPolicy: String?
    public var frameOptions: GatewayDescription.FrameOptions?
    public var referrerPolicy: GatewayDescription.ReferrerPolicy
    public var staticRoot: GatewayDescription.StaticRoot?
    public var listen: ListenDescription
    public var workerConnections: Int
    public var workerProcesses: Int
    public var upstreamKeepalive: Int
    public var maxFails: Int
    public var failTimeout: Duration
    public var upstreamAddresses: [UpstreamAddressDescription]
    /// Where the client's address comes from behind a load balancer; nil: the connection's own address.
    public var realIP: GatewayDescription.RealIP?
    /// The `Gateway` block, else the system: where gateway diagnostics point when no field was set.
    public var declaredAt: SourceLocation
    private var provenance: [String: SourceLocation]

    // MARK: The gateway as Kubernetes objects

    /// `<system>-gateway`: the Deployment, Service, PodDisruptionBudget, NetworkPolicy (and HPA, Certificate) of each
    /// environment, `<system>-gateway-config-<hash8>` its ConfigMap. No service may take the name.
    public var name: String
    /// The image the pods run: the blueprint's `GatewayImage`, else the official image of the target
    /// (``GatewayDeploymentDescription/officialImages``), else the official `nginx:<nginxVersion>`.
    public var image: String
    /// Pods when no autoscaler owns the count.
    public var replicas: Int
    public var autoscaling: AutoscalingDescription?
    public var cpuRequest: CPU
    public var memoryRequest: DataSize
    /// The blueprint's limit, else `WorkerProcesses` cores when it is set, else 1 core.
    public var cpuLimit: CPU
    public var memoryLimit: DataSize
    /// The TLS Secret's name: the blueprint's, else `<system>-gateway-tls`.
    public var tlsSecret: String
    public var certificateIssuer: GatewayDeploymentDescription.CertificateIssuer?
    public var sourceRanges: [String]
    public var preStopPause: Duration
    public var drainTimeout: Duration

    /// The user and group the gateway's nginx runs as: numeric, not root, at least 10000 (checkov's CKV_K8S_40),
    /// and no user of the official or Debian images (nginx is 101 there).
    public static let runAsUser = 10101

    /// Pause, then drain, then 5 s for nginx to exit and the kubelet to see it.
    public var terminationGracePeriodSeconds: Int {
        Int(preStopPause.components.seconds) + Int(drainTimeout.components.seconds) + 5
    }

    /// The most pods the gateway runs at once.
    public var maximumReplicas: Int { autoscaling?.maxReplicas ?? replicas }
    /// The fewest pods the gateway runs.
    public var minimumReplicas: Int { autoscaling?.minReplicas ?? replicas }

    init(_ gateway: GatewayDescription, system: SourceLocation, systemName: String) {
        nginxVersion = gateway.nginxVersion
        opensslVersion = gateway.opensslVersion
        let target = NginxTarget(gateway)
        self.target = target
        upstreamMode = gateway.upstreamMode
            ?? (target?.resolvesUpstreamServers == true ? .upstreamBlocks : .resolvePerRequest)
        loadBalancing = gateway.loadBalancing
        resolver = gateway.resolver
        clusterDomain = gateway.clusterDomain
        contentSecurityPolicy = gateway.contentSecurityPolicy
        frameOptions = gateway.frameOptions
        referrerPolicy = gateway.referrerPolicy
        staticRoot = gateway.staticRoot
        listen = gateway.listen
        workerConnections = gateway.workerConnections
        // The CPU limit and the workers agree: one is derived from the other unless the blueprint sets both
        // (validation refuses a mismatch).
        let setsWorkers = gateway.provenance["workerProcesses"] != nil
        let deployment = gateway.deployment
        cpuLimit = deployment.cpuLimit ?? .cores(Double(setsWorkers ? max(1, gateway.workerProcesses) : 1))
        workerProcesses = setsWorkers ? gateway.workerProcesses : Self.workers(for: cpuLimit)
        name = "\(systemName)-gateway"
        image = deployment.image
            ?? GatewayDeploymentDescription.officialImage(nginx: gateway.nginxVersion, openssl: gateway.opensslVersion)
            ?? "nginx:\(gateway.nginxVersion)"
        replicas = deployment.replicas
        autoscaling = deployment.autoscaling
        cpuRequest = deployment.cpuRequest
        memoryRequest = deployment.memoryRequest
        memoryLimit = deployment.memoryLimit
        tlsSecret = deployment.tlsSecret ?? "\(systemName)-gateway-tls"
        certificateIssuer = deployment.certificateIssuer
        sourceRanges = deployment.sourceRanges
        preStopPause = deployment.preStopPause
        drainTimeout = deployment.drainTimeout
        upstreamKeepalive = gateway.upstreamKeepalive
        maxFails = gateway.maxFails
        failTimeout = gateway.failTimeout
        upstreamAddresses = gateway.upstreamAddresses
        realIP = gateway.realIP
        declaredAt = gateway.location ?? system
        provenance = gateway.provenance
    }

    /// One worker per core of a CPU limit, rounded up.
    public static func workers(for limit: CPU) -> Int { max(1, (limit.millicores + 999) / 1000) }

    /// The place the blueprint set `field` (`nginxVersion`, `loadBalancing` …), else ``declaredAt``.
    public func location(of field: String) -> SourceLocation { provenance[field] ?? declaredAt }

    /// The address that replaces a service's (or its canary's) cluster address, if the blueprint gives one.
    public func upstreamAddress(for service: String, canary: Bool) -> UpstreamAddressDescription? {
        upstreamAddresses.first { $0.service == service && $0.canary == canary }
    }
}
