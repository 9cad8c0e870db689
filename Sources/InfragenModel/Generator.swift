/// The kinds of file infragen writes; `--only` selects among them.
public enum ArtifactKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case dockerfile, kubernetes, nginx, prometheus, report

    public static func < (lhs: ArtifactKind, rhs: ArtifactKind) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A generator: a pure function from a resolved system to files.
///
/// A generator never reads the disk, the clock, the environment or a random source. It may refuse a system that is
/// valid in general but that it cannot turn into a correct file, through ``validate(_:)``; ``generate(_:)`` is only
/// called on systems without errors.
public protocol Generator: Sendable {
    var kind: ArtifactKind { get }

    /// Problems only this generator knows about (for example an SLO alert that can never fire).
    func validate(_ system: ResolvedSystem) -> [Diagnostic]

    /// The files for one system. Throws only on an internal failure (a printer refusing a value validation let
    /// through), never on user input.
    func generate(_ system: ResolvedSystem) throws -> [GeneratedFile]

    /// Into how many independent parts the files of `system` split, so that the render engine can generate them in
    /// parallel (environments, and slices of a large environment's services). Default: 1, the whole system.
    func partCount(_ system: ResolvedSystem) -> Int

    /// The files of one part, `0..<partCount(system)`. The files of all parts together are exactly the files of
    /// ``generate(_:)``, each in one part, and a part reads the whole system (an index of every service, say), so
    /// the files do not depend on how the work was split. Default: part 0 is ``generate(_:)``.
    func generate(_ system: ResolvedSystem, part: Int) throws -> [GeneratedFile]
}

extension Generator {
    public func validate(_ system: ResolvedSystem) -> [Diagnostic] { [] }

    public func partCount(_ system: ResolvedSystem) -> Int { 1 }

    public func generate(_ system: ResolvedSystem, part: Int) throws -> [GeneratedFile] {
        part == 0 ? try generate(system) : []
    }
}

/// Parts by environment and by slices of each environment's services: part `p` is environment `p / slices`, slice
/// `p % slices`, and a slice holds the services whose position in the environment is `slice` modulo `slices`. One
/// slice per 64 services, at most 8: enough pieces to keep a few cores busy, few enough that each is worth a thread
/// (every part indexes the whole environment).
public struct GenerationParts: Sendable, Equatable {
    public let environments: Int
    public let slices: Int

    public init(_ system: ResolvedSystem, byEnvironment: Bool = true) {
        environments = byEnvironment ? system.environments.count : 1
        let services = system.environments.map(\.services.count).max() ?? 0
        slices = Swift.max(1, Swift.min(8, services / 64))
    }

    public var count: Int { environments * slices }

    /// The environment (its index) and the slice of a part.
    public func locate(_ part: Int) -> (environment: Int, slice: Int) { (part / slices, part % slices) }
}

/// A generator that summarises what the others produced (the system README links every file), so it runs last and
/// is handed the other generators' files for the same system.
public protocol SummaryGenerator: Generator {
    func generate(_ system: ResolvedSystem, files: [GeneratedFile]) throws -> [GeneratedFile]
}

extension SummaryGenerator {
    public func generate(_ system: ResolvedSystem) throws -> [GeneratedFile] { try generate(system, files: []) }
}

/// One file a generator produced, with the place it goes under Output/.
public struct GeneratedFile: Sendable, Hashable, Codable {
    /// The path under the output folder, `/`-separated: `shop/prod/kubernetes/order-service.yaml`.
    public var path: String
    public var contents: String
    public var kind: ArtifactKind
    public var system: String
    /// The environment the file belongs to; nil for files that do not depend on one (Dockerfiles, the README).
    public var environment: String?

    public init(path: String, contents: String, kind: ArtifactKind, system: String, environment: String?) {
        self.path = path
        self.contents = contents
        self.kind = kind
        self.system = system
        self.environment = environment
    }
}

/// Where files go under Output/. Every environment is a folder that deploys as a unit.
///
///     <system>/README.md                              the system's pull-request view
///     <system>/docker/<service>/Dockerfile            per service, the same in every environment
///     <system>/<environment>/kubernetes/…             kubectl apply -k
///     <system>/<environment>/nginx/…                  the gateway
///     <system>/<environment>/prometheus/…             SLO rules and their unit tests
public enum OutputLayout {
    /// Folder names under `<system>/` that are not environments.
    public static let reservedNames: Set<String> = ["docker", "readme.md"]

    public static func systemFile(_ system: String, _ name: String) -> String { "\(system)/\(name)" }

    public static func dockerFolder(_ system: String, service: String) -> String { "\(system)/docker/\(service)" }

    public static func folder(_ system: String, _ environment: String, _ kind: ArtifactKind) -> String {
        "\(system)/\(environment)/\(kind.rawValue)"
    }

    /// What a path under Output/ belongs to, read back from the layout (used to scope removals of stale files).
    public static func scope(of path: String) -> (system: String, environment: String?, kind: ArtifactKind?)? {
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count >= 2 else { return nil }
        if parts[1] == "docker" { return (parts[0], nil, .dockerfile) }
        if parts.count == 2 { return (parts[0], nil, .report) }
        return (parts[0], parts[1], parts.count >= 3 ? ArtifactKind(rawValue: parts[2]) : nil)
    }
}
