/// Health checks of any type, beside the HTTP paths of `Health(liveness:readiness:startup:port:)`: HTTP (with its
/// scheme and headers), gRPC, TCP or a command, for each probe kind. A port is named as `Port(…)` declares it; left
/// out, it is the service's first.
///
/// ```swift
/// Health(.grpc(port: "grpc"))                                       // liveness and readiness
/// Health(liveness: .tcp(port: "redis"), readiness: .exec(["redis-cli", "ping"]))
/// Health(.http("/healthz", scheme: .https, headers: ["X-Probe": "kubelet"]), startup: .http("/startupz"))
/// ```
extension Health {
    /// One check for liveness and readiness, and a startup probe when given one.
    public init(
        _ check: HealthProbe, startup: HealthProbe? = nil,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.init(liveness: check, readiness: check, startup: startup, fileID: fileID, filePath: filePath, line: line)
    }

    /// A check for each probe kind, and a startup probe when given one.
    public init(
        liveness: HealthProbe, readiness: HealthProbe, startup: HealthProbe? = nil,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.description = HealthDescription(
            liveness: liveness, readiness: readiness, startup: startup,
            location: SourceLocation(fileID, filePath, line))
    }
}

/// A service the platform does not health-check at all, with the written reason: Kubernetes then restarts it only
/// when its process exits, and sends it traffic as soon as it starts. The reason goes into the Deployment's
/// `health.infragen.io/no-health-check` annotation and into the skips of checkov's probe checks.
///
/// ```swift
/// NoHealthCheck(because: "load generator: nothing depends on it and a restart loses nothing")
/// ```
public struct NoHealthCheck: ServiceComponent {
    let description: NoHealthCheckDescription

    public init(because reason: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.description = NoHealthCheckDescription(reason: reason, location: SourceLocation(fileID, filePath, line))
    }

    public func apply(to service: inout ServiceDescription) { service.noHealthCheck = description }
}
