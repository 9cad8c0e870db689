import InfragenYAML
import Testing

/// Strings that a YAML reader would take for something else must come back as exactly the same string.
@Suite struct YAMLQuotingTests {
    static let tricky: [String] = [
        "true", "false", "True", "FALSE", "yes", "no", "Yes", "NO", "on", "off", "On", "OFF", "y", "n", "Y", "N",
        "null", "Null", "NULL", "~", "", " ", "  leading", "trailing  ", "0777", "0x1F", "0o17", "0b1010", "1e3",
        "1E-3", ".inf", "-.inf", "+.inf", ".nan", ".NaN", "12:30", "12:30:45", "190:20:30", "2001-12-14",
        "2001-12-14t21:59:43.10-05:00", "1_000", "+12", "-12", "12", "1.5", "-1.5", ".5", "-.5", "0", "00",
        "a: b", "key:value", "a #comment", "#comment", "*alias", "&anchor", "!tag", "!!str", "|", ">", "%directive",
        "@at", "`tick", "- item", "-", "--", "---", "...", "? question", "[flow]", "{flow}", "a, b", "\"quoted\"",
        "'single'", "line\nbreak", "trailing newline\n", "\n", "\ttab", "tab\tinside", "NUL\u{0}inside", "bell\u{7}",
        "escape\u{1B}[31m", "unicode é ü 中文", "emoji 🚀", "bom\u{FEFF}inside", "nel\u{85}inside", "ls\u{2028}ps\u{2029}",
        "<<", "=", "$(VAR)", "${HOME}", "100m", "64Mi", "8080", "1.0.0", "v1.30", "http://example.com/a?b=c#d",
        "C:\\path", "back\\slash", "a  b", "ends with colon:", "trailing space ", "\r\n", "carriage\rreturn",
    ]

    @Test(arguments: tricky)
    func stringRoundTripsThroughLibyaml(_ text: String) throws {
        let document: YAMLNode = .mapping([("value", .string(text)), ("list", .sequence([.string(text)]))])
        let rendered = try YAML.render(document)
        let parsed = try YAML.parse(rendered)
        #expect(parsed == [document], "rendered:\n\(rendered)")
    }

    @Test(arguments: tricky)
    func stringAsKeyRoundTrips(_ text: String) throws {
        let document: YAMLNode = .mapping([(text, .string("v"))])
        let parsed = try YAML.parse(try YAML.render(document))
        #expect(parsed == [document])
    }

    @Test func typedScalarsAreWrittenPlain() throws {
        let document: YAMLNode = .mapping([
            ("int", 8080), ("negative", -3), ("decimal", .decimal("0.995")), ("bool", true), ("null", .null),
            ("string", "8080"),
        ])
        let text = try YAML.render(document)
        #expect(text == """
            ---
            int: 8080
            negative: -3
            decimal: 0.995
            bool: true
            'null': null
            string: '8080'

            """)
        #expect(try YAML.parse(text) == [document])
    }

    @Test func plainStringsStayPlain() throws {
        let text = try YAML.render(["name": "order-service", "image": "registry.example.com/shop/order-service:1.0.0"])
        #expect(text == "---\nname: order-service\nimage: registry.example.com/shop/order-service:1.0.0\n")
    }

    @Test func multiDocumentStreamsAndBlockStyle() throws {
        let documents: [YAMLNode] = [
            ["kind": "A", "items": ["x", "z"], "empty": .sequence([]), "nested": ["k": "v"]],
            ["kind": "B", "map": .mapping([])],
        ]
        let text = try YAML.render(documents)
        #expect(text == """
            ---
            kind: A
            items:
            - x
            - z
            empty: []
            nested:
              k: v
            ---
            kind: B
            map: {}

            """)
        #expect(try YAML.parse(text) == documents)
    }

    @Test func multiLineStringsUseLiteralBlocks() throws {
        let config = "server:\n  port: 8080\nlog: info\n"
        let text = try YAML.render(["app.yaml": .string(config)])
        #expect(text == "---\napp.yaml: |\n  server:\n    port: 8080\n  log: info\n")
        #expect(try YAML.parse(text) == [["app.yaml": .string(config)]])
    }

    @Test func mappingsKeepInsertionOrder() throws {
        let keys = ["zeta", "alpha", "mike", "bravo"]
        let node = YAMLNode.mapping(keys.map { ($0, YAMLNode.string($0)) })
        let parsed = try YAML.parse(try YAML.render(node))
        guard case .mapping(let mapping) = parsed.first else { Issue.record("not a mapping"); return }
        #expect(mapping.keys == keys)
    }

    @Test func parserReportsWhereTheInputIsBroken() {
        #expect {
            try YAML.parse("a: [unclosed\nb: c\n")
        } throws: { error in
            guard let error = error as? YAMLError else { return false }
            return error.stage == .parsing && error.line != nil
        }
    }
}
