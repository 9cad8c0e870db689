import InfragenModel
import InfragenYAML

extension K8s {
    /// prometheus-operator's `monitoring.coreos.com/v1` PrometheusRule: rule groups that the operator writes into the
    /// rule files of every Prometheus whose `ruleSelector` (and `ruleNamespaceSelector`) selects it.
    typealias PrometheusRule = Object<PrometheusRuleSpec>

    struct PrometheusRuleSpec: ObjectSpec {
        static let apiVersion = "monitoring.coreos.com/v1"
        static let kind = "PrometheusRule"
        /// The groups exactly as the Prometheus rule file lists them (`SLORules`' trees, which the file prints too).
        var groups: [YAMLNode]

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("groups", groups)
        }
    }
}

/// The SLO rules of an environment as PrometheusRule objects, in the file `slo-rules.yaml` of its kustomization:
/// the groups of `prometheus/slo-rules.yaml` (``PrometheusGenerator/ruleGroups(_:)``), in one object `<system>-slo`,
/// or, when they would not fit, in as few objects `<system>-slo-1`, `<system>-slo-2` … as fit, in order, whole groups
/// each.
///
/// The limit is ``maxObjectBytes`` of YAML per object: `kubectl apply` (client-side, as `apply -k --prune` is) keeps
/// the whole object as JSON in its `last-applied-configuration` annotation, and the API server refuses annotations
/// over 256 KiB (etcd's 1.5 MiB per object is further off). The JSON of a rule object is a little smaller than its
/// YAML (the shop's: 19.2 KB for 19.9 KB), so 200 KiB of YAML leaves room.
///
/// Each group is built and written once, as the rule file writes it (``GroupText``); an object is its metadata
/// followed by its groups' text, two spaces deeper. Sizes are those of the text written, so the objects are as full
/// as the limit allows.
struct SLORuleObjects {
    static let fileName = "slo-rules.yaml"
    static let maxObjectBytes = 200 * 1024

    /// Every group, in the rule file's order.
    private let groups: [GroupText]
    /// How many groups each object holds, in order: one entry when one object (`<system>-slo`) holds them all.
    let counts: [Int]
    private let system: String
    private let environment: ResolvedEnvironment

    /// Whether there is no object (no SLO).
    var isEmpty: Bool { groups.isEmpty }

    init(system: String, environment: ResolvedEnvironment) throws(YAMLError) {
        self.system = system
        self.environment = environment
        var groups: [GroupText] = []
        for group in PrometheusGenerator.ruleGroups(environment) { groups.append(try GroupText(group)) }
        self.groups = groups
        counts = try Self.counts(groups, system: system, environment: environment)
    }

    /// The objects as one YAML stream, as `YAML.render` writes the list of them: `---` before each, and `...` after
    /// the last when its last group ends in a block scalar kept with its trailing line breaks.
    func render() throws(YAMLError) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(groups.reduce(0) { $0 + $1.bytesInObject } + counts.count * 512)
        var next = 0
        for (number, count) in counts.enumerated() {
            text += try Self.base(name(number), environment).utf8
            for group in groups[next..<(next + count)] { group.appendInObject(to: &text) }
            next += count
        }
        let all = SLORules.groups(PrometheusGenerator.units(environment))
        let indices = Array(all.indices)
        if try Self.endsOpen(groups[(groups.count - counts[counts.count - 1])...], tree: { all[indices[$0]] }) {
            text += "...\n".utf8
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Whether a document of `groups` ends with `...`: libyaml writes it when the document's last block scalar, in
    /// whichever group, keeps its trailing line breaks (`|+`). Looked for from the last group back; `tree(i)` builds
    /// group `i` again (of `groups`' indices), for a group whose text may hold block scalars but does not end open.
    static func endsOpen(_ groups: ArraySlice<GroupText>, tree: (Int) -> YAMLNode) throws(YAMLError) -> Bool {
        for index in groups.indices.reversed() {
            let group = groups[index]
            if group.endsOpen { return true }
            // Every block scalar starts with `|`.
            if !group.text.utf8.contains(0x7C) { continue }
            // Written after a group that ends open, it ends open only if it holds no block scalar.
            let after = try YAML.render(mappingOf: "groups", sequence: [Self.openGroup, tree(index)])
            if !after.hasSuffix("\n...\n") { return false }
        }
        return false
    }

    /// A group whose block scalar keeps its line breaks.
    private static let openGroup: YAMLNode = .mapping([("name", .string("open\n\n"))])

    /// The name of object `number` (from 0).
    private func name(_ number: Int) -> String {
        counts.count == 1 ? "\(system)-slo" : "\(system)-slo-\(number + 1)"
    }

    /// The groups that alone exceed ``maxObjectBytes``, with the size of an object that holds only them (named with
    /// the longest number an object could have), for validation, which refuses them.
    static func oversized(system: String, environment: ResolvedEnvironment) throws(YAMLError)
        -> [(group: String, bytes: Int)] {
        var sizes: [(String, Int)] = []
        for group in PrometheusGenerator.ruleGroups(environment) {
            let text = try GroupText(group)
            sizes.append((text.name, text.bytesInObject))
        }
        let base = try Self.base("\(system)-slo-\(sizes.count)", environment).utf8.count
        return sizes.filter { base + $0.1 > maxObjectBytes }.map { ($0.0, base + $0.1) }
    }

    /// How many groups each object holds: all in one when they fit, else whole groups in order while each object
    /// stays under the limit (a group over it alone, which validation refuses, gets an object of its own).
    private static func counts(_ groups: [GroupText], system: String, environment: ResolvedEnvironment)
        throws(YAMLError) -> [Int] {
        guard !groups.isEmpty else { return [] }
        let total = groups.reduce(0) { $0 + $1.bytesInObject }
        if try base("\(system)-slo", environment).utf8.count + total <= maxObjectBytes { return [groups.count] }
        var counts = [0]
        var filled = try base("\(system)-slo-1", environment).utf8.count
        for group in groups {
            if filled + group.bytesInObject > maxObjectBytes, counts[counts.count - 1] > 0 {
                counts.append(0)
                filled = try base("\(system)-slo-\(counts.count)", environment).utf8.count
            }
            counts[counts.count - 1] += 1
            filled += group.bytesInObject
        }
        return counts
    }

    /// An object's document up to its groups: `---`, apiVersion, kind, metadata and `spec:` with `  groups:`, as
    /// libyaml writes the object with no group (`  groups: []`, the last line, without its `[]`).
    static func base(_ name: String, _ environment: ResolvedEnvironment) throws(YAMLError) -> String {
        let empty = try YAML.render([object(name, [], environment).yamlNode])
        precondition(empty.hasSuffix("\nspec:\n  groups: []\n"), "a PrometheusRule ends with its spec's groups")
        return String(empty.dropLast(4)) + "\n"
    }

    static func object(_ name: String, _ groups: [YAMLNode], _ environment: ResolvedEnvironment)
        -> K8s.PrometheusRule {
        K8s.PrometheusRule(
            metadata: K8s.ObjectMeta(
                name: name, namespace: environment.namespace,
                labels: ClusterManifests.systemLabels(environment)
                    + K8s.StringMap(environment.prometheusRuleLabels.sorted)),
            spec: K8s.PrometheusRuleSpec(groups: groups))
    }
}

extension SLORuleObjects {
    /// One rule group written as an item of the rule file's `groups:` (`- name: …`, further lines two spaces in).
    /// Under a PrometheusRule's `spec:` and `groups:` the same item is two spaces deeper: every line that is not
    /// empty gets two more (libyaml indents no empty line, not even within a block scalar, and writes nothing else
    /// differently at another depth).
    struct GroupText {
        let name: String
        /// The item's text, without the `...` line libyaml ends a document with after a kept block scalar.
        let text: String
        /// Whether the item ends in a block scalar kept with its trailing line breaks (`|+`): a document that ends
        /// with it ends with `...`.
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

        /// The item, two spaces deeper.
        func appendInObject(to output: inout [UInt8]) {
            Self.lines(of: text) { line in
                if !line.isEmpty { output.append(0x20); output.append(0x20) }
                output.append(contentsOf: line)
                output.append(0x0A)
            }
        }

        /// Each line of `text` (which ends with a line feed), without its line feed.
        private static func lines(of text: String, _ body: (UnsafeBufferPointer<UInt8>.SubSequence) -> Void) {
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
