import Foundation
import Infragen
import InfragenGenerators
import InfragenRender
import InfragenTestSupport
import Testing

/// The layout is what the registered generators declare: kinds, folders, reserved names, and paths read back.
@Suite struct OutputLayoutTests {
    let layout = OutputLayout(Generators.all)

    @Test func infragensOwnGeneratorsDeclareTheDocumentedLayout() {
        #expect(layout.kinds == [.alertmanager, .dockerfile, .kubernetes, .nginx, .pipeline, .prometheus, .report])
        #expect(layout.reservedNames == ["alertmanager", "ci", "docker", "readme.md"])
        #expect(layout.isReserved("README.md"))
        #expect(layout.conflicts.isEmpty)
        func scope(_ path: String) -> OutputLayout.Scope? { layout.scope(of: path) }
        #expect(scope("shop/README.md") == .init(system: "shop", environment: nil, kind: .report))
        #expect(scope("shop/docker/api/Dockerfile") == .init(system: "shop", environment: nil, kind: .dockerfile))
        #expect(scope("shop/prod/kubernetes/api.yaml") == .init(system: "shop", environment: "prod", kind: .kubernetes))
        #expect(scope("shop/dev/nginx/nginx.conf") == .init(system: "shop", environment: "dev", kind: .nginx))
        #expect(scope("shop/dev/prometheus/a/b.yaml") == .init(system: "shop", environment: "dev", kind: .prometheus))
        // Nobody's: a file beside the environments, a folder no generator declares, a file in an environment.
        #expect(scope("shop/notes.txt") == .init(system: "shop", environment: nil, kind: nil))
        #expect(scope("shop/prod/mine/x.yaml") == .init(system: "shop", environment: "prod", kind: nil))
        #expect(scope("shop/prod/kubernetes") == .init(system: "shop", environment: "prod", kind: nil))
        #expect(scope(".infragen-manifest") == nil)
    }

    @Test func aKindIsEncodedAsItsName() throws {
        let file = GeneratedFile(path: "a/README.md", contents: "", kind: .report, system: "a", environment: nil)
        let json = String(decoding: try JSONEncoder().encode(file.kind), as: UTF8.self)
        #expect(json == "\"report\"")
        #expect(try JSONDecoder().decode(ArtifactKind.self, from: Data("\"dashboards\"".utf8)) == ArtifactKind("dashboards"))
        #expect(try JSONDecoder().decode(GeneratedFile.self, from: JSONEncoder().encode(file)) == file)
    }

    /// A generator of its own kind, writing `<system>/<env>/<folder>/<service>.txt`, or wherever `path` says.
    struct Notes: Generator {
        var kind = ArtifactKind("notes")
        var folders = [OutputFolder.inEnvironment("notes")]
        var path: @Sendable (ResolvedService, ResolvedEnvironment) -> String = { service, environment in
            "\(environment.system)/\(environment.name)/notes/\(service.name).txt"
        }

        func files(service: ResolvedService, environment: ResolvedEnvironment, system: ResolvedSystem,
                   cache: GenerationCache) throws -> [GeneratedFile] {
            [GeneratedFile(path: path(service, environment), contents: "note\n", kind: kind, system: system.name,
                           environment: environment.name)]
        }
    }

    @Test func aGeneratorsFoldersAreReservedAndReadBack() throws {
        let notes = Notes(folders: [.inEnvironment("notes"), .inSystem("shared")])
        let layout = OutputLayout(Generators.all + [notes])
        #expect(layout.kinds.contains(ArtifactKind("notes")))
        #expect(layout.scope(of: "shop/prod/notes/api.txt")?.kind == ArtifactKind("notes"))
        #expect(layout.scope(of: "shop/shared/api.txt") == .init(system: "shop", environment: nil, kind: notes.kind))
        // An environment may not take the name of a folder beside the environments.
        let system = System("sample") {
            SourceRepository("https://git.example.com/sample", license: "Apache-2.0")
            Deploy(to: Environment("shared")) {}
            Service("api") { Port("http", 8080) }
        }.description
        func reserved(_ generators: [any Generator]) -> [String] {
            RenderPipeline(generators: generators).validate([system]).errors.map(\.message).filter { $0.contains("reserved") }
        }
        #expect(reserved(Generators.all + [notes]) == ["'shared' is reserved for the Output/ layout"])
        #expect(reserved(Generators.all).isEmpty)
    }

    @Test func aFileOutsideItsGeneratorsFoldersFailsTheRender() throws {
        let astray = Notes(path: { service, environment in "\(environment.system)/\(environment.name)/kubernetes/x" })
        #expect(throws: RenderPlan.Misplaced.self) { try RenderPipeline(generators: [astray]).render([sampleSystem()]) }
        let wrongSystem = Notes(path: { service, environment in "other/\(environment.name)/notes/x" })
        #expect(throws: RenderPlan.Misplaced.self) {
            try RenderPipeline(generators: [wrongSystem]).render([sampleSystem()])
        }
        #expect(try RenderPipeline(generators: [Notes()]).render([sampleSystem()]).plan?.paths
            == ["sample/dev/notes/api.txt", "sample/prod/notes/api.txt"])
    }

    @Test func twoKindsCannotShareAFolder() {
        let squatter = Notes(folders: [.inEnvironment("kubernetes")])
        #expect(OutputLayout(Generators.all + [squatter]).conflicts
            == [.init(folder: .inEnvironment("kubernetes"), kinds: [.kubernetes, ArtifactKind("notes")])])
        #expect(throws: OutputLayout.Conflict.self) {
            try RenderPipeline(generators: Generators.all + [squatter]).render([sampleSystem()])
        }
    }
}
