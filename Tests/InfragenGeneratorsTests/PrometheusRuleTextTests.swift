import InfragenExampleBlueprints
import Infragen
import InfragenModel
import InfragenYAML
import Testing
@testable import InfragenGenerators

/// The rule file and the PrometheusRule objects are printed from the groups written once (``SLORuleTexts``): byte
/// for byte what libyaml writes for the file and the objects as trees, the objects split where the text says they
/// would not fit.
@Suite struct PrometheusRuleTextTests {
    /// The objects as trees, written by `YAML.render` one document at a time as the stream joins them: the oracle.
    static func oracle(_ objects: SLORuleObjects, _ groups: [YAMLNode], system: String,
                       environment: ResolvedEnvironment) throws -> String {
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
    func fileAndObjectsFromTheGroupTextsAreTheTreesWritten(_ name: String, _ slos: Int) throws {
        let description: SystemDescription = switch name {
        case "shop": System.shop.description
        case "polyglot": System.polyglot.description
        default: PrometheusRuleObjectTests.manySLOs(slos)
        }
        let system = description.resolve()
        var objects = 0
        for environment in system.environments {
            let texts = try SLORuleTexts(environment)
            guard !texts.isEmpty else { continue }
            let groups = Array(SLORules.groups(PrometheusGenerator.units(environment)))
            #expect(texts.ruleFile(after: "# h\n") == "# h\n" + (try YAML.render(mappingOf: "groups", sequence: groups)))
            let rules = try SLORuleObjects(system: system.name, environment: environment, rules: texts)
            let text = try rules.render()
            #expect(text == (try Self.oracle(rules, groups, system: system.name, environment: environment)),
                    "\(name) \(environment.name)")
            // Each object fits, and the next object's first group would not have fitted in it.
            let documents = try YAML.parse(text)
            var next = 0
            for (number, document) in documents.enumerated() {
                let size = try YAML.render(document).utf8.count
                #expect(size <= SLORuleObjects.maxObjectBytes)
                next += rules.counts[number]
                if next < groups.count {
                    #expect(size + texts.groups[next].bytesInObject > SLORuleObjects.maxObjectBytes,
                            "object \(number + 1) could hold one more")
                }
            }
            objects += documents.count
        }
        #expect(objects >= (slos == 40 ? 3 : 1))
    }

    /// Groups libyaml writes in every way a rule group's text can take: block scalars with empty lines, a kept
    /// final line break (`|+`, after which a document ends with `...`), a key written as `? key`, quoting,
    /// characters beyond ASCII.
    @Test func oddGroupsAreWrittenAsLibyamlWritesThem() throws {
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
            let texts = try SLORuleTexts(groups: groups)
            #expect(texts.ruleFile(after: "") == (try YAML.render(mappingOf: "groups", sequence: groups)))
            let objects = try SLORuleObjects(system: "odd", environment: environment, rules: texts)
            #expect(objects.counts == [groups.count])
            let expected = try YAML.render([SLORuleObjects.object("odd-slo", groups, environment).yamlNode])
            #expect(try objects.render(after: "# h\n") == "# h\n" + expected)
            // The last group only: open when it ends open itself.
            #expect(texts.endsOpen(from: groups.count - 1) == texts.groups[groups.count - 1].endsOpen)
        }
        #expect(try SLORuleTexts.GroupText(keptAtEnd).endsOpen)
        #expect(try !SLORuleTexts.GroupText(plain).endsOpen)
    }
}
