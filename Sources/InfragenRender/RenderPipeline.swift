public import InfragenModel
public import InfragenGenerators

/// The outcome of validating and generating: either diagnostics with errors, or a plan (plus any warnings).
public struct RenderResult: Sendable {
    public var diagnostics: [Diagnostic]
    public var plan: RenderPlan?
    public var timings: Timings

    public struct Timings: Sendable {
        public var validation: Duration = .zero
        public var generation: Duration = .zero
    }
}

/// Blueprints in, a sorted plan of files out. Validation comes first and sees every system; generation happens only
/// when no system has an error, so a broken blueprint never produces a single file.
public struct RenderPipeline: Sendable {
    public var generators: [any Generator]
    /// The blueprint package's folder, where `ImportOpenSLO` paths start (``OpenSLOImport``); nil refuses every
    /// import, so a caller that reads no files never reads one.
    public var packageRoot: String?
    /// The command the user runs, without `render`, which every file's header names (``ResolvedSystem/command``).
    public var command: String
    /// Whether validation warns of base images, gateway images and Go versions past their end of life
    /// (``EndOfLife/warnings(_:)``). The CLI's commands do; off, an `Acknowledge` of those warnings is not judged.
    public var checksEndOfLife: Bool

    public init(
        generators: [any Generator] = Generators.all, packageRoot: String? = nil,
        command: String = FileHeader.defaultCommand, checksEndOfLife: Bool = false
    ) {
        self.generators = generators
        self.packageRoot = packageRoot
        self.command = command
        self.checksEndOfLife = checksEndOfLife
    }

    /// Every problem in every system, plus catalog-wide ones (two systems of one name, reserved names). With
    /// `kinds`, only the generators of those kinds run their own checks; the names their folders reserve are those of
    /// every registered generator still.
    public func validate(_ systems: [SystemDescription], kinds: Set<ArtifactKind> = []) -> [Diagnostic] {
        check(systems, kinds: kinds).diagnostics
    }

    /// Validation, and the resolution it needs, once per system (systems in parallel). A system's resolution is
    /// nil when it has errors of its own.
    private func check(_ systems: [SystemDescription], kinds: Set<ArtifactKind> = [])
        -> (diagnostics: [Diagnostic], resolved: [ResolvedSystem?]) {
        // The OpenSLO files first: their SLOs then meet every check a written SLO does.
        let (systems, importDiagnostics) = OpenSLOImport.apply(systems, packageRoot: packageRoot)
        var diagnostics = importDiagnostics
        var seen: [String: SourceLocation] = [:]
        let layout = OutputLayout(generators)
        for system in systems {
            if let first = seen[system.name] {
                diagnostics.append(.error(
                    DiagnosticPath(system: system.name), field: "name",
                    "system \(TextRules.quoted(system.name)) is also declared at \(first)", hint: "give each system its own name",
                    at: system.location))
            }
            seen[system.name] = seen[system.name] ?? system.location
            for environment in system.environments where layout.isReserved(environment.environment.name) {
                diagnostics.append(.error(
                    DiagnosticPath(system: system.name, environment: environment.environment.name), field: "name",
                    "\(TextRules.quoted(environment.environment.name)) is reserved for the Output/ layout",
                    hint: "name the environment differently", at: environment.location))
            }
        }
        // Every environment of every system resolved on its own core (`SystemDescription.resolve()`, in pieces).
        let environments = systems.indices.flatMap { system in systems[system].environments.map { (system, $0) } }
        let resolvedEnvironments = Parallel.map(environments.count) { piece in
            systems[environments[piece].0].resolve(environments[piece].1)
        }
        var next = 0
        let resolved = systems.map { system -> ResolvedSystem in
            defer { next += system.environments.count }
            return system.resolved(environments: Array(resolvedEnvironments[next..<(next + system.environments.count)]))
        }
        let own = Parallel.map(systems.count) { index -> (ResolvedSystem, [Diagnostic]) in
            (resolved[index], systems[index].validate(resolved: resolved[index]))
        }
        // Generator checks only for systems without errors of their own: per generator one piece for the system
        // and one per environment (`Generator.validateShared(_:)`, `validate(environment:system:)`).
        let valid = own.indices.filter { !own[$0].1.hasErrors }
        let generators = self.generators.filter { kinds.isEmpty || kinds.contains($0.kind) }
        let pieces = valid.flatMap { index in
            generators.indices.flatMap { generator in
                [(index, generator, nil)] + own[index].0.environments.indices.map { (index, generator, Optional($0)) }
            }
        }
        let generatorDiagnostics = Parallel.map(pieces.count) { piece in
            let (index, generator, environment) = pieces[piece]
            let system = own[index].0
            guard let environment else { return generators[generator].validateShared(system) }
            return generators[generator].validate(environment: system.environments[environment], system: system)
        }
        var bySystem: [Int: [Diagnostic]] = [:]
        for (piece, (index, _, _)) in pieces.enumerated() { bySystem[index, default: []] += generatorDiagnostics[piece] }
        for index in own.indices {
            var found = own[index].1
            if valid.contains(index) {
                found += bySystem[index] ?? []
                if checksEndOfLife { found += EndOfLife.warnings(own[index].0) }
            }
            // Acknowledged warnings leave here; an acknowledgement that covers nothing is reported only when every
            // check that could have warned ran.
            let complete = kinds.isEmpty && valid.contains(index)
            diagnostics += systems[index].applyingAcknowledgements(
                to: found, complete: complete, unchecked: checksEndOfLife ? [] : EndOfLife.warningCodes)
        }
        return (diagnostics.sorted(), own.indices.map { own[$0].1.hasErrors ? nil : own[$0].0 })
    }

    /// Validates, then generates every selected file: every unit of work of every chosen system (see ``Generator``)
    /// in parallel, merged in order; then each system's summaries, which see the system's files. A generator whose
    /// kind is not selected runs only when a selected summary needs its files.
    public func render(_ systems: [SystemDescription], selection: RenderSelection = .all) throws -> RenderResult {
        let validation = try validated(systems)
        var timings = RenderResult.Timings()
        timings.validation = validation.duration
        guard !validation.diagnostics.hasErrors else {
            return RenderResult(diagnostics: validation.diagnostics, plan: nil, timings: timings)
        }
        let clock = ContinuousClock()
        let start = clock.now
        let layout = OutputLayout(generators)
        let generated = try generate(validation, selection: selection, stream: nil)
        let plan = try RenderPlan(files: generated.flatMap { $0.filter(selection.contains) }, selection: selection,
                                  layout: layout)
        timings.generation = clock.now - start
        return RenderResult(diagnostics: validation.diagnostics, plan: plan, timings: timings)
    }

    /// Validation and resolution of every system: what ``render(_:into:selection:)`` starts from. Nothing is
    /// generated yet.
    public func validated(_ systems: [SystemDescription]) throws -> RenderValidation {
        if let conflict = OutputLayout(generators).conflicts.first { throw conflict }
        let clock = ContinuousClock()
        let start = clock.now
        let (diagnostics, resolved) = check(systems)
        return RenderValidation(diagnostics: diagnostics, names: systems.map(\.name), resolved: resolved,
                                duration: clock.now - start)
    }

    /// Generates the selected files of validated systems (without errors) and compares them with `directory`: each
    /// unit's files are compared, and in a render (``OutputComparison/Mode/stage``) staged, as soon as the unit is
    /// done, so the whole plan is never held. The change set is what ``OutputDirectory/changes(for:oldContents:adopt:)``
    /// gives for a plan, with the staged files in it; apply it or discard it (``ChangeSet/discardStaged()``). Call it
    /// holding the folder, after ``OutputDirectory/settle()``.
    public func render(
        _ validation: RenderValidation, selection: RenderSelection = .all, into directory: OutputDirectory,
        _ mode: OutputComparison.Mode, adopt: Bool = false
    ) throws -> ChangeSet {
        precondition(!validation.diagnostics.hasErrors, "a render needs systems without errors")
        let layout = OutputLayout(generators)
        return try directory.compare(mode, adopt: adopt, covering: { selection.contains(path: $0, in: layout) }) {
            _ = try generate(validation, selection: selection, stream: $0)
        }
    }

    private func generate(_ validation: RenderValidation, selection: RenderSelection, stream: OutputComparison?)
        throws -> [[GeneratedFile]] {
        let layout = OutputLayout(generators)
        func selected(_ generator: any Generator) -> Bool {
            selection.kinds.isEmpty || selection.kinds.contains(generator.kind)
        }
        let summaries = generators.compactMap { $0 as? any SummaryGenerator }.filter(selected)
        let producers = generators.filter { !($0 is any SummaryGenerator) && (selected($0) || !summaries.isEmpty) }
        let chosen = validation.names.indices.compactMap { index -> ResolvedSystem? in
            guard selection.systems.isEmpty || selection.systems.contains(validation.names[index]),
                  var system = validation.resolved[index] else { return nil }
            system.command = command
            return system
        }
        return try generate(chosen, producers: producers, summaries: summaries, layout: layout, parallel: true,
                            stream: stream.map { (selection, $0) })
    }
}

/// The systems validated and resolved, ready to generate (``RenderPipeline/validated(_:)``).
public struct RenderValidation: Sendable {
    /// Every problem found, sorted; generation needs there to be no error among them.
    public let diagnostics: [Diagnostic]
    let names: [String]
    let resolved: [ResolvedSystem?]
    public let duration: Duration
}
