public import InfragenModel
import InfragenYAML

/// Alertmanager routing for a system's SLO alerts (README, "Alert routing"): one configuration per system, for every
/// environment (the alerts carry `environment`), where the blueprint declares `AlertRouting`.
///
///     <system>/alertmanager/alertmanager.yaml     route tree, inhibition, receivers (secrets as *_file paths)
///
/// Written for Alertmanager 0.25 (Debian 12's), which `amtool check-config` checks: its webhook has no `url_file`
/// (0.26 has), so a webhook's URL is in the file and its credential is a bearer token file.
public struct AlertmanagerGenerator: Generator {
    public let kind = ArtifactKind.alertmanager
    public let folders = [folder]
    static let folder = OutputFolder.inSystem("alertmanager")
    public static let fileName = "alertmanager.yaml"

    /// Alerts of one SLO alert, environment and objective arrive together; the first notification waits 30 s for the
    /// others of its group, changes to a group are sent at most every 5 minutes, and a firing group is repeated every
    /// 4 hours (a page's `for` is 2 minutes, a ticket's 15: these add little to either).
    static let groupBy = ["alertname", "environment", "slo"]
    static let groupWait = "30s"
    static let groupInterval = "5m"
    static let repeatInterval = "4h"
    /// A ticket waits while a page fires for the same SLO in the same environment and service.
    static let inhibitionEqual = ["environment", "service", "slo"]

    public init() {}

    public func files(system: ResolvedSystem, cache: GenerationCache) throws -> [GeneratedFile] {
        guard let routing = system.alertRouting else { return [] }
        let contents = FileHeader.hash(source: routing.location, system: system.name, command: system.command) + Self.comment(routing)
            + (try YAML.render(Self.configuration(routing)))
        return [GeneratedFile(
            path: "\(Self.folder.path(system: system.name, environment: nil))/\(Self.fileName)", contents: contents,
            kind: kind, system: system.name, environment: nil)]
    }

    /// What the file holds, and the Secrets the receivers read.
    static func comment(_ routing: AlertRoutingDescription) -> String {
        var lines = ["Alertmanager 0.25 configuration: routes by team, severity and environment; tickets inhibited "
            + "while a page of the same SLO, environment and service fires."]
        let secrets = routing.receivers.filter { !$0.secretKeys.isEmpty }
        if !secrets.isEmpty {
            lines.append("Secrets (mounted at \(AlertReceiverDescription.secretDirectory)/<name>/, e.g. prometheus-"
                + "operator's Alertmanager.spec.secrets):")
            for receiver in secrets {
                lines.append("  \(receiver.name): \(receiver.secretKeys.joined(separator: ", "))")
            }
        }
        return lines.map { "# \($0)\n" }.joined()
    }

    static func configuration(_ routing: AlertRoutingDescription) -> YAMLNode {
        .mapping([
            ("route", route(routing)),
            ("inhibit_rules", .sequence([.mapping([
                ("source_matchers", .sequence([.string(matcher("severity", AlertSeverity.page.rawValue))])),
                ("target_matchers", .sequence([.string(matcher("severity", AlertSeverity.ticket.rawValue))])),
                ("equal", .sequence(inhibitionEqual.map { .string($0) })),
            ])])),
            ("receivers", .sequence(routing.receivers.map(receiver))),
        ])
    }

    static func route(_ routing: AlertRoutingDescription) -> YAMLNode {
        var pairs: [(String, YAMLNode)] = [
            ("receiver", .string(routing.defaultReceiver)),
            ("group_by", .sequence(groupBy.map { .string($0) })),
            ("group_wait", .string(groupWait)),
            ("group_interval", .string(groupInterval)),
            ("repeat_interval", .string(repeatInterval)),
        ]
        if !routing.routes.isEmpty {
            pairs.append(("routes", .sequence(routing.routes.map { route in
                var fields: [(String, YAMLNode)] = [
                    ("receiver", .string(route.receiver)),
                    ("matchers", .sequence(route.matchers.map { .string(matcher($0.label, $0.value)) })),
                ]
                if route.alsoLater { fields.append(("continue", .boolean(true))) }
                return .mapping(fields)
            })))
        }
        return .mapping(pairs)
    }

    /// `label="value"`, the value quoted as Alertmanager's matcher parser reads it (`\\`, `\"`).
    static func matcher(_ label: String, _ value: String) -> String {
        let escaped = value.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"")
        return "\(label)=\"\(escaped)\""
    }

    static func receiver(_ receiver: AlertReceiverDescription) -> YAMLNode {
        let config: (String, YAMLNode)
        switch receiver.kind {
        case .chat(let channel):
            var fields: [(String, YAMLNode)] = [("api_url_file", .string(receiver.secretFile("url")))]
            if let channel { fields.append(("channel", .string(channel))) }
            fields.append(("send_resolved", .boolean(true)))
            config = ("slack_configs", .sequence([.mapping(fields)]))
        case .webhook(let url, let bearerToken):
            var fields: [(String, YAMLNode)] = [("url", .string(url)), ("send_resolved", .boolean(true))]
            if bearerToken {
                fields.append(("http_config", .mapping([("authorization", .mapping([
                    ("type", .string("Bearer")), ("credentials_file", .string(receiver.secretFile("token"))),
                ]))])))
            }
            config = ("webhook_configs", .sequence([.mapping(fields)]))
        case .email(let to, let from, let smarthost, let username):
            var fields: [(String, YAMLNode)] = [
                ("to", .string(to)), ("from", .string(from)), ("smarthost", .string(smarthost)),
            ]
            if let username {
                fields.append(("auth_username", .string(username)))
                fields.append(("auth_password_file", .string(receiver.secretFile("password"))))
            }
            fields.append(("send_resolved", .boolean(true)))
            config = ("email_configs", .sequence([.mapping(fields)]))
        }
        return .mapping([("name", .string(receiver.name)), config])
    }
}

extension String {
    /// Every occurrence of `target` replaced (without Foundation).
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self { if character == target { result += replacement } else { result.append(character) } }
        return result
    }
}
