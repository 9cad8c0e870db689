/// A kind of file, the unit that `--only` selects. The set is open, like argument-parser's `CompletionShell`: the
/// kinds infragen ships are static members, and a team's own generator brings its own:
///
///     extension ArtifactKind {
///         static let dashboards = ArtifactKind("dashboards")
///     }
///
/// Encoded as its plain name (`"kubernetes"`). Which kinds exist is what the registered generators declare
/// (``OutputLayout/kinds``), never a list kept here.
public struct ArtifactKind: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The name `--only` takes: lower case, no commas or slashes.
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public init(_ name: String) { rawValue = name }

    public var description: String { rawValue }

    public static func < (lhs: ArtifactKind, rhs: ArtifactKind) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `<system>/docker/<service>/`: Dockerfiles and their ignore files.
    public static let dockerfile = ArtifactKind("dockerfile")
    /// `<system>/<environment>/kubernetes/`: manifests.
    public static let kubernetes = ArtifactKind("kubernetes")
    /// `<system>/<environment>/nginx/`: the gateway.
    public static let nginx = ArtifactKind("nginx")
    /// `<system>/<environment>/prometheus/`: SLO rules and their unit tests.
    public static let prometheus = ArtifactKind("prometheus")
    /// `<system>/alertmanager/`: the routing of the SLO alerts.
    public static let alertmanager = ArtifactKind("alertmanager")
    /// `<system>/README.md`: the system's pull-request view.
    public static let report = ArtifactKind("report")
}

/// A place under the output folder that a generator owns, declared by the generator (``Generator/folders``). Its
/// files go there, and the engine reads a path back through the declarations to know its kind, so that `--only`,
/// `--check` and the removal of stale files work for every generator, a team's own included.
///
///     .inEnvironment("kubernetes")   <system>/<environment>/kubernetes/…
///     .inSystem("docker")            <system>/docker/…            (files that do not depend on the environment)
///     .systemFile("README.md")       <system>/README.md           (one file)
///
/// A name in the system (a folder or a file) is reserved: no environment may take it.
public struct OutputFolder: Hashable, Sendable, CustomStringConvertible {
    public enum Level: Hashable, Sendable {
        /// A folder in every environment's folder.
        case environment
        /// A folder in the system's folder, beside the environments.
        case system
        /// A single file in the system's folder.
        case systemFile
    }

    public let level: Level
    /// The folder's (or the file's) name: one path component.
    public let name: String

    public static func inEnvironment(_ name: String) -> OutputFolder { OutputFolder(level: .environment, name: name) }

    public static func inSystem(_ name: String) -> OutputFolder { OutputFolder(level: .system, name: name) }

    public static func systemFile(_ name: String) -> OutputFolder { OutputFolder(level: .systemFile, name: name) }

    /// The folder's path under the output folder (the file's, for ``systemFile(_:)``), `/`-separated. `environment`
    /// is needed for a folder in an environment only.
    public func path(system: String, environment: String? = nil) -> String {
        switch level {
        case .environment: "\(system)/\(environment ?? "")/\(name)"
        case .system, .systemFile: "\(system)/\(name)"
        }
    }

    public var description: String {
        switch level {
        case .environment: "<system>/<environment>/\(name)/"
        case .system: "<system>/\(name)/"
        case .systemFile: "<system>/\(name)"
        }
    }
}
