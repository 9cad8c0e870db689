public import InfragenModel
import InfragenYAML

/// Kubernetes manifests: per environment one folder that deploys as a unit with `kubectl apply -k`.
///
///     <system>/<env>/kubernetes/kustomization.yaml   namespace, then every file below
///     <system>/<env>/kubernetes/namespace.yaml       the Namespace, enforcing the restricted Pod Security Standard
///     <system>/<env>/kubernetes/default-deny.yaml    a NetworkPolicy that denies all traffic the others do not allow
///     <system>/<env>/kubernetes/<service>.yaml       ServiceAccount, ConfigMap, Deployment, Service,
///                                                    HorizontalPodAutoscaler, PodDisruptionBudget, NetworkPolicy
///
/// Every namespaced object names its namespace, so each file also works with `kubectl apply -f`.
public struct KubernetesGenerator: Generator {
    public let kind = ArtifactKind.kubernetes

    /// Every file belongs to one environment and reads nothing of the others: environments render in parallel.
    public var generatesEachEnvironmentAlone: Bool { true }

    /// File names the environment's own objects take, which no service may take too.
    static let reservedServiceNames: Set<String> = ["namespace", "kustomization", "default-deny", "default-deny-all"]

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
            let systemSource = system.description.location
            var resources = ["namespace.yaml", "default-deny.yaml"]
            files.append(try file("namespace.yaml", [ClusterManifests.namespace(environment)], source: systemSource))
            files.append(try file(
                "default-deny.yaml", [ClusterManifests.defaultDeny(environment)], source: systemSource))
            let index = ServiceIndex(environment)
            for service in environment.services.sorted(by: { $0.name < $1.name }) {
                let manifests = ServiceManifests(service: service, environment: environment, index: index)
                let source = service.description.location
                files.append(try file("\(service.name).yaml", manifests.documents, source: source))
                resources.append("\(service.name).yaml")
            }
            files.append(try file(
                "kustomization.yaml", [ClusterManifests.kustomization(environment, resources: resources)],
                source: systemSource))
        }
        return files
    }
}
