/// What a service gets when nothing in the blueprint says otherwise.
public enum BuiltInDefaults {
    public static let team = "platform"
    public static let replicas = 1
    public static let cpuRequest = CPU.millicores(100)
    public static let memoryRequest = DataSize.mebibytes(128)
    public static let cpuLimit = CPU.millicores(500)
    public static let memoryLimit = DataSize.mebibytes(256)
    public static let goVersion = "1.22"
    public static let base = BaseImage.alpine("3.19")
    public static let terminationGracePeriodSeconds = 30
    /// The `app.kubernetes.io/component` label of a service with ports, and of one without (a worker).
    public static let role = "backend"
    public static let workerRole = "worker"
    /// Restarts a container after 3 failed checks 10 s apart, starting 10 s after it starts.
    public static let livenessProbe = ProbeTiming(
        initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3)
    /// Takes a pod out of its Service after 3 failed checks 5 s apart.
    public static let readinessProbe = ProbeTiming(periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3)
    /// Gives a slow starter 30 checks 5 s apart (150 s) before liveness takes over.
    public static let startupProbe = ProbeTiming(periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 30)
    public static let disruptionBudget = DisruptionBudgetDescription(maxUnavailable: 1)
    public static let topologySpread = TopologySpreadDescription(
        topologyKey: "kubernetes.io/hostname", maxSkew: 1, whenUnsatisfiable: .scheduleAnyway)
    public static let tmpVolumeSize = DataSize.mebibytes(64)
    public static let gatewayNamespace = "gateway"
    public static let metricsScraper: NetworkPeer? = NetworkPeer(
        namespace: "monitoring", podLabels: ["app.kubernetes.io/name": "prometheus"])
    public static let clusterDNS = ClusterDNSDescription(
        peer: NetworkPeer(namespace: "kube-system", podLabels: ["k8s-app": "kube-dns"]), port: 53)
    /// The oldest Kubernetes the manifests target; namespaces enforce the restricted Pod Security Standard as of it.
    public static let podSecurityVersion = "v1.30"

    public static func builderImage(goVersion: String) -> ImageReference {
        ImageReference("golang:\(goVersion)-alpine")
    }
}

extension SystemDescription {
    /// Resolves every service in every environment, in declaration order.
    public func resolve() -> ResolvedSystem {
        ResolvedSystem(description: self, environments: environments.map(resolve))
    }

    /// Resolves one environment.
    public func resolve(_ environment: EnvironmentDescription) -> ResolvedEnvironment {
        let namespace = environment.namespace?.value ?? "\(name)-\(environment.environment.name)"
        return ResolvedEnvironment(
            system: name, description: environment, namespace: namespace, host: environment.host?.value,
            tls: environment.tls, tlsCertificate: environment.tlsCertificate?.value ?? TLSCertificate(),
            canary: environment.canary?.value,
            podSecurityVersion: environment.podSecurityVersion?.value ?? BuiltInDefaults.podSecurityVersion,
            services: services.map { resolve($0, in: environment, namespace: namespace) })
    }

    /// defaults < service < environment < the service's override for the environment.
    public func resolve(
        _ service: ServiceDescription, in environment: EnvironmentDescription, namespace: String
    ) -> ResolvedService {
        var layers = [defaults, service.settings, environment.settings]
        layers += service.overrides.filter { $0.environment == environment.environment }.map(\.settings)
        let settings = layers.dropFirst().reduce(layers[0]) { $0.merging($1) }

        var provenance: [String: SourceLocation] = [:]
        func value<T>(_ setting: Setting<T>?, _ field: String, default fallback: @autoclosure () -> T) -> T {
            if let setting {
                provenance[field] = setting.location
                return setting.value
            }
            return fallback()
        }

        let goVersion = value(settings.goVersion, "go.version", default: BuiltInDefaults.goVersion)
        let tag = value(settings.imageTag, "image.tag", default: "")
        let digest = settings.imageDigest.map { provenance["image.digest"] = $0.location; return $0.value }
        let registry = settings.imageRegistry.map { provenance["image.registry"] = $0.location; return $0.value }
        let repository = registry.map { "\($0)/\(service.name)" } ?? "\(name)/\(service.name)"
        let image = ImageReference("\(repository):\(tag)").pinned(to: digest)
        var canary: ResolvedCanary?
        if let share = environment.canary?.value, !service.routes.isEmpty {
            let canaryTag = settings.canaryImageTag.map { provenance["image.canaryTag"] = $0.location; return $0.value } ?? tag
            // A canary with its own tag is a different build: the stable digest does not apply to it.
            let canaryImage = canaryTag == tag ? image : ImageReference("\(repository):\(canaryTag)")
            canary = ResolvedCanary(name: "\(service.name)-canary", share: share, image: canaryImage, imageTag: canaryTag)
        }
        let base = value(settings.base, "base", default: BuiltInDefaults.base)
        var security = value(settings.security, "security", default: SecurityDescription())
        if !security.userIsChosen {
            // The image's own user, so that the Dockerfile's USER and the pod's runAsUser agree.
            security.runAsUser = base.defaultUser
            security.runAsGroup = base.defaultUser
        }

        return ResolvedService(
            system: name,
            environment: environment.environment,
            namespace: namespace,
            description: service,
            team: value(settings.team, "team", default: team?.value ?? BuiltInDefaults.team),
            replicas: value(settings.replicas, "replicas", default: BuiltInDefaults.replicas),
            resources: ResourceRequirements(
                cpuRequest: value(settings.cpuRequest, "requests.cpu", default: BuiltInDefaults.cpuRequest),
                memoryRequest: value(settings.memoryRequest, "requests.memory", default: BuiltInDefaults.memoryRequest),
                cpuLimit: value(settings.cpuLimit, "limits.cpu", default: BuiltInDefaults.cpuLimit),
                memoryLimit: value(settings.memoryLimit, "limits.memory", default: BuiltInDefaults.memoryLimit)),
            autoscaling: settings.autoscaling.map { provenance["autoscaling"] = $0.location; return $0.value },
            environmentVariables: settings.environmentVariables,
            image: image,
            imageTag: tag,
            imageDigest: digest,
            goVersion: goVersion,
            builderImage: value(
                settings.builderImage, "builder", default: BuiltInDefaults.builderImage(goVersion: goVersion)),
            base: base,
            security: security,
            terminationGracePeriodSeconds: value(
                settings.terminationGracePeriodSeconds, "terminationGracePeriod",
                default: BuiltInDefaults.terminationGracePeriodSeconds),
            canary: canary,
            role: service.role?.value ?? (service.ports.isEmpty ? BuiltInDefaults.workerRole : BuiltInDefaults.role),
            probes: ProbeTimings(
                liveness: value(settings.livenessProbe, "probes.liveness", default: BuiltInDefaults.livenessProbe),
                readiness: value(settings.readinessProbe, "probes.readiness", default: BuiltInDefaults.readinessProbe),
                startup: value(settings.startupProbe, "probes.startup", default: BuiltInDefaults.startupProbe)),
            disruptionBudget: value(
                settings.disruptionBudget, "disruptionBudget", default: BuiltInDefaults.disruptionBudget),
            topologySpread: value(settings.topologySpread, "topologySpread", default: BuiltInDefaults.topologySpread),
            tmpVolumeSize: value(settings.tmpVolumeSize, "tmpVolume", default: BuiltInDefaults.tmpVolumeSize),
            gatewayNamespace: value(
                settings.gatewayNamespace, "gatewayNamespace", default: BuiltInDefaults.gatewayNamespace),
            metricsScraper: value(settings.metricsScraper, "metricsScraper", default: BuiltInDefaults.metricsScraper),
            clusterDNS: value(settings.clusterDNS, "clusterDNS", default: BuiltInDefaults.clusterDNS),
            provenance: provenance,
            sourceRepository: service.sourceRepository ?? sourceRepository)
    }
}
