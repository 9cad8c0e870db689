import InfragenYAML
import Testing

/// Random strings and trees, emitted and parsed back by libyaml, must come back unchanged.
@Suite struct YAMLPropertyTests {
    /// A small, seeded generator (SplitMix64), so a failure reproduces from its seed.
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

    /// Characters chosen to hit YAML's syntax: indicators, quotes, spaces, line breaks, controls and non-ASCII.
    static let alphabet: [Unicode.Scalar] = Array("abcXYZ019 -:#&*!|>'\"%@`,[]{}?.~_+=\\/\t\n\r".unicodeScalars)
        + ["\u{0}", "\u{7}", "\u{1B}", "\u{85}", "\u{A0}", "\u{FEFF}", "\u{2028}", "é", "中", "🚀"]
    static let words = ["true", "no", "on", "null", "~", "0777", "0x1F", "1e3", ".inf", "12:30", "2001-12-14", "-", "<<"]

    static func randomString(_ random: inout SeededRandom) -> String {
        if Int.random(in: 0..<6, using: &random) == 0 { return words.randomElement(using: &random)! }
        let length = Int.random(in: 0...24, using: &random)
        var scalars = String.UnicodeScalarView()
        for _ in 0..<length { scalars.append(alphabet.randomElement(using: &random)!) }
        return String(scalars)
    }

    static func randomNode(_ random: inout SeededRandom, depth: Int) -> YAMLNode {
        switch Int.random(in: 0..<(depth > 3 ? 3 : 6), using: &random) {
        case 0: return .string(randomString(&random))
        case 1: return .integer(Int.random(in: -100_000...100_000, using: &random))
        case 2: return .boolean(Bool.random(using: &random))
        case 3:
            return .sequence((0..<Int.random(in: 0...4, using: &random)).map { _ in randomNode(&random, depth: depth + 1) })
        default:
            var mapping = YAMLMapping()
            var seen = Set<String>()
            for _ in 0..<Int.random(in: 0...4, using: &random) {
                let key = randomString(&random)
                guard seen.insert(key).inserted else { continue }
                mapping.append(key, randomNode(&random, depth: depth + 1))
            }
            return .mapping(mapping)
        }
    }

    @Test(arguments: 0..<20)
    func randomStringsRoundTrip(seed: UInt64) throws {
        var random = SeededRandom(state: seed)
        for _ in 0..<250 {
            let text = Self.randomString(&random)
            let node: YAMLNode = ["v": .string(text)]
            let rendered = try YAML.render(node)
            #expect(try YAML.parse(rendered) == [node], "seed \(seed): \(text.debugDescription) → \(rendered)")
        }
    }

    /// The streamed form (items built while they are written) is byte for byte the tree's, empty list included.
    @Test(arguments: 0..<5)
    func aStreamedListIsTheSameDocumentAsItsTree(seed: UInt64) throws {
        var random = SeededRandom(state: seed &+ 2000)
        for _ in 0..<20 {
            let key = Self.randomString(&random)
            let items = (0..<Int.random(in: 0...6, using: &random)).map { _ in Self.randomNode(&random, depth: 1) }
            let streamed = try YAML.render(mappingOf: key, sequenceOf: items.count) { items[$0] }
            let tree = try YAML.render(.mapping([(key, .sequence(items))]))
            #expect(streamed == tree, "seed \(seed)")
        }
    }

    @Test(arguments: 0..<10)
    func randomTreesRoundTrip(seed: UInt64) throws {
        var random = SeededRandom(state: seed &+ 1000)
        for _ in 0..<40 {
            let documents = (0..<Int.random(in: 1...3, using: &random)).map { _ in Self.randomNode(&random, depth: 0) }
            let rendered = try YAML.render(documents)
            #expect(try YAML.parse(rendered) == documents, "seed \(seed):\n\(rendered)")
        }
    }
}
