import InfragenModel

/// What a ``ServiceObjectBuilder`` builds from: one service as it runs in one environment (or its canary), the
/// environment, an index of the environment's services, and the decisions several kinds share (names, labels, the
/// ConfigMap, the metrics port).
struct ServiceContext {
    let service: ResolvedService
    let environment: ResolvedEnvironment
    let index: ServiceIndex
    /// The service's ConfigMap, when it has config values or files.
    let config: ConfigMapContent?
    /// Whether these are the canary's objects (`<service>-canary`), which share the stable pods' identity, config
    /// and network policy but run the canary image (`CanaryReplicas` pods, no autoscaler) behind a Service of their
    /// own.
    let isCanary: Bool

    init(service: ResolvedService, environment: ResolvedEnvironment, index: ServiceIndex) {
        self.service = service
        self.environment = environment
        self.index = index
        self.config = ConfigMapContent(service)
        self.isCanary = false
    }

    private init(canaryOf stable: ServiceContext, _ canary: ResolvedCanary) {
        var service = stable.service
        service.image = canary.image
        service.imageTag = canary.imageTag
        service.replicas = canary.replicas
        service.autoscaling = nil
        self.service = service
        self.environment = stable.environment
        self.index = stable.index
        self.config = stable.config
        self.isCanary = true
    }

    /// The canary's context, where the environment releases this service through a canary.
    var canary: ServiceContext? {
        guard !isCanary else { return nil }
        return service.canary.map { ServiceContext(canaryOf: self, $0) }
    }

    /// The name of the Deployment and Service.
    var objectName: String { isCanary ? service.canary?.name ?? service.name : service.name }

    /// Whether the service's pods get a service account token.
    var mountsServiceAccountToken: Bool { service.security.isExempt(from: .serviceAccountToken) }

    /// Every recommended label; the canary's instance is `<service>-<environment>-canary`.
    var labels: K8s.StringMap { Labels.all(service, canary: isCanary) }

    /// The immutable labels that the Deployment and Service select by.
    var selector: K8s.StringMap { Labels.selector(service, canary: isCanary) }

    /// The metadata of an object of the service: `name` (the object name unless given), namespace, every
    /// recommended label, and the annotations when there are any.
    func metadata(name: String? = nil, annotations: K8s.StringMap? = nil) -> K8s.ObjectMeta {
        K8s.ObjectMeta(name: name ?? objectName, namespace: service.namespace, labels: labels, annotations: annotations)
    }

    /// infragen's labels and annotations, then the blueprint's own for `target` (`Labels`, `Annotations`), by key.
    func adding(_ target: ExtraMetadata.Target, to metadata: K8s.ObjectMeta) -> K8s.ObjectMeta {
        var metadata = metadata
        let labels = service[.labels].sorted(on: target)
        if !labels.isEmpty { metadata.labels = K8s.StringMap((metadata.labels?.pairs ?? []) + labels) }
        let annotations = service[.annotations].sorted(on: target)
        if !annotations.isEmpty { metadata.annotations = K8s.StringMap((metadata.annotations?.pairs ?? []) + annotations) }
        return metadata
    }

    /// `labels`, then the blueprint's own labels for `target`: for what a workload creates (a CronJob's Jobs), which
    /// carry the workload's labels but not its annotations.
    func labels(adding target: ExtraMetadata.Target, to labels: K8s.StringMap) -> K8s.StringMap {
        K8s.StringMap(labels.pairs + service[.labels].sorted(on: target))
    }

    /// The container port that serves metrics (resolution decides it).
    var metricsPort: ResolvedPort? { service.metrics.port }
}
