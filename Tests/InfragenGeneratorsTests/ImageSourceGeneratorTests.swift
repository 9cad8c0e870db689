import Infragen
import InfragenRender
import InfragenTestSupport
import InfragenYAML
import Testing
@testable import InfragenGenerators

/// What the generators make of each image source (``PolyglotSystem``): a Dockerfile only for the Go build, the pod
/// running exactly the prebuilt reference, and a report that says only what is known.
@Suite struct ImageSourceGeneratorTests {
    let system = PolyglotSystem.description

    @Test func onlyTheGoBuildGetsADockerfile() throws {
        let files = try renderInMemory([system])
        let docker = files.keys.filter { $0.hasPrefix("polyglot/docker/") }.sorted()
        #expect(docker == ["polyglot/docker/frontend/Dockerfile", "polyglot/docker/frontend/Dockerfile.dockerignore"])
    }

    @Test func theDockerfileChecksOnlyTheImagesItBuilds() {
        // No SourceRepository (only the Go build's labels need one), and a user that differs between environments
        // (only a generated Dockerfile bakes its USER in).
        let system = System("s", fileID: "S.swift", line: 1) {
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .dev)
            Deploy(to: .prod) { RunAs(user: 20001) }
            Service("cart", fileID: "S.swift", line: 5) { Build(dockerfile: "Dockerfile") }
            Service("redis", fileID: "S.swift", line: 6) { Image("redis", tag: "7.2.4") }
        }.description
        #expect(DockerfileGenerator().validate(system.resolve()).isEmpty)
        let withGo = System("s", fileID: "S.swift", line: 1) {
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .dev)
            Service("api", fileID: "S.swift", line: 5) {}
            Service("redis", fileID: "S.swift", line: 6) { Image("redis", tag: "7.2.4") }
        }.description
        #expect(DockerfileGenerator().validate(withGo.resolve()).map(\.description) == [
            "S.swift:5: error: s/api: sourceRepository: the image labels need the source repository and its license, "
                + "and the blueprint names neither; add SourceRepository(\"https://git.example.com/s\", license: \"Apache-2.0\") "
                + "to the system or the service",
        ])
    }

    @Test func thePrebuiltDeploymentRunsExactlyTheReference() throws {
        let files = try kubernetesFiles(system)
        let prod = try #require(files["polyglot/prod/kubernetes/redis.yaml"])
        assertGolden(document("Deployment", in: prod), "kubernetes/deployment-prebuilt.yaml")
        let dev = try #require(files["polyglot/dev/kubernetes/redis.yaml"])
        let container = try #require(YAML.parse(document("Deployment", in: dev)).first?["spec"]?["template"]?["spec"]?["containers"]?[0])
        #expect(container["image"] == "redis:7.4-alpine")
        #expect(container["imagePullPolicy"] == "Always")
    }

    @Test func aPrebuiltImageHasNoCanaryObjectsButAnOwnDockerfileDoes() throws {
        let files = try kubernetesFiles(system)
        let redis = try #require(files["polyglot/prod/kubernetes/redis.yaml"])
        let cart = try #require(files["polyglot/prod/kubernetes/cart-service.yaml"])
        #expect(!redis.contains("redis-canary"))
        #expect(cart.contains("name: cart-service-canary"))
        #expect(cart.contains("image: registry.example.com/polyglot/cart-service:1.1.0"))
    }

    @Test func aConfigMountMayUseAppInAnImageInfragenDoesNotBuild() throws {
        func messages(_ body: () -> [any ServiceComponent]) -> [String] {
            let components = body()
            let system = sampleSystem {
                components
                ConfigFile("app.conf", mountedIn: "/app", contents: "x\n", fileID: "C.swift", line: 9)
            }
            return KubernetesGenerator().validate(system.resolve()).map(\.description)
        }
        #expect(messages { [Image("nginx", tag: "1.27.3")] } == [])
        #expect(messages { [Build(dockerfile: "Dockerfile")] } == [])
        #expect(messages { [] }.contains { $0.contains("hides the service's binary /app/server") })
    }

    @Test func theReportSaysOnlyWhatIsKnown() throws {
        let files = try renderInMemory([system])
        let readme = try #require(files["polyglot/README.md"])
        assertGolden(readme, "report/polyglot-README.md")
        // No musl or apk for the Java image: its family is stated as ubuntu; Redis's as alpine (the table is the
        // first environment's, and the list under it names each environment's Redis).
        #expect(readme.contains("| cart-service | built from its own Dockerfile | ubuntu | glibc |"))
        #expect(readme.contains("| redis | `redis:7.4-alpine` (prebuilt) | alpine | musl |"))
        #expect(readme.contains("`redis:7.2.4-alpine@\(PolyglotSystem.redisDigest)` in prod"))
    }

    @Test func anImageWithoutAStatedFamilyShowsNothingOfIt() throws {
        let system = System("s") {
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .dev)
            Service("cart") { Build(dockerfile: "src/cart/Dockerfile"); HealthCommand("true") }
            Service("search") { Image("docker.elastic.co/elasticsearch/elasticsearch", tag: "8.15.0"); HealthCommand("true") }
        }.description
        let readme = try #require(try renderInMemory([system])["s/README.md"])
        #expect(readme.contains("| cart | built from its own Dockerfile | - | - | - | - | - | - | `src/cart/Dockerfile` |"))
        #expect(readme.contains(
            "| search | `docker.elastic.co/elasticsearch/elasticsearch:8.15.0` (prebuilt) | - | - | - | - | - | - | none: prebuilt |"))
        // The Services table's family column too.
        #expect(readme.contains("| `s/cart:1.0.0` | - |"))
    }
}
