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

    static func randomString(_ random: inout SeededRandom, allowOutside: Bool) -> String {
        switch Int.random(in: 0..<8, using: &random) {
        case 0: return words.randomElement(using: &random)!
        case 1 where allowOutside: return "a" + outside.randomElement(using: &random)! + "b"
        default:
            let length = Int.random(in: 0...12, using: &random)
            return String(decoding: (0..<length).map { _ in printable.randomElement(using: &random)! }, as: UTF8.self)
        }
    }

    static func randomNode(_ random: inout SeededRandom, depth: Int, allowOutside: Bool) -> YAMLNode {
        switch Int.random(in: 0..<(depth > 3 ? 4 : 7), using: &random) {
        case 0: return .string(randomString(&random, allowOutside: allowOutside))
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
            } else {
                // Only a scalar root or a key over 128 bytes may send a printable-ASCII stream to libyaml.
                #expect(documents.contains { if case .scalar = $0 { true } else { false } }
                    || reference.contains("? "), "seed \(seed): not written: \(documents)")
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
