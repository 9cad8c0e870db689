import InfragenYAML

/// What a reviewer compares, per service: flat `what → value` facts read from the workloads, autoscalers and
/// network policies of one environment. Secret values are never read: a variable from a Secret is its name and key.
extension ReviewSnapshot.Environment {
    static let workloadKinds: Set<String> = ["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"]

    /// The workloads, sorted by key.
    var workloads: [ReviewSnapshot.Object] {
        objects.keys.sorted().compactMap { objects[$0] }.filter { Self.workloadKinds.contains($0.kind) }
    }

    /// The autoscaler that targets a workload, if any.
    func autoscaler(of workload: ReviewSnapshot.Object) -> ReviewSnapshot.Object? {
        objects.keys.sorted().compactMap { objects[$0] }.first {
            $0.kind == "HorizontalPodAutoscaler" && $0.namespace == workload.namespace
                && $0.node["spec"]?["scaleTargetRef"]?["kind"]?.scalarText == workload.kind
                && $0.node["spec"]?["scaleTargetRef"]?["name"]?.scalarText == workload.name
        }
    }

    /// `service → what → value`.
    var facts: [String: [String: String]] {
        var facts: [String: [String: String]] = [:]
        for workload in workloads {
            let role = Self.role(of: workload)
            var own: [String: String] = [:]
            if ["Deployment", "StatefulSet"].contains(workload.kind) {
                if let hpa = autoscaler(of: workload) {
                    own["\(role)replicas"] = Self.autoscaling(hpa)
                } else {
                    own["\(role)replicas"] = workload.node["spec"]?["replicas"]?.scalarText ?? "not set (1)"
                }
            }
            for claim in Self.claims(of: workload) { own["\(role)volume claim \(claim.name)"] = claim.summary }
            for (container, node) in Self.containers(of: workload) {
                let prefix = role + (container == workload.service ? "" : "container \(container) ")
                if let image = node["image"]?.scalarText {
                    let parts = ImageParts(image)
                    own["\(prefix)image"] = parts.repository
                    own["\(prefix)tag"] = parts.tag ?? "none"
                    own["\(prefix)digest"] = parts.digest ?? "none"
                }
                if let resources = node["resources"] { own["\(prefix)resources"] = Self.resources(resources) }
                if case .sequence(let variables)? = node["env"] {
                    for variable in variables {
                        guard let name = variable["name"]?.scalarText else { continue }
                        own["\(prefix)env \(name)"] = value(of: variable, namespace: workload.namespace)
                    }
                }
                if case .sequence(let ports)? = node["ports"] {
                    for port in ports {
                        let name = port["name"]?.scalarText ?? port["containerPort"]?.scalarText ?? "?"
                        own["\(prefix)port \(name)"] = "\(port["containerPort"]?.scalarText ?? "?")/"
                            + (port["protocol"]?.scalarText ?? "TCP")
                    }
                }
            }
            facts[workload.service, default: [:]].merge(own) { _, new in new }
        }
        return facts
    }

    /// Empty for the service's main workload, `canary ` for `<service>-canary`, `job ` for a Job (named by a hash).
    static func role(of workload: ReviewSnapshot.Object) -> String {
        if workload.kind == "Job" { return "job " }
        if workload.name == workload.service { return workload.kind == "CronJob" ? "cronjob " : "" }
        if workload.name.hasPrefix(workload.service + "-") { return "\(workload.name.dropFirst(workload.service.count + 1)) " }
        return "\(workload.name) "
    }

    /// The pod spec of a workload.
    static func podSpec(of workload: ReviewSnapshot.Object) -> YAMLNode? {
        workload.kind == "CronJob"
            ? workload.node["spec"]?["jobTemplate"]?["spec"]?["template"]?["spec"]
            : workload.node["spec"]?["template"]?["spec"]
    }

    /// The containers by name, init containers as `init <name>`, in the order written.
    static func containers(of workload: ReviewSnapshot.Object) -> [(String, YAMLNode)] {
        var list: [(String, YAMLNode)] = []
        for (key, prefix) in [("initContainers", "init "), ("containers", "")] {
            guard case .sequence(let containers)? = podSpec(of: workload)?[key] else { continue }
            for container in containers { list.append((prefix + (container["name"]?.scalarText ?? "?"), container)) }
        }
        return list
    }

    struct Claim: Equatable {
        var name: String
        var size: String
        var storageClass: String
        var summary: String { "\(size), storage class \(storageClass)" }
    }

    static func claims(of workload: ReviewSnapshot.Object) -> [Claim] {
        guard workload.kind == "StatefulSet", case .sequence(let templates)? = workload.node["spec"]?["volumeClaimTemplates"]
        else { return [] }
        return templates.map { template in
            Claim(name: template["metadata"]?["name"]?.scalarText ?? "?",
                  size: template["spec"]?["resources"]?["requests"]?["storage"]?.scalarText ?? "?",
                  storageClass: template["spec"]?["storageClassName"]?.scalarText ?? "the cluster's default")
        }
    }

    static func autoscaling(_ hpa: ReviewSnapshot.Object) -> String {
        let spec = hpa.node["spec"]
        var text = "autoscaled \(spec?["minReplicas"]?.scalarText ?? "1")–\(spec?["maxReplicas"]?.scalarText ?? "?")"
        if case .sequence(let metrics)? = spec?["metrics"] {
            let targets = metrics.compactMap { metric -> String? in
                guard let resource = metric["resource"], let name = resource["name"]?.scalarText else { return nil }
                let target = resource["target"]
                if let utilization = target?["averageUtilization"]?.scalarText { return "\(name) \(utilization) %" }
                return "\(name) \(target?["averageValue"]?.scalarText ?? target?["value"]?.scalarText ?? "?")"
            }
            if !targets.isEmpty { text += " at " + targets.joined(separator: ", ") }
        }
        return text
    }

    static func resources(_ node: YAMLNode) -> String {
        ["requests", "limits"].compactMap { part -> String? in
            guard case .mapping(let values)? = node[part], !values.isEmpty else { return nil }
            return "\(part) " + values.map { "\($0.key) \($0.value.scalarText ?? "?")" }.joined(separator: ", ")
        }.joined(separator: "; ")
    }

    /// A variable's value as a reviewer may see it: a literal (or a ConfigMap's value), never a Secret's.
    func value(of variable: YAMLNode, namespace: String) -> String {
        if let literal = variable["value"]?.scalarText { return literal }
        let from = variable["valueFrom"]
        if let secret = from?["secretKeyRef"] {
            return "from Secret \(secret["name"]?.scalarText ?? "?") key \(secret["key"]?.scalarText ?? "?")"
        }
        if let reference = from?["configMapKeyRef"] {
            let name = reference["name"]?.scalarText ?? "?", key = reference["key"]?.scalarText ?? "?"
            if let value = objects["ConfigMap \(namespace)/\(name)"]?.node["data"]?[key]?.scalarText { return value }
            return "from ConfigMap \(name) key \(key)"
        }
        if let field = from?["fieldRef"]?["fieldPath"]?.scalarText { return "field \(field)" }
        if let resource = from?["resourceFieldRef"]?["resource"]?.scalarText { return "resource \(resource)" }
        return "(unset)"
    }

    /// `service → network edges` from the NetworkPolicies: `ingress from shop-gateway on 8080/TCP`.
    var edges: [String: Set<String>] {
        var edges: [String: Set<String>] = [:]
        for key in objects.keys.sorted() {
            guard let policy = objects[key], policy.kind == "NetworkPolicy" else { continue }
            let spec = policy.node["spec"]
            let service = spec?["podSelector"]?["matchLabels"]?["app.kubernetes.io/name"]?.scalarText ?? policy.name
            for (direction, peersKey, word) in [("ingress", "from", "from"), ("egress", "to", "to")] {
                guard case .sequence(let rules)? = spec?[direction] else { continue }
                for rule in rules {
                    let ports = Self.ports(rule["ports"])
                    guard case .sequence(let peers)? = rule[peersKey], !peers.isEmpty else {
                        edges[service, default: []].insert("\(direction) \(word) anywhere on \(ports)")
                        continue
                    }
                    for peer in peers {
                        edges[service, default: []].insert("\(direction) \(word) \(Self.peer(peer)) on \(ports)")
                    }
                }
            }
        }
        return edges
    }

    /// The external destinations (`ipBlock`s) a service's egress rules name: `cidr on ports`.
    var externalEgress: [String: Set<String>] {
        edges.mapValues { Set($0.filter { $0.hasPrefix("egress to ipBlock ") }.map { String($0.dropFirst(18)) }) }
            .filter { !$0.value.isEmpty }
    }

    static func peer(_ peer: YAMLNode) -> String {
        if let block = peer["ipBlock"] {
            var text = "ipBlock \(block["cidr"]?.scalarText ?? "?")"
            if case .sequence(let except)? = block["except"], !except.isEmpty {
                text += " except " + except.compactMap(\.scalarText).joined(separator: ", ")
            }
            return text
        }
        var text = ""
        if let namespace = peer["namespaceSelector"] {
            text += (namespace["matchLabels"]?["kubernetes.io/metadata.name"]?.scalarText ?? labels(namespace)) + "/"
        }
        if let pods = peer["podSelector"] {
            text += pods["matchLabels"]?["app.kubernetes.io/name"]?.scalarText ?? labels(pods)
        } else if !text.isEmpty {
            text += "*"
        }
        return text
    }

    private static func labels(_ selector: YAMLNode) -> String {
        guard case .mapping(let labels)? = selector["matchLabels"], !labels.isEmpty else { return "*" }
        return "{" + labels.map { "\($0.key)=\($0.value.scalarText ?? "?")" }.joined(separator: ",") + "}"
    }

    static func ports(_ node: YAMLNode?) -> String {
        guard case .sequence(let ports)? = node, !ports.isEmpty else { return "all ports" }
        return ports.map { "\($0["port"]?.scalarText ?? "*")/\($0["protocol"]?.scalarText ?? "TCP")" }
            .joined(separator: ", ")
    }
}

/// `registry/name:tag@sha256:…` in its three parts.
struct ImageParts {
    var repository: String
    var tag: String?
    var digest: String?

    init(_ reference: String) {
        var rest = Substring(reference)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        }
        repository = String(rest)
    }
}
