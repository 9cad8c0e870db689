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

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("type", type)
            yaml.add("selector", selector)
            yaml.add("ports", ports)
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

/// A ClusterIP Service over every container port, by name, on its Service port; none for a service without ports
/// (a worker).
struct KubernetesServiceBuilder: ServiceObjectBuilder {
    func objects(for context: ServiceContext) -> [any KubernetesObject] {
        let ports = context.service.ports
        guard !ports.isEmpty else { return [] }
        let spec = K8s.ServiceSpec(
            type: "ClusterIP",
            selector: context.selector,
            ports: ports.map { port in
                K8s.ServicePort(
                    name: port.name, port: port.servicePort, targetPort: .string(port.name),
                    protocol: port.transport.rawValue, appProtocol: port.appProtocol?.kubernetesName)
            })
        return [K8s.Service(metadata: context.metadata(), spec: spec)]
    }
}
