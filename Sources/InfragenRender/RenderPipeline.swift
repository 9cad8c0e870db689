public import InfragenModel
public import InfragenGenerators

/// What to render: which systems, environments and kinds of file. Empty sets mean "all".
public struct RenderSelection: Sendable, Hashable {
    public var systems: Set<String>
    public var environments: Set<String>
    public var kinds: Set<ArtifactKind>

    public init(systems: Set<String> = [], environments: Set<String> = [], kinds: Set<ArtifactKind> = []) {
        self.systems = systems
        self.environments = environments
        self.kinds = kinds
    }

    public static let all = RenderSelection()

    /// Whether a path under Output/ is in scope (read back from the layout, so it works for stale files too).
    public func contains(path: String) -> Bool {
        guard let scope = OutputLayout.scope(of: path) else { return systems.isEmpty && environments.isEmpty && kinds.isEmpty }
        if !systems.isEmpty && !systems.contains(scope.system) { return false }
        if !environments.isEmpty {
            // Files that belong to no environment (Dockerfiles, the README) stay in scope for every environment.
            if let environment = scope.environment, !environments.contains(environment) { return false }
        }
        if !kinds.isEmpty {
            guard let kind = scope.kind, kinds.contains(kind) else { return false }
        }
        return true
    }

    public func contains(_ file: GeneratedFile) -> Bool {
        if !systems.isEmpty && !systems.contains(file.system) { return false }
        if !environments.isEmpty, let environment = file.environment, !environments.contains(environment) { return false }
        if !kinds.isEmpty && !kinds.contains(file.kind) { return false }
        return true
    }
}

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

    public init(generators: [any Generator] = Generators.all) {
        self.generators = generators
    }

    /// Every problem in every system, plus catalog-wide ones (two systems of one name, reserved names).
    public func validate(_ systems: [SystemDescription]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var seen: [String: SourceLocation] = [:]
        for system in systems {
            if let first = seen[system.name] {
                diagnostics.append(.error(
                    DiagnosticPath(system: system.name), field: "name",
                    "system '\(system.name)' is also declared at \(first)", hint: "give each system its own name",
                    at: system.location))
            }
            seen[system.name] = seen[system.name] ?? system.location
            for environment in system.environments where OutputLayout.reservedNames.contains(environment.environment.name) {
                diagnostics.append(.error(
                    DiagnosticPath(system: system.name, environment: environment.environment.name), field: "name",
                    "'\(environment.environment.name)' is reserved for the Output/ layout",
                    hint: "name the environment differently", at: environment.location))
            }
            let own = system.validate()
            diagnostics += own
            if !own.hasErrors {
                let resolved = system.resolve()
                for generator in generators { diagnostics += generator.validate(resolved) }
            }
        }
        return diagnostics.sorted()
    }

    /// Validates, then generates every selected file.
    public func render(_ systems: [SystemDescription], selection: RenderSelection = .all) throws -> RenderResult {
        let clock = ContinuousClock()
        var timings = RenderResult.Timings()
        let start = clock.now
        let diagnostics = validate(systems)
        timings.validation = clock.now - start
        guard !diagnostics.hasErrors else { return RenderResult(diagnostics: diagnostics, plan: nil, timings: timings) }

        let generationStart = clock.now
        var files: [GeneratedFile] = []
        for system in systems where selection.systems.isEmpty || selection.systems.contains(system.name) {
            let resolved = system.resolve()
            // Every generator runs, so that a summary links the complete set; the selection filters afterwards.
            var systemFiles: [GeneratedFile] = []
            for generator in generators where !(generator is any SummaryGenerator) {
                systemFiles += try generator.generate(resolved)
            }
            for case let summary as any SummaryGenerator in generators {
                systemFiles += try summary.generate(resolved, files: systemFiles)
            }
            files += systemFiles.filter(selection.contains)
        }
        timings.generation = clock.now - generationStart
        return RenderResult(diagnostics: diagnostics, plan: try RenderPlan(files: files, selection: selection), timings: timings)
    }
}

/// The files of one render, sorted by path, with the ownership manifest that lists them.
public struct RenderPlan: Sendable {
    public struct DuplicatePath: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "two generators produced the same file \(path)" }
    }

    public let files: [GeneratedFile]
    public let selection: RenderSelection

    public init(files: [GeneratedFile], selection: RenderSelection) throws {
        let sorted = files.sorted { $0.path < $1.path }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.path == b.path { throw DuplicatePath(path: a.path) }
        self.files = sorted
        self.selection = selection
    }

    public var paths: [String] { files.map(\.path) }
}
