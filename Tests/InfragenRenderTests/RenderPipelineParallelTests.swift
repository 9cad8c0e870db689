import Blueprints
import Infragen
import InfragenGenerators
import InfragenRender
import InfragenTestSupport
import Testing

/// Generation runs in pieces on every core; the plan must be the one a single loop would make.
@Suite struct RenderPipelineParallelTests {
    /// One file per environment and service, opted in to being called per environment.
    struct PerEnvironment: Generator {
        let kind = ArtifactKind.kubernetes
        let generatesEachEnvironmentAlone = true

        func generate(_ system: ResolvedSystem) throws -> [GeneratedFile] {
            system.environments.flatMap { environment in
                environment.services.map { service in
                    GeneratedFile(path: "\(system.name)/\(environment.name)/kubernetes/\(service.name).yaml",
                                  contents: "\(environment.name) \(service.name) of \(system.environments.count)\n",
                                  kind: kind, system: system.name, environment: environment.name)
                }
            }
        }
    }

    /// The same files, but the generator says it needs the whole system (the default).
    struct Whole: Generator {
        let kind = ArtifactKind.kubernetes

        func generate(_ system: ResolvedSystem) throws -> [GeneratedFile] { try PerEnvironment().generate(system) }
    }

    struct Failing: Generator {
        let kind = ArtifactKind.report
        struct Boom: Error {}
        func generate(_ system: ResolvedSystem) throws -> [GeneratedFile] { throw Boom() }
    }

    @Test func piecesPerEnvironmentMergeInOrder() throws {
        let systems = [sampleSystem(name: "a"), sampleSystem(name: "b")]
        let split = try #require(try RenderPipeline(generators: [PerEnvironment()]).render(systems).plan)
        let whole = try #require(try RenderPipeline(generators: [Whole()]).render(systems).plan)
        #expect(split.paths == whole.paths)
        #expect(split.paths == split.paths.sorted())
        // Each piece saw its environment alone; the whole call saw both.
        #expect(split.files.allSatisfy { $0.contents.hasSuffix("of 1\n") })
        #expect(whole.files.allSatisfy { $0.contents.hasSuffix("of 2\n") })
        #expect(split.paths.count == 4)
    }

    @Test func aFailingPieceFailsTheRender() {
        #expect(throws: Failing.Boom.self) {
            try RenderPipeline(generators: [PerEnvironment(), Failing()]).render([sampleSystem()])
        }
    }

    /// The promise a generator makes by opting in, checked for every registered generator on the repository's
    /// own blueprints.
    @Test func registeredGeneratorsThatSplitPerEnvironmentWriteTheSameFiles() throws {
        for system in catalog.descriptions {
            let resolved = system.resolve()
            for generator in Generators.all where generator.generatesEachEnvironmentAlone {
                let whole = try generator.generate(resolved)
                let pieces = try resolved.environments.flatMap { environment in
                    var alone = resolved
                    alone.environments = [environment]
                    return try generator.generate(alone)
                }
                #expect(pieces.sorted { $0.path < $1.path } == whole.sorted { $0.path < $1.path },
                        "\(generator.kind) on \(system.name)")
            }
        }
    }
}
