/// The Kubernetes namespace of an environment (`<system>-<environment>` when not given).
public struct Namespace: EnvironmentComponent {
    let name: String
    let location: SourceLocation

    public init(_ name: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.name = name
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to environment: inout EnvironmentDescription) { environment.namespace = Setting(name, at: location) }
}

/// The public host name the gateway serves in an environment.
public struct Host: EnvironmentComponent {
    let name: String
    let location: SourceLocation

    public init(_ name: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.name = name
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to environment: inout EnvironmentDescription) { environment.host = Setting(name, at: location) }
}

/// TLS termination at the gateway, with HTTP redirected to HTTPS.
///
/// The certificate files are relative to the folder of the Nginx configuration; the defaults are where a Kubernetes
/// TLS Secret mounted at `tls/` puts them: `TLS(certificate: "tls/tls.crt", key: "tls/tls.key")`.
public struct TLS: EnvironmentComponent {
    let enabled: Bool
    let certificate: TLSCertificate?
    let location: SourceLocation

    public init(_ enabled: Bool = true, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.enabled = enabled
        self.certificate = nil
        self.location = SourceLocation(fileID, filePath, line)
    }

    public init(
        certificate: String, key: String,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.enabled = true
        self.certificate = TLSCertificate(certificate: certificate, key: key)
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to environment: inout EnvironmentDescription) {
        environment.tls = enabled
        if let certificate { environment.tlsCertificate = Setting(certificate, at: location) }
    }
}

/// Releases through a canary that receives this share of the traffic.
///
/// The gateway keeps a client on one side with a cookie for `sticky` (1 day unless given; 1 minute to 30 days), and
/// sends an idempotent request the canary fails (no connection, 502, 503, 504) to the stable pods instead.
///
/// ```swift
/// Canary(.percent(10))
/// Canary(.percent(5), sticky: .seconds(3600))
/// ```
public struct Canary: EnvironmentComponent {
    let share: Percentage
    let sticky: Duration?
    let location: SourceLocation

    public init(
        _ share: Percentage, sticky: Duration? = nil,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.share = share
        self.sticky = sticky
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to environment: inout EnvironmentDescription) {
        environment.canary = Setting(share, at: location)
        if let sticky { environment.canaryStickiness = Setting(sticky, at: location) }
    }
}

/// How an environment is released: how often, how it rolls back, who owns it, and the rolling-update limits.
public struct Rollout: EnvironmentComponent {
    let frequency: String?
    let rollback: RolloutDescription.Rollback?
    let owner: String?
    let maxSurge: Percentage?
    let maxUnavailable: Percentage?
    let location: SourceLocation

    public init(
        frequency: String? = nil, rollback: RolloutDescription.Rollback? = nil, owner: String? = nil,
        maxSurge: Percentage? = nil, maxUnavailable: Percentage? = nil,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.frequency = frequency
        self.rollback = rollback
        self.owner = owner
        self.maxSurge = maxSurge
        self.maxUnavailable = maxUnavailable
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to environment: inout EnvironmentDescription) {
        if let frequency { environment.rollout.frequency = frequency }
        if let rollback { environment.rollout.rollback = rollback }
        if let owner { environment.rollout.owner = owner }
        if let maxSurge { environment.rollout.maxSurge = maxSurge }
        if let maxUnavailable { environment.rollout.maxUnavailable = maxUnavailable }
        environment.rollout.location = location
    }
}

/// Which SLO alerts the environment raises: `Alerting(.recordOnly)`, `.ticketsOnly` or `.pagesAndTickets`. Without
/// it prod pages and tickets, dev records only, and every other environment raises tickets only.
public struct Alerting: EnvironmentComponent {
    let policy: AlertPolicy
    let location: SourceLocation

    public init(_ policy: AlertPolicy, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.policy = policy
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to environment: inout EnvironmentDescription) {
        environment.alertPolicy = Setting(policy, at: location)
    }
}
