public import InfragenModel

/// One unit of work of one system, the scope of one of ``Generator``'s functions. The engine lists every unit of
/// every system, runs them (in parallel in a render), and merges their files in the order of the list before the
/// plan sorts them by path; so the files are the same however the units were scheduled.
enum WorkUnit: Sendable, Hashable {
    case system
    case environment(Int)
    case service(Int, environment: Int)
    /// A service once for the whole system, as the first environment resolves it.
    case sharedService(Int)
    /// An external service (rules only) in an environment it runs in.
    case externalService(Int, environment: Int)

    /// The system, its environments, each service in each environment, each service once, then each external
    /// service in each environment.
    static func units(of system: ResolvedSystem) -> [WorkUnit] {
        var units: [WorkUnit] = [.system]
        units += system.environments.indices.map(WorkUnit.environment)
        for environment in system.environments.indices {
            units += system.environments[environment].services.indices.map { .service($0, environment: environment) }
        }
        units += (system.environments.first?.services.indices).map { $0.map(WorkUnit.sharedService) } ?? []
        for environment in system.environments.indices {
            units += system.environments[environment].externalServices.indices.map {
                .externalService($0, environment: environment)
            }
        }
        return units
    }
}

extension Generator {
    /// The files of one unit: the function of its scope.
    func files(_ unit: WorkUnit, of system: ResolvedSystem, cache: GenerationCache) throws -> [GeneratedFile] {
        switch unit {
        case .system:
            return try files(system: system, cache: cache)
        case .environment(let environment):
            return try files(environment: system.environments[environment], system: system, cache: cache)
        case .service(let service, let environment):
            let environment = system.environments[environment]
            return try files(service: environment.services[service], environment: environment, system: system,
                             cache: cache)
        case .sharedService(let service):
            guard let first = system.environments.first else { return [] }
            return try files(service: first.services[service], system: system, cache: cache)
        case .externalService(let service, let environment):
            let environment = system.environments[environment]
            return try files(externalService: environment.externalServices[service], environment: environment,
                             system: system, cache: cache)
        }
    }
}

extension RenderPipeline {
    /// The files of valid systems: every unit of every system through every generator that is not a summary
    /// (in parallel when `parallel`, with one cache for all), merged in the order of the units; then each system's
    /// summaries, which are handed that system's files. One list per system.
    ///
    /// With `stream`, each unit's selected files go to the comparison as soon as the unit is done (and the summaries'
    /// after them); each summary is handed what it reads of the files (``SummaryGenerator/summarized(_:)``), and the
    /// lists returned are empty.
    func generate(
        _ systems: [ResolvedSystem], producers: [any Generator], summaries: [any SummaryGenerator],
        layout: OutputLayout, parallel: Bool, stream: (selection: RenderSelection, into: OutputComparison)? = nil
    ) throws -> [[GeneratedFile]] {
        // One piece per unit and generator: an environment's Kubernetes objects and its Prometheus rules (the
        // largest pieces) run on different cores.
        let work = systems.indices.flatMap { index in
            WorkUnit.units(of: systems[index]).flatMap { unit in producers.indices.map { (index, unit, $0) } }
        }
        let cache = GenerationCache.forOneRender()
        let piece: @Sendable (Int) throws -> [[GeneratedFile]] = { piece in
            if let stream, stream.into.isStopped { return [] }
            let (index, unit, producer) = work[piece]
            let generator = producers[producer]
            let files = try layout.placed(generator.files(unit, of: systems[index], cache: cache), by: generator)
            guard let stream else { return [files] }
            stream.into.take(files.filter(stream.selection.contains))
            // What each summary reads of them, kept until it runs.
            return summaries.map { summary in files.map(summary.summarized) }
        }
        let generated = parallel ? try Parallel.map(work.count, piece) : try (0..<work.count).map(piece)
        // Per system: the files (without `stream`), or what each summary reads of them (with it).
        var files = Array(repeating: Array(repeating: [GeneratedFile](), count: stream == nil ? 1 : summaries.count),
                          count: systems.count)
        for (piece, (index, _, _)) in work.enumerated() {
            for (list, kept) in generated[piece].enumerated() { files[index][list] += kept }
        }
        for index in systems.indices {
            for (number, summary) in summaries.enumerated() {
                if let stream, stream.into.isStopped { break }
                let seen = stream == nil ? files[index][0] : files[index][number]
                let made = try layout.placed(summary.generate(systems[index], files: seen), by: summary)
                if stream == nil { files[index][0] += made }
                for later in summaries.indices where stream != nil && later > number {
                    files[index][later] += made.map(summaries[later].summarized)
                }
                stream?.into.take(made.filter(stream!.selection.contains))
            }
        }
        return files.map { stream == nil ? $0[0] : [] }
    }

    /// Every file the generators make of one valid system (without validating it), unit after unit on this thread:
    /// what ``render(_:selection:)`` makes of it in parallel, file for file. For tests that call generators directly.
    public func files(of system: ResolvedSystem) throws -> [GeneratedFile] {
        let layout = OutputLayout(generators)
        let summaries = generators.compactMap { $0 as? any SummaryGenerator }
        let producers = generators.filter { !($0 is any SummaryGenerator) }
        return try generate([system], producers: producers, summaries: summaries, layout: layout, parallel: false)[0]
    }
}

extension Generator {
    /// This generator's files for one valid system, unit after unit (``RenderPipeline/files(of:)``).
    public func generate(_ system: ResolvedSystem) throws -> [GeneratedFile] {
        try RenderPipeline(generators: [self]).files(of: system)
    }
}
