@testable import InfragenYAML
import Testing

/// The writer's ASCII fast paths (the one-pass scalar analysis, single-quoted runs, literal lines) against libyaml and
/// against libyaml's own character-by-character analysis, on long multi-line ASCII text like the rule expressions,
/// promtool tests and Nginx configurations infragen writes, with every indicator at the start and end of lines.
extension YAMLWriterDifferentialTests {
    /// Pieces of lines: indicators alone and in their two-character forms, spaces, tabs, breaks (LF, CR, CR LF),
    /// controls, quotes, document markers, reserved words and realistic fragments.
    static let asciiPieces = [
        "-", "- ", "--", "---", "--- ", "...", ". ", "#", " #", "# ", "#x", ":", ": ", " :", "::", "?", "? ", "'", "''",
        "\"", "{", "}", "[", "]", ",", "|", "|-", ">", "&", "*", "!", "%", "@", "`", "~", "\\", "=", "=~", "!~", " ",
        "  ", "\t", " \t", "\n", "\n\n", "\r", "\r\n", "\n\r", " \n", "\n ", "\u{0}", "\u{7F}", "\u{1B}", "\u{1F}",
        "abc", "x", "0", "1.5", "true", "null", "a'b", "rate(http_requests_total{job=~\"api\",code=~\"5..\"}[5m])",
        "sum by (le) (", ") > 0.5", "location / {", "proxy_pass http://upstream;", "expr: |", "- series: 'up{a=\"b\"}'",
        "values: '1+0x10'", "# comment", "key: value", "{{ $labels.job }}", "$value", "a:b", "a #b", "a# b",
    ]

    /// One to twelve lines of zero to six pieces, joined by LF (mostly), CR LF, CR, or a break with a space beside it.
    static func randomASCIIText(_ random: inout SeededRandom) -> String {
        let lines = (0..<Int.random(in: 1...12, using: &random)).map { _ in
            (0..<Int.random(in: 0...6, using: &random)).map { _ in asciiPieces.randomElement(using: &random)! }.joined()
        }
        var text = ""
        for (index, line) in lines.enumerated() {
            if index > 0 {
                text += Int.random(in: 0..<4, using: &random) > 0
                    ? "\n" : ["\r\n", "\r", " \n", "\n ", "\n\n", "  \n"].randomElement(using: &random)!
            }
            text += line
        }
        switch Int.random(in: 0..<8, using: &random) {
        case 0: text += "\n"
        case 1: text += "\n\n"
        case 2: text = "\n" + text
        case 3: text = " " + text
        case 4: text += " "
        default: break
        }
        return text
    }

    /// Texts of every shape the fast paths branch on: multi-line ASCII, single lines, lone pieces, only breaks,
    /// and (rarely) a non-ASCII character that sends the text to the character-by-character analysis.
    static func randomFastPathText(_ random: inout SeededRandom) -> String {
        switch Int.random(in: 0..<10, using: &random) {
        case 0: return asciiPieces.randomElement(using: &random)!
        case 1: return String(repeating: ["\n", "\r", "\r\n", " "].randomElement(using: &random)!,
                              count: Int.random(in: 1...4, using: &random))
        case 2: return randomASCIIText(&random) + ["é", "\u{85}", "\u{2028}", "🚀"].randomElement(using: &random)!
        case 3:
            return (0..<Int.random(in: 1...5, using: &random)).map { _ in asciiPieces.randomElement(using: &random)! }
                .joined()
        default: return randomASCIIText(&random)
        }
    }

    @Test(arguments: 0..<16)
    func randomMultiLineASCIIInEveryPlace(seed: UInt64) throws {
        var random = SeededRandom(state: seed &+ 7000)
        for _ in 0..<100 {
            let text = Self.randomFastPathText(&random)
            for (index, documents) in Self.placements(text).enumerated() {
                try Self.expectSame(documents, "seed \(seed), \(text.debugDescription), placement \(index)")
            }
        }
    }

    /// The one-pass analysis of ASCII text gives libyaml's flags as the character-by-character analysis finds them,
    /// and the writer's style request is ``RequestedScalarStyle/of(_:)``.
    @Test(arguments: 0..<8)
    func theASCIIAnalysisIsTheCharacterAnalysis(seed: UInt64) {
        var random = SeededRandom(state: seed &+ 8000)
        for round in 0..<3000 {
            let text = round % 2 == 0 ? Self.randomFastPathText(&random) : Self.randomString(&random)
            var bytes = text
            bytes.withUTF8 { s in
                let fast = ScalarAnalysis(s)
                var slow = ScalarAnalysis(characterByCharacter: s)
                if fast.isASCII {
                    #expect(s.allSatisfy { $0 < 0x80 }, "\(text.debugDescription)")
                    slow.isASCII = true
                    slow.lineFeedCharacter = fast.lineFeedCharacter
                }
                #expect(fast == slow, "\(text.debugDescription)")
                let scalar = YAMLScalar(string: text)
                let request = YAMLWriter.request(scalar, s, fast), expected = RequestedScalarStyle.of(scalar)
                #expect(request.style == expected.style && request.plainImplicit == expected.plainImplicit,
                        "\(text.debugDescription)")
            }
        }
    }
}
