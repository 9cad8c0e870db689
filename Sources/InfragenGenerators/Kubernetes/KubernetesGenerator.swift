public import InfragenModel
import InfragenYAML

/// Kubernetes manifests: per environment one folder that deploys as a unit with `kubectl apply -k`.
///
///     <system>/<env>/kubernetes/kustomization.yaml   namespace, then every file below
///     <system>/<env>/kubernetes/namespace.yaml       the Namespace, enforcing the restricted Pod Security Standard
///     <system>/<env>/kubernetes/default-deny.yaml    a NetworkPolicy that denies all traffic the others do not allow
///     <system>/<env>/kubernetes/<system>-gateway.yaml the Nginx gateway, when a service has routes
///     <system>/<env>/kubernetes/<service>.yaml       ServiceAccount, ConfigMap, Deployment, Service,
///                                                    HorizontalPodAutoscaler, PodDisruptionBudget, NetworkPolicy
///     <system>/<env>/kubernetes/slo-rules.yaml       the SLO rules as PrometheusRule objects, when there are SLOs
///
/// Every namespaced object names its namespace, so each file also works with `kubectl apply -f`.
public struct KubernetesGenerator: Generator {
    public let kind = ArtifactKind.kubernetes
    public let folders = [folder]
    static let folder = OutputFolder.inEnvironment("kubernetes")

    /// File names the environment's own objects take, which no service may take too.
    static let reservedServiceNames: Set<String> = [
        "namespace", "kustomization", "default-deny", "default-deny-all", "slo-rules",
    ]

    /// What builds a service's objects, in the order of its file.
    let serviceBuilders: [any ServiceObjectBuilder]

    public init() {
        self.init(serviceBuilders: ServiceObjectBuilders.all)
    }

    /// A generator whose service files hold what `serviceBuilders` build (the registered builders, and a test's).
    init(serviceBuilders: [any ServiceObjectBuilder]) {
        self.serviceBuilders = serviceBuilders
    }

    /// The namespace, the default deny and the kustomization that lists every file.
    public func files(environment: ResolvedEnvironment, system: ResolvedSystem, cache: GenerationCache) throws
        -> [GeneratedFile] {
        // A system of external services only (rules only) deploys nothing here: no Namespace, no kustomization.
        guard !environment.services.isEmpty || !environment.rawObjects.isEmpty else { return [] }
        let source = system.declaredAt
        let services = environment.services.map(\.name).sorted()
        let raw = environment.rawObjects.map(KustomizeExtras.rawFileName)
        let gateway = try GatewayManifests(system: system, environment: environment, cache: cache)
        let rules = try SLORuleObjects(system: system.name, environment: environment,
                                       rules: try SLORuleTexts.of(environment, system: system.name, cache: cache))
        let resources = ["namespace.yaml", "default-deny.yaml"] + (gateway.map { [$0.fileName] } ?? [])
            + services.map { "\($0).yaml" } + (rules.isEmpty ? [] : [SLORuleObjects.fileName]) + raw
        // Validation parsed each raw object and patch (`KustomizeExtras.validate`); a failure here is an internal one.
        let objects = environment.patches.isEmpty ? [:] : KustomizeExtras.objects(of: environment, builders: serviceBuilders)
        let patches = try environment.patches.map { patch in
            K8s.Kustomization.Patch(
                patch: try KustomizeExtras.text(patch, objects: objects),
                target: K8s.Kustomization.Target(kind: patch.kind, name: patch.name))
        }
        var files = [
            try file("namespace.yaml", [ClusterManifests.namespace(environment).yamlNode], source, environment, system),
            try file("default-deny.yaml", [ClusterManifests.defaultDeny(environment).yamlNode], source, environment,
                     system),
            try file("kustomization.yaml",
                     [ClusterManifests.kustomization(environment, resources: resources, patches: patches).yamlNode],
                     source, environment, system),
        ]
        if let gateway {
            files.append(try file(gateway.fileName, gateway.objects.map(\.yamlNode), system.gateway.declaredAt,
                                  environment, system))
        }
        if !rules.isEmpty {
            let header = FileHeader.hash(source: system.declaredAt, system: system.name, command: system.command)
            files.append(file(SLORuleObjects.fileName, contents: try rules.render(after: header), environment, system))
        }
        for object in environment.rawObjects {
            files.append(try file(KustomizeExtras.rawFileName(object), [try KustomizeExtras.document(object).get()],
                                  object.location, environment, system))
        }
        return files
    }

    /// The service's own objects; the index of who calls whom is built once per environment.
    public func files(service: ResolvedService, environment: ResolvedEnvironment, system: ResolvedSystem,
                      cache: GenerationCache) throws -> [GeneratedFile] {
        let index = cache.value(for: ServiceIndexKey(system: system.name, environment: environment.name)) {
            ServiceIndex(environment)
        }
        let manifests = ServiceManifests(
            service: service, environment: environment, index: index, builders: serviceBuilders)
        return [try file("\(service.name).yaml", manifests.documents, service.declaredAt, environment, system)]
    }

    private func file(
        _ name: String, _ documents: [YAMLNode], _ source: SourceLocation, _ environment: ResolvedEnvironment,
        _ system: ResolvedSystem
    ) throws -> GeneratedFile {
        file(name, yaml: try YAML.render(documents), source, environment, system)
    }

    private func file(
        _ name: String, yaml: String, _ source: SourceLocation, _ environment: ResolvedEnvironment,
        _ system: ResolvedSystem
    ) -> GeneratedFile {
        file(name, contents: FileHeader.hash(source: source, system: system.name, command: system.command) + yaml,
             environment, system)
    }

    private func file(_ name: String, contents: String, _ environment: ResolvedEnvironment, _ system: ResolvedSystem)
        -> GeneratedFile {
        GeneratedFile(
            path: "\(Self.folder.path(system: system.name, environment: environment.name))/\(name)",
            contents: contents, kind: kind, system: system.name, environment: environment.name)
    }
}

/// An environment's ``ServiceIndex`` in the render's cache: a system's and an environment's names identify it.
struct ServiceIndexKey: CacheKey {
    typealias Value = ServiceIndex
    var system: String
    var environment: String
}
