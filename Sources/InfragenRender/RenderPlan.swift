public import InfragenModel

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

    /// Whether a path under Output/ is in scope, read back through the generators' declared folders (so it works
    /// for stale files too).
    public func contains(path: String, in layout: OutputLayout) -> Bool {
        guard let scope = layout.scope(of: path) else { return systems.isEmpty && environments.isEmpty && kinds.isEmpty }
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

/// The files of one render, sorted by path, with the ownership manifest that lists them.
public struct RenderPlan: Sendable {
    public struct DuplicatePath: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "two generators produced the same file \(path)" }
    }

    /// A file outside the folders its generator declares, which `--only`, `--check` and stale-file removal would
    /// not find.
    public struct Misplaced: Error, CustomStringConvertible {
        public let path: String
        public let kind: ArtifactKind
        public let folders: [OutputFolder]

        public var description: String {
            "the \(kind) generator produced \(path), outside the folders it declares ("
                + folders.map(\.description).joined(separator: ", ") + ")"
        }
    }

    public let files: [GeneratedFile]
    public let selection: RenderSelection
    /// Where the registered generators write, to read paths on disk back.
    public let layout: OutputLayout

    public init(files: [GeneratedFile], selection: RenderSelection, layout: OutputLayout) throws {
        let sorted = files.sorted { $0.path < $1.path }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.path == b.path { throw DuplicatePath(path: a.path) }
        self.files = sorted
        self.selection = selection
        self.layout = layout
    }

    public var paths: [String] { files.map(\.path) }

    /// Whether this render decides about a path on disk: it is in the selection (see
    /// ``RenderSelection/contains(path:in:)``).
    public func covers(path: String) -> Bool { selection.contains(path: path, in: layout) }
}

extension OutputLayout {
    /// `files`, after checking that each lies in one of `generator`'s folders, in the system it names, and has its
    /// kind.
    func placed(_ files: [GeneratedFile], by generator: any Generator) throws -> [GeneratedFile] {
        for file in files {
            let scope = scope(of: file.path)
            guard file.kind == generator.kind, scope?.kind == generator.kind, scope?.system == file.system else {
                throw RenderPlan.Misplaced(path: file.path, kind: generator.kind, folders: generator.folders)
            }
        }
        return files
    }
}
