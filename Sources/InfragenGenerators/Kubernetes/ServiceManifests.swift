import InfragenModel
import InfragenYAML

/// The objects of one service in one environment, in the order its file lists them: ServiceAccount, ConfigMap,
/// Deployment, Service, HorizontalPodAutoscaler, PodDisruptionBudget, NetworkPolicy. Keys are in the order kubectl
/// users know: `apiVersion, kind, metadata (name, namespace, labels, annotations)`, then the object's own fields.
/// Who calls whom in one environment, indexed once, so that each service's network policy finds its dependents and
/// dependencies without scanning every service (linear, not quadratic, in the number of services).
struct ServiceIndex {
    private let services: [ResolvedService]
    /// Positions in `services`: the index copies no service (a slice of a large environment builds one of its own).
    private let positions: [String: Int]
    private let dependentPositions: [String: [Int]]

    init(_ environment: ResolvedEnvironment) {
        services = environment.services
        var positions: [String: Int] = [:], dependents: [String: [Int]] = [:]
        positions.reserveCapacity(services.count)
        for (position, service) in services.enumerated() {
            if positions[service.name] == nil { positions[service.name] = position }
            for name in Set(service.description.dependencies.map(\.service)) {
                dependents[name, default: []].append(position)
            }
        }
        self.positions = positions
        let services = self.services
        dependentPositions = dependents.mapValues { $0.sorted { services[$0].name < services[$1].name } }
    }

    /// The service of that name (the first, should validation have let two through).
    subscript(name: String) -> ResolvedService? { positions[name].map { services[$0] } }

    /// The services that depend on the named one, by name.
    func dependents(of name: String) -> [ResolvedService] { dependentPositions[name]?.map { services[$0] } ?? [] }
}

struct ServiceManifests {
    let service: ResolvedService
    let environment: ResolvedEnvironment
    let index: ServiceIndex
    /// The service's ConfigMap, when it has config values or files.
    let config: ConfigMapContent?
    /// Whether these are the canary's objects (`<service>-canary`), which share the stable pods' identity, config
    /// and network policy but run the canary image as a single replica behind a Service of their own.
    let isCanary: Bool

    init(service: ResolvedService, environment: ResolvedEnvironment, index: ServiceIndex? = nil) {
        self.service = service
        self.environment = environment
        self.index = index ?? ServiceIndex(environment)
        self.config = ConfigMapContent(service)
        self.isCanary = false
    }

    private init(canaryOf stable: ServiceManifests, _ canary: ResolvedCanary) {
        var service = stable.service
        service.image = canary.image
        service.imageTag = canary.imageTag
        service.replicas = 1
        service.autoscaling = nil
        self.service = service
        self.environment = stable.environment
        self.index = stable.index
        self.config = stable.config
        self.isCanary = true
    }

    /// The canary's Deployment and Service, where the environment releases this service through a canary.
    var canary: ServiceManifests? {
        service.canary.map { ServiceManifests(canaryOf: self, $0) }
    }

    /// The name of the Deployment and Service.
    var objectName: String { isCanary ? service.canary?.name ?? service.name : service.name }

    var documents: [YAMLNode] {
        [
            serviceAccount,
            configMap,
            deployment,
            kubernetesService,
            horizontalPodAutoscaler,
            podDisruptionBudget,
            canary?.deployment,
            canary?.kubernetesService,
            networkPolicy,
        ].compactMap { $0 }
    }

    /// Whether the service's pods get a service account token.
    var mountsServiceAccountToken: Bool { service.security.isExempt(from: .serviceAccountToken) }

    func metadata(name: String? = nil, annotations: [(String, YAMLNode?)] = []) -> YAMLNode {
        .mapping([
            ("name", .string(name ?? objectName)),
            ("namespace", .string(service.namespace)),
            ("labels", Labels.all(service, canary: isCanary)),
            ("annotations", annotations.isEmpty ? nil : .mapping(annotations)),
        ])
    }

    // MARK: - ServiceAccount and ConfigMap

    /// The pods' own identity, with no API token unless the service is exempt.
    var serviceAccount: YAMLNode {
        .mapping([
            ("apiVersion", "v1"),
            ("kind", "ServiceAccount"),
            ("metadata", metadata(annotations: Exemptions.annotations(
                service, for: [.serviceAccountToken], checkovSkips: false))),
            ("automountServiceAccountToken", .boolean(mountsServiceAccountToken)),
        ])
    }

    /// Immutable: its name carries the hash of its data, so new data is a new ConfigMap.
    var configMap: YAMLNode? {
        guard let config else { return nil }
        return .mapping([
            ("apiVersion", "v1"),
            ("kind", "ConfigMap"),
            ("metadata", metadata(name: config.name)),
            ("immutable", true),
            ("data", .mapping(config.entries.map { ($0.key, .string($0.value)) })),
        ])
    }

    // MARK: - Service, autoscaler, disruption budget

    /// A ClusterIP Service over every container port, by name; none for a service without ports (a worker).
    var kubernetesService: YAMLNode? {
        let ports = service.description.ports
        guard !ports.isEmpty else { return nil }
        return .mapping([
            ("apiVersion", "v1"),
            ("kind", "Service"),
            ("metadata", metadata()),
            ("spec", .mapping([
                ("type", "ClusterIP"),
                ("selector", Labels.selector(service, canary: isCanary)),
                ("ports", .sequence(ports.map { port in
                    .mapping([
                        ("name", .string(port.name)),
                        ("port", .integer(port.number)),
                        ("targetPort", .string(port.name)),
                        ("protocol", .string(port.transport.rawValue)),
                    ])
                })),
            ])),
        ])
    }

    /// Scales the Deployment on CPU use when the environment asks for it.
    var horizontalPodAutoscaler: YAMLNode? {
        guard let autoscaling = service.autoscaling else { return nil }
        return .mapping([
            ("apiVersion", "autoscaling/v2"),
            ("kind", "HorizontalPodAutoscaler"),
            ("metadata", metadata()),
            ("spec", .mapping([
                ("scaleTargetRef", .mapping([
                    ("apiVersion", "apps/v1"),
                    ("kind", "Deployment"),
                    ("name", .string(service.name)),
                ])),
                ("minReplicas", .integer(autoscaling.minReplicas)),
                ("maxReplicas", .integer(autoscaling.maxReplicas)),
                ("metrics", [
                    .mapping([
                        ("type", "Resource"),
                        ("resource", .mapping([
                            ("name", "cpu"),
                            ("target", .mapping([
                                ("type", "Utilization"),
                                ("averageUtilization", .integer(autoscaling.targetCPUUtilization.wholePercent)),
                            ])),
                        ])),
                    ]),
                ]),
            ])),
        ])
    }

    /// Limits how many pods a node drain takes down at once, when more than one must stay up. A count (not
    /// `minAvailable`) stays right for every replica count an autoscaler picks; `AlwaysAllow` lets a drain evict
    /// pods that are not ready anyway, so a crash-looping pod cannot block node maintenance.
    var podDisruptionBudget: YAMLNode? {
        guard service.minimumReplicas > 1 else { return nil }
        return .mapping([
            ("apiVersion", "policy/v1"),
            ("kind", "PodDisruptionBudget"),
            ("metadata", metadata()),
            ("spec", .mapping([
                ("maxUnavailable", .integer(service.disruptionBudget.maxUnavailable)),
                ("selector", .mapping([("matchLabels", Labels.selector(service))])),
                ("unhealthyPodEvictionPolicy", "AlwaysAllow"),
            ])),
        ])
    }
}
