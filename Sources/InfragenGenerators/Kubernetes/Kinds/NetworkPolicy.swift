import InfragenModel
import InfragenYAML

extension K8s {
    /// `networking.k8s.io/v1` NetworkPolicy.
    typealias NetworkPolicy = Object<NetworkPolicySpec>

    struct NetworkPolicySpec: ObjectSpec {
        static let apiVersion = "networking.k8s.io/v1"
        static let kind = "NetworkPolicy"
        var podSelector: LabelSelector
        var policyTypes: [String]
        var ingress: [NetworkPolicyIngressRule]?
        var egress: [NetworkPolicyEgressRule]?

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("podSelector", podSelector)
            yaml.add("policyTypes", policyTypes)
            yaml.add("ingress", ingress)
            yaml.add("egress", egress)
        }
    }

    struct NetworkPolicyIngressRule: YAMLObject, Sendable {
        var from: [NetworkPolicyPeer]
        var ports: [NetworkPolicyPort]

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("from", from)
            yaml.add("ports", ports)
        }
    }

    struct NetworkPolicyEgressRule: YAMLObject, Sendable {
        var to: [NetworkPolicyPeer]
        var ports: [NetworkPolicyPort]

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("to", to)
            yaml.add("ports", ports)
        }
    }

    /// A `NetworkPolicyPeer`: an address range, or pods by namespace and labels (both given: both must match).
    struct NetworkPolicyPeer: YAMLObject, Sendable {
        var ipBlock: IPBlock?
        var namespaceSelector: LabelSelector?
        var podSelector: LabelSelector?

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("ipBlock", ipBlock)
            yaml.add("namespaceSelector", namespaceSelector)
            yaml.add("podSelector", podSelector)
        }
    }

    struct IPBlock: YAMLObject, Sendable {
        var cidr: String
        var except: [String]?

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("cidr", cidr)
            yaml.add("except", except)
        }
    }

    struct NetworkPolicyPort: YAMLObject, Sendable {
        var port: IntOrString
        var `protocol`: String

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("port", port)
            yaml.add("protocol", `protocol`)
        }
    }
}

/// What may reach the service and what it may reach, over the namespace's default-deny:
///
/// - in: the system's gateway pods (and a `GatewayNamespace`'s pods) on the ports its routes use (when it has routes); clients outside the cluster on
///   every port when its Service is a LoadBalancer or a NodePort (from the load balancer's source ranges when the
///   traffic policy keeps the client's address, else from anywhere: the load balancer or kube-proxy filters); each
///   service that depends on it, on its container ports; the metrics scraper on the metrics port;
/// - out: each dependency on that service's container ports; declared external destinations (`Egress`) on their
///   ports; the cluster DNS (its pods, its addresses, or both) on UDP and TCP.
///
/// Ports are container port numbers: policies apply after the Service has translated its port.
struct NetworkPolicyBuilder: ServiceObjectBuilder {
    func objects(for context: ServiceContext) -> [any KubernetesObject] {
        let service = context.service
        let spec = K8s.NetworkPolicySpec(
            podSelector: K8s.LabelSelector(matchLabels: Labels.workload(service)),
            policyTypes: ["Ingress", "Egress"],
            ingress: ingress(context).nonEmpty,
            egress: egress(context))
        return [K8s.NetworkPolicy(metadata: context.metadata(), spec: spec)]
    }

    func ingress(_ context: ServiceContext) -> [K8s.NetworkPolicyIngressRule] {
        let service = context.service
        var rules: [K8s.NetworkPolicyIngressRule] = []
        if !service.routes.isEmpty {
            let names = Set(service.routes.map(\.port.name))
            // The system's gateway pods, in this namespace; and a gateway infragen does not deploy, by namespace.
            let gateway = K8s.NetworkPolicyPeer(
                podSelector: K8s.LabelSelector(matchLabels: GatewayManifests.podLabels(system: service.system)))
            let other = service.gatewayNamespace.map { [Self.namespacePeer($0, podLabels: [:])] } ?? []
            rules.append(K8s.NetworkPolicyIngressRule(
                from: [gateway] + other, ports: Self.ports(service.ports.filter { names.contains($0.name) })))
        }
        let exposure = service[.exposure]
        if exposure.kind != .clusterIP, !service.ports.isEmpty {
            // Only with externalTrafficPolicy Local does the pod see the client's address, which the source ranges
            // name; with Cluster a node may forward the connection SNATed to its own, and the load balancer filters.
            let ranges = exposure.externalTrafficPolicy == .local ? exposure.sourceRanges : []
            rules.append(K8s.NetworkPolicyIngressRule(
                from: (ranges.isEmpty ? ["0.0.0.0/0"] : ranges).map {
                    K8s.NetworkPolicyPeer(ipBlock: K8s.IPBlock(cidr: $0, except: nil))
                },
                ports: Self.ports(service.ports)))
        }
        for dependent in context.index.dependents(of: service.name) {
            rules.append(K8s.NetworkPolicyIngressRule(
                from: [Self.podPeer(dependent)], ports: Self.ports(service.ports)))
        }
        if let scraper = service.metricsScraper, let port = context.metricsPort {
            rules.append(K8s.NetworkPolicyIngressRule(
                from: [Self.namespacePeer(scraper.namespace, podLabels: scraper.podLabels)], ports: Self.ports([port])))
        }
        return rules
    }

    func egress(_ context: ServiceContext) -> [K8s.NetworkPolicyEgressRule] {
        let service = context.service
        var rules: [K8s.NetworkPolicyEgressRule] = []
        for name in Set(service.dependencies).sorted() {
            guard let dependency = context.index[name] else { continue }
            rules.append(K8s.NetworkPolicyEgressRule(
                to: [Self.podPeer(dependency)], ports: Self.ports(dependency.ports)))
        }
        for external in service.externalEgress {
            // ipBlock ranges; public destinations exclude the private ranges, so no path opens into the cluster.
            let except = external.cidrs == ExternalEgressDescription.publicInternet
                ? ExternalEgressDescription.privateRanges : []
            rules.append(K8s.NetworkPolicyEgressRule(
                to: external.cidrs.map { cidr in
                    K8s.NetworkPolicyPeer(ipBlock: K8s.IPBlock(cidr: cidr, except: except.nonEmpty))
                },
                ports: external.ports.map { K8s.NetworkPolicyPort(port: .int($0), protocol: "TCP") }))
        }
        rules.append(Self.dnsRule(service.clusterDNS))
        return rules
    }

    /// Out to the cluster DNS: the DNS pods, and the addresses a node-local cache listens on (a pod's lookup goes to
    /// either), on UDP and TCP. The gateway's policy uses the same rule.
    static func dnsRule(_ dns: ClusterDNSDescription) -> K8s.NetworkPolicyEgressRule {
        let dnsPods = dns.peer.map { [namespacePeer($0.namespace, podLabels: $0.podLabels)] } ?? []
        return K8s.NetworkPolicyEgressRule(
            to: dnsPods + dns.cidrs.map { K8s.NetworkPolicyPeer(ipBlock: K8s.IPBlock(cidr: $0, except: nil)) },
            ports: [
                K8s.NetworkPolicyPort(port: .int(dns.port), protocol: "UDP"),
                K8s.NetworkPolicyPort(port: .int(dns.port), protocol: "TCP"),
            ])
    }

    /// The container ports, by number.
    static func ports(_ ports: [ResolvedPort]) -> [K8s.NetworkPolicyPort] {
        ports.map { K8s.NetworkPolicyPort(port: .int($0.number), protocol: $0.transport.rawValue) }
    }

    /// Another service's pods in this namespace, its canary's included.
    static func podPeer(_ other: ResolvedService) -> K8s.NetworkPolicyPeer {
        K8s.NetworkPolicyPeer(podSelector: K8s.LabelSelector(matchLabels: Labels.workload(other)))
    }

    /// Pods of another namespace, by the namespace's name label (which the API server sets, so it cannot be
    /// spoofed) and, when given, their labels: both in one peer, so both must match.
    static func namespacePeer(_ namespace: String, podLabels: [String: String]) -> K8s.NetworkPolicyPeer {
        K8s.NetworkPolicyPeer(
            namespaceSelector: K8s.LabelSelector(matchLabels: ["kubernetes.io/metadata.name": namespace]),
            podSelector: podLabels.isEmpty ? nil : K8s.LabelSelector(matchLabels: Labels.matching(podLabels)))
    }
}
