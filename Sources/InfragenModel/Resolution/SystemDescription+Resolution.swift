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
            tls: environment.tls, canary: environment.canary?.value,
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
            provenance: provenance,
            sourceRepository: service.sourceRepository ?? sourceRepository)
    }
}
