/// A fixed number of replicas.
public struct Replicas: SettingsComponent {
    let count: Int
    let location: SourceLocation

    public init(_ count: Int, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.count = count
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) { settings[.replicas] = Setting(count, at: location) }
}

/// What the scheduler reserves for each container.
public struct Requests: SettingsComponent {
    let cpu: CPU?
    let memory: DataSize?
    let location: SourceLocation

    public init(
        cpu: CPU? = nil, memory: DataSize? = nil,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.cpu = cpu
        self.memory = memory
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) {
        if let cpu { settings[.cpuRequest] = Setting(cpu, at: location) }
        if let memory { settings[.memoryRequest] = Setting(memory, at: location) }
    }
}

/// The most each container may use: `docker run --cpus=0.5 --memory=100m` is
/// `Limits(cpu: .cores(0.5), memory: .mebibytes(100))`.
public struct Limits: SettingsComponent {
    let cpu: CPU?
    let memory: DataSize?
    let location: SourceLocation

    public init(
        cpu: CPU? = nil, memory: DataSize? = nil,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.cpu = cpu
        self.memory = memory
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) {
        if let cpu { settings[.cpuLimit] = Setting(cpu, at: location) }
        if let memory { settings[.memoryLimit] = Setting(memory, at: location) }
    }
}

/// Scales replicas between a minimum and a maximum on CPU use (a HorizontalPodAutoscaler).
public struct Autoscale: SettingsComponent {
    let description: AutoscalingDescription
    let location: SourceLocation

    public init(
        min: Int, max: Int, cpu: Percentage = .percent(70),
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.description = AutoscalingDescription(minReplicas: min, maxReplicas: max, targetCPUUtilization: cpu)
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) { settings[.autoscaling] = Setting(description, at: location) }
}

/// An environment variable: a literal, a key of a Secret, or a key of the service's ConfigMap.
///
/// ```swift
/// Env("GIN_MODE", "release")
/// Env("DB_PASSWORD", secret: "order-db", key: "password")
/// Env("LOG_LEVEL", config: "info")
/// ```
public struct Env: SettingsComponent {
    let variable: EnvironmentVariable

    public init(
        _ name: String, _ value: String,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.variable = EnvironmentVariable(name: name, source: .literal(value),
            location: SourceLocation(fileID, filePath, line))
    }

    public init(
        _ name: String, secret: String, key: String,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.variable = EnvironmentVariable(
            name: name, source: .secret(name: secret, key: key), location: SourceLocation(fileID, filePath, line))
    }

    public init(
        _ name: String, config value: String,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.variable = EnvironmentVariable(name: name, source: .config(value),
            location: SourceLocation(fileID, filePath, line))
    }

    /// A field of the pod: `Env("POD_IP", field: .podIP)`.
    public init(
        _ name: String, field: EnvironmentVariable.PodField,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.variable = EnvironmentVariable(name: name, source: .field(field),
            location: SourceLocation(fileID, filePath, line))
    }

    /// A request or limit of the container: `Env("MEMORY_LIMIT", resource: .memoryLimit)` (in bytes).
    public init(
        _ name: String, resource: EnvironmentVariable.ContainerResource,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.variable = EnvironmentVariable(name: name, source: .resource(resource),
            location: SourceLocation(fileID, filePath, line))
    }

    public func apply(to settings: inout ServiceSettings) {
        // Every declaration is kept, so that validation sees a name declared twice in one layer.
        settings[.environmentVariables] = Setting((settings[.environmentVariables]?.value ?? []) + [variable], at: variable.location)
    }
}

/// Where the service images are pushed: `ImageRegistry("registry.example.com/shop")`.
public struct ImageRegistry: SettingsComponent {
    let prefix: String
    let location: SourceLocation

    public init(_ prefix: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.prefix = prefix
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) { settings[.imageRegistry] = Setting(prefix, at: location) }
}

/// The tag of the service image, and optionally its digest, which pins the exact build.
public struct ImageTag: SettingsComponent {
    let tag: String
    let digest: String?
    let location: SourceLocation

    public init(
        _ tag: String, digest: String? = nil,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.tag = tag
        self.digest = digest
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) {
        settings[.imageTag] = Setting(tag, at: location)
        if let digest { settings[.imageDigest] = Setting(digest, at: location) }
    }
}

/// The image tag a service's canary runs, where the environment releases through a canary:
///
/// ```swift
/// Override(.prod) { CanaryImageTag("1.1.0") }
/// ```
public struct CanaryImageTag: SettingsComponent {
    let tag: String
    let location: SourceLocation

    public init(_ tag: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.tag = tag
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) { settings[.canaryImageTag] = Setting(tag, at: location) }
}

/// How many pods a service's canary runs (2 unless set, 1-100), in an environment or for one service:
///
/// ```swift
/// Deploy(to: .prod) { Canary(.percent(10)); CanaryReplicas(3) }
/// ```
///
/// From 2 pods on the canary has a PodDisruptionBudget, and it is spread like the stable pods.
public struct CanaryReplicas: SettingsComponent {
    let count: Int
    let location: SourceLocation

    public init(_ count: Int, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.count = count
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) { settings[.canaryReplicas] = Setting(count, at: location) }
}

/// Leaves a service out of its environment's canary: every request goes to its stable pods, and it has no canary
/// Deployment or Service. Usually for one environment:
///
/// ```swift
/// Override(.prod) { NoCanary() }
/// ```
public struct NoCanary: SettingsComponent {
    let location: SourceLocation

    public init(fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) {
        settings[.canaryParticipation] = Setting(.excluded, at: location)
    }
}

/// The Go toolchain version, and the builder image when it is not `golang:<version>-alpine`.
public struct Go: SettingsComponent {
    let version: String
    let builder: ImageReference?
    let location: SourceLocation

    public init(
        version: String, builder: ImageReference? = nil,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.version = version
        self.builder = builder
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) {
        settings[.goVersion] = Setting(version, at: location)
        if let builder { settings[.builderImage] = Setting(builder, at: location) }
    }
}

/// The runtime base image and its family.
public struct Base: SettingsComponent {
    let image: BaseImage
    let location: SourceLocation

    public init(_ image: BaseImage, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.image = image
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) { settings[.base] = Setting(image, at: location) }
}

extension BaseImage {
    /// The same base with package versions pinned: `.alpine("3.19").pinning(["ca-certificates": "20240226-r0"])`.
    public func pinning(_ packages: [String: String]) -> BaseImage {
        var copy = self
        copy.pinnedPackages.merge(packages) { $1 }
        return copy
    }
}

/// The numeric user and group the containers run as.
public struct RunAs: SettingsComponent {
    let user: Int
    let group: Int
    let location: SourceLocation

    public init(
        user: Int, group: Int? = nil,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.user = user
        self.group = group ?? user
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) {
        var security = settings[.security]?.value ?? SecurityDescription()
        security.runAsUser = user
        security.runAsGroup = group
        security.userIsChosen = true
        settings[.security] = Setting(security, at: location)
    }
}

/// Turns off one security default, with the reason that reviewers will read in the manifest.
public struct Exempt: SettingsComponent {
    let control: SecurityExemption.Control
    let reason: String
    let location: SourceLocation

    public init(
        _ control: SecurityExemption.Control, because reason: String,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.control = control
        self.reason = reason
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) {
        var security = settings[.security]?.value ?? SecurityDescription()
        security.exemptions.append(SecurityExemption(control: control, reason: reason, location: location))
        settings[.security] = Setting(security, at: location)
    }
}

/// How long Kubernetes waits for a pod to drain before killing it.
public struct TerminationGracePeriod: SettingsComponent {
    let seconds: Int
    let location: SourceLocation

    public init(seconds: Int, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.seconds = seconds
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) {
        settings[.terminationGracePeriodSeconds] = Setting(seconds, at: location)
    }
}

/// The pause before a serving container is stopped (`lifecycle.preStop.sleep`, default 5 s), during which
/// Kubernetes and the gateway stop sending it new requests; `PreStopPause(nil)` turns it off. The termination grace
/// period must be longer than the pause.
///
/// ```swift
/// PreStopPause(.seconds(10))
/// ```
public struct PreStopPause: SettingsComponent {
    let pause: Duration?
    let location: SourceLocation

    public init(_ pause: Duration?, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.pause = pause
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) { settings[.preStopPause] = Setting(pause, at: location) }
}

/// The Go runtime of a service infragen builds, held to the container's limits (the default, `.fromLimits`):
/// `GOMAXPROCS` from `limits.cpu`, rounded up to whole cores, and `GOMEMLIMIT` at 90 % of `limits.memory`. A variable
/// the blueprint sets itself (`Env("GOMEMLIMIT", "300MiB")`) wins; `GoRuntime(.off)` sets neither.
///
/// ```swift
/// GoRuntime(.off)
/// ```
public struct GoRuntime: SettingsComponent {
    let sizing: GoRuntimeSizing
    let location: SourceLocation

    public init(_ sizing: GoRuntimeSizing, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.sizing = sizing
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) { settings[.goRuntimeSizing] = Setting(sizing, at: location) }
}
