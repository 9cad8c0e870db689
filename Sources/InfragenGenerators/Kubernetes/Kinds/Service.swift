import InfragenModel
import InfragenYAML

extension K8s {
    /// `v1` Service.
    typealias Service = Object<ServiceSpec>

    struct ServiceSpec: ObjectSpec {
        static let apiVersion = "v1"
        static let kind = "Service"
        var type: String
        var selector: StringMap
        var ports: [ServicePort]
        /// `None` for a StatefulSet's headless Service: DNS answers with each pod's address.
        var clusterIP: String? = nil
        /// A headless Service publishes pods before they are ready, so that members can find each other to start.
        var publishNotReadyAddresses: Bool? = nil
        var externalTrafficPolicy: String? = nil
        var loadBalancerSourceRanges: [String]? = nil

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("type", type)
            yaml.add("selector", selector)
            yaml.add("ports", ports)
            yaml.add("clusterIP", clusterIP)
            yaml.add("publishNotReadyAddresses", publishNotReadyAddresses)
            yaml.add("externalTrafficPolicy", externalTrafficPolicy)
            yaml.add("loadBalancerSourceRanges", loadBalancerSourceRanges)
        }
    }

    struct ServicePort: YAMLObject, Sendable {
        var name: String
        var port: Int
        var targetPort: IntOrString
        var `protocol`: String
        var appProtocol: String? = nil

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("name", name)
            yaml.add("port", port)
            yaml.add("targetPort", targetPort)
            yaml.add("protocol", `protocol`)
            yaml.add("appProtocol", appProtocol)
        }
    }
}

/// A Service over every container port, by name, on its Service port, of the type `Expose` chooses (ClusterIP
/// unless set; always ClusterIP for a canary, which only the gateway calls); none for a service without ports (a
/// worker, a Job). A StatefulSet also gets its headless Service, `<service>-headless`, which names each pod in DNS
/// (`redis-0.redis-headless`).
struct KubernetesServiceBuilder: ServiceObjectBuilder {
    func objects(for context: ServiceContext) -> [any KubernetesObject] {
        let ports = context.service.ports
        guard !ports.isEmpty else { return [] }
        let exposure = context.isCanary ? ServiceExposure.clusterIP : context.service[.exposure]
        let servicePorts = ports.map { port in
            K8s.ServicePort(
                name: port.name, port: port.servicePort, targetPort: .string(port.name),
                protocol: port.transport.rawValue, appProtocol: port.appProtocol?.kubernetesName)
        }
        let spec = K8s.ServiceSpec(
            type: exposure.kind.rawValue,
            selector: context.selector,
            ports: servicePorts,
            externalTrafficPolicy: exposure.externalTrafficPolicy?.rawValue,
            loadBalancerSourceRanges: exposure.sourceRanges.nonEmpty)
        var services = [K8s.Service(metadata: context.adding(.service, to: context.metadata()), spec: spec)]
        if case .statefulSet = context.service.workload {
            let headless = K8s.ServiceSpec(
                type: ServiceExposure.Kind.clusterIP.rawValue, selector: context.selector, ports: servicePorts,
                clusterIP: "None", publishNotReadyAddresses: true)
            let name = StatefulSetBuilder.headlessServiceName(context.service.name)
            services.append(K8s.Service(metadata: context.adding(.service, to: context.metadata(name: name)), spec: headless))
        }
        return services
    }
}
