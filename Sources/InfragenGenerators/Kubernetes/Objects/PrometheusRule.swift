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
/// the groups of `prometheus/slo-rules.yaml` (``SLORuleTexts``), in one object `<system>-slo`,
/// or, when they would not fit, in as few objects `<system>-slo-1`, `<system>-slo-2` … as fit, in order, whole groups
/// each.
///
/// The limit is ``maxObjectBytes`` of YAML per object: `kubectl apply` (client-side, as `apply -k --prune` is) keeps
/// the whole object as JSON in its `last-applied-configuration` annotation, and the API server refuses annotations
/// over 256 KiB (etcd's 1.5 MiB per object is further off). The JSON of a rule object is a little smaller than its
/// YAML (the shop's: 19.2 KB for 19.9 KB), so 200 KiB of YAML leaves room.
///
/// The groups' texts are the rule file's (``SLORuleTexts``, written once per render); an object is its metadata
/// followed by its groups' text, two spaces deeper. Sizes are those of the text written, so the objects are as full
/// as the limit allows.
struct SLORuleObjects {
    static let fileName = "slo-rules.yaml"
    static let maxObjectBytes = 200 * 1024

    private let rules: SLORuleTexts
    /// How many groups each object holds, in order: one entry when one object (`<system>-slo`) holds them all.
    let counts: [Int]
    private let system: String
    private let environment: ResolvedEnvironment

    /// Whether there is no object (no SLO).
    var isEmpty: Bool { rules.isEmpty }

    init(system: String, environment: ResolvedEnvironment, rules: SLORuleTexts) throws(YAMLError) {
        self.system = system
        self.environment = environment
        self.rules = rules
        counts = try Self.counts(rules.groups, system: system, environment: environment)
    }

    /// `prefix` (the file's header), then the objects as one YAML stream, as `YAML.render` writes the list of them:
    /// `---` before each, and `...` after the last when its last block scalar keeps its trailing line breaks.
    func render(after prefix: String = "") throws(YAMLError) -> String {
        let bases = try counts.indices.map { number throws(YAMLError) in try Self.base(name(number), environment) }
        let open = rules.endsOpen(from: rules.groups.count - (counts.last ?? 0))
        let count = prefix.utf8.count + bases.reduce(0) { $0 + $1.utf8.count }
            + rules.groups.reduce(0) { $0 + $1.bytesInObject } + (open ? 4 : 0)
        return TextAssembly.string(count: count) { text in
            text.append(prefix)
            var next = 0
            for (number, count) in counts.enumerated() {
                text.append(bases[number])
                for group in rules.groups[next..<(next + count)] { group.appendInObject(to: &text) }
                next += count
            }
            if open { text.append("...\n") }
        }
    }

    /// The name of object `number` (from 0).
    private func name(_ number: Int) -> String {
        counts.count == 1 ? "\(system)-slo" : "\(system)-slo-\(number + 1)"
    }

    /// The groups that alone exceed ``maxObjectBytes``, with the size of an object that holds only them (named with
    /// the longest number an object could have), for validation, which refuses them: each group built, written and
    /// measured on its own, and nothing kept (the texts of a large system's groups are megabytes).
    static func oversized(system: String, environment: ResolvedEnvironment) throws(YAMLError)
        -> [(group: String, bytes: Int)] {
        let trees = SLORules.groups(PrometheusGenerator.units(environment))
        let base = try Self.base("\(system)-slo-\(trees.count)", environment).utf8.count
        var oversized: [(String, Int)] = []
        for tree in trees {
            let group = try SLORuleTexts.GroupText(tree)
            if base + group.bytesInObject > maxObjectBytes { oversized.append((group.name, base + group.bytesInObject)) }
        }
        return oversized
    }

    /// How many groups each object holds: all in one when they fit, else whole groups in order while each object
    /// stays under the limit (a group over it alone, which validation refuses, gets an object of its own).
    private static func counts(_ groups: [SLORuleTexts.GroupText], system: String, environment: ResolvedEnvironment)
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
