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

    init(_ gateway: GatewayDescription, system: SourceLocation) {
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
        workerProcesses = gateway.workerProcesses
        upstreamKeepalive = gateway.upstreamKeepalive
        maxFails = gateway.maxFails
        failTimeout = gateway.failTimeout
        upstreamAddresses = gateway.upstreamAddresses
        realIP = gateway.realIP
        declaredAt = gateway.location ?? system
        provenance = gateway.provenance
    }

    /// The place the blueprint set `field` (`nginxVersion`, `loadBalancing` …), else ``declaredAt``.
    public func location(of field: String) -> SourceLocation { provenance[field] ?? declaredAt }

    /// The address that replaces a service's (or its canary's) cluster address, if the blueprint gives one.
    public func upstreamAddress(for service: String, canary: Bool) -> UpstreamAddressDescription? {
        upstreamAddresses.first { $0.service == service && $0.canary == canary }
    }
}
