/// The kinds of file infragen writes; `--only` selects among them.
public enum ArtifactKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case dockerfile, kubernetes, nginx, prometheus, report

    public static func < (lhs: ArtifactKind, rhs: ArtifactKind) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A generator: pure functions from a resolved system to files, one call per unit of work.
///
/// The render engine cuts every system into units and calls, for each unit, the function of its scope:
///
///     files(system:cache:)                          once per system
///     files(environment:system:cache:)              once per environment        (a kustomization, a rule file)
///     files(service:environment:system:cache:)      once per service, in each environment   (a manifest)
///     files(service:system:cache:)                  once per service, for files the same in every environment
///                                                   (a Dockerfile; the service as the first environment resolves it)
///
/// A generator implements the scopes its files belong to; the others make no files. The engine decides what runs in
/// parallel and merges the files sorted by path, so a call must depend on its arguments alone: never the disk, the
/// clock, the environment, a random source, or another call. What many calls need (an index of an environment's
/// services, a simulation) they ask of `cache`, which computes each key once per render (``GenerationCache``).
///
/// Every file begins with a ``FileHeader`` line: the output folder only ever overwrites or removes a file that does.
///
/// ``validate(_:)`` may refuse a system that is valid in general but that the generator cannot turn into a correct
/// file; the engine generates only systems without errors. A call throws only on an internal failure (a printer
/// refusing a value validation let through), never on user input.
public protocol Generator: Sendable {
    /// The kind of every file it makes, which `--only` selects.
    var kind: ArtifactKind { get }

    /// Problems only this generator knows about (for example an SLO alert that can never fire).
    func validate(_ system: ResolvedSystem) -> [Diagnostic]

    func files(system: ResolvedSystem, cache: GenerationCache) throws -> [GeneratedFile]

    func files(environment: ResolvedEnvironment, system: ResolvedSystem, cache: GenerationCache) throws
        -> [GeneratedFile]

    func files(service: ResolvedService, environment: ResolvedEnvironment, system: ResolvedSystem,
               cache: GenerationCache) throws -> [GeneratedFile]

    func files(service: ResolvedService, system: ResolvedSystem, cache: GenerationCache) throws -> [GeneratedFile]
}

extension Generator {
    public func validate(_ system: ResolvedSystem) -> [Diagnostic] { [] }

    public func files(system: ResolvedSystem, cache: GenerationCache) throws -> [GeneratedFile] { [] }

    public func files(environment: ResolvedEnvironment, system: ResolvedSystem, cache: GenerationCache) throws
        -> [GeneratedFile] { [] }

    public func files(service: ResolvedService, environment: ResolvedEnvironment, system: ResolvedSystem,
                      cache: GenerationCache) throws -> [GeneratedFile] { [] }

    public func files(service: ResolvedService, system: ResolvedSystem, cache: GenerationCache) throws
        -> [GeneratedFile] { [] }
}

/// A generator that summarises what the others produced (the system README links every file), so it runs after
/// them, once per system, and is handed the other generators' files for that system.
public protocol SummaryGenerator: Generator {
    func generate(_ system: ResolvedSystem, files: [GeneratedFile]) throws -> [GeneratedFile]
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
