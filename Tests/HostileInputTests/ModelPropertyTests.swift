import Foundation
import Infragen
import InfragenRender
import InfragenTestSupport
import InfragenYAML
import Testing

/// Random valid systems render to manifests that a YAML reader parses back to the model's values: every
/// environment variable (as the container sees it), port, resource quantity, replica count and image.
@Suite struct ModelPropertyTests {
    static let seeds = (0..<UInt64(PropertyScale.count(40))).map { $0 }

    @Test(arguments: seeds)
    func randomValidSystemsReadBackThroughLibyaml(seed: UInt64) throws {
        var generator = RandomBlueprint(seed: seed)
        let system = generator.system()
        let diagnostics = RenderPipeline().validate([system])
        try #require(!diagnostics.hasErrors, "seed \(seed): a valid random system was refused: \(diagnostics.errors)")
        let files = try renderInMemory([system])
        try expectCleanYAML(files, seed: seed)
        for environment in system.resolve().environments {
            for service in environment.services {
                let deployment = try KubernetesConsumer.deployment(
                    files, system: system.name, environment: environment.name, service: service.name)
                try expectDeployment(deployment, matches: service, seed: seed)
            }
        }
    }

    /// The same through kubectl's Go YAML reader (`kubectl kustomize`), for fewer systems (a process each).
    @Test(
        .enabled(if: ExternalTool.usable("kubectl"), ExternalTool.skipNote("kubectl")),
        arguments: seeds.prefix(PropertyScale.count(8)))
    func randomValidSystemsReadBackThroughKubectl(seed: UInt64) throws {
        var generator = RandomBlueprint(seed: seed)
        let system = generator.system()
        let files = try renderInMemory([system])
        for environment in system.resolve().environments {
            let documents = try KubernetesConsumer.kustomized(
                files, folder: "\(system.name)/\(environment.name)/kubernetes")
            for service in environment.services {
                let deployment = try #require(
                    documents.first {
                        $0["kind"]?.scalarText == "Deployment" && $0["metadata"]?["name"]?.scalarText == service.name
                    })
                try expectDeployment(deployment, matches: service, seed: seed)
            }
        }
    }

    func expectDeployment(_ deployment: YAMLNode, matches service: ResolvedService, seed: UInt64) throws {
        let where_ = "seed \(seed), \(service.environment)/\(service.name)"
        #expect(deployment["metadata"]?["namespace"]?.scalarText == service.namespace, "\(where_)")
        if service.autoscaling == nil {
            #expect(deployment["spec"]?["replicas"] == .integer(service.replicas), "\(where_): replicas")
        }
        let container = try KubernetesConsumer.container(deployment)
        #expect(container["image"]?.scalarText == service.image.text, "\(where_): image")

        // Environment: every entry once (the generator groups literals, ConfigMap keys and Secret keys), and what
        // the process sees.
        let written = KubernetesConsumer.writtenEnvironment(container)
        #expect(written.map(\.name).sorted() == service.environmentVariables.map(\.name).sorted(), "\(where_): env names")
        let seen = KubernetesConsumer.containerEnvironment(container)
        for variable in service.environmentVariables {
            switch variable.source {
            case .literal(let value), .config(let value):
                #expect(
                    seen[variable.name] == value,
                    "\(where_): env \(variable.name) \(value.debugDescription) → \(seen[variable.name]?.debugDescription ?? "nil")"
                )
            case .secret(let name, let key):
                let entry = try #require(
                    container["env"].flatMap { env -> YAMLNode? in
                        guard case .sequence(let items) = env else { return nil }
                        return items.first { $0["name"]?.scalarText == variable.name }
                    })
                #expect(entry["valueFrom"]?["secretKeyRef"]?["name"]?.scalarText == name, "\(where_): secret name")
                #expect(entry["valueFrom"]?["secretKeyRef"]?["key"]?.scalarText == key, "\(where_): secret key")
            case .resource(let resource):
                // Random blueprints declare none: resolution sizes the Go runtime (GOMAXPROCS from limits.cpu).
                let entry = try #require(
                    container["env"].flatMap { env -> YAMLNode? in
                        guard case .sequence(let items) = env else { return nil }
                        return items.first { $0["name"]?.scalarText == variable.name }
                    })
                #expect(entry["valueFrom"]?["resourceFieldRef"]?["resource"]?.scalarText == resource.rawValue,
                        "\(where_): resource \(variable.name)")
            case .field:
                Issue.record("\(where_): random blueprints declare no downward API fields")
            }
        }

        // Ports.
        let ports = service.ports
        if ports.isEmpty {
            #expect(container["ports"] == nil, "\(where_): ports")
        } else {
            for (index, port) in ports.enumerated() {
                #expect(container["ports"]?[index]?["name"]?.scalarText == port.name, "\(where_): port name")
                #expect(container["ports"]?[index]?["containerPort"] == .integer(port.number), "\(where_): port number")
                #expect(
                    container["ports"]?[index]?["protocol"]?.scalarText == port.transport.rawValue,
                    "\(where_): protocol")
            }
        }

        // Resources, as numbers.
        let resources = service.resources
        let requests = container["resources"]?["requests"]
        let limits = container["resources"]?["limits"]
        #expect(
            requests?["cpu"]?.scalarText.flatMap(KubernetesQuantity.thousandths)
                == Int64(resources.cpuRequest.millicores), "\(where_): cpu request")
        #expect(
            limits?["cpu"]?.scalarText.flatMap(KubernetesQuantity.thousandths) == Int64(resources.cpuLimit.millicores),
            "\(where_): cpu limit")
        #expect(
            requests?["memory"]?.scalarText.flatMap(KubernetesQuantity.units) == resources.memoryRequest.bytes,
            "\(where_): memory request")
        #expect(
            limits?["memory"]?.scalarText.flatMap(KubernetesQuantity.units) == resources.memoryLimit.bytes,
            "\(where_): memory limit")
    }
}

/// Every YAML file parses, and its text is a clean YAML stream: printable characters only, no raw CR, NEL, LS or PS
/// (which YAML 1.1 and 1.2 readers treat differently); everything else escaped.
func expectCleanYAML(_ files: [String: String], seed: UInt64) throws {
    for (path, contents) in files where path.hasSuffix(".yaml") {
        #expect(throws: Never.self, "seed \(seed): \(path)") { try YAML.parse(contents) }
        if let scalar = YAMLStreamRules.firstUnclean(contents) {
            Issue.record("seed \(seed): \(path) holds a raw \(TextRules.codePoint(scalar))")
        }
    }
}

enum YAMLStreamRules {
    /// The first character a YAML emitter must not write raw: outside YAML's printable set, or a line break other
    /// than LF.
    static func firstUnclean(_ text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first { scalar in
            let v = scalar.value
            let printable =
                v == 0x9 || v == 0xA || (0x20...0x7E).contains(v) || (0xA0...0xD7FF).contains(v)
                || (0xE000...0xFFFD).contains(v) || (0x10000...0x10FFFF).contains(v)
            return !printable || v == 0x2028 || v == 0x2029
        }
    }
}
