import InfragenModel
import InfragenYAML

/// The rule groups of an environment's rule file, each built and written once, as an item of the file's `groups:`
/// (``GroupText``): what the rule file prints (``ruleFile``), what the PrometheusRule objects print two spaces deeper
/// (``SLORuleObjects``); the Kubernetes generator's validation measures each group the same way. Through the render's cache
/// (``of(_:system:cache:)``) one environment's groups are written once per render, the largest part of a large system's
/// output (16 MB for 1,000 services).
struct SLORuleTexts: Sendable {
    /// Every group, in the rule file's order (``SLORules/groups(_:)``).
    let groups: [GroupText]
    /// The last group that holds a block scalar, and whether that scalar keeps its trailing line breaks (`|+`): a
    /// document whose last block scalar does ends with `...` (libyaml's open end), whatever follows it.
    private let lastBlock: (index: Int, kept: Bool)?

    var isEmpty: Bool { groups.isEmpty }

    /// The cache entry: asked for by the Kubernetes generator's and the Prometheus generator's environment units,
    /// after which the render lets it go (a unit that asks again, as a test may, writes the groups again).
    struct Key: CacheKey {
        typealias Value = SLORuleTexts
        let system: String
        let environment: String
        static let uses = 2
    }

    static func of(_ environment: ResolvedEnvironment, system: String, cache: GenerationCache) throws
        -> SLORuleTexts {
        try cache.value(for: Key(system: system, environment: environment.name), uses: Key.uses) {
            try SLORuleTexts(environment)
        }
    }

    init(_ environment: ResolvedEnvironment) throws(YAMLError) {
        try self.init(groups: SLORules.groups(PrometheusGenerator.units(environment)))
    }

    /// The texts of `trees`, each built when it is read.
    init(groups trees: some Collection<YAMLNode>) throws(YAMLError) {
        var groups: [GroupText] = []
        groups.reserveCapacity(trees.count)
        for tree in trees { groups.append(try GroupText(tree)) }
        self.groups = groups
        // From the last group back to the first that holds a block scalar: its last one decides.
        var lastBlock: (Int, Bool)?
        if !groups.isEmpty {
            let indices = Array(trees.indices)
            for index in groups.indices.reversed() {
                if groups[index].endsOpen {
                    lastBlock = (index, true)
                    break
                }
                // Every block scalar starts with `|`.
                if !groups[index].text.utf8.contains(0x7C) { continue }
                // Written after a group that ends open, a group ends open only if it holds no block scalar.
                let after = try YAML.render(mappingOf: "groups", sequence: [Self.openGroup, trees[indices[index]]])
                if !after.hasSuffix("\n...\n") {
                    lastBlock = (index, false)
                    break
                }
            }
        }
        self.lastBlock = lastBlock
    }

    /// Whether a document of the groups from `first` on ends with `...`.
    func endsOpen(from first: Int = 0) -> Bool {
        guard let lastBlock else { return false }
        return lastBlock.kept && lastBlock.index >= first
    }

    /// The rule file: `prefix` (its header and comments), then its YAML: `---`, `groups:` and every group, as
    /// libyaml writes the document.
    func ruleFile(after prefix: String) -> String {
        let start = "---\ngroups:\n", open = endsOpen()
        let count = prefix.utf8.count + start.utf8.count + groups.reduce(0) { $0 + $1.text.utf8.count } + (open ? 4 : 0)
        return TextAssembly.string(count: count) { text in
            text.append(prefix)
            text.append(start)
            for group in groups { text.append(group.text) }
            if open { text.append("...\n") }
        }
    }

    /// A group whose block scalar keeps its line breaks.
    private static let openGroup: YAMLNode = .mapping([("name", .string("open\n\n"))])
}

extension SLORuleTexts {
    /// One rule group written as an item of the rule file's `groups:` (`- name: …`, further lines two spaces in).
    /// Under a PrometheusRule's `spec:` and `groups:` the same item is two spaces deeper: every line that is not
    /// empty gets two more (libyaml indents no empty line, not even within a block scalar, and writes nothing else
    /// differently at another depth).
    struct GroupText: Sendable {
        let name: String
        /// The item's text, without the `...` line libyaml ends a document with after a kept block scalar.
        let text: String
        /// Whether the item, written alone, ends with `...`: its last block scalar keeps its trailing line breaks.
        let endsOpen: Bool
        /// The item's size two spaces deeper.
        let bytesInObject: Int

        init(_ group: YAMLNode) throws(YAMLError) {
            name = group["name"]?.scalarText ?? "?"
            // Written alone as the rule file writes it: `---`, `groups:`, the item, perhaps `...`.
            let document = try YAML.render(mappingOf: "groups", sequence: CollectionOfOne(group))
            precondition(document.hasPrefix("---\ngroups:\n- "), "a rule file starts with its groups")
            var item = document.utf8.dropFirst(12)
            endsOpen = item.count > 4 && item.suffix(5).elementsEqual("\n...\n".utf8)
            if endsOpen { item = item.dropLast(4) }
            text = String(decoding: item, as: UTF8.self)
            var lines = 0
            Self.lines(of: text) { line in if !line.isEmpty { lines += 1 } }
            bytesInObject = item.count + 2 * lines
        }

        /// The item, two spaces deeper (``bytesInObject`` bytes).
        func appendInObject(to output: inout TextAssembly) {
            Self.lines(of: text) { line in
                if !line.isEmpty { output.append(spaces: 2) }
                output.append(line)
                output.appendLineFeed()
            }
        }

        /// Each line of `text` (which ends with a line feed), without its line feed.
        private static func lines(of text: String, _ body: (Slice<UnsafeBufferPointer<UInt8>>) -> Void) {
            var text = text
            text.withUTF8 { bytes in
                var start = 0
                while start < bytes.count {
                    let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
                    body(bytes[start..<end])
                    start = end + 1
                }
            }
        }
    }
}
