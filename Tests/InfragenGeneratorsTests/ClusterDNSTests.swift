import Infragen
import InfragenTestSupport
import InfragenYAML
import Testing

/// DNS egress to a node-local cache (issue 16): `ClusterDNS` names the DNS pods, IPv4 ranges (NodeLocal DNSCache's
/// link-local address), or both, and the NetworkPolicy's DNS rule lets out to each.
@Suite struct ClusterDNSTests {
    func dnsRule(_ system: SystemDescription) throws -> YAMLNode {
        let policy = try object("NetworkPolicy", in: try #require(try kubernetesFiles(system)["sample/prod/kubernetes/api.yaml"]))
        guard case .sequence(let rules)? = policy["spec"]?["egress"] else { throw NoDNSRule() }
        return try #require(rules.last)
    }

    struct NoDNSRule: Error {}

    @Test func thePodsAndANodeLocalCacheAreBothLetOut() throws {
        let rule = try dnsRule(sampleSystem {
            ClusterDNS(namespace: "kube-system", podLabels: ["k8s-app": "kube-dns"], cidrs: ["169.254.20.10/32"])
        })
        guard case .sequence(let peers)? = rule["to"] else { Issue.record("no peers"); return }
        #expect(peers.count == 2)
        #expect(peers[0]["namespaceSelector"]?["matchLabels"]?["kubernetes.io/metadata.name"] == "kube-system")
        #expect(peers[1]["ipBlock"]?["cidr"] == "169.254.20.10/32")
        #expect(peers[1]["ipBlock"]?["except"] == nil)
        guard case .sequence(let ports)? = rule["ports"] else { Issue.record("no ports"); return }
        #expect(ports.map { $0["protocol"]?.scalarText } == ["UDP", "TCP"])
    }

    @Test func addressesAloneNeedNoPods() throws {
        let rule = try dnsRule(sampleSystem { ClusterDNS(cidrs: ["169.254.20.10/32", "10.96.0.10/32"], port: 53) })
        guard case .sequence(let peers)? = rule["to"] else { Issue.record("no peers"); return }
        #expect(peers.map { $0["ipBlock"]?["cidr"]?.scalarText } == ["169.254.20.10/32", "10.96.0.10/32"])
        #expect(peers.allSatisfy { $0["namespaceSelector"] == nil && $0["podSelector"] == nil })
    }

    @Test func aRangeThatIsNotCIDRAndNoServerAtAllAreRefused() {
        let bad = sampleSystem { ClusterDNS(cidrs: ["169.254.20.10"], fileID: "D.swift", line: 7) }
        let errors = RenderFailedProbe.errors(bad)
        #expect(errors.map(\.field) == ["clusterDNS.cidrs"], "\(errors)")
        #expect(errors.first?.message.contains("'169.254.20.10' is not an IPv4 range in CIDR notation") == true)
        #expect(errors.first?.location?.line == 7)

        let none = sampleSystem { ClusterDNS(cidrs: [], fileID: "D.swift", line: 8) }
        let noneErrors = RenderFailedProbe.errors(none)
        #expect(noneErrors.map(\.field) == ["clusterDNS.cidrs"], "\(noneErrors)")
        #expect(noneErrors.first?.message.contains("no DNS server is named") == true)
    }
}
