/// Where the system's SLO alerts go: one Alertmanager configuration per system
/// (`Output/<system>/alertmanager/alertmanager.yaml`, README "Alert routing"), with the receivers named here and
/// routes by the alerts' `team`, `severity` (`page` or `ticket`) and `environment` labels. Tickets are held back while
/// a page of the same SLO, environment and service fires.
///
/// ```swift
/// AlertRouting(default: "platform-chat") {
///     Receiver("platform-chat", .chat(channel: "#shop-alerts"))
///     Receiver("platform-oncall", .webhook(url: "https://oncall.example.com/hooks/alertmanager", bearerToken: true))
///     Receiver("platform-mail", .email(to: "platform@example.com", from: "alertmanager@example.com",
///                                      smarthost: "smtp.example.com:587", username: "alertmanager"))
///     AlertRoute(to: "platform-oncall", team: "platform", severity: .page, environment: .prod, continue: true)
///     AlertRoute(to: "platform-chat", team: "platform")
/// }
/// ```
///
/// Secrets never appear in the blueprint or the file: a chat webhook's URL, a webhook's bearer token and an SMTP
/// password are read by Alertmanager from the Secret named like the receiver, mounted at
/// `/etc/alertmanager/secrets/<receiver>/` (keys `url`, `token`, `password`).
public struct AlertRouting: SystemComponent {
    let routing: AlertRoutingDescription
    let components: [any AlertRoutingComponent]

    public init(
        default receiver: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        @ListBuilder<any AlertRoutingComponent> _ body: () -> [any AlertRoutingComponent]
    ) {
        self.routing = AlertRoutingDescription(defaultReceiver: receiver,
            location: SourceLocation(fileID, filePath, line))
        self.components = body()
    }

    public func apply(to system: inout SystemDescription) {
        var routing = routing
        for component in components { component.apply(to: &routing) }
        system.alertRouting = routing
    }
}

/// What an `AlertRouting` block holds: receivers and routes.
public protocol AlertRoutingComponent: Sendable {
    func apply(to routing: inout AlertRoutingDescription)
}

/// A receiver of alerts, by name (a DNS label: it also names the receiver's Secret).
///
/// ```swift
/// Receiver("platform-chat", .chat(channel: "#shop-alerts"))        // Secret platform-chat, key url
/// Receiver("oncall", .webhook(url: "https://oncall.example.com/hook", bearerToken: true))   // key token
/// Receiver("mail", .email(to: "sre@example.com", from: "am@example.com", smarthost: "smtp.example.com:587",
///                         username: "am"))                           // key password
/// ```
public struct Receiver: AlertRoutingComponent {
    let receiver: AlertReceiverDescription

    public init(
        _ name: String, _ kind: AlertReceiverDescription.Kind,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.receiver = AlertReceiverDescription(name: name, kind: kind,
            location: SourceLocation(fileID, filePath, line))
    }

    public func apply(to routing: inout AlertRoutingDescription) { routing.receivers.append(receiver) }
}

/// A route: alerts whose labels match every condition given go to `receiver`; the first route that matches wins,
/// unless it says `continue: true` (then the routes below are tried too).
///
/// ```swift
/// AlertRoute(to: "platform-oncall", team: "platform", severity: .page, environment: .prod, continue: true)
/// AlertRoute(to: "platform-chat", team: "platform")
/// ```
public struct AlertRoute: AlertRoutingComponent {
    let route: AlertRouteDescription

    public init(
        to receiver: String, team: String? = nil, severity: AlertSeverity? = nil, environment: Environment? = nil,
        continue alsoLater: Bool = false, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.route = AlertRouteDescription(
            receiver: receiver, team: team, severity: severity, environment: environment, alsoLater: alsoLater,
            location: SourceLocation(fileID, filePath, line))
    }

    public func apply(to routing: inout AlertRoutingDescription) { routing.routes.append(route) }
}
