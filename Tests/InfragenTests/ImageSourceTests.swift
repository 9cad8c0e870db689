import Foundation
import Infragen
import InfragenTestSupport
import Testing

/// Where a service's image comes from, decided once in resolution: infragen's Go build, the team's own Dockerfile,
/// or a prebuilt image; and what follows from it (the reference, the version tag, the run-as user, the canary).
@Suite struct ImageSourceTests {
    let system = PolyglotSystem.description.resolve()

    func service(_ name: String, in environment: String) throws -> ResolvedService {
        try #require(system.environments.first { $0.name == environment }?.service(named: name))
    }

    @Test func aServiceWithoutAnImageWordIsBuiltByInfragensGoDockerfile() throws {
        let frontend = try service("frontend", in: "prod")
        #expect(frontend.imageSource == .goBuild)
        #expect(frontend.imageSource.isBuiltByInfragen)
        #expect(frontend.image.text == "registry.example.com/polyglot/frontend:1.0.1")
        #expect(frontend.runtimeFamily == .distroless)
        // The image's own user: the distroless base's nonroot.
        #expect(frontend.security.runAsUser == 65532)
        #expect(frontend.canary?.image.text == "registry.example.com/polyglot/frontend:1.1.0")
    }

    @Test func anOwnDockerfileKeepsTheSystemsImageNameAndTag() throws {
        let cart = try service("cart-service", in: "prod")
        #expect(cart.imageSource == .dockerfile(
            OwnDockerfile(path: "src/cartservice/Dockerfile", context: "src/cartservice", family: .ubuntu)))
        #expect(!cart.imageSource.isBuiltByInfragen)
        #expect(cart.image.text == "registry.example.com/polyglot/cart-service:1.0.1")
        #expect(cart.imageTag == "1.0.1")
        #expect(cart.runtimeFamily == .ubuntu)
        // Not the distroless base's 65532: the base is not this image's.
        #expect(cart.security.runAsUser == 10001 && cart.security.runAsGroup == 10001)
        // Its pipeline builds the canary's tag too.
        #expect(cart.canary?.image.text == "registry.example.com/polyglot/cart-service:1.1.0")
    }

    @Test func theBuildContextIsTheDockerfilesFolderUnlessGiven() throws {
        for (dockerfile, context) in [("src/cart/Dockerfile", "src/cart"), ("Dockerfile", "."), ("docker/app.Dockerfile", "docker")] {
            let system = sampleSystem { Build(dockerfile: dockerfile) }
            let api = try #require(system.resolve().services.first)
            #expect(api.imageSource == .dockerfile(OwnDockerfile(path: dockerfile, context: context)), "\(dockerfile)")
        }
    }

    @Test func aPrebuiltImageRunsExactlyAsNamed() throws {
        let redis = try service("redis", in: "prod")
        let expected = PrebuiltImage(
            repository: "redis", tag: "7.2.4-alpine", digest: PolyglotSystem.redisDigest, family: .alpine)
        #expect(redis.imageSource == .prebuilt(expected))
        #expect(redis.image.text == "redis:7.2.4-alpine@\(PolyglotSystem.redisDigest)")
        // Its tag and digest are the version label's and the pull policy's, placed at the Image that names them;
        // neither the defaults' ImageTag nor the environment's reach it.
        #expect(redis.imageTag == "7.2.4-alpine")
        #expect(redis.imageDigest == PolyglotSystem.redisDigest)
        #expect(redis.location(of: .imageTag) == SourceLocation(fileID: PolyglotSystem.file, line: 52))
        #expect(redis.runtimeFamily == .alpine)
        #expect(redis.security.runAsUser == 10001)
    }

    @Test func anOverrideChangesAPrebuiltImageInOneEnvironment() throws {
        let dev = try service("redis", in: "dev")
        #expect(dev.image.text == "redis:7.4-alpine")
        #expect(dev.imageTag == "7.4-alpine")
        #expect(dev.imageDigest == nil)
        #expect(dev.location(of: .imageTag) == SourceLocation(fileID: PolyglotSystem.file, line: 57))
    }

    @Test func aPrebuiltImageHasNoCanary() throws {
        let system = System("s") {
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .prod) { Host("s.example.com"); Canary(.percent(10)); CanaryImageTag("2.0.0") }
            Service("web") { Port("http", 8080); Route("/"); Image("nginx", tag: "1.27.3") }
        }.description
        let web = try #require(system.resolve().services.first)
        #expect(web.canary == nil)
        #expect(web.image.text == "nginx:1.27.3")
        #expect(system.validate().errors.isEmpty, "\(system.validate())")
    }

    @Test func runAsChoosesTheUserOfAnImageInfragenDoesNotBuild() throws {
        let system = sampleSystem { Image("redis", tag: "7.2.4-alpine"); RunAs(user: 10999, group: 10998) }
        let api = try #require(system.resolve().services.first)
        #expect(api.security.runAsUser == 10999 && api.security.runAsGroup == 10998)
    }

    @Test func dumpNamesTheSource() throws {
        let redis = try service("redis", in: "dev")
        let cart = try service("cart-service", in: "dev")
        let frontend = try service("frontend", in: "dev")
        #expect(try json(redis.imageSource) == #"{"kind":"prebuilt","prebuilt":{"family":"alpine","repository":"redis","tag":"7.4-alpine"}}"#)
        #expect(try json(cart.imageSource).hasPrefix(#"{"dockerfile":{"context":"src\/cartservice""#))
        #expect(try json(frontend.imageSource) == #"{"kind":"goBuild"}"#)
    }

    func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
