/// What resolution decides that is not a setting of its own.
public enum BuiltInDefaults {
    /// The `app.kubernetes.io/component` label of a service with ports, and of one without (a worker).
    public static let role = "backend"
    public static let workerRole = "worker"
    /// The oldest Kubernetes the manifests target; namespaces enforce the restricted Pod Security Standard as of it.
    public static let podSecurityVersion = "v1.30"
    /// The user and group of a pod whose image infragen does not build, unless the blueprint says `RunAs`.
    public static let runAsUser = 10001
    /// How long a client keeps the gateway's canary cookie unless `Canary(_:sticky:)` says.
    public static let canaryStickiness = Duration.seconds(86_400)
}

extension SystemDescription {
    /// Resolves every service in every environment, in declaration order.
    public func resolve() -> ResolvedSystem {
        ResolvedSystem(declaration: self, environments: environments.map(resolve))
    }

    /// The system from its environments, each resolved on its own (``resolve(_:)``, in declaration order): for an
    /// engine that resolves environments in parallel.
    public func resolved(environments: [ResolvedEnvironment]) -> ResolvedSystem {
        ResolvedSystem(declaration: self, environments: environments)
    }

    /// Resolves one environment.
    public func resolve(_ environment: EnvironmentDescription) -> ResolvedEnvironment {
        let namespace = environment.namespace?.value ?? "\(name)-\(environment.environment.name)"
        return ResolvedEnvironment(
            system: name, declaration: environment, namespace: namespace, host: environment.host?.value,
            tls: environment.tls, tlsCertificate: environment.tlsCertificate?.value ?? TLSCertificate(),
            canary: environment.canary?.value,
            podSecurityVersion: environment.podSecurityVersion?.value ?? BuiltInDefaults.podSecurityVersion,
            services: services.map { resolve($0, in: environment, namespace: namespace) },
            externalServices: externalServices.compactMap { resolve($0, in: environment) },
            rawObjects: rawObjects + environment.rawObjects, patches: patches + environment.patches,
            gatewaySettings: ResolvedSettings(layers: gatewayLayers(in: environment), declaredAt: environment.location))
    }

    /// The layers of the gateway's settings in an environment (its cluster DNS, its spread): the system's defaults,
    /// then the environment's, as for a service that sets neither.
    func gatewayLayers(in environment: EnvironmentDescription) -> [ServiceSettings] {
        var system = ServiceSettings()
        system[.team] = team
        return [system, defaults, environment.settings]
    }

    /// The layers of a service's settings in an environment, lowest first: the system's team, the defaults, the
    /// service, the environment, the service's override for the environment.
    func layers(of service: ServiceDescription, in environment: EnvironmentDescription) -> [ServiceSettings] {
        var system = ServiceSettings()
        system[.team] = team
        return [system, defaults, service.settings, environment.settings]
            + service.overrides.filter { $0.environment == environment.environment }.map(\.settings)
    }

    /// defaults < service < environment < the service's override for the environment, and what follows from them:
    /// the image's source and reference, the canary, the run-as user of the image, the Go runtime's sizing, the
    /// component label.
    public func resolve(
        _ service: ServiceDescription, in environment: EnvironmentDescription, namespace: String
    ) -> ResolvedService {
        var settings = ResolvedSettings(layers: layers(of: service, in: environment), declaredAt: service.location)
        let source = Self.imageSource(settings)
        var image: ImageReference
        var canary: ResolvedCanary?
        if case .prebuilt(let prebuilt) = source {
            // The pod runs exactly the named image: its tag is the version label, its digest the pull policy's.
            image = prebuilt.reference
            let at = settings.location(of: .prebuiltImage) ?? service.location
            settings.decide(.imageTag, prebuilt.tag, at: at)
            settings.decide(.imageDigest, prebuilt.digest, at: at)
            // No canary: its version is the blueprint's Image, and CanaryImageTag names builds of the system's own.
        } else {
            let tag = settings[.imageTag]
            let repository = settings[.imageRegistry].map { "\($0)/\(service.name)" } ?? "\(name)/\(service.name)"
            image = ImageReference("\(repository):\(tag)").pinned(to: settings[.imageDigest])
            // Only a Deployment has a canary: a StatefulSet replaces its pods in order, one by one. NoCanary()
            // leaves a service out (every request goes to its stable pods).
            if let share = environment.canary?.value, !service.routes.isEmpty, case .deployment = service.workload,
               settings[.canaryParticipation] == .included {
                let canaryTag = settings[.canaryImageTag] ?? tag
                // A canary with its own tag is a different build: the stable digest does not apply to it.
                let canaryImage = canaryTag == tag ? image : ImageReference("\(repository):\(canaryTag)")
                canary = ResolvedCanary(
                    name: "\(service.name)-canary", share: share, image: canaryImage, imageTag: canaryTag,
                    replicas: settings[.canaryReplicas])
            }
        }
        if service.workload.runsToCompletion {
            // A Job runs one pod at a time: a replica count or an autoscaler of the environment's does not apply.
            settings[.replicas] = 1
            settings[.autoscaling] = nil
        }
        var security = settings[.security]
        if !security.userIsChosen {
            // The image's own user, so that the Dockerfile's USER and the pod's runAsUser agree. An image infragen
            // does not build gets the same numeric non-root user: the pod's runAsUser overrides the image's USER.
            security.runAsUser = source.isBuiltByInfragen ? settings[.base].defaultUser : BuiltInDefaults.runAsUser
            security.runAsGroup = security.runAsUser
            settings[.security] = security
        }
        if source.isBuiltByInfragen, settings[.goRuntimeSizing] == .fromLimits {
            // The Go runtime held to the container's limits, unless the blueprint sets a variable itself.
            let declared = settings[.environmentVariables]
            let added = GoRuntimeLimits.variables(
                memoryLimit: settings[.memoryLimit],
                memoryLimitAt: settings.location(of: .memoryLimit) ?? service.location,
                cpuLimitAt: settings.location(of: .cpuLimit) ?? service.location, declared: declared)
            if !added.isEmpty {
                settings.decide(
                    .environmentVariables, declared + added,
                    at: settings.location(of: .environmentVariables) ?? service.location)
            }
        }
        return ResolvedService(
            system: name, environment: environment.environment, namespace: namespace, declaration: service,
            settings: settings, image: image, imageSource: source, canary: canary,
            role: service.role?.value ?? (service.ports.isEmpty ? BuiltInDefaults.workerRole : BuiltInDefaults.role),
            sourceRepository: service.sourceRepository ?? sourceRepository,
            ports: service.ports.map(ResolvedPort.init), health: service.resolvedHealth,
            noHealthCheck: service.noHealthCheck, metrics: service.resolvedMetrics(settings),
            routes: service.resolvedRoutes(gateway), slos: service.resolvedSLOs(team: settings[.team], environment: environment))
    }
}

extension SystemDescription {
    /// An external service where it runs (``ExternalServiceDescription/namespace(in:)``), resolved as a service of
    /// that namespace (its team, metrics and SLOs; the alert policy of the environment) and marked external; nil where
    /// it does not run or has no namespace (validation reports that).
    public func resolve(_ external: ExternalServiceDescription, in environment: EnvironmentDescription)
        -> ResolvedService? {
        guard let namespace = external.namespace(in: environment.environment) else { return nil }
        var service = resolve(external.service, in: environment, namespace: namespace.value)
        service.isExternal = true
        return service
    }

    /// A prebuilt image, else the team's own Dockerfile, else infragen's Go build (validation refuses a service
    /// that declares both; `SystemDescription+ImageValidation`).
    static func imageSource(_ settings: ResolvedSettings) -> ImageSource {
        if let prebuilt = settings[.prebuiltImage] { return .prebuilt(prebuilt) }
        if let own = settings[.ownDockerfile] { return .dockerfile(own) }
        return .goBuild
    }
}
