import Blueprints
import Infragen
import InfragenGenerators
import InfragenRender
import InfragenTestSupport
import Testing

/// Generation runs in pieces on every core; the plan must be the one a single loop would make.
@Suite struct RenderPipelineParallelTests {
    /// One file per environment and service, in one part per environment.
    struct PerEnvironment: Generator {
        let kind = ArtifactKind.kubernetes

        func partCount(_ system: ResolvedSystem) -> Int { system.environments.count }

        func generate(_ system: ResolvedSystem, part: Int) throws -> [GeneratedFile] {
            files(system, [system.environments[part]], part: "part \(part)")
        }

        func generate(_ system: ResolvedSystem) throws -> [GeneratedFile] {
            files(system, system.environments, part: "whole")
        }

        func files(_ system: ResolvedSystem, _ environments: [ResolvedEnvironment], part: String) -> [GeneratedFile] {
            environments.flatMap { environment in
                environment.services.map { service in
                    GeneratedFile(path: "\(system.name)/\(environment.name)/kubernetes/\(service.name).yaml",
                                  contents: "\(environment.name) \(service.name) of \(part)\n",
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
        // Each environment came from its own part; the default calls generate(_:) once.
        #expect(split.files.map(\.contents) == ["dev api of part 0\n", "prod api of part 1\n",
                                                "dev api of part 0\n", "prod api of part 1\n"])
        #expect(whole.files.allSatisfy { $0.contents.hasSuffix("of whole\n") })
        #expect(split.paths.count == 4)
    }

    @Test func aFailingPieceFailsTheRender() {
        #expect(throws: Failing.Boom.self) {
            try RenderPipeline(generators: [PerEnvironment(), Failing()]).render([sampleSystem()])
        }
    }

    /// The promise every registered generator makes: its parts together are its whole, file for file. On the
    /// repository's blueprints (one slice per environment) and on a system of 200 services (3 slices each).
    @Test func theFilesOfEveryPartTogetherAreTheWholeSystemsFiles() throws {
        let systems = catalog.descriptions + [Self.largeSystem(services: 200)]
        var sliced = false
        for system in systems {
            let resolved = system.resolve()
            for generator in Generators.all {
                let count = generator.partCount(resolved)
                if count > resolved.environments.count { sliced = true }
                let whole = try generator.generate(resolved)
                let parts = try (0..<count).flatMap { try generator.generate(resolved, part: $0) }
                #expect(parts.count == whole.count, "\(generator.kind) on \(system.name)")
                #expect(parts.sorted { $0.path < $1.path } == whole.sorted { $0.path < $1.path },
                        "\(generator.kind) on \(system.name)")
            }
        }
        #expect(sliced, "no generator split the large system into slices")
        let large = Self.largeSystem(services: 200).resolve()
        #expect(GenerationParts(large) == GenerationParts(large))
        #expect(GenerationParts(large).slices == 3)
    }

    /// `services` services calling their two neighbours, each with a route and two SLOs of one shape, across dev
    /// and prod.
    static func largeSystem(services: Int) -> SystemDescription {
        System("large") {
            SourceRepository("https://git.example.com/large", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .dev) { Host("dev.large.example.com") }
            Deploy(to: .prod) { Host("large.example.com"); TLS(); Replicas(2) }
            for index in 0..<services {
                Service("svc-\(index)") {
                    Port("http", 8080)
                    Health(liveness: "/healthz", readiness: "/readyz")
                    Route("/api/svc-\(index)")
                    DependsOn("svc-\((index + 1) % services)")
                    SLO("svc-\(index)-availability", handler: "/api/svc-\(index)") { Availability(.percent(99.9)) }
                    SLO("svc-\(index)-latency", handler: "/api/svc-\(index)") {
                        Latency(.percent(99), under: .milliseconds(500))
                    }
                }
            }
        }.description
    }
}
