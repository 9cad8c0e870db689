import Infragen
import InfragenYAML

extension HostileCorpus {
    // MARK: - Free text: the README and labels

    static func freeText() -> [HostileCase] {
        var cases: [HostileCase] = []
        do {
            let f = file("summary-with-a-newline")
            let system = blueprint(f, system: { Summary("one\n# two") })
            cases.append(
                .refused(
                    "summary-with-a-newline", system,
                    .error("summary", "contains a control character or line break", at: f, line: 1)))
        }
        do {
            let f = file("team-with-a-newline")
            let system = blueprint(f, system: { Team("ops\n| injected |", fileID: f, line: 10) })
            cases.append(
                .refused(
                    "team-with-a-newline", system,
                    .error("team", "the team name is empty or spans lines", at: f, line: 10)))
        }
        func refusedRolloutOwner(_ id: String, _ owner: String, _ fragment: String) {
            let f = file(id)
            let system = blueprint(
                f,
                system: {
                    Deploy(to: "qa", fileID: f, line: 9) {
                        Host("qa.hostile.example.com")
                        Rollout(owner: owner, fileID: f, line: 10)
                    }
                })
            cases.append(.refused(id, system, .error("rollout.owner", fragment, at: f, line: 10)))
        }
        refusedRolloutOwner("rollout-owner-with-an-escape", "ops\u{1B}[2J", "contains a control character or line break")
        // Fixed here: a summary ending in a backslash gave a LABEL that hadolint could not parse. Each reaches the
        // image's description label exactly as written (read as the builder reads it), and hadolint passes.
        for (id, summary) in [
            ("summary-ending-in-a-backslash", #"ends with a backslash \"#),
            ("summary-with-backslashes", #"C:\path\to\"file" \\ $HOME \$PATH"#),
        ] {
            cases.append(
                .legal(
                    id, blueprint(file(id), service: { Summary(summary) }),
                    DockerfileLabel(key: "org.opencontainers.image.description", expected: summary),
                    HadolintFindsNothing()))
        }
        // Legal free text must read back the same from the README (markdown-it-py renders it).
        func legalText(_ id: String, summary: String, team: String, frequency: String, owner: String) {
            let f = file(id)
            let system = blueprint(
                f,
                system: {
                    Summary(summary)
                    Team(team, fileID: f, line: 10)
                    Deploy(to: "qa", fileID: f, line: 11) {
                        Host("qa.hostile.example.com")
                        Rollout(
                            frequency: frequency, rollback: .other(owner + " / rollback"), owner: owner, fileID: f,
                            line: 12)
                    }
                })
            cases.append(
                .legal(
                    id, system,
                    ReportText(place: .intro, expected: "\(summary). Owned by \(team). 1 service in 3 environments."),
                    ReportText(place: .cell(table: "Services", row: "api", column: "team"), expected: team),
                    ReportText(
                        place: .cell(table: "Environments", row: "qa", column: "deploy frequency"), expected: frequency),
                    ReportText(place: .cell(table: "Environments", row: "qa", column: "owner"), expected: owner),
                    ReportText(
                        place: .cell(table: "Environments", row: "qa", column: "rollback"),
                        expected: owner + " / rollback")))
        }
        // An egress destination is free text too: the README's External egress table reads it back as written.
        do {
            let id = "egress-destination-with-markdown"
            let f = file(id)
            let destination = "pay | *API* [x](y) <b>&amp; `v2`"
            cases.append(
                .legal(
                    id, blueprint(f, service: { Egress(destination, ports: [443], fileID: f, line: 10) }),
                    ReportText(place: .cell(table: "External egress", row: "api", column: "destination"),
                               expected: destination)))
        }
        legalText(
            "markdown-emphasis-and-pipes", summary: "a | b * c _d_ **e**", team: "ops | dev",
            frequency: "*weekly*", owner: "__SRE__")
        legalText(
            "markdown-code-links-and-html", summary: "see `code` and [x](https://example.com) <b>bold</b>",
            team: "<script>alert(1)</script>", frequency: "![img](x.png)", owner: "`ops`")
        // Fixed here: these started a list, a heading or a code block, or turned into another character.
        legalText(
            "markdown-block-starts", summary: "- not a list", team: "1. not a list",
            frequency: "+ plus", owner: "# not a heading")
        legalText(
            "markdown-entities-and-escapes", summary: "&amp; &lt;b&gt; &#42; \\* \\\\", team: "R&D",
            frequency: "~~struck~~", owner: "5$ & 10%")
        legalText(
            "markdown-edge-whitespace", summary: "    four spaces first", team: " padded team ",
            frequency: "\u{A0}nbsp", owner: "trailing ")
        // Balanced bidi controls stay legal (this summary held an unclosed U+202E, refused now: see below).
        legalText(
            "markdown-unicode", summary: "ünïcödé 中文 🚀 \u{202E}evil\u{202C} \u{2067}שלום\u{2069}", team: "équipe",
            frequency: "→ weekly", owner: "運用")
        // Fixed here: an unbalanced bidi control reached the README and reordered the text after it in review
        // (Trojan Source).
        do {
            let f = file("summary-with-an-unclosed-bidi-override")
            cases.append(
                .refused(
                    "summary-with-an-unclosed-bidi-override",
                    blueprint(f, system: { Summary("ünïcödé 中文 🚀 \u{202E}") }),
                    .error("summary", "U+202E RIGHT-TO-LEFT OVERRIDE at character 14 is never closed", at: f, line: 1)))
        }
        refusedRolloutOwner(
            "rollout-owner-with-a-stray-pop-directional-isolate", "sre\u{2069}",
            "U+2069 POP DIRECTIONAL ISOLATE at character 4 closes nothing")
        return cases
    }
}
