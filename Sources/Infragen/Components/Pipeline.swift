/// The delivery pipeline of the system, written from the same model as its files (GitLab CI and GitHub Actions):
/// verify, build what changed, deploy dev, staging and prod in order, the prod canary behind a release gate, and
/// rollback jobs.
///
/// ```swift
/// Pipeline {
///     ImageBuilder(.kaniko)
///     ReleaseGate(prometheus: "http://prometheus-operated.monitoring.svc:9090", analysis: .minutes(15))
///     SourceFolder("services/order-service", for: "order-service")
///     SnapshotRestore("scripts/restore-dev-snapshot.sh")
/// }
/// ```
public struct Pipeline: SystemComponent {
    let components: [any PipelineComponent]
    let location: SourceLocation

    public init(
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        @ListBuilder<any PipelineComponent> _ body: () -> [any PipelineComponent] = { [] }
    ) {
        self.components = body()
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to system: inout SystemDescription) {
        var pipeline = system.pipeline ?? PipelineDescription(location: location)
        for component in components { component.apply(to: &pipeline) }
        system.pipeline = pipeline
    }
}

/// Something that can stand in a ``Pipeline`` body.
public protocol PipelineComponent: Sendable {
    func apply(to pipeline: inout PipelineDescription)
}

/// The daemonless builder of the build jobs: `.buildah` (default) or `.kaniko`.
public struct ImageBuilder: PipelineComponent {
    let builder: PipelineDescription.Builder
    let location: SourceLocation

    public init(
        _ builder: PipelineDescription.Builder,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.builder = builder
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to pipeline: inout PipelineDescription) {
        pipeline.builder = builder
        pipeline.provenance["builder"] = location
    }
}

/// The branch whose commits go past dev: `MainBranch("main")` (the default).
public struct MainBranch: PipelineComponent {
    let name: String
    let location: SourceLocation

    public init(_ name: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.name = name
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to pipeline: inout PipelineDescription) {
        pipeline.mainBranch = name
        pipeline.provenance["mainBranch"] = location
    }
}

/// How the jobs run the team's infragen executable from the repository root: `RenderCommand("swift run deploy")`
/// (`swift run infragen` by default); the jobs add `render --check`.
public struct RenderCommand: PipelineComponent {
    let command: String
    let location: SourceLocation

    public init(_ command: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.command = command
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to pipeline: inout PipelineDescription) {
        pipeline.command = command
        pipeline.provenance["command"] = location
    }
}

/// The output folder relative to the repository root (`Output` by default), where the jobs find the files.
public struct PipelineOutputFolder: PipelineComponent {
    let path: String
    let location: SourceLocation

    public init(_ path: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.path = path
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to pipeline: inout PipelineDescription) {
        pipeline.outputFolder = path
        pipeline.provenance["outputFolder"] = location
    }
}

/// Where a service's sources are, relative to the repository root: its build context and what decides whether a
/// commit rebuilds it (`<service name>` by default).
public struct SourceFolder: PipelineComponent {
    let path: String
    let service: String

    let location: SourceLocation

    public init(
        _ path: String, for service: String,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.path = path
        self.service = service
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to pipeline: inout PipelineDescription) {
        pipeline.sourceFolders[service] = path
        pipeline.provenance["sourceFolders[\(service)]"] = location
    }
}

/// A static-analysis job beside the tests: `StaticScan(.sonarQube)` runs `sonar-scanner` with the CI variables
/// `SONAR_HOST_URL` and `SONAR_TOKEN`.
public struct StaticScan: PipelineComponent {
    let scan: PipelineDescription.StaticScan
    let location: SourceLocation

    public init(
        _ scan: PipelineDescription.StaticScan,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.scan = scan
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to pipeline: inout PipelineDescription) {
        pipeline.staticScan = scan
        pipeline.provenance["staticScan"] = location
    }
}

/// Whether a job runs hadolint and checkov on the output (on by default): `ValidatorJob(false)` leaves it out.
public struct ValidatorJob: PipelineComponent {
    let enabled: Bool

    public init(_ enabled: Bool = true) { self.enabled = enabled }

    public func apply(to pipeline: inout PipelineDescription) { pipeline.validators = enabled }
}

/// The release gate of the prod canary: after `analysis`, it asks Prometheus for the canary's and stable's error
/// budget burn rates over that window, and fails the release when the canary burns faster than its budget allows
/// and faster than `tolerance` × stable.
public struct ReleaseGate: PipelineComponent {
    let gate: ReleaseGateDescription

    public init(
        prometheus: String, analysis: Duration = .minutes(30), tolerance: Double = 1,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        gate = ReleaseGateDescription(
            prometheus: prometheus, analysis: analysis, tolerance: tolerance,
            location: SourceLocation(fileID, filePath, line))
    }

    public func apply(to pipeline: inout PipelineDescription) { pipeline.gate = gate }
}

/// The command the rollback job of an environment released with `rollback: .snapshotRestore` runs, from the
/// repository root: `SnapshotRestore("scripts/restore-dev-snapshot.sh")`.
public struct SnapshotRestore: PipelineComponent {
    let command: String
    let location: SourceLocation

    public init(_ command: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.command = command
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to pipeline: inout PipelineDescription) {
        pipeline.snapshotRestore = command
        pipeline.provenance["snapshotRestore"] = location
    }
}

/// How long each `kubectl rollout status` waits (5 minutes by default).
public struct RolloutTimeout: PipelineComponent {
    let timeout: Duration
    let location: SourceLocation

    public init(_ timeout: Duration, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.timeout = timeout
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to pipeline: inout PipelineDescription) {
        pipeline.rolloutTimeout = timeout
        pipeline.provenance["rolloutTimeout"] = location
    }
}
