/// The gateway's routes and canary share, read back from the Nginx configuration by tokens (words, quoted strings,
/// `;`, `{`, `}`, comments) and blocks, the grammar nginx itself reads, so that a route's limits are found wherever
/// the generator places them.
extension ReviewSnapshot {
    struct Directive {
        var name: String
        var arguments: [String]
        var block: [Directive]?

        func first(_ name: String) -> Directive? { block?.first { $0.name == name } }
    }

    mutating func readNginx(_ text: String, scope: Scope) {
        let directives = Self.parseNginx(text)
        var zones: [String: String] = [:]
        var maps: [String: String] = [:]
        var environment = environments[scope, default: Environment()]
        for directive in directives {
            switch directive.name {
            case "limit_req_zone":
                let zone = directive.arguments.first { $0.hasPrefix("zone=") }?.dropFirst(5).split(separator: ":").first
                let rate = directive.arguments.first { $0.hasPrefix("rate=") }?.dropFirst(5)
                if let zone, let rate { zones[String(zone)] = String(rate) }
            case "map" where directive.arguments.count == 2:
                if let fallback = directive.first("default")?.arguments.first { maps[directive.arguments[1]] = fallback }
            case "split_clients":
                if let canary = directive.block?.first(where: { $0.arguments.first == "canary" }) {
                    environment.canaryShare = canary.name
                }
            default: break
            }
        }
        for server in directives where server.name == "server" {
            let host = server.first("server_name")?.arguments.joined(separator: " ") ?? "(default)"
            var routes: [String: String] = [:]
            for location in server.block ?? [] where location.name == "location" {
                guard let path = location.arguments.last, !path.hasPrefix("@"), location.first("return") == nil else {
                    continue
                }
                routes[location.arguments.joined(separator: " ")] = Self.routeSummary(location, zones: zones, maps: maps)
            }
            for (location, summary) in Self.mergingPrefixRoutes(routes) { environment.routes["\(host) \(location)"] = summary }
        }
        environments[scope] = environment
    }

    /// One row per prefix route: the generator writes `Route("/p")` as two locations, `= /p` and `/p/`, with the same
    /// target and limits; such a pair is the route `/p`. A pair that differs (an exact route of its own beside a
    /// prefix route) stays two rows.
    static func mergingPrefixRoutes(_ routes: [String: String]) -> [(String, String)] {
        var merged: [(String, String)] = []
        for (location, summary) in routes {
            if location.hasPrefix("= "), routes[String(location.dropFirst(2)) + "/"] == summary { continue }
            if location.hasSuffix("/"), location.count > 1, !location.hasPrefix("= "),
               routes["= " + location.dropLast()] == summary {
                merged.append((String(location.dropLast()), summary))
                continue
            }
            merged.append((location, summary))
        }
        return merged
    }

    /// What a location sends where and with which limits: `to order-service:8080; POST; rate 20r/s burst 40; body
    /// 1m; timeouts connect 2s, send 10s, read 10s`.
    static func routeSummary(_ location: Directive, zones: [String: String], maps: [String: String]) -> String {
        var parts: [String] = []
        if var target = location.first("proxy_pass")?.arguments.first {
            // A variable: set in the location, or the default of a map (the canary's split).
            let own = location.block?.first { $0.name == "set" && $0.arguments.count == 2 && $0.arguments[0] == target }
            target = own?.arguments[1] ?? maps[target] ?? target
            if target.hasPrefix("http://") { target.removeFirst(7) }
            if let dot = target.firstIndex(of: "."), let colon = target.lastIndex(of: ":"), dot < colon {
                target = String(target[..<dot]) + String(target[colon...])
            }
            parts.append("to \(target)")
        }
        if let methods = location.block?.first(where: { $0.name == "set" && $0.arguments.count == 2
            && $0.arguments[0].hasSuffix("_route_methods") })?.arguments[1], !methods.isEmpty {
            parts.append(methods)
        }
        if let limit = location.first("limit_req") {
            let zone = limit.arguments.first { $0.hasPrefix("zone=") }.map { String($0.dropFirst(5)) }
            var text = "rate \(zone.flatMap { zones[$0] } ?? "?")"
            if let burst = limit.arguments.first(where: { $0.hasPrefix("burst=") }) { text += " burst \(burst.dropFirst(6))" }
            parts.append(text)
        }
        if let body = location.first("client_max_body_size")?.arguments.first { parts.append("body \(body)") }
        let timeouts = [("connect", "proxy_connect_timeout"), ("send", "proxy_send_timeout"), ("read", "proxy_read_timeout")]
            .compactMap { label, name in location.first(name)?.arguments.first.map { "\(label) \($0)" } }
        if !timeouts.isEmpty { parts.append("timeouts " + timeouts.joined(separator: ", ")) }
        return parts.joined(separator: "; ")
    }

    /// Nginx's configuration grammar: directives of words ended by `;`, or by a `{ … }` block.
    static func parseNginx(_ text: String) -> [Directive] {
        var tokens = tokenize(text)[...]
        return block(&tokens)
    }

    enum Token: Equatable {
        case word(String)
        case end, open, close
    }

    private static func block(_ tokens: inout ArraySlice<Token>) -> [Directive] {
        var directives: [Directive] = []
        var words: [String] = []
        while let token = tokens.popFirst() {
            switch token {
            case .end:
                if let name = words.first { directives.append(Directive(name: name, arguments: Array(words.dropFirst()))) }
                words = []
            case .open:
                let inner = block(&tokens)
                if let name = words.first {
                    directives.append(Directive(name: name, arguments: Array(words.dropFirst()), block: inner))
                }
                words = []
            case .close:
                return directives
            case .word(let word):
                words.append(word)
            }
        }
        return directives
    }

    /// Words, quoted strings (unquoted, escapes kept as written but for the quote) and the three punctuation
    /// tokens; a `;`, `{` or `}` inside quotes is part of the word.
    private static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var word = ""
        var quote: Character?
        var comment = false
        var escaped = false
        func flush() {
            if !word.isEmpty { tokens.append(.word(word)) }
            word = ""
        }
        for character in text {
            if comment {
                if character == "\n" { comment = false }
                continue
            }
            if let open = quote {
                if escaped {
                    word.append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == open {
                    quote = nil
                    tokens.append(.word(word))
                    word = ""
                } else {
                    word.append(character)
                }
                continue
            }
            switch character {
            case " ", "\t", "\n", "\r": flush()
            case "#" where word.isEmpty: comment = true
            case "\"" where word.isEmpty, "'" where word.isEmpty: quote = character
            case ";", "{", "}":
                flush()
                tokens.append(character == ";" ? .end : character == "{" ? .open : .close)
            default: word.append(character)
            }
        }
        flush()
        return tokens
    }
}
