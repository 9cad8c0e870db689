/// Where files go under the output folder, as the registered generators declare it (``Generator/folders``). Every
/// environment is a folder that deploys as a unit; with infragen's own generators:
///
///     <system>/README.md                              the system's pull-request view
///     <system>/docker/<service>/Dockerfile            per service, the same in every environment
///     <system>/<environment>/kubernetes/…             kubectl apply -k
///     <system>/<environment>/nginx/…                  the gateway
///     <system>/<environment>/prometheus/…             SLO rules and their unit tests
///
/// The layout reads a path back to the system, environment and kind it belongs to, which scopes `--only`, `--check`
/// and the removal of stale files, for files that are no longer generated too.
public struct OutputLayout: Sendable {
    /// What a path under the output folder belongs to.
    public struct Scope: Hashable, Sendable {
        public var system: String
        /// Nil for a file in the system's folder, beside the environments.
        public var environment: String?
        /// Nil for a path in no generator's folder.
        public var kind: ArtifactKind?

        public init(system: String, environment: String?, kind: ArtifactKind?) {
            self.system = system
            self.environment = environment
            self.kind = kind
        }
    }

    /// Two generators of different kinds that declare the same place.
    public struct Conflict: Error, Hashable, Sendable, CustomStringConvertible {
        public var folder: OutputFolder
        public var kinds: [ArtifactKind]

        public init(folder: OutputFolder, kinds: [ArtifactKind]) {
            self.folder = folder
            self.kinds = kinds
        }

        public var description: String {
            "generators of the kinds \(kinds.map(\.rawValue).joined(separator: " and ")) both declare \(folder)"
        }
    }

    /// Every kind a registered generator makes, sorted.
    public let kinds: [ArtifactKind]
    /// Declarations that clash (the first generator keeps the place).
    public let conflicts: [Conflict]
    /// Names in a system's folder that are not environments, in lower case (for case-insensitive disks).
    public let reservedNames: Set<String>
    private let inEnvironment: [String: ArtifactKind]
    private let inSystem: [String: ArtifactKind]
    private let systemFiles: [String: ArtifactKind]

    public init(_ generators: [any Generator]) {
        var kinds = Set<ArtifactKind>(), conflicts: [Conflict] = []
        var tables: [OutputFolder.Level: [String: ArtifactKind]] = [:]
        for generator in generators {
            kinds.insert(generator.kind)
            for folder in generator.folders {
                if let owner = tables[folder.level]?[folder.name] {
                    if owner != generator.kind { conflicts.append(Conflict(folder: folder, kinds: [owner, generator.kind])) }
                } else {
                    tables[folder.level, default: [:]][folder.name] = generator.kind
                }
            }
        }
        self.kinds = kinds.sorted()
        self.conflicts = conflicts
        inEnvironment = tables[.environment] ?? [:]
        inSystem = tables[.system] ?? [:]
        systemFiles = tables[.systemFile] ?? [:]
        reservedNames = Set(inSystem.keys.map { $0.lowercased() } + systemFiles.keys.map { $0.lowercased() })
    }

    /// Whether no environment may be called `name`.
    public func isReserved(_ name: String) -> Bool { reservedNames.contains(name.lowercased()) }

    /// The system, environment and kind of a path under the output folder; nil outside every system's folder.
    public func scope(of path: String) -> Scope? {
        let parts = path.split(separator: "/", maxSplits: 3).map(String.init)
        guard parts.count >= 2 else { return nil }
        if parts.count == 2 { return Scope(system: parts[0], environment: nil, kind: systemFiles[parts[1]]) }
        if let kind = inSystem[parts[1]] { return Scope(system: parts[0], environment: nil, kind: kind) }
        return Scope(system: parts[0], environment: parts[1], kind: parts.count > 3 ? inEnvironment[parts[2]] : nil)
    }
}
