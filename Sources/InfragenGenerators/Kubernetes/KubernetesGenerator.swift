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

    /// File names the environment's own objects take, which no service may take too.
    static let reservedServiceNames: Set<String> = ["namespace", "kustomization", "default-deny", "default-deny-all"]

    /// What builds a service's objects, in the order of its file.
    let serviceBuilders: [any ServiceObjectBuilder]

    public init() {
        self.init(serviceBuilders: ServiceObjectBuilders.all)
    }

    /// A generator whose service files hold what `serviceBuilders` build (the registered builders, and a test's).
    init(serviceBuilders: [any ServiceObjectBuilder]) {
        self.serviceBuilders = serviceBuilders
    }

    public func generate(_ system: ResolvedSystem) throws -> [GeneratedFile] {
        try system.environments.indices.flatMap { try files(system, environment: $0, slice: 0, of: 1) }
    }

    /// Per environment, and per slice of a large environment's services.
    public func partCount(_ system: ResolvedSystem) -> Int { GenerationParts(system).count }

    public func generate(_ system: ResolvedSystem, part: Int) throws -> [GeneratedFile] {
        let parts = GenerationParts(system)
        let (environment, slice) = parts.locate(part)
        return try files(system, environment: environment, slice: slice, of: parts.slices)
    }

    /// One environment's files: slice 0 has the namespace, the default deny and the kustomization; every slice the
    /// services at its positions (in name order).
    private func files(
        _ system: ResolvedSystem, environment position: Int, slice: Int, of slices: Int
    ) throws -> [GeneratedFile] {
        let environment = system.environments[position]
        var files: [GeneratedFile] = []
        let folder = OutputLayout.folder(system.name, environment.name, .kubernetes)
        func file(_ name: String, _ documents: [YAMLNode], source: SourceLocation) throws -> GeneratedFile {
            GeneratedFile(
                path: "\(folder)/\(name)",
                contents: FileHeader.hash(source: source, system: system.name) + (try YAML.render(documents)),
                kind: .kubernetes, system: system.name, environment: environment.name)
        }
        let systemSource = system.description.location
        let services = environment.services.sorted(by: { $0.name < $1.name })
        if slice == 0 {
            files.append(try file(
                "namespace.yaml", [ClusterManifests.namespace(environment).yamlNode], source: systemSource))
            files.append(try file(
                "default-deny.yaml", [ClusterManifests.defaultDeny(environment).yamlNode], source: systemSource))
            let resources = ["namespace.yaml", "default-deny.yaml"] + services.map { "\($0.name).yaml" }
            files.append(try file(
                "kustomization.yaml", [ClusterManifests.kustomization(environment, resources: resources).yamlNode],
                source: systemSource))
        }
        let index = ServiceIndex(environment)
        for (position, service) in services.enumerated() where position % slices == slice {
            let manifests = ServiceManifests(
                service: service, environment: environment, index: index, builders: serviceBuilders)
            files.append(try file("\(service.name).yaml", manifests.documents, source: service.description.location))
        }
        return files
    }
}
