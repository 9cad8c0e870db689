extension SystemDescription {
    /// The receivers and routes of `AlertRouting`: names Alertmanager and Kubernetes (the Secret) accept, URLs,
    /// addresses and channels on one line with nothing secret in them, routes to receivers that exist, on teams and
    /// environments that do, each with a condition.
    func checkAlertRouting(_ c: inout DiagnosticCollector) {
        guard let routing = alertRouting else { return }
        let path = DiagnosticPath(system: name)
        var seen: Set<String> = []
        if routing.receivers.isEmpty {
            c.error(path, field: "alertRouting.receivers", "AlertRouting names no receiver",
                    hint: "add a Receiver, e.g. Receiver(\"platform-chat\", .chat(channel: \"#platform-alerts\"))",
                    at: routing.location)
        }
        for receiver in routing.receivers {
            let field = "alertRouting.receivers[\(receiver.name)]"
            // The receiver's name is also its Secret's, and a folder under the Secrets' directory.
            c.check(receiver.name, is: .receiver, path, field: "\(field).name", at: receiver.location)
            if !seen.insert(receiver.name).inserted {
                c.error(path, field: "\(field).name", "the receiver \(receiver.name.quoted) is declared twice",
                        hint: "give each receiver its own name", at: receiver.location)
            }
            checkReceiver(receiver, path, field, &c)
        }
        let known = routing.receivers.map(\.name)
        func checkNamed(_ receiver: String, _ field: String, at location: SourceLocation) {
            guard !known.contains(receiver) else { return }
            c.error(path, field: field, "no receiver is named \(receiver.quoted)",
                    hint: Suggestions.hint(for: receiver, in: known) ?? "declare it with Receiver(…) in AlertRouting",
                    at: location)
        }
        checkNamed(routing.defaultReceiver, "alertRouting.default", at: routing.location)
        let environmentNames = environments.map(\.environment.name)
        for (index, route) in routing.routes.enumerated() {
            let field = "alertRouting.routes[\(index)]"
            checkNamed(route.receiver, "\(field).receiver", at: route.location)
            if route.matchers.isEmpty {
                c.error(path, field: field, "the route has no condition, so every alert takes it and the routes "
                            + "below and the default are never reached",
                        hint: "route by team:, severity: or environment:, or make it the default receiver",
                        at: route.location)
            }
            if let team = route.team { c.checkTeamName(team, path, field: "\(field).team", at: route.location) }
            if let environment = route.environment, !environmentNames.contains(environment.name) {
                c.error(path, field: "\(field).environment",
                        "the route names environment \(environment.name.quoted), which the system does not declare",
                        hint: Suggestions.hint(for: environment.name, in: environmentNames)
                            ?? "declare it with Deploy(to:) or route by another environment",
                        at: route.location)
            }
        }
    }

    private func checkReceiver(
        _ receiver: AlertReceiverDescription, _ path: DiagnosticPath, _ field: String, _ c: inout DiagnosticCollector
    ) {
        let at = receiver.location
        switch receiver.kind {
        case .chat(let channel):
            if let channel, !Self.isChatChannel(channel) {
                c.error(path, field: "\(field).channel", "\(channel.quoted) is not a chat channel",
                        hint: "use '#' and at most 80 letters, digits, '-', '_' and '.', e.g. #platform-alerts",
                        at: at)
            }
        case .webhook(let url, _):
            if !Self.isWebhookURL(url) {
                c.error(path, field: "\(field).url", "\(url.quoted) is not an http(s) URL",
                        hint: "use e.g. https://oncall.example.com/hooks/alertmanager, on one line, without spaces",
                        at: at)
            } else if Self.hasCredentials(url) {
                c.error(path, field: "\(field).url",
                        "the URL carries credentials (a user and password, or a token in its query), which would be "
                            + "written into the generated file",
                        hint: "use .webhook(url:, bearerToken: true): Alertmanager reads the token from the "
                            + "receiver's Secret", at: at)
            }
        case .email(let to, let from, let smarthost, let username):
            for (part, address) in [("to", to), ("from", from)] where !Self.isMailAddress(address) {
                c.error(path, field: "\(field).\(part)", "\(address.quoted) is not a mail address",
                        hint: "use one address such as platform@example.com", at: at)
            }
            if !Self.isHostAndPort(smarthost) {
                c.error(path, field: "\(field).smarthost", "\(smarthost.quoted) is not a host and port",
                        hint: "name the SMTP relay as host:port, e.g. smtp.example.com:587", at: at)
            }
            if let username, username.isEmpty || !TextRules.isSingleLineText(username) || username.contains(" ") {
                c.error(path, field: "\(field).username", "the SMTP user name is empty, spans lines or has a space",
                        hint: "write the user name on one line", at: at)
            }
        }
    }

    /// `#` (a channel) or `@` (a user) optional, then 1-80 of letters, digits, `-`, `_` and `.` (Slack's and Mattermost's channel names).
    static func isChatChannel(_ text: String) -> Bool {
        let name = text.hasPrefix("#") || text.hasPrefix("@") ? text.dropFirst() : Substring(text)
        return (1...80).contains(name.utf8.count) && name.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || "-_.".utf8.contains(byte)
        }
    }

    /// `http://` or `https://`, a host, printable ASCII without spaces, quotes or braces, at most 2048 bytes.
    static func isWebhookURL(_ text: String) -> Bool {
        guard text.utf8.count <= 2048, text.hasPrefix("https://") || text.hasPrefix("http://") else { return false }
        let rest = text.drop { $0 != "/" }.dropFirst(2)
        guard let first = rest.utf8.first, first != UInt8(ascii: "/") else { return false }
        return text.utf8.allSatisfy { (0x21...0x7E).contains($0) && !"\"'{}<>\\`".utf8.contains($0) }
    }

    /// A user and password before the host, or a query parameter named like a credential.
    static func hasCredentials(_ url: String) -> Bool {
        let afterScheme = url.drop { $0 != "/" }.dropFirst(2)
        let authority = afterScheme.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if authority.contains("@") { return true }
        guard let query = url.split(separator: "?", maxSplits: 1).dropFirst().first else { return false }
        let names = query.split(separator: "&").map { $0.prefix { $0 != "=" }.lowercased() }
        return names.contains { name in ["token", "key", "secret", "password", "api_key", "apikey", "sig"]
            .contains { name == $0 || name.hasSuffix("_\($0)") || name.hasSuffix("-\($0)") } }
    }

    /// One address: a local part of printable ASCII without spaces, `<>`, quotes, `,` or `;`, `@`, a DNS name.
    static func isMailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].utf8.count <= 64, text.utf8.count <= 254 else {
            return false
        }
        let local = parts[0].utf8.allSatisfy { (0x21...0x7E).contains($0) && !"<>\"',;:()[]\\".utf8.contains($0) }
        return local && TextRules.isDNSSubdomain(String(parts[1]).lowercased()) && parts[1].contains(".")
    }

    /// `host:port`: a DNS name (or IPv4 address) and a port 1-65535.
    static func isHostAndPort(_ text: String) -> Bool {
        guard let colon = text.lastIndex(of: ":") else { return false }
        let host = String(text[..<colon]), port = text[text.index(after: colon)...]
        guard let number = Int(port), (1...65535).contains(number), port.utf8.allSatisfy({ (0x30...0x39).contains($0) })
        else { return false }
        return TextRules.isDNSSubdomain(host.lowercased())
    }
}
