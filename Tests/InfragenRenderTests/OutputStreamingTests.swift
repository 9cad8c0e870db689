import Foundation
import Infragen
import InfragenGenerators
import InfragenRender
import InfragenTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A render compares and stages each unit's files as the unit finishes (issue 20), instead of holding the whole plan
/// until every unit is done; what it staged goes again when the render does not commit.
@Suite struct OutputStreamingTests {
    /// Counts, across threads, the service units that saw the system unit's file staged.
    final class Sightings: @unchecked Sendable {
        private let lock = NSLock()
        private var seen = 0, missed = 0
        func record(_ found: Bool) { lock.withLock { if found { seen += 1 } else { missed += 1 } } }
        var counts: (seen: Int, missed: Int) { lock.withLock { (seen, missed) } }
    }

    /// The system unit writes `first.yaml`; each service unit waits (at most 10 s) for that file's temporary file to
    /// appear on disk before it returns its own file.
    struct Watching: Generator {
        let kind = ArtifactKind.kubernetes
        let folders = [OutputFolder.inEnvironment("kubernetes")]
        let root: String
        let sightings: Sightings

        func files(system: ResolvedSystem, cache: GenerationCache) throws -> [GeneratedFile] {
            guard let environment = system.environments.first else { return [] }
            return [file("first", environment.name, system.name)]
        }

        func files(service: ResolvedService, environment: ResolvedEnvironment, system: ResolvedSystem,
                   cache: GenerationCache) throws -> [GeneratedFile] {
            let first = system.environments[0].name
            let staged = "\(root)/\(system.name)/\(first)/kubernetes/.first.yaml.infragen-\(getpid()).tmp"
            let deadline = ContinuousClock.now + .seconds(10)
            while access(staged, F_OK) != 0 && ContinuousClock.now < deadline { usleep(1_000) }
            sightings.record(access(staged, F_OK) == 0)
            return [file(service.name, environment.name, system.name)]
        }

        func file(_ name: String, _ environment: String, _ system: String) -> GeneratedFile {
            GeneratedFile(path: "\(system)/\(environment)/kubernetes/\(name).yaml",
                          contents: FileHeader.hash(source: SourceLocation(fileID: "Tests/S.swift", line: 1), system: system)
                              + "kind: \(name)\n",
                          kind: kind, system: system, environment: environment)
        }
    }

    @Test func eachUnitsFilesAreStagedBeforeTheLastUnitIsDone() throws {
        try withTemporaryFolder { root in
            let sightings = Sightings()
            let pipeline = RenderPipeline(generators: [Watching(root: root.path, sightings: sightings)])
            let validation = try pipeline.validated([sampleSystem()])
            #expect(!validation.diagnostics.hasErrors)
            let directory = OutputDirectory(root: root)
            let changes = try directory.withExclusiveAccess(creating: true) {
                try pipeline.render(validation, into: directory, .stage)
            }
            // The system file was staged while the service units ran: both environments' units saw it.
            #expect(sightings.counts.seen == 2 && sightings.counts.missed == 0, "\(sightings.counts)")
            #expect(changes.created.map(\.path) == ["sample/dev/kubernetes/api.yaml", "sample/dev/kubernetes/first.yaml",
                                                    "sample/prod/kubernetes/api.yaml"])
            #expect(changes.created.allSatisfy { $0.new == nil && $0.staged != nil }, "a staged file kept its text")
            try directory.apply(changes)
            let written = try String(contentsOf: root.appendingPathComponent("sample/dev/kubernetes/first.yaml"),
                                     encoding: .utf8)
            #expect(written.hasSuffix("kind: first\n"))
            #expect(try directory.changes(for: #require(pipeline.render([sampleSystem()]).plan)).isClean)
        }
    }

    @Test func stagedFilesGoWhenTheRenderIsNotApplied() throws {
        try withTemporaryFolder { root in
            let pipeline = RenderPipeline()
            let validation = try pipeline.validated([sampleSystem()])
            let directory = OutputDirectory(root: root)
            let changes = try directory.withExclusiveAccess(creating: true) {
                try pipeline.render(validation, into: directory, .stage)
            }
            let staged = changes.created.compactMap(\.staged)
            #expect(!staged.isEmpty && staged.count == changes.created.count)
            #expect(staged.allSatisfy { access(root.appendingPathComponent($0).path, F_OK) == 0 })
            changes.discardStaged()
            let left = FileManager.default.enumerator(atPath: root.path)?.allObjects ?? []
            #expect(left.isEmpty, "\(left)")
        }
    }

    /// A large file is compared with the folder a piece at a time: found unchanged when equal, and changed when it
    /// differs in one byte at its end, at a piece's edge or in its first piece, at the same size.
    @Test func aLargeFileIsComparedPieceByPiece() throws {
        struct Large: Generator {
            let kind = ArtifactKind.kubernetes
            let folders = [OutputFolder.inEnvironment("kubernetes")]
            func files(environment: ResolvedEnvironment, system: ResolvedSystem, cache: GenerationCache) throws
                -> [GeneratedFile] {
                let header = FileHeader.hash(source: system.declaredAt, system: system.name, command: system.command)
                let body = (0..<40_000).map { "line-\($0 % 10)\n" }.joined()
                return [GeneratedFile(path: "\(system.name)/\(environment.name)/kubernetes/large.yaml",
                                      contents: header + body, kind: kind, system: system.name,
                                      environment: environment.name)]
            }
        }
        try withTemporaryFolder { root in
            let pipeline = RenderPipeline(generators: [Large()])
            let directory = OutputDirectory(root: root)
            func changes(_ mode: OutputComparison.Mode) throws -> ChangeSet {
                let validation = try pipeline.validated([sampleSystem()])
                return try directory.withExclusiveAccess(creating: true) {
                    try pipeline.render(validation, into: directory, mode)
                }
            }
            try directory.apply(try changes(.stage))
            #expect(try changes(.diff).isClean)
            let path = root.appendingPathComponent("sample/dev/kubernetes/large.yaml")
            let original = try Data(contentsOf: path)
            #expect(original.count > 4 * 65_536)
            for offset in [original.count - 2, 65_536, 65_535, 200] {
                var edited = original
                edited[offset] = edited[offset] == UInt8(ascii: "7") ? UInt8(ascii: "8") : UInt8(ascii: "7")
                try edited.write(to: path)
                let found = try changes(.diff)
                #expect(found.updated.map(\.path) == ["sample/dev/kubernetes/large.yaml"], "byte \(offset)")
                #expect(found.updated.first?.old?.utf8.count == original.count, "byte \(offset)")
            }
            try original.write(to: path)
            #expect(try changes(.diff).isClean)
        }
    }
}
