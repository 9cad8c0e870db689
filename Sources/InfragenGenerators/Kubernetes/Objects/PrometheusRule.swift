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

    /// The objects, in order; empty without SLOs.
    let objects: [K8s.PrometheusRule]
    /// The names of groups that alone exceed ``maxObjectBytes`` (validation refuses them), with their size.
    let oversized: [(group: String, bytes: Int)]

    init(system: String, environment: ResolvedEnvironment) throws(YAMLError) {
        let groups = Array(PrometheusGenerator.ruleGroups(environment))
        let name = "\(system)-slo"
        guard !groups.isEmpty else {
            objects = []
            oversized = []
            return
        }
        func object(_ name: String, _ groups: [YAMLNode]) -> K8s.PrometheusRule {
            Self.object(name, groups, environment)
        }
        // Each group's text, measured and dropped: its bytes and its size in an object.
        let sizes = try groups.map { group throws(YAMLError) in
            let text = try YAML.render(group)
            return (bytes: text.utf8.count, inObject: Self.size(text))
        }
        // The whole object holds every group's text but its `---` line, so when those alone exceed the limit it
        // cannot fit, and it is not rendered to find out (a large system's rules are megabytes).
        let whole = object(name, groups)
        if sizes.reduce(0, { $0 + $1.bytes - 4 }) <= Self.maxObjectBytes,
           try YAML.render(whole.yamlNode).utf8.count <= Self.maxObjectBytes {
            objects = [whole]
            oversized = []
            return
        }
        // Split: whole groups, in order, while the object stays under the limit.
        let overhead = try Self.overhead(name, environment)
        var chunks: [[YAMLNode]] = [[]]
        var filled = overhead
        var oversized: [(String, Int)] = []
        for (group, size) in zip(groups, sizes) {
            let bytes = size.inObject
            if overhead + bytes > Self.maxObjectBytes {
                oversized.append((group["name"]?.scalarText ?? "?", overhead + bytes))
            }
            if filled + bytes > Self.maxObjectBytes, !chunks[chunks.count - 1].isEmpty {
                chunks.append([])
                filled = overhead
            }
            chunks[chunks.count - 1].append(group)
            filled += bytes
        }
        objects = chunks.enumerated().map { object("\(name)-\($0.offset + 1)", $0.element) }
        self.oversized = oversized
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
