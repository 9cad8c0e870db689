@testable import InfragenYAML
import Testing

/// The one-pass writer must write exactly libyaml's bytes, or step aside.
@Suite struct YAMLBlockWriterTests {
    /// SplitMix64, so a failure reproduces from its seed.
    struct SeededRandom: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Every printable ASCII character, weighted towards YAML's indicators and spaces; a few that the writer hands
    /// to libyaml (line breaks, tabs, controls, non-ASCII).
    static let printable: [UInt8] = Array(0x20...0x7E) + Array(" :#-?.'\"{}[],&*!|>%@`".utf8) + Array("  ::--##".utf8)
    static let outside: [String] = ["\n", "\t", "\r\n", "\u{7}", "é", "\u{85}", "\u{FEFF}"]
    static let words = [
        "", "-", "--", "---", "...", "---x", "- x", "-x", "a:", "a: b", "a:b", "? x", "?x", ":x", "a #b", "a#b", "#",
        " x", "x ", "true", "no", "on", "null", "~", "0777", "1e3", ".inf", "12:30", "-1", "+1", ".5", "<<", "=",
        "it's", "'", "''", String(repeating: "k", count: 128), String(repeating: "k", count: 129),
    ]

    /// Text over several lines, as literal blocks take it and as they do not (leading or trailing spaces and
    /// breaks, a space before a break, blank lines).
    static func randomLines(_ random: inout SeededRandom) -> String {
        let lines = (0..<Int.random(in: 1...4, using: &random)).map { _ -> String in
            let length = Int.random(in: 0...10, using: &random)
            return String(decoding: (0..<length).map { _ in printable.randomElement(using: &random)! }, as: UTF8.self)
        }
        let ending = ["", "", "\n", "\n", "\n\n", " "].randomElement(using: &random)!
        return lines.joined(separator: "\n") + "\n" + ["x", "  y", "", "- z"].randomElement(using: &random)! + ending
    }

    static func randomString(_ random: inout SeededRandom, allowOutside: Bool, lines: Bool = false) -> String {
        switch Int.random(in: 0..<8, using: &random) {
        case 0: return words.randomElement(using: &random)!
        case 1 where allowOutside: return "a" + outside.randomElement(using: &random)! + "b"
        case 2 where lines: return randomLines(&random)
        default:
            let length = Int.random(in: 0...12, using: &random)
            return String(decoding: (0..<length).map { _ in printable.randomElement(using: &random)! }, as: UTF8.self)
        }
    }

    static func randomNode(_ random: inout SeededRandom, depth: Int, allowOutside: Bool) -> YAMLNode {
        switch Int.random(in: 0..<(depth > 3 ? 4 : 7), using: &random) {
        case 0: return .string(randomString(&random, allowOutside: allowOutside, lines: true))
        case 1: return .integer(Int.random(in: -100_000...100_000, using: &random))
        case 2: return .boolean(Bool.random(using: &random))
        case 3: return Bool.random(using: &random) ? .decimal("0.995") : .null
        case 4:
            return .sequence((0..<Int.random(in: 0...4, using: &random)).map { _ in
                randomNode(&random, depth: depth + 1, allowOutside: allowOutside)
            })
        default:
            var mapping = YAMLMapping()
            var seen = Set<String>()
            for _ in 0..<Int.random(in: 0...4, using: &random) {
                let key = randomString(&random, allowOutside: allowOutside)
                guard seen.insert(key).inserted else { continue }
                mapping.append(key, randomNode(&random, depth: depth + 1, allowOutside: allowOutside))
            }
            return .mapping(mapping)
        }
    }

    @Test(arguments: 0..<20)
    func writesLibyamlsBytesForPrintableASCII(seed: UInt64) throws {
        var random = SeededRandom(state: seed)
        var written = 0
        for _ in 0..<150 {
            let documents = (0..<Int.random(in: 1...3, using: &random)).map { _ -> YAMLNode in
                // Mostly collections at the root, as generators write; sometimes a scalar, which goes to libyaml.
                let node = Self.randomNode(&random, depth: 0, allowOutside: false)
                guard case .scalar = node, Int.random(in: 0..<10, using: &random) > 0 else { return node }
                return ["root": node]
            }
            let reference = try YAML.renderWithLibyaml(documents)
            if let text = YAMLBlockWriter.render(documents) {
                written += 1
                #expect(text == reference, "seed \(seed): \(documents)")
            }
        }
        #expect(written > 75)
    }

    @Test(arguments: 0..<10)
    func stepsAsideOrAgreesOnAnything(seed: UInt64) throws {
        var random = SeededRandom(state: seed &+ 500)
        for _ in 0..<150 {
            let documents = [Self.randomNode(&random, depth: 0, allowOutside: true)]
            if let text = YAMLBlockWriter.render(documents) {
                #expect(text == (try YAML.renderWithLibyaml(documents)), "seed \(seed): \(documents)")
            }
        }
    }

    @Test func literalBlocksAsLibyamlWritesThem() throws {
        let documents: [YAMLNode] = [[
            "expr": .string("sum(rate(x[5m]))\n/\nsum(rate(y[5m]))"),
            "data": ["nginx.conf": .string("events {}\nhttp {\n  server {}\n}\n")],
            "list": [.string("a\n\nb"), .string("first\n  indented\n")],
        ]]
        let text = try #require(YAMLBlockWriter.render(documents))
        #expect(text == (try YAML.renderWithLibyaml(documents)))
        #expect(text.contains("expr: |-\n  sum(rate(x[5m]))\n  /\n"))
        #expect(text.contains("  nginx.conf: |\n    events {}\n"))
        // What libyaml writes otherwise is left to it.
        for text in [" lead\nx", "\nx", "x \ny", "x\n\n", "x\ny ", "tab\t\nx"] {
            #expect(YAMLBlockWriter.render([["k": .string(text)]]) == nil, "\(text.debugDescription)")
        }
    }

    @Test func aKubernetesLikeDocument() throws {
        let documents: [YAMLNode] = [
            ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "api", "labels": [:]]],
            ["spec": ["containers": [["name": "api", "ports": [["containerPort": 8080]], "args": []]],
                      "matchLabels": ["app.kubernetes.io/name": "api"], "replicas": 3, "paused": false]],
        ]
        let text = try #require(YAMLBlockWriter.render(documents))
        #expect(text == (try YAML.renderWithLibyaml(documents)))
        #expect(text == """
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: api
              labels: {}
            ---
            spec:
              containers:
              - name: api
                ports:
                - containerPort: 8080
                args: []
              matchLabels:
                app.kubernetes.io/name: api
              replicas: 3
              paused: false

            """)
    }

    /// The byte test that the emitter asks of every scalar is the full resolution's answer.
    @Test(arguments: 0..<10)
    func quotingDecisionMatchesResolution(seed: UInt64) {
        var random = SeededRandom(state: seed &+ 900)
        let extra = ["+", "-", ".", "+.", "-.", "+a", ".a", "0", "00", "1_000", "0x1F", "+.5", "-.inf", "NULL", "Off", "y"]
        for _ in 0..<2000 {
            let text = Bool.random(using: &random) ? extra.randomElement(using: &random)!
                : Self.randomString(&random, allowOutside: true)
            #expect(YAMLScalarResolution.needsQuoting(text) == (YAMLScalarResolution.kind(ofPlain: text) != .string),
                    "\(text.debugDescription)")
        }
    }
}
