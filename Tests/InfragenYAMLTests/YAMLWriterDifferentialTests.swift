@testable import InfragenYAML
import Testing

/// ``YAMLWriter`` against libyaml's emitter (the oracle, ``LibYAMLEmitter``): the same trees must give the same bytes.
/// Seeded and reproducible; every test reports the seed and the tree of a difference.
@Suite struct YAMLWriterDifferentialTests {
    typealias SeededRandom = YAMLPropertyTests.SeededRandom

    /// The writer's bytes, or nil when it hands the tree to libyaml (a key that cannot be a simple key).
    static func written(_ documents: [YAMLNode]) -> String? {
        var writer = YAMLWriter()
        do {
            try writer.write(documents)
        } catch {
            return nil
        }
        return writer.text
    }

    /// Whether a mapping key anywhere in the tree is one libyaml writes as `? key` (multi-line or over 128 bytes).
    static func hasComplexKey(_ node: YAMLNode) -> Bool {
        switch node {
        case .scalar: return false
        case .sequence(let items): return items.contains(where: hasComplexKey)
        case .mapping(let mapping):
            return mapping.pairs.contains { pair in
                pair.key.utf8.count > 128
                    || pair.key.unicodeScalars.contains { "\r\n\u{85}\u{2028}\u{2029}".unicodeScalars.contains($0) }
                    || hasComplexKey(pair.value)
            }
        }
    }

    /// Compares the writer with libyaml on `documents`; returns whether the writer wrote them itself.
    @discardableResult
    static func expectSame(_ documents: [YAMLNode], _ context: @autoclosure () -> String) throws -> Bool {
        let oracle = try LibYAMLEmitter.render(documents)
        guard let mine = written(documents) else {
            // Only a complex key may be left to libyaml, and then YAML.render is libyaml's text.
            #expect(documents.contains(where: hasComplexKey), "the writer refused a tree without a complex key: \(context())")
            #expect(try YAML.render(documents) == oracle, "\(context())")
            return false
        }
        #expect(!documents.contains(where: hasComplexKey), "a complex key was written, not left to libyaml: \(context())")
        if mine != oracle {
            Issue.record("writer and libyaml differ (\(context()))\ntree: \(documents)\nlibyaml:\n\(oracle.debugDescription)\nwriter:\n\(mine.debugDescription)")
        }
        return true
    }

    /// Every place a scalar can stand: root, mapping value, key, sequence item, nested in both, a second document.
    static func placements(_ text: String) -> [[YAMLNode]] {
        let value = YAMLNode.string(text)
        return [
            [value],
            [["k": value]],
            [.mapping([(text, .string("v"))])],
            [.mapping([(text, .sequence([value, .integer(1)]))])],
            [.sequence([value, value])],
            [.sequence([.sequence([value]), .mapping([("a", .sequence([.mapping([("b", value)])]))])])],
            [["a": ["b": ["c": value]]], .sequence([value]), value],
            [.mapping([("x", value), ("y", .sequence([])), ("z", .mapping([])), (text, value)])],
        ]
    }

    // MARK: - Fixed cases

    static let nasty: [String] = [
        "", " ", "  ", "\t", "\n", "\n\n", "\r", "\r\n", "a\r\nb", "a\nb", "a\n", "a\n\n", "\na", "\n\na\n\n", " a\nb",
        "a \nb", "a\n b", "a\n\n b\n", "a\tb", "\u{0}", "a\u{0}", "\u{7}\u{8}\u{B}\u{C}\u{1B}\u{7F}", "\u{80}\u{9F}",
        "\u{85}", "a\u{85}b", "\u{2028}", "a\u{2029}\n", "\u{A0}", "a\u{A0}", "\u{FEFF}", "a\u{FEFF}b", "\u{FFFE}",
        "\u{FFFF}", "\u{FFFD}", "\u{D7FF}", "\u{E000}", "\u{202E}abc\u{202C}", "\u{200F}\u{200E}", "🚀", "a🚀b",
        "\u{10FFFF}", "é", "中文", "-", "--", "---", "--- a", "...", "....", "- a", "-a", "? a", "?a", ": a", ":a", "a:",
        "a: b", "a:b", "a #b", "a#b", "#a", "&a", "*a", "!a", "|", ">", "'", "\"", "%a", "@a", "`a", ",a", "a,b",
        "[a]", "{a}", "a[b]", "a{b}", "a?b", "'a'", "\"a\"", "a'b", "a\"b", "a\\b", "\\", "~", "null", "Null", "NULL",
        "true", "True", "false", "yes", "no", "on", "off", "y", "n", "Y", "N", "0", "1", "-1", "+1", "0.5", ".5",
        "-.5", "1e3", "0x1F", "0o17", "0777", "1_000", "12:30", "2001-12-14", ".inf", "-.inf", ".nan", "<<", "=",
        "a ", " a", "a  b", "a b c", String(repeating: "x", count: 129), String(repeating: "x", count: 128),
        String(repeating: "ab ", count: 60), String(repeating: "word", count: 100),
        String(repeating: "a b\n", count: 40), "line1\nline2\n  indented\n", "  lead\ntext", "trailing  \ntext",
        "end\n\n\n", "x\u{2028}", "é\n", "中\n\n", "\u{0}\n", "a\tb\nc", "- \n", "#\n", "  \n", "\n ",
    ]

    @Test func nastyScalarsInEveryPlace() throws {
        var writtenByWriter = 0
        for text in Self.nasty {
            for (index, documents) in Self.placements(text).enumerated() {
                if try Self.expectSame(documents, "\(text.debugDescription), placement \(index)") { writtenByWriter += 1 }
            }
        }
        // Most placements are the writer's own; only keys over 128 bytes or with a break go to libyaml.
        #expect(writtenByWriter > Self.nasty.count * 7)
    }

    @Test func typedScalarsAndEmptyCollections() throws {
        let nodes: [YAMLNode] = [
            .integer(0), .integer(-42), .integer(Int.max), .integer(Int.min), .decimal("0.995"), .decimal("-1.5"),
            .decimal("14"), .boolean(true), .boolean(false), .null, .sequence([]), .mapping([]),
            .sequence([.sequence([])]), .sequence([.mapping([])]), .mapping([("a", .sequence([])), ("b", .mapping([]))]),
        ]
        for (index, node) in nodes.enumerated() {
            try Self.expectSame([node], "node \(index)")
            try Self.expectSame([["k": node]], "value \(index)")
            try Self.expectSame([.sequence([node, node])], "item \(index)")
            try Self.expectSame([node, node], "documents \(index)")
        }
        try Self.expectSame([], "no document")
    }

    // MARK: - Random scalars and trees

    /// Characters chosen to hit every branch of libyaml's scalar analysis and writers.
    static let alphabet: [Unicode.Scalar] = Array("abcXYZ019 -:#&*!|>'\"%@`,[]{}?.~_+=\\/\t\n\r".unicodeScalars)
        + ["\u{0}", "\u{7}", "\u{1B}", "\u{7F}", "\u{80}", "\u{85}", "\u{9F}", "\u{A0}", "\u{FEFF}", "\u{FFFE}",
           "\u{FFFD}", "\u{2028}", "\u{2029}", "\u{202E}", "\u{200F}", "\u{D7FF}", "\u{E000}", "é", "中", "🚀",
           "\u{10FFFF}", " ", " ", "\n", "a", "b"]
    static let words = [
        "true", "no", "on", "null", "~", "0777", "0x1F", "1e3", ".inf", "12:30", "2001-12-14", "-", "<<", "---",
        "...", "- ", ": ", " #", "",
    ]

    static func randomString(_ random: inout SeededRandom) -> String {
        switch Int.random(in: 0..<10, using: &random) {
        case 0: return words.randomElement(using: &random)!
        case 1:
            // Long lines and long words (libyaml folds nothing at infragen's width).
            let word = String(repeating: "w", count: Int.random(in: 1...90, using: &random))
            let separator = [" ", "  ", "\n", " \n", "\n\n", "\t"].randomElement(using: &random)!
            return (0..<Int.random(in: 1...6, using: &random)).map { _ in word }.joined(separator: separator)
        case 2:
            // Concatenations of words and characters: an indicator at the start, the middle and the end.
            return (0..<Int.random(in: 1...4, using: &random)).map { _ in
                Bool.random(using: &random) ? words.randomElement(using: &random)!
                    : String(alphabet.randomElement(using: &random)!)
            }.joined()
        default:
            let length = Int.random(in: 0...(Bool.random(using: &random) ? 8 : 40), using: &random)
            var scalars = String.UnicodeScalarView()
            for _ in 0..<length { scalars.append(alphabet.randomElement(using: &random)!) }
            return String(scalars)
        }
    }

    static func randomNode(_ random: inout SeededRandom, depth: Int) -> YAMLNode {
        switch Int.random(in: 0..<(depth > 6 ? 6 : 9), using: &random) {
        case 0, 1: return .string(randomString(&random))
        case 2: return .integer(Int.random(in: -100_000...100_000, using: &random))
        case 3: return .decimal("\(Int.random(in: -999...999, using: &random)).\(Int.random(in: 0...99, using: &random))")
        case 4: return Bool.random(using: &random) ? .boolean(Bool.random(using: &random)) : .null
        case 5: return .string(words.randomElement(using: &random)!)
        case 6:
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

    @Test(arguments: 0..<16)
    func randomScalarsInEveryPlace(seed: UInt64) throws {
        var random = SeededRandom(state: seed &+ 3000)
        for _ in 0..<150 {
            let text = Self.randomString(&random)
            for (index, documents) in Self.placements(text).enumerated() {
                try Self.expectSame(documents, "seed \(seed), \(text.debugDescription), placement \(index)")
            }
        }
    }

    @Test(arguments: 0..<16)
    func randomTrees(seed: UInt64) throws {
        var random = SeededRandom(state: seed &+ 4000)
        for index in 0..<120 {
            let documents = (0..<Int.random(in: 0...3, using: &random)).map { _ in Self.randomNode(&random, depth: 0) }
            try Self.expectSame(documents, "seed \(seed), tree \(index)")
        }
    }

    /// Deep nesting: sequences in mappings in sequences, a hundred levels down.
    @Test func deepNesting() throws {
        var random = SeededRandom(state: 77)
        for _ in 0..<20 {
            var node = YAMLNode.string(Self.randomString(&random))
            for level in 0..<100 {
                switch Int.random(in: 0..<3, using: &random) {
                case 0: node = .sequence([node])
                case 1: node = .mapping([(Self.randomString(&random), node)])
                default: node = .mapping([("k\(level)", .sequence([node, .string(Self.randomString(&random))]))])
                }
            }
            try Self.expectSame([node], "deep")
        }
    }

    /// The streamed document `{key: [items…]}`: the writer's bytes are libyaml's streamed bytes.
    @Test(arguments: 0..<8)
    func streamedDocuments(seed: UInt64) throws {
        var random = SeededRandom(state: seed &+ 5000)
        for _ in 0..<40 {
            let key = Bool.random(using: &random) ? "groups" : Self.randomString(&random)
            let items = (0..<Int.random(in: 0...5, using: &random)).map { _ in Self.randomNode(&random, depth: 1) }
            let oracle = try LibYAMLEmitter.render(mappingOf: key, sequence: items)
            #expect(try YAML.render(mappingOf: key, sequence: items) == oracle, "seed \(seed): \(key.debugDescription)")
            var writer = YAMLWriter()
            if (try? writer.write(mappingOf: key, sequence: items)) != nil {
                #expect(writer.text == oracle, "seed \(seed)")
            } else {
                #expect(Self.hasComplexKey(.mapping([(key, .sequence(items))])))
            }
        }
    }

    /// The style request's byte test for a "\n" character (an LF not preceded by CR) is the Character search.
    @Test(arguments: 0..<4)
    func theLineFeedTestIsTheCharacterSearch(seed: UInt64) {
        var random = SeededRandom(state: seed &+ 6000)
        for _ in 0..<2000 {
            let text = Self.randomString(&random) + (Bool.random(using: &random) ? "\r\n" : "\r")
                + Self.randomString(&random)
            let literal = RequestedScalarStyle.of(YAMLScalar(string: text)).style == .literal
            let breaks = text.unicodeScalars.contains { $0 == "\u{85}" || $0 == "\u{2028}" || $0 == "\u{2029}" }
            #expect(literal == (!breaks && text.contains("\n")), "\(text.debugDescription)")
        }
    }
}
