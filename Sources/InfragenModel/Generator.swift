/// A generator: pure functions from a resolved system to files, one call per unit of work.
///
/// The render engine cuts every system into units and calls, for each unit, the function of its scope:
///
///     files(system:cache:)                          once per system
///     files(environment:system:cache:)              once per environment        (a kustomization, a rule file)
///     files(service:environment:system:cache:)      once per service, in each environment   (a manifest)
///     files(service:system:cache:)                  once per service, for files the same in every environment
///                                                   (a Dockerfile; the service as the first environment resolves it)
///     files(externalService:environment:system:cache:)  once per external service (`ExternalService`: infragen
///                                                   deploys nothing of it), in each environment it runs in
///                                                   (its SLOs' promtool tests)
///
/// A generator implements the scopes its files belong to; the others make no files. The engine decides what runs in
/// parallel and merges the files sorted by path, so a call must depend on its arguments alone: never the disk, the
/// clock, the environment, a random source, or another call. What many calls need (an index of an environment's
/// services, a simulation) they ask of `cache`, which computes each key once per render (``GenerationCache``).
///
/// A generator declares its ``kind`` and the ``folders`` it writes into; its files must lie in those folders (the
/// render fails otherwise), which is how `--only`, `--check` and the removal of stale files find them. Every file
/// begins with a ``FileHeader`` line: the output folder only ever overwrites or removes a file that does.
///
/// ``validate(_:)`` may refuse a system that is valid in general but that the generator cannot turn into a correct
/// file; the engine generates only systems without errors. A call throws only on an internal failure (a printer
/// refusing a value validation let through), never on user input.
public protocol Generator: Sendable {
    /// The kind of every file it makes, which `--only` selects.
    var kind: ArtifactKind { get }

    /// The places under the output folder it owns.
    var folders: [OutputFolder] { get }

    /// Problems only this generator knows about (for example an SLO alert that can never fire).
    func validate(_ system: ResolvedSystem) -> [Diagnostic]

    /// ``validate(_:)`` as a render runs it, split so that a system's environments are checked in parallel: this
    /// once per system, and ``validate(environment:system:)`` once per environment; together every check of
    /// ``validate(_:)``, each once. By default ``validate(_:)``.
    func validateShared(_ system: ResolvedSystem) -> [Diagnostic]

    /// The checks of one environment, when a generator splits ``validate(_:)`` so (see ``validateShared(_:)``). By
    /// default none.
    func validate(environment: ResolvedEnvironment, system: ResolvedSystem) -> [Diagnostic]

    func files(system: ResolvedSystem, cache: GenerationCache) throws -> [GeneratedFile]

    func files(environment: ResolvedEnvironment, system: ResolvedSystem, cache: GenerationCache) throws
        -> [GeneratedFile]

    func files(service: ResolvedService, environment: ResolvedEnvironment, system: ResolvedSystem,
               cache: GenerationCache) throws -> [GeneratedFile]

    func files(service: ResolvedService, system: ResolvedSystem, cache: GenerationCache) throws -> [GeneratedFile]

    /// The files of a service infragen does not deploy (``ResolvedEnvironment/externalServices``), which only a
    /// generator that writes about its SLOs implements; a generator that deploys what it is given never sees one.
    func files(externalService: ResolvedService, environment: ResolvedEnvironment, system: ResolvedSystem,
               cache: GenerationCache) throws -> [GeneratedFile]
}

extension Generator {
    public func validate(_ system: ResolvedSystem) -> [Diagnostic] { [] }

    public func validateShared(_ system: ResolvedSystem) -> [Diagnostic] { validate(system) }

    public func validate(environment: ResolvedEnvironment, system: ResolvedSystem) -> [Diagnostic] { [] }

    public func files(system: ResolvedSystem, cache: GenerationCache) throws -> [GeneratedFile] { [] }

    public func files(environment: ResolvedEnvironment, system: ResolvedSystem, cache: GenerationCache) throws
        -> [GeneratedFile] { [] }

    public func files(service: ResolvedService, environment: ResolvedEnvironment, system: ResolvedSystem,
                      cache: GenerationCache) throws -> [GeneratedFile] { [] }

    public func files(service: ResolvedService, system: ResolvedSystem, cache: GenerationCache) throws
        -> [GeneratedFile] { [] }

    public func files(externalService: ResolvedService, environment: ResolvedEnvironment, system: ResolvedSystem,
                      cache: GenerationCache) throws -> [GeneratedFile] { [] }
}

/// A generator that summarises what the others produced (the system README links every file), so it runs after
/// them, once per system, and is handed the other generators' files for that system.
public protocol SummaryGenerator: Generator {
    func generate(_ system: ResolvedSystem, files: [GeneratedFile]) throws -> [GeneratedFile]
    /// What ``generate(_:files:)`` reads of a file: by default the whole file. A render that writes each file as
    /// soon as it is generated keeps only this of it for the summary (the README keeps paths, and of the Kubernetes
    /// files the `apiVersion` and `kind` lines), so the summary must make the same of it as of the whole file.
    func summarized(_ file: GeneratedFile) -> GeneratedFile
}

extension SummaryGenerator {
    public func summarized(_ file: GeneratedFile) -> GeneratedFile { file }
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
