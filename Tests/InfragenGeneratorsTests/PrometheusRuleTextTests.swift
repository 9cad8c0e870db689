import InfragenExampleBlueprints
import Infragen
import InfragenModel
import InfragenYAML
import Testing
@testable import InfragenGenerators

/// The PrometheusRule objects are written from the rule file's group texts, two spaces deeper (``SLORuleObjects``):
/// byte for byte what libyaml writes for the objects as trees, split where the text says they would not fit.
@Suite struct PrometheusRuleTextTests {
    /// The objects as trees, written by `YAML.render` one document at a time as the stream joins them: the oracle.
    static func oracle(_ objects: SLORuleObjects, system: String, environment: ResolvedEnvironment) throws -> String {
        let groups = Array(PrometheusGenerator.ruleGroups(environment))
        var text = "", next = 0
        for (number, count) in objects.counts.enumerated() {
            let name = objects.counts.count == 1 ? "\(system)-slo" : "\(system)-slo-\(number + 1)"
            var document = try YAML.render(
                [SLORuleObjects.object(name, Array(groups[next..<(next + count)]), environment).yamlNode])
            if number < objects.counts.count - 1, document.hasSuffix("\n...\n") { document.removeLast(4) }
            text += document
            next += count
        }
        return text
    }

    @Test(arguments: [("shop", 0), ("polyglot", 0), ("many", 3), ("many", 40)])
    func objectsFromTheGroupTextsAreTheTreesWritten(_ name: String, _ slos: Int) throws {
        let description: SystemDescription = switch name {
        case "shop": System.shop.description
        case "polyglot": System.polyglot.description
        default: PrometheusRuleObjectTests.manySLOs(slos)
        }
        let system = description.resolve()
        var objects = 0
        for environment in system.environments {
            let rules = try SLORuleObjects(system: system.name, environment: environment)
            guard !rules.isEmpty else { continue }
            let text = try rules.render()
            #expect(text == (try Self.oracle(rules, system: system.name, environment: environment)),
                    "\(name) \(environment.name)")
            // Each object fits, and the next object's first group would not have fitted in it.
            let documents = try YAML.parse(text)
            let groups = Array(PrometheusGenerator.ruleGroups(environment))
            var next = 0
            for (number, document) in documents.enumerated() {
                let size = try YAML.render(document).utf8.count
                #expect(size <= SLORuleObjects.maxObjectBytes)
                next += rules.counts[number]
                if next < groups.count {
                    let more = try SLORuleObjects.GroupText(groups[next]).bytesInObject
                    #expect(size + more > SLORuleObjects.maxObjectBytes, "object \(number + 1) could hold one more")
                }
            }
            objects += documents.count
        }
        #expect(objects >= (slos == 40 ? 3 : 1))
    }

    /// Groups libyaml writes in every way a rule group's text can take: block scalars with empty lines, a kept
    /// final line break (`|+`, after which a document ends with `...`), a key written as `? key`, quoting,
    /// characters beyond ASCII.
    @Test func oddGroupsAreWrittenDeeperAsLibyamlWritesThem() throws {
        let environment = try #require(System.shop.description.resolve().environments.first)
        let keptAtEnd: YAMLNode = .mapping([
            ("name", "slo-odd"),
            ("rules", .sequence([.mapping([("alert", "Odd"), ("expr", .string("a\n\n  b\n")), ("annotations", .mapping([
                ("summary", .string("line one\n\nline three\n\n")), ("quoted", .string("'#: {x}' ")),
                ("ünï", .string("日本 — \u{2028} x")), (String(repeating: "k", count: 130), .string("long key")),
                ("description", .string("ends kept\n\n")),
            ]))])])),
        ])
        let plain: YAMLNode = .mapping([("name", "slo-plain"), ("rules", .sequence([]))])
        let pipe: YAMLNode = .mapping([("name", "slo-pipe"), ("rules", .sequence([.mapping([("expr", "a | b")])]))])
        let closed: YAMLNode = .mapping([("name", "slo-closed"), ("rules", .sequence([.mapping([("expr", "a\nb")])]))])
        let cases: [[YAMLNode]] = [[keptAtEnd], [plain, keptAtEnd], [keptAtEnd, plain], [keptAtEnd, pipe, plain],
                                   [keptAtEnd, closed], [keptAtEnd, closed, plain], [closed, keptAtEnd, pipe], [pipe]]
        for groups in cases {
            let texts = try groups.map(SLORuleObjects.GroupText.init)
            var written = Array(try SLORuleObjects.base("odd-slo", environment).utf8)
            for text in texts { text.appendInObject(to: &written) }
            let open = try SLORuleObjects.endsOpen(texts[...], tree: { groups[$0] })
            if open { written += "...\n".utf8 }
            let expected = try YAML.render([SLORuleObjects.object("odd-slo", groups, environment).yamlNode])
            #expect(String(decoding: written, as: UTF8.self) == expected)
            let base = try SLORuleObjects.base("odd-slo", environment).utf8.count
            #expect(written.count - base
                - (open ? 4 : 0) == texts.reduce(0) { $0 + $1.bytesInObject })
        }
        #expect(try SLORuleObjects.GroupText(keptAtEnd).endsOpen)
        #expect(try !SLORuleObjects.GroupText(plain).endsOpen)
    }
}
