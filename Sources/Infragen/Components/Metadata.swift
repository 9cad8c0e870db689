/// Labels of the team's own on a service's objects (the Deployment, its pods and its Service unless `on:` narrows
/// it): `Labels(["example.com/cost-center": "4711"])`. Set in `Defaults`, a service, an environment or an `Override`;
/// layers add keys and replace the values of the keys they name. The recommended `app.kubernetes.io/*` labels are
/// infragen's.
public struct Labels: SettingsComponent {
    let metadata: ExtraMetadata
    let location: SourceLocation

    public init(
        _ labels: [String: String], on targets: Set<ExtraMetadata.Target> = [.workload, .pods, .service],
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.metadata = ExtraMetadata(labels, on: targets)
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) {
        settings[.labels] = Setting((settings[.labels]?.value ?? ExtraMetadata()).overlaid(by: metadata), at: location)
    }
}

/// Annotations of the team's own (a cloud load balancer's, a mesh's), on the objects `on:` names:
/// `Annotations(["service.beta.kubernetes.io/aws-load-balancer-type": "nlb"], on: [.service])`. infragen's own
/// (`prometheus.io/*`, `checkov.io/*`, `*.infragen.io/*`) come from `Metrics`, `Exempt` and `NoHealthCheck`.
public struct Annotations: SettingsComponent {
    let metadata: ExtraMetadata
    let location: SourceLocation

    public init(
        _ annotations: [String: String], on targets: Set<ExtraMetadata.Target>,
        fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line
    ) {
        self.metadata = ExtraMetadata(annotations, on: targets)
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) {
        settings[.annotations] = Setting(
            (settings[.annotations]?.value ?? ExtraMetadata()).overlaid(by: metadata), at: location)
    }
}

/// How the service's Service is reached: `Expose(.loadBalancer(externalTrafficPolicy: .local,
/// sourceRanges: ["203.0.113.0/24"]))`, `Expose(.nodePort())`, or `Expose(.clusterIP)` (the default). Usually per
/// environment: `Deploy(to: .prod) { Expose(.loadBalancer()) }` exposes every service with ports there, an
/// `Override` one service. The canary's Service stays ClusterIP: only the gateway calls it.
public struct Expose: SettingsComponent {
    let exposure: ServiceExposure
    let location: SourceLocation

    public init(
        _ exposure: ServiceExposure,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.exposure = exposure
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) { settings[.exposure] = Setting(exposure, at: location) }
}

/// The program the container runs instead of the image's entrypoint: `Command("java", "-jar", "/app/app.jar")`.
public struct Command: SettingsComponent {
    let words: [String]
    let location: SourceLocation

    public init(_ words: String..., fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.words = words
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) { settings.add(ContainerProcess(command: words), at: location) }
}

/// The arguments instead of the image's CMD: `Args("--port", "8080")`.
public struct Args: SettingsComponent {
    let words: [String]
    let location: SourceLocation

    public init(_ words: String..., fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.words = words
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) { settings.add(ContainerProcess(arguments: words), at: location) }
}

/// The folder the container starts in: `WorkingDirectory("/srv/app")`.
public struct WorkingDirectory: SettingsComponent {
    let path: String
    let location: SourceLocation

    public init(_ path: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.path = path
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) {
        settings.add(ContainerProcess(workingDirectory: path), at: location)
    }
}

/// The container's name, when something looks it up by name: `ContainerName("server")`; the service's otherwise.
public struct ContainerName: SettingsComponent {
    let name: String
    let location: SourceLocation

    public init(_ name: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.name = name
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) { settings[.containerName] = Setting(name, at: location) }
}

extension ServiceSettings {
    /// A part of the container's process, over what this layer already says (`Command` and `Args` in one service).
    fileprivate mutating func add(_ part: ContainerProcess, at location: SourceLocation) {
        self[.process] = Setting((self[.process]?.value ?? ContainerProcess()).overlaid(by: part), at: location)
    }
}
