/// Where a system's SLO alerts go (README, "Alert routing"): receivers named in the blueprint and routes that pick one
/// by the alert's `team`, `severity` and `environment` labels; the Alertmanager generator writes it as one
/// configuration per system.
public struct AlertRoutingDescription: Sendable, Hashable, Encodable {
    /// The receiver of every alert no route picks.
    public var defaultReceiver: String
    public var receivers: [AlertReceiverDescription]
    /// In order: the first route whose matchers all hold picks the receiver (and later ones too where it says
    /// `continue`).
    public var routes: [AlertRouteDescription]
    public var location: SourceLocation

    public init(defaultReceiver: String, location: SourceLocation) {
        self.defaultReceiver = defaultReceiver
        self.receivers = []
        self.routes = []
        self.location = location
    }

    public func receiver(named name: String) -> AlertReceiverDescription? { receivers.first { $0.name == name } }
}

/// The two severities of the SLO alerts (`severity` label).
public enum AlertSeverity: String, Sendable, Hashable, Encodable, CaseIterable {
    case page, ticket
}

/// A named receiver of alerts. Its secrets are never in the blueprint nor in the generated file: Alertmanager reads
/// them from files of a Kubernetes Secret named like the receiver, mounted at
/// ``AlertReceiverDescription/secretDirectory```/<receiver>/` (prometheus-operator's `Alertmanager.spec.secrets`).
public struct AlertReceiverDescription: Sendable, Hashable, Encodable {
    public enum Kind: Sendable, Hashable, Encodable {
        /// A chat channel through a Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat): the webhook
        /// URL, which is the secret, is read from the Secret's key `url`.
        case chat(channel: String?)
        /// Alertmanager's webhook JSON posted to a URL; with `bearerToken`, an `Authorization: Bearer` token read
        /// from the Secret's key `token`.
        case webhook(url: String, bearerToken: Bool)
        /// Mail through an SMTP relay (`host:port`); with `username`, the password is read from the Secret's key
        /// `password`.
        case email(to: String, from: String, smarthost: String, username: String?)
    }

    /// Where prometheus-operator mounts the Secrets an Alertmanager lists (`/etc/alertmanager/secrets/<secret>/`).
    public static let secretDirectory = "/etc/alertmanager/secrets"

    public var name: String
    public var kind: Kind
    public var location: SourceLocation

    public init(name: String, kind: Kind, location: SourceLocation) {
        self.name = name
        self.kind = kind
        self.location = location
    }

    /// The file of one key of the receiver's Secret.
    public func secretFile(_ key: String) -> String { "\(Self.secretDirectory)/\(name)/\(key)" }

    /// The keys its Secret must hold.
    public var secretKeys: [String] {
        switch kind {
        case .chat: ["url"]
        case .webhook(_, let bearerToken): bearerToken ? ["token"] : []
        case .email(_, _, _, let username): username == nil ? [] : ["password"]
        }
    }
}

/// One route: the receiver of the alerts whose labels match every condition it sets.
public struct AlertRouteDescription: Sendable, Hashable, Encodable {
    public var receiver: String
    public var team: String?
    public var severity: AlertSeverity?
    public var environment: Environment?
    /// Whether the alert also goes on to the routes below (Alertmanager's `continue`).
    public var alsoLater: Bool
    public var location: SourceLocation

    public init(
        receiver: String, team: String?, severity: AlertSeverity?, environment: Environment?, alsoLater: Bool,
        location: SourceLocation
    ) {
        self.receiver = receiver
        self.team = team
        self.severity = severity
        self.environment = environment
        self.alsoLater = alsoLater
        self.location = location
    }

    /// The label matchers, in label order: `environment`, `severity`, `team`.
    public var matchers: [(label: String, value: String)] {
        var pairs: [(String, String)] = []
        if let environment { pairs.append(("environment", environment.name)) }
        if let severity { pairs.append(("severity", severity.rawValue)) }
        if let team { pairs.append(("team", team)) }
        return pairs
    }
}
