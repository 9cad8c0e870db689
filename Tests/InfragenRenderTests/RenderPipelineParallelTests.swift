import InfragenExampleBlueprints
import Foundation
import Infragen
import InfragenGenerators
import InfragenRender
import InfragenTestSupport
import Testing

/// Generation runs unit by unit on every core; the plan must be the one a single loop would make.
@Suite struct RenderPipelineParallelTests {
    /// One file per environment and service, from the unit of each service in each environment.
    struct PerService: Generator {
        let kind = ArtifactKind.kubernetes
        let folders = [OutputFolder.inEnvironment("kubernetes")]

        func files(service: ResolvedService, environment: ResolvedEnvironment, system: ResolvedSystem,
                   cache: GenerationCache) throws -> [GeneratedFile] {
            [file(service, environment, system, unit: "service unit")]
        }

        func file(_ service: ResolvedService, _ environment: ResolvedEnvironment, _ system: ResolvedSystem,
                  unit: String) -> GeneratedFile {
            GeneratedFile(path: "\(system.name)/\(environment.name)/kubernetes/\(service.name).yaml",
                          contents: "\(environment.name) \(service.name) of the \(unit)\n",
                          kind: kind, system: system.name, environment: environment.name)
        }
    }

    /// The same files, from the one unit of the whole system.
    struct Whole: Generator {
        let kind = ArtifactKind.kubernetes
        let folders = [OutputFolder.inEnvironment("kubernetes")]

        func files(system: ResolvedSystem, cache: GenerationCache) throws -> [GeneratedFile] {
            system.environments.flatMap { environment in
                environment.services.map { PerService().file($0, environment, system, unit: "system unit") }
            }
        }
    }

    struct Failing: Generator {
        let kind = ArtifactKind.report
        let folders = [OutputFolder.systemFile("README.md")]
        struct Boom: Error {}
        func files(environment: ResolvedEnvironment, system: ResolvedSystem, cache: GenerationCache) throws
            -> [GeneratedFile] { throw Boom() }
    }

    @Test func unitsMergeInOrder() throws {
        let systems = [sampleSystem(name: "a"), sampleSystem(name: "b")]
        let split = try #require(try RenderPipeline(generators: [PerService()]).render(systems).plan)
        let whole = try #require(try RenderPipeline(generators: [Whole()]).render(systems).plan)
        #expect(split.paths == whole.paths)
        #expect(split.paths == split.paths.sorted())
        // Each file came from the unit of its scope.
        #expect(split.files.map(\.contents) == ["dev api of the service unit\n", "prod api of the service unit\n",
                                                "dev api of the service unit\n", "prod api of the service unit\n"])
        #expect(whole.files.allSatisfy { $0.contents.hasSuffix("of the system unit\n") })
        #expect(split.paths.count == 4)
    }

    @Test func aFailingUnitFailsTheRender() {
        #expect(throws: Failing.Boom.self) {
            try RenderPipeline(generators: [PerService(), Failing()]).render([sampleSystem()])
        }
    }

    /// The promise the engine makes: the units of every registered generator, run in parallel with one cache,
    /// together are a sequential run of the same units, file for file. On the repository's blueprints and on a
    /// system of 200 services (400 SLOs of two shapes, whose first SLOs get the full tests).
    @Test func theUnitsRunInParallelAreASequentialRun() throws {
        let systems = catalog.descriptions + [Self.largeSystem(services: 200)]
        for system in systems {
            let parallel = try #require(try RenderPipeline().render([system]).plan).files
            let sequential = try RenderPipeline().files(of: system.resolve()).sorted { $0.path < $1.path }
            #expect(parallel.count == sequential.count, "\(system.name)")
            #expect(parallel == sequential, "\(system.name)")
            for generator in Generators.all where !(generator is any SummaryGenerator) {
                let own = try generator.generate(system.resolve()).sorted { $0.path < $1.path }
                #expect(own == parallel.filter { $0.kind == generator.kind }, "\(generator.kind) on \(system.name)")
            }
        }
    }

    /// Every unit that asks for a key gets the one value computed for it, however many ask at the same time.
    @Test func theCacheComputesEachKeyOnce() {
        struct Key: CacheKey {
            typealias Value = String
            var number: Int
        }
        final class Counter: @unchecked Sendable {
            let lock = NSLock()
            var computed: [Int] = []
            func record(_ number: Int) { lock.withLock { computed.append(number) } }
        }
        let cache = GenerationCache.forOneRender(), counter = Counter()
        let results = Slots(count: 2000)
        DispatchQueue.concurrentPerform(iterations: 2000) { index in
            let value = cache.value(for: Key(number: index % 10)) {
                counter.record(index % 10)
                Thread.sleep(forTimeInterval: 0.001)
                return "value \(index % 10)"
            }
            results.set(index, value)
        }
        #expect(counter.computed.sorted() == Array(0..<10))
        #expect(results.values == (0..<2000).map { "value \($0 % 10)" })
    }

    /// A value given `uses` is handed out that often, then let go: the next asker computes it again.
    @Test func theCacheLetsAValueGoAfterItsUses() {
        struct Key: CacheKey {
            typealias Value = [Int]
            var number: Int
        }
        final class Counter: @unchecked Sendable {
            let lock = NSLock()
            var computed = 0
            func record() { lock.withLock { computed += 1 } }
        }
        let cache = GenerationCache.forOneRender(), counter = Counter()
        let ask = { cache.value(for: Key(number: 1), uses: 3) { counter.record(); return [1, 2, 3] } }
        #expect(ask() == [1, 2, 3] && ask() == [1, 2, 3] && ask() == [1, 2, 3])
        #expect(counter.computed == 1)
        #expect(ask() == [1, 2, 3])
        #expect(counter.computed == 2)
        // From many threads at once: each value serves at most 3 askers, and every asker gets the value.
        let results = Slots(count: 300)
        DispatchQueue.concurrentPerform(iterations: 300) { index in
            results.set(index, cache.value(for: Key(number: 2), uses: 3) {
                counter.record()
                return [index]
            }.count == 1 ? "one" : "")
        }
        #expect(results.values == Array(repeating: "one", count: 300))
        #expect(counter.computed == 2 + 100)
        // Without `uses`, a value is kept for the render.
        let kept = GenerationCache.forOneRender()
        for _ in 0..<5 { _ = kept.value(for: Key(number: 3)) { counter.record(); return [] } }
        #expect(counter.computed == 103)
    }

    final class Slots: @unchecked Sendable {
        let lock = NSLock()
        private var storage: [String]
        init(count: Int) { storage = Array(repeating: "", count: count) }
        func set(_ index: Int, _ value: String) { lock.withLock { storage[index] = value } }
        var values: [String] { lock.withLock { storage } }
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
