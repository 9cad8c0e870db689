// The gateway as Kubernetes objects: the words that shape its Deployment, Service, PDB, HPA and Certificate.

/// The nginx image the gateway's Deployment runs: `GatewayImage("registry.example.com/edge/nginx:1.22.1")`. Without
/// it, the official image of the ``NginxVersion``/``OpenSSLVersion`` target (`nginx:1.22.1-alpine` for the default
/// 1.22.1 with OpenSSL 3.0). The image must hold `nginx` on the PATH, `/bin/sh` and `/etc/nginx/mime.types`.
public struct GatewayImage: GatewayComponent {
    let image: String
    let location: SourceLocation

    public init(_ image: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.image = image
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to gateway: inout GatewayDescription) {
        gateway.deployment.image = image
        gateway.provenance["deployment.image"] = location
    }
}

/// How many gateway pods run in every environment (2 by default), unless ``GatewayAutoscale`` owns the count.
public struct GatewayReplicas: GatewayComponent {
    let count: Int
    let location: SourceLocation

    public init(_ count: Int, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.count = count
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to gateway: inout GatewayDescription) {
        gateway.deployment.replicas = count
        gateway.provenance["deployment.replicas"] = location
    }
}

/// The gateway container's requests and limits (100m and 64Mi requested, 1 core and 128Mi limits by default). The
/// CPU limit and ``WorkerProcesses`` agree: without `WorkerProcesses`, nginx starts one worker per core of the
/// limit, rounded up; with both, they must match.
///
/// ```swift
/// GatewayResources(requests: (.millicores(250), .mebibytes(128)), limits: (.cores(2), .mebibytes(256)))
/// ```
public struct GatewayResources: GatewayComponent {
    let requests: (cpu: CPU, memory: DataSize)?
    let limits: (cpu: CPU, memory: DataSize)?
    let location: SourceLocation

    public init(
        requests: (cpu: CPU, memory: DataSize)? = nil, limits: (cpu: CPU, memory: DataSize)? = nil,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.requests = requests
        self.limits = limits
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to gateway: inout GatewayDescription) {
        if let requests {
            gateway.deployment.cpuRequest = requests.cpu
            gateway.deployment.memoryRequest = requests.memory
        }
        if let limits {
            gateway.deployment.cpuLimit = limits.cpu
            gateway.deployment.memoryLimit = limits.memory
        }
        gateway.provenance["deployment.resources"] = location
    }
}

/// A HorizontalPodAutoscaler for the gateway on CPU use: `GatewayAutoscale(min: 2, max: 6, cpu: .percent(70))`.
public struct GatewayAutoscale: GatewayComponent {
    let autoscaling: AutoscalingDescription
    let location: SourceLocation

    public init(
        min: Int, max: Int, cpu: Percentage,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.autoscaling = AutoscalingDescription(minReplicas: min, maxReplicas: max, targetCPUUtilization: cpu)
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to gateway: inout GatewayDescription) {
        gateway.deployment.autoscaling = autoscaling
        gateway.provenance["deployment.autoscaling"] = location
    }
}

/// The `kubernetes.io/tls` Secret, in each environment's namespace, whose `tls.crt` and `tls.key` the gateway serves
/// HTTPS with (`<system>-gateway-tls` by default). infragen names it and never writes it.
public struct GatewayTLSSecret: GatewayComponent {
    let name: String
    let location: SourceLocation

    public init(_ name: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.name = name
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to gateway: inout GatewayDescription) {
        gateway.deployment.tlsSecret = name
        gateway.provenance["deployment.tlsSecret"] = location
    }
}

/// A cert-manager `Certificate` per environment with TLS, for its host, that keeps the gateway's TLS Secret filled:
/// `GatewayCertificate(issuer: "letsencrypt")` (a `ClusterIssuer`; `kind: .issuer` for one in the namespace).
public struct GatewayCertificate: GatewayComponent {
    let issuer: GatewayDeploymentDescription.CertificateIssuer
    let location: SourceLocation

    public init(
        issuer: String, kind: GatewayDeploymentDescription.CertificateIssuer.Kind = .clusterIssuer,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.issuer = GatewayDeploymentDescription.CertificateIssuer(name: issuer, kind: kind)
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to gateway: inout GatewayDescription) {
        gateway.deployment.certificateIssuer = issuer
        gateway.provenance["deployment.certificate"] = location
    }
}

/// The client address ranges the gateway's load balancer admits (`loadBalancerSourceRanges`, and the gateway's
/// NetworkPolicy); without it, every address: `GatewaySourceRanges(["203.0.113.0/24"])`.
public struct GatewaySourceRanges: GatewayComponent {
    let ranges: [String]
    let location: SourceLocation

    public init(_ ranges: [String], fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.ranges = ranges
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to gateway: inout GatewayDescription) {
        gateway.deployment.sourceRanges = ranges
        gateway.provenance["deployment.sourceRanges"] = location
    }
}

/// How a gateway pod stops: it keeps serving for `pause` after it leaves the endpoints, then `nginx -s quit` lets the
/// requests in flight finish for up to `drain` (5 s and 30 s by default; the grace period is their sum plus 5 s).
public struct GatewayShutdown: GatewayComponent {
    let pause: Duration
    let drain: Duration
    let location: SourceLocation

    public init(
        pause: Duration = .seconds(5), drain: Duration = .seconds(30),
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.pause = pause
        self.drain = drain
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to gateway: inout GatewayDescription) {
        gateway.deployment.preStopPause = pause
        gateway.deployment.drainTimeout = drain
        gateway.provenance["deployment.shutdown"] = location
    }
}
