import Infragen

extension HostileCorpus {
    // MARK: - Alert routing: receivers, their URLs, addresses and channels, routes

    static func alertRouting() -> [HostileCase] {
        var cases: [HostileCase] = []
        /// `AlertRouting` on line 10 with a valid chat receiver `chat` on line 11, then `body` (lines 12 and after).
        func refused(
            _ id: String, _ expected: [(field: String, fragment: String, line: Int)], default receiver: String = "chat",
            @ListBuilder<any AlertRoutingComponent> _ body: (String) -> [any AlertRoutingComponent]
        ) {
            let f = file(id)
            let components = body(f)
            let system = blueprint(f, system: {
                AlertRouting(default: receiver, fileID: f, line: 10) {
                    Receiver("chat", .chat(channel: "#alerts"), fileID: f, line: 11)
                    components
                }
            })
            cases.append(HostileCase(name: id, systems: [system], outcome: .refused(
                expected.map { .error($0.field, $0.fragment, at: f, line: $0.line) })))
        }
        refused("receiver-name-with-capitals",
                [("alertRouting.receivers[Platform-Chat].name", "is not a valid receiver name", 12)]) {
            Receiver("Platform-Chat", .chat(channel: nil), fileID: $0, line: 12)
        }
        // The name is also a folder under the Secrets' directory: no way out of it.
        refused("receiver-name-climbing-out-of-the-secrets",
                [("alertRouting.receivers[../../etc].name", "is not a valid receiver name", 12)]) {
            Receiver("../../etc", .chat(channel: nil), fileID: $0, line: 12)
        }
        refused("receiver-declared-twice", [("alertRouting.receivers[chat].name", "is declared twice", 12)]) {
            Receiver("chat", .chat(channel: "#other"), fileID: $0, line: 12)
        }
        refused("route-to-an-unknown-receiver", [("alertRouting.routes[0].receiver", "no receiver is named 'chats'", 12)]) {
            AlertRoute(to: "chats", team: "platform", fileID: $0, line: 12)
        }
        refused("default-receiver-unknown", [("alertRouting.default", "no receiver is named 'pager'", 10)],
                default: "pager") { _ in [] }
        refused("route-without-a-condition", [("alertRouting.routes[0]", "the route has no condition", 12)]) {
            AlertRoute(to: "chat", fileID: $0, line: 12)
        }
        refused("route-on-an-undeclared-environment",
                [("alertRouting.routes[0].environment", "names environment 'staging'", 12)]) {
            AlertRoute(to: "chat", environment: .staging, fileID: $0, line: 12)
        }
        refused("route-team-with-a-line-break", [("alertRouting.routes[0].team", "spans lines", 12)]) {
            AlertRoute(to: "chat", team: "platform\nseverity=\"page\"", fileID: $0, line: 12)
        }
        refused("webhook-url-not-http", [("alertRouting.receivers[hook].url", "is not an http(s) URL", 12)]) {
            Receiver("hook", .webhook(url: "ftp://hooks.example.com/am", bearerToken: false), fileID: $0, line: 12)
        }
        refused("webhook-url-with-a-line-break", [("alertRouting.receivers[hook].url", "is not an http(s) URL", 12)]) {
            Receiver("hook", .webhook(url: "https://hooks.example.com/am\nsend_resolved: false", bearerToken: false),
                     fileID: $0, line: 12)
        }
        refused("webhook-url-with-a-password", [("alertRouting.receivers[hook].url", "carries credentials", 12)]) {
            Receiver("hook", .webhook(url: "https://am:s3cret@hooks.example.com/am", bearerToken: false),
                     fileID: $0, line: 12)
        }
        refused("webhook-url-with-a-token-in-the-query",
                [("alertRouting.receivers[hook].url", "carries credentials", 12)]) {
            Receiver("hook", .webhook(url: "https://hooks.example.com/am?channel=x&api_token=abc", bearerToken: false),
                     fileID: $0, line: 12)
        }
        refused("email-to-two-addresses", [("alertRouting.receivers[mail].to", "is not a mail address", 12)]) {
            Receiver("mail", .email(to: "a@example.com, b@example.com", from: "am@example.com",
                                    smarthost: "smtp.example.com:587", username: nil), fileID: $0, line: 12)
        }
        // A line break in a header is mail header injection (a Bcc to anyone).
        refused("email-from-with-a-line-break", [("alertRouting.receivers[mail].from", "is not a mail address", 12)]) {
            Receiver("mail", .email(to: "sre@example.com", from: "am@example.com\nBcc: all@example.net",
                                    smarthost: "smtp.example.com:587", username: nil), fileID: $0, line: 12)
        }
        refused("email-smarthost-without-a-port",
                [("alertRouting.receivers[mail].smarthost", "is not a host and port", 12)]) {
            Receiver("mail", .email(to: "sre@example.com", from: "am@example.com", smarthost: "smtp.example.com",
                                    username: "am"), fileID: $0, line: 12)
        }
        refused("chat-channel-with-a-space", [("alertRouting.receivers[team-chat].channel", "is not a chat channel", 12)]) {
            Receiver("team-chat", .chat(channel: "#shop alerts"), fileID: $0, line: 12)
        }
        do {
            let f = file("alert-routing-without-receivers")
            cases.append(.refused(
                "alert-routing-without-receivers",
                blueprint(f, system: { AlertRouting(default: "chat", fileID: f, line: 10) { } }),
                .error("alertRouting.receivers", "AlertRouting names no receiver", at: f, line: 10),
                .error("alertRouting.default", "no receiver is named 'chat'", at: f, line: 10)))
        }
        do {
            // A team name with a quote is legal: the matcher quotes it as Alertmanager reads it.
            let f = file("route-team-with-a-quote")
            let system = blueprint(f, system: {
                AlertRouting(default: "chat", fileID: f, line: 10) {
                    Receiver("chat", .chat(channel: "#alerts"), fileID: f, line: 11)
                    AlertRoute(to: "chat", team: #"o"dd"#, fileID: f, line: 12)
                }
            })
            cases.append(.legal(
                "route-team-with-a-quote", system,
                YAMLScalarValue(file: "hostile/alertmanager/alertmanager.yaml", kind: nil,
                                path: [.key("route"), .key("routes"), .index(0), .key("matchers"), .index(0)],
                                expected: #"team="o\"dd""#)))
        }
        return cases
    }
}
