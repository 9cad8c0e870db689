/// One environment of a system: where it runs, how it is rolled out, and what it changes for all services.
public struct EnvironmentDescription: Sendable, Hashable, Encodable {
    public var environment: Environment
    public var location: SourceLocation
    /// The Kubernetes namespace; `<system>-<environment>` when nil.
    public var namespace: Setting<String>?
    /// The public host name the gateway serves.
    public var host: Setting<String>?
    /// Whether the gateway terminates TLS (and redirects HTTP to HTTPS).
    public var tls: Bool
    /// The certificate and key the gateway serves with TLS; `tls/tls.crt` and `tls/tls.key` when nil.
    public var tlsCertificate: Setting<TLSCertificate>?
    /// The share of traffic a canary receives, for environments released as canaries.
    public var canary: Setting<Percentage>?
    /// How long a client keeps the gateway's canary cookie, and with it its side; 1 day when nil.
    public var canaryStickiness: Setting<Duration>?
    public var rollout: RolloutDescription
    /// The Pod Security Standards version the namespace enforces `restricted` at (`v1.30`, or `latest`); pinned so
    /// that a cluster upgrade cannot start rejecting pods.
    public var podSecurityVersion: Setting<String>?
    /// Which SLO alerts the environment raises; ``AlertPolicy/default(for:)`` when nil.
    public var alertPolicy: Setting<AlertPolicy>?
    /// The no-data wait of every SLO here that sets none (`NoDataAfter` in `Deploy(to:)`); 10 minutes when nil.
    public var noDataAfter: Setting<Duration>?
    /// The minimum-traffic guard of every SLO here that sets none (`MinimumTraffic` in `Deploy(to:)`).
    public var minimumTraffic: Setting<RequestRate>?
    /// Settings for every service in this environment (over the service's own, under its `Override`).
    public var settings: ServiceSettings
    /// Kubernetes objects and kustomize patches of this environment only (after the system's).
    public var rawObjects: [RawObjectDescription]
    public var patches: [PatchDescription]

    public init(environment: Environment, location: SourceLocation) {
        self.environment = environment
        self.location = location
        self.tls = false
        self.rollout = RolloutDescription()
        self.settings = ServiceSettings()
        self.rawObjects = []
        self.patches = []
    }
}

/// The files of a TLS certificate, relative to the folder of the Nginx configuration (where a Kubernetes TLS Secret
/// mounted at `tls/` puts `tls.crt` and `tls.key`).
public struct TLSCertificate: Sendable, Hashable, Codable {
    /// The certificate chain, leaf first (PEM).
    public var certificate: String
    /// The private key (PEM).
    public var key: String

    public init(certificate: String = "tls/tls.crt", key: String = "tls/tls.key") {
        self.certificate = certificate
        self.key = key
    }
}

/// How an environment is released, from the seed's table: how often, how it rolls back, and who owns it.
public struct RolloutDescription: Sendable, Hashable, Codable {
    public enum Rollback: Sendable, Hashable, Codable, CustomStringConvertible {
        case snapshotRestore
        case imageRollback
        case canaryCutback
        case other(String)

        public var description: String {
            switch self {
            case .snapshotRestore: "snapshot restore"
            case .imageRollback: "image rollback"
            case .canaryCutback: "canary release with traffic cut-back"
            case .other(let text): text
            }
        }
    }

    public var frequency: String?
    public var rollback: Rollback?
    public var owner: String?
    /// Rolling-update limits for Deployments: maxSurge and maxUnavailable as percentages of replicas.
    public var maxSurge: Percentage
    public var maxUnavailable: Percentage
    public var location: SourceLocation?

    public init() {
        self.maxSurge = .percent(25)
        self.maxUnavailable = .percent(25)
    }
}
