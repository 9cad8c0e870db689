import Foundation
import Infragen
import InfragenRender
import InfragenTestSupport
import InfragenYAML
import Testing

/// Random strings through every printer on main: they round-trip through their consumer, or validation refuses them
/// (with a diagnostic for the field that holds them).
@Suite struct PrinterPropertyTests {
    // MARK: - YAML

    /// Any Unicode scalar, most of them chosen to hit YAML's syntax.
    static func anyString(_ random: inout SeededRandom, maxLength: Int = 30) -> String {
        if random.oneIn(8) { return RandomBlueprint.words.randomElement(using: &random)! }
        var scalars = String.UnicodeScalarView()
        let length = Int.random(in: 0...maxLength, using: &random)
        while scalars.count < length {
            if random.oneIn(3) {
                guard let scalar = Unicode.Scalar(UInt32.random(in: 0...0x10FFFF, using: &random)) else { continue }
                scalars.append(scalar)
            } else {
                scalars.append(
                    (RandomBlueprint.tricky + ["\u{0}", "\u{7F}", "\u{85}", "\u{9B}", "\u{FFFE}", "$"])
                        .randomElement(using: &random)!)
            }
        }
        return String(scalars)
    }

    @Test(arguments: (0..<UInt64(PropertyScale.count(20))).map { $0 })
    func anyStringRoundTripsThroughTheYAMLPrinter(seed: UInt64) throws {
        var random = SeededRandom(seed: seed &+ 7_000)
        for _ in 0..<300 {
            let text = Self.anyString(&random)
            let document: YAMLNode = .mapping([(text, .sequence([.string(text), .mapping([("k", .string(text))])]))])
            let rendered: String
            do {
                rendered = try YAML.render(document)
            } catch {
                Issue.record("seed \(seed): \(text.debugDescription) was refused by the emitter: \(error)")
                continue
            }
            #expect(try YAML.parse(rendered) == [document], "seed \(seed): \(text.debugDescription)\n\(rendered)")
            if let scalar = YAMLStreamRules.firstUnclean(rendered) {
                Issue.record(
                    "seed \(seed): \(text.debugDescription) left a raw \(TextRules.codePoint(scalar)) in the stream")
            }
        }
    }

    // MARK: - Markdown (the system README)

    /// Single-line text, heavy in Markdown syntax, with some control characters that validation must refuse.
    static func markdownText(_ random: inout SeededRandom) -> String {
        let pieces = [
            "*", "_", "**", "`", "``", "[", "]", "(", ")", "<b>", "</b>", "<", ">", "|", "\\", "#", "&", "&amp;",
            "&#42;", "&copy;", "~", "~~", "$", "!", "- ", "+ ", "1. ", "2) ", "= ", "---", "    ", " ", "\t",
            "\u{A0}", "\u{3000}", "\u{2003}", "a", "bc", "R&D", "é", "中文", "🚀", "\u{301}", "\u{202E}", "\u{202C}", "\u{2067}", "\u{2069}", ":x:",
            "https://example.com", "www.example.com", "\u{7}", "\u{85}", "\n", "\u{2028}",
        ]
        var text = ""
        for _ in 0..<Int.random(in: 0...8, using: &random) { text += pieces.randomElement(using: &random)! }
        return text
    }

    static let textFields: Set<String> = ["summary", "team", "rollout.frequency", "rollout.owner", "rollout.rollback"]

    @Test(
        .enabled(if: ExternalTool.usable(MarkdownReader.tool), ExternalTool.skipNote(MarkdownReader.tool)),
        arguments: (0..<UInt64(PropertyScale.count(6))).map { $0 })
    func anyTextRoundTripsThroughTheReportOrIsRefused(seed: UInt64) throws {
        var random = SeededRandom(seed: seed &+ 9_000)
        var rendered: [(texts: [String], readme: String)] = []
        var refused = 0
        for _ in 0..<60 {
            let texts = (0..<4).map { _ in Self.markdownText(&random) }
            let system = System("s") {
                Summary(texts[0])
                Team(texts[1])
                SourceRepository("https://git.example.com/s", license: "Apache-2.0")
                Defaults { ImageTag("1.0.0") }
                Deploy(to: .dev) { Rollout(frequency: texts[2], rollback: .other(texts[3]), owner: texts[3]) }
                Service("api") { Port("http", 8080); Health(liveness: "/healthz", readiness: "/readyz") }
            }.description
            let diagnostics = RenderPipeline().validate([system])
            if diagnostics.hasErrors {
                refused += 1
                let fields = Set(diagnostics.errors.compactMap(\.field))
                #expect(
                    fields.isSubset(of: Self.textFields),
                    "seed \(seed): \(texts.map(\.debugDescription)) → \(diagnostics.errors)")
                // Refused only for a line break or control character, an empty team, or unbalanced bidi controls.
                #expect(
                    texts.contains { !TextRules.isSingleLineText($0) || TextRules.unbalancedBidiControl(in: $0) != nil }
                        || texts[1].isEmpty,
                    "seed \(seed): refused \(texts.map(\.debugDescription)): \(diagnostics.errors)")
                continue
            }
            let files = try renderInMemory([system])
            rendered.append((texts, try #require(files["s/README.md"])))
        }
        let structures = try MarkdownReader.read(rendered.map(\.readme))
        for ((texts, _), structure) in zip(rendered, structures) {
            let intro = structure.paragraphs.first
            #expect(
                intro == "\(texts[0]). Owned by \(texts[1]). 1 service in 1 environment.",
                "seed \(seed): summary \(texts[0].debugDescription), team \(texts[1].debugDescription)")
            let environments = structure.tables.first { $0.heading == "Environments" }
            let row = environments?.rows.first
            let header = environments?.header ?? []
            func cell(_ column: String) -> String? {
                guard let index = header.firstIndex(of: column), let row, index < row.count else { return nil }
                return row[index]
            }
            #expect(cell("deploy frequency") == texts[2], "seed \(seed): \(texts[2].debugDescription)")
            #expect(cell("owner") == texts[3], "seed \(seed): \(texts[3].debugDescription)")
            #expect(cell("rollback") == texts[3], "seed \(seed): \(texts[3].debugDescription)")
            let services = structure.tables.first { $0.heading == "Services" }
            #expect(services?.rows.first?[1] == texts[1], "seed \(seed): team \(texts[1].debugDescription)")
            #expect(
                structure.headings.first == "System s", "seed \(seed): the structure changed: \(structure.headings)")
        }
        #expect(refused < 60, "seed \(seed): every text was refused")
    }
}
