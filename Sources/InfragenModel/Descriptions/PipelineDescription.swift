/// The delivery pipeline of a system, from the same model as its files: verify, build, deploy per environment in the
/// model's order, the prod canary with its release gate, and rollback jobs per the environments' rollback strategy.
///
/// ```swift
/// Pipeline {
///     ImageBuilder(.kaniko)
///     ReleaseGate(prometheus: "http://prometheus-operated.monitoring.svc:9090", analysis: .minutes(15))
///     SnapshotRestore("scripts/restore-dev-snapshot.sh")
/// }
/// ```
public struct PipelineDescription: Sendable, Hashable, Codable {
    /// The daemonless image builder the build jobs run inside CI containers.
    public enum Builder: String, Sendable, Hashable, Codable, CaseIterable {
        case buildah, kaniko
    }

    /// A static-analysis job beside the tests.
    public enum StaticScan: String, Sendable, Hashable, Codable {
        /// `sonar-scanner` with the CI variables `SONAR_HOST_URL` and `SONAR_TOKEN`.
        case sonarQube
    }

    public var builder: Builder
    /// The branch that deploys to the environments after dev (`main`).
    public var mainBranch: String
    /// The command that runs the team's infragen executable, from the repository root: `swift run infragen`.
    public var command: String
    /// The output folder, relative to the repository root: `Output`.
    public var outputFolder: String
    /// Per service, the folder with its sources, relative to the repository root (`services/order-service`); the
    /// service's name when not given. Services built from their own Dockerfile use its context instead.
    public var sourceFolders: [String: String]
    public var staticScan: StaticScan?
    /// Whether a job runs the validators the output is designed for (hadolint on the Dockerfiles, checkov on the
    /// manifests).
    public var validators: Bool
    /// The Prometheus the release gate asks, and how long the canary is watched before it is judged.
    public var gate: ReleaseGateDescription?
    /// The command the rollback job of an environment with the `snapshotRestore` strategy runs.
    public var snapshotRestore: String?
    /// How long `kubectl rollout status` waits for each workload.
    public var rolloutTimeout: Duration
    public var location: SourceLocation
    /// Where the blueprint sets each field (`mainBranch`, `sourceFolders[order-service]` …), for diagnostics.
    public var provenance: [String: SourceLocation]

    public init(location: SourceLocation) {
        self.provenance = [:]
        self.builder = .buildah
        self.mainBranch = "main"
        self.command = "swift run infragen"
        self.outputFolder = "Output"
        self.sourceFolders = [:]
        self.validators = true
        self.rolloutTimeout = .seconds(300)
        self.location = location
    }
}

/// The release gate of a canary: after `analysis`, the canary fails when its error-budget burn rate over that window
/// is above 1 (it burns faster than its budget allows) and above `tolerance` × the stable release's.
public struct ReleaseGateDescription: Sendable, Hashable, Codable {
    /// `http://prometheus-operated.monitoring.svc:9090`: where the CI job reaches Prometheus's HTTP API.
    public var prometheus: String
    public var analysis: Duration
    /// How many times stable's burn rate the canary may reach before it fails (1: no faster than stable).
    public var tolerance: Double
    public var location: SourceLocation

    public init(prometheus: String, analysis: Duration, tolerance: Double, location: SourceLocation) {
        self.prometheus = prometheus
        self.analysis = analysis
        self.tolerance = tolerance
        self.location = location
    }
}
