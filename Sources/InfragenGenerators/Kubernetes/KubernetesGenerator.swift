public import InfragenModel
import InfragenYAML

/// Kubernetes manifests: per environment a folder that deploys as a unit with `kubectl apply -k`.
///
///     <system>/<env>/kubernetes/kustomization.yaml
///     <system>/<env>/kubernetes/namespace.yaml
///     <system>/<env>/kubernetes/<service>.yaml      every object of one service, one document each
public struct KubernetesGenerator: Generator {
    public let kind = ArtifactKind.kubernetes

    public init() {}

    public func generate(_ system: ResolvedSystem) throws -> [GeneratedFile] {
        var files: [GeneratedFile] = []
        for environment in system.environments {
            let folder = OutputLayout.folder(system.name, environment.name, .kubernetes)
            func file(_ name: String, _ documents: [YAMLNode], source: SourceLocation) throws -> GeneratedFile {
                GeneratedFile(
                    path: "\(folder)/\(name)",
                    contents: FileHeader.hash(source: source, system: system.name) + (try YAML.render(documents)),
                    kind: .kubernetes, system: system.name, environment: environment.name)
            }
            var resources = ["namespace.yaml"]
            files.append(try file("namespace.yaml", [Manifests.namespace(environment)], source: system.description.location))
            for service in environment.services {
                let documents = Manifests.documents(for: service, in: environment)
                files.append(try file("\(service.name).yaml", documents, source: service.description.location))
                resources.append("\(service.name).yaml")
            }
            files.append(try file("kustomization.yaml", [Manifests.kustomization(environment, resources: resources)],
                                  source: system.description.location))
        }
        return files
    }
}
