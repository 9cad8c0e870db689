import InfragenModel

extension ReportGenerator {
    /// Who may talk to whom, read from the NetworkPolicies the Kubernetes folder holds (the same typed objects, built
    /// by the same builders), over each namespace's default-deny: one row per connection a policy lets through, with
    /// the environments it holds in; then what leaves the cluster. The lookups every pod makes to the cluster DNS are
    /// left out here (see "Before kubectl apply").
    func network(_ system: ResolvedSystem, _ doc: inout Markdown) {
        let environments = system.environments.filter { !$0.services.isEmpty }
        guard !environments.isEmpty else { return }
        var edges = OrderedRows(), external = OrderedRows()
        for environment in environments {
            let policies = Self.networkPolicies(system, environment)
            for policy in policies {
                for rule in policy.ingress {
                    for peer in rule.from {
                        edges.add([Self.describe(peer, external: true), policy.name, Self.ports(rule.ports)], environment.name)
                    }
                }
                for rule in policy.egress where !Self.isDNS(rule, policy.dns) {
                    for peer in rule.to {
                        if let block = peer.ipBlock {
                            let destination = policy.destinations.first {
                                $0.cidrs.contains(block.cidr) && $0.ports == rule.ports.compactMap(\.number)
                            }?.destination ?? "-"
                            external.add([policy.name, Self.describe(block), destination, Self.ports(rule.ports)],
                                         environment.name)
                        } else {
                            edges.add([policy.name, Self.describe(peer, external: true), Self.ports(rule.ports)],
                                      environment.name)
                        }
                    }
                }
            }
        }
        doc.heading(2, "Network")
        doc.paragraph(
            "Every namespace denies all traffic (default-deny.yaml); each workload's NetworkPolicy lets through only "
                + "these connections, on these container ports (TCP unless said). A canary is reached and calls as its "
                + "service does.")
        let all = environments.map(\.name)
        doc.table(["from", "to", "ports", "environments"], edges.rows(all: all, grouping: 1))
        doc.heading(3, "External egress")
        let externalRows = external.rows(all: all)
        if externalRows.isEmpty {
            doc.paragraph("Nothing leaves the cluster but DNS lookups: no workload may open a connection outside it.")
        } else {
            doc.paragraph("Connections out of the cluster (Egress, UpstreamAddress); public destinations exclude the private ranges.")
            doc.table(["from", "to", "destination", "ports", "environments"], externalRows)
        }
    }

    /// One NetworkPolicy as the report reads it: the workload it selects, its rules, and what the blueprint says of
    /// its ipBlock destinations.
    struct PolicyView {
        var name: String
        var ingress: [K8s.NetworkPolicyIngressRule]
        var egress: [K8s.NetworkPolicyEgressRule]
        var dns: ClusterDNSDescription
        var destinations: [ExternalEgressDescription]
    }

    /// The environment's policies: each service's (``NetworkPolicyBuilder``) and the gateway's.
    static func networkPolicies(_ system: ResolvedSystem, _ environment: ResolvedEnvironment) -> [PolicyView] {
        let index = ServiceIndex(environment)
        let builder = NetworkPolicyBuilder()
        var views = environment.services.map { service in
            let context = ServiceContext(service: service, environment: environment, index: index)
            return PolicyView(
                name: service.name, ingress: builder.ingress(context), egress: builder.egress(context),
                dns: service.clusterDNS, destinations: service.externalEgress)
        }
        // The policy reads no Nginx file: rendering the configuration again for it would double the gateway's cost.
        if let gateway = GatewayManifests(withoutFilesFor: system, environment: environment) {
            let policy = gateway.networkPolicy.spec
            views.insert(PolicyView(
                name: gateway.name, ingress: policy.ingress ?? [], egress: policy.egress ?? [],
                dns: environment.gatewayClusterDNS, destinations: []), at: 0)
        }
        return views
    }

    /// Whether a rule is the cluster DNS rule (``NetworkPolicyBuilder/dnsRule(_:)``).
    static func isDNS(_ rule: K8s.NetworkPolicyEgressRule, _ dns: ClusterDNSDescription) -> Bool {
        let expected = NetworkPolicyBuilder.dnsRule(dns)
        return ports(rule.ports) == ports(expected.ports)
            && rule.to.map { describe($0, external: false) } == expected.to.map { describe($0, external: false) }
    }

    /// `order-service`, `shop-gateway`, `monitoring pods app.kubernetes.io/name=prometheus`, `any address`.
    static func describe(_ peer: K8s.NetworkPolicyPeer, external: Bool) -> String {
        if let block = peer.ipBlock { return describe(block) }
        let pods = peer.podSelector?.matchLabels?.pairs ?? []
        let podText = pods.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        if let namespace = peer.namespaceSelector?.matchLabels?.pairs.first(where: { $0.key == "kubernetes.io/metadata.name" }) {
            return "namespace \(namespace.value)" + (podText.isEmpty ? "" : " pods \(podText)")
        }
        if pods.count == 1, pods[0].key == "app.kubernetes.io/name" { return pods[0].value }
        return pods.isEmpty ? "every pod" : "pods \(podText)"
    }

    static func describe(_ block: K8s.IPBlock) -> String {
        let range = block.cidr == "0.0.0.0/0" ? "any address" : block.cidr
        return range + ((block.except ?? []).isEmpty ? "" : " except " + (block.except ?? []).joined(separator: ", "))
    }

    /// `8080`, `53/UDP, 53`.
    static func ports(_ ports: [K8s.NetworkPolicyPort]) -> String {
        guard !ports.isEmpty else { return "all" }
        return ports.map { port in
            let number: String
            switch port.port {
            case .int(let value): number = String(value)
            case .string(let name): number = name
            }
            return port.protocol == "TCP" ? number : "\(number)/\(port.protocol)"
        }.joined(separator: ", ")
    }
}

extension K8s.NetworkPolicyPort {
    /// The port number, when it is one.
    var number: Int? {
        if case .int(let value) = port { return value }
        return nil
    }
}

/// Table rows in the order they first appear, each with the environments it holds in.
struct OrderedRows {
    private var order: [[String]] = []
    private var environments: [[String]: [String]] = [:]

    mutating func add(_ row: [String], _ environment: String) {
        if environments[row] == nil { order.append(row) }
        if !(environments[row] ?? []).contains(environment) { environments[row, default: []].append(environment) }
    }

    /// Each row with its environments (`all` when it holds in every one of `all`); with `grouping`, rows are kept
    /// together by that column's value, in the order each value first appears.
    func rows(all: [String], grouping column: Int? = nil) -> [[String]] {
        var ordered = order
        if let column {
            var first: [String: Int] = [:]
            for (position, row) in order.enumerated() where first[row[column]] == nil { first[row[column]] = position }
            ordered = order.enumerated().sorted { lhs, rhs in
                let (a, b) = (first[lhs.element[column]] ?? 0, first[rhs.element[column]] ?? 0)
                return a != b ? a < b : lhs.offset < rhs.offset
            }.map(\.element)
        }
        return ordered.map { row in
            let names = environments[row] ?? []
            return row + [names == all && all.count > 1 ? "all" : names.joined(separator: ", ")]
        }
    }
}
