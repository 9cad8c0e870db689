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
struct SLORuleObjects {
    static let fileName = "slo-rules.yaml"
    static let maxObjectBytes = 200 * 1024

    /// The object that holds every group when it fits; nil when the groups are split (or there are none).
    private let whole: K8s.PrometheusRule?
    /// When split: how many groups each object holds, in order (the objects are built when written, ``render()``).
    private let counts: [Int]
    private let system: String
    private let environment: ResolvedEnvironment
    /// The names of groups that alone exceed ``maxObjectBytes`` (validation refuses them), with their size.
    let oversized: [(group: String, bytes: Int)]

    /// Whether there is no object (no SLO).
    var isEmpty: Bool { whole == nil && counts.isEmpty }

    /// The groups are built and measured one at a time: a large system's groups (megabytes of rules) never exist as
    /// trees all at once, here or in ``render()``.
    init(system: String, environment: ResolvedEnvironment) throws(YAMLError) {
        self.system = system
        self.environment = environment
        let overhead = try Self.overhead("\(system)-slo", environment)
        var sizes: [(bytes: Int, inObject: Int, name: String)] = []
        for group in PrometheusGenerator.ruleGroups(environment) {
            let text = try YAML.render(group)
            sizes.append((text.utf8.count, Self.size(text), group["name"]?.scalarText ?? "?"))
        }
        guard !sizes.isEmpty else {
            (whole, counts, oversized) = (nil, [], [])
            return
        }
        // The whole object holds every group's text but its `---` line, so when those alone exceed the limit it
        // cannot fit, and it is not rendered to find out.
        if sizes.reduce(0, { $0 + $1.bytes - 4 }) <= Self.maxObjectBytes {
            let whole = Self.object("\(system)-slo", Array(PrometheusGenerator.ruleGroups(environment)), environment)
            if try YAML.render(whole.yamlNode).utf8.count <= Self.maxObjectBytes {
                (self.whole, counts, oversized) = (whole, [], [])
                return
            }
        }
        // Split: whole groups, in order, while the object stays under the limit.
        var counts = [0]
        var filled = overhead
        var oversized: [(String, Int)] = []
        for size in sizes {
            let bytes = size.inObject
            if overhead + bytes > Self.maxObjectBytes { oversized.append((size.name, overhead + bytes)) }
            if filled + bytes > Self.maxObjectBytes, counts[counts.count - 1] > 0 {
                counts.append(0)
                filled = overhead
            }
            counts[counts.count - 1] += 1
            filled += bytes
        }
        (whole, self.counts, self.oversized) = (nil, counts, oversized)
    }

    /// The objects as one YAML stream, as `YAML.render` writes the list of them, built and written one object at a
    /// time. Written alone, an object that ends in a block scalar kept with its trailing line breaks ends the stream
    /// with `...`; within the stream the next `---` follows instead, so that line is left out but after the last.
    func render() throws(YAMLError) -> String {
        if let whole { return try YAML.render([whole.yamlNode]) }
        var text = "", groups: [YAMLNode] = [], object = 0
        for group in PrometheusGenerator.ruleGroups(environment) {
            groups.append(group)
            guard groups.count == counts[object] else { continue }
            var document = try YAML.render([Self.object("\(system)-slo-\(object + 1)", groups, environment).yamlNode])
            if object < counts.count - 1, document.hasSuffix("\n...\n") { document.removeLast(4) }
            text += document
            groups = []
            object += 1
        }
        return text
    }

    /// ``oversized`` alone, for validation: each group built and rendered once, one at a time, and the objects only
    /// when a group is too large (a refusal).
    static func oversized(system: String, environment: ResolvedEnvironment) throws(YAMLError)
        -> [(group: String, bytes: Int)] {
        let overhead = try Self.overhead("\(system)-slo", environment)
        var tooLarge = false
        for group in PrometheusGenerator.ruleGroups(environment) where overhead + size(try YAML.render(group)) > maxObjectBytes {
            tooLarge = true
            break
        }
        // Without such a group the objects have none to report, whether the whole fits or not.
        guard tooLarge else { return [] }
        return try SLORuleObjects(system: system, environment: environment).oversized
    }

    private static func object(_ name: String, _ groups: [YAMLNode], _ environment: ResolvedEnvironment)
        -> K8s.PrometheusRule {
        K8s.PrometheusRule(
            metadata: K8s.ObjectMeta(
                name: name, namespace: environment.namespace,
                labels: ClusterManifests.systemLabels(environment)
                    + K8s.StringMap(environment.prometheusRuleLabels.sorted)),
            spec: K8s.PrometheusRuleSpec(groups: groups))
    }

    /// An object's bytes besides its groups (an object named like the numbered ones, plus a margin).
    private static func overhead(_ name: String, _ environment: ResolvedEnvironment) throws(YAMLError) -> Int {
        try YAML.render(object("\(name)-0000", [], environment).yamlNode).utf8.count + 16
    }

    /// A group's size in an object: its size as a document plus 4 spaces of indentation per line (under `spec:` and
    /// `groups:`).
    private static func size(_ text: String) -> Int {
        text.utf8.count + 4 * text.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
}
