import InfragenModel
import InfragenYAML

extension ServiceManifests {
    /// What may reach the service and what it may reach, over the namespace's default-deny:
    ///
    /// - in: the gateway's namespace on the ports its routes use (when it has routes); each service that depends
    ///   on it, on its container ports; the metrics scraper on the metrics port;
    /// - out: each dependency on that service's container ports; declared external destinations (`Egress`) on their
    ///   ports; the cluster DNS on UDP and TCP.
    ///
    /// Ports are container port numbers: policies apply after the Service has translated its port.
    var networkPolicy: YAMLNode {
        var ingress: [YAMLNode] = []
        let description = service.description
        if !description.routes.isEmpty {
            let names = Set(description.routes.compactMap { $0.port ?? description.ports.first?.name })
            ingress.append(rule("from", [namespacePeer(service.gatewayNamespace, podLabels: [:])],
                                ports: description.ports.filter { names.contains($0.name) }))
        }
        let dependents = index.dependents(of: service.name)
        for dependent in dependents {
            ingress.append(rule("from", [podPeer(dependent)], ports: description.ports))
        }
        if let scraper = service.metricsScraper, let port = metricsPort {
            let peer = namespacePeer(scraper.namespace, podLabels: scraper.podLabels)
            ingress.append(rule("from", [peer], ports: [port]))
        }

        var egress: [YAMLNode] = []
        let dependencies = Set(description.dependencies.map(\.service)).sorted()
        for name in dependencies {
            guard let dependency = index[name] else { continue }
            egress.append(rule("to", [podPeer(dependency)], ports: dependency.description.ports))
        }
        for external in description.externalEgress {
            // ipBlock ranges; public destinations exclude the private ranges, so no path opens into the cluster.
            let except = external.cidrs == ExternalEgressDescription.publicInternet ? ExternalEgressDescription.privateRanges : []
            let blocks: [YAMLNode] = external.cidrs.map { cidr in
                .mapping([("ipBlock", .mapping([
                    ("cidr", .string(cidr)),
                    ("except", except.isEmpty ? nil : .sequence(except.map { .string($0) })),
                ]))])
            }
            egress.append(.mapping([
                ("to", .sequence(blocks)),
                ("ports", .sequence(external.ports.map { .mapping([("port", .integer($0)), ("protocol", "TCP")]) })),
            ]))
        }
        let dns = service.clusterDNS
        egress.append(.mapping([
            ("to", [namespacePeer(dns.peer.namespace, podLabels: dns.peer.podLabels)]),
            ("ports", [
                .mapping([("port", .integer(dns.port)), ("protocol", "UDP")]),
                .mapping([("port", .integer(dns.port)), ("protocol", "TCP")]),
            ]),
        ]))

        return .mapping([
            ("apiVersion", "networking.k8s.io/v1"),
            ("kind", "NetworkPolicy"),
            ("metadata", metadata()),
            ("spec", .mapping([
                ("podSelector", .mapping([("matchLabels", Labels.workload(service))])),
                ("policyTypes", ["Ingress", "Egress"]),
                ("ingress", ingress.isEmpty ? nil : .sequence(ingress)),
                ("egress", .sequence(egress)),
            ])),
        ])
    }

    /// One rule: peers (`from` or `to`) and the ports they may use.
    private func rule(_ direction: String, _ peers: [YAMLNode], ports: [PortDescription]) -> YAMLNode {
        .mapping([
            (direction, .sequence(peers)),
            ("ports", .sequence(ports.map { port in
                .mapping([("port", .integer(port.number)), ("protocol", .string(port.transport.rawValue))])
            })),
        ])
    }

    /// Another service's pods in this namespace, its canary's included.
    private func podPeer(_ other: ResolvedService) -> YAMLNode {
        .mapping([("podSelector", .mapping([("matchLabels", Labels.workload(other))]))])
    }

    /// Pods of another namespace, by the namespace's name label (which the API server sets, so it cannot be
    /// spoofed) and, when given, their labels: both in one peer, so both must match.
    private func namespacePeer(_ namespace: String, podLabels: [String: String]) -> YAMLNode {
        .mapping([
            ("namespaceSelector", .mapping([
                ("matchLabels", .mapping([("kubernetes.io/metadata.name", .string(namespace))])),
            ])),
            ("podSelector", podLabels.isEmpty ? nil : .mapping([("matchLabels", Labels.matching(podLabels))])),
        ])
    }
}
