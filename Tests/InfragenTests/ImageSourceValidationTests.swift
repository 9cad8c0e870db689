import Infragen
import Testing

/// The image sources as declared: each reference and path in the form its consumer takes, one source in every
/// environment, and no setting the source would ignore; every finding at its place, with what to do.
@Suite struct ImageSourceValidationTests {
    static let file = "Blueprints/Cart.swift"

    /// A valid system with `body` added to its one service, `cart` (line 6), in dev and prod.
    static func messages(
        @ListBuilder<any SystemComponent> system extra: () -> [any SystemComponent] = { [] },
        @ListBuilder<any ServiceComponent> _ body: () -> [any ServiceComponent]
    ) -> [String] {
        let components = body()
        let systemComponents = extra()
        return System("shop", fileID: file, line: 1) {
            Defaults {
                ImageTag("1.0.0", fileID: file, line: 3)
                Base(.alpine("3.19"), fileID: file, line: 3)
                Go(version: "1.22", fileID: file, line: 3)
            }
            Deploy(to: .dev, fileID: file, line: 4)
            Deploy(to: .prod, fileID: file, line: 5) { ImageTag("1.0.1", fileID: file, line: 5) }
            Service("cart", fileID: file, line: 6) { components }
            systemComponents
        }.description.validate().map(\.description)
    }

    @Test func theSystemsDefaultsForGoBuildsDoNotConcernOtherImages() {
        #expect(Self.messages { Build(dockerfile: "src/cart/Dockerfile", fileID: Self.file, line: 10) } == [])
        #expect(Self.messages { Image("redis", tag: "7.2.4", fileID: Self.file, line: 10) } == [])
    }

    @Test func aPrebuiltReferenceIsRepositoryTagAndDigestEachInItsForm() {
        #expect(Self.messages {
            Image("Redis 7", tag: "7.2.4", digest: "sha256:abc", fileID: Self.file, line: 10)
        } == [
            "Blueprints/Cart.swift:10: error: shop/cart: image.prebuilt.digest: 'sha256:abc' is not an image digest; write it as sha256: followed by 64 lower-case hex digits",
            "Blueprints/Cart.swift:10: error: shop/cart: image.prebuilt.repository: 'Redis 7' is not an image repository; write it like redis or registry.example.com/team/redis, with a lower-case path and no spaces",
        ])
        #expect(Self.messages { Image("redis:7.2", tag: "latest", fileID: Self.file, line: 10) } == [
            "Blueprints/Cart.swift:10: error: shop/cart: image.prebuilt.repository: the repository 'redis:7.2' holds a tag or a digest; give the repository alone and the rest as arguments: Image(\"redis\", tag: \"7.2-alpine\", digest: \"sha256:…\")",
            "Blueprints/Cart.swift:10: error: shop/cart: image.prebuilt.tag: the tag 'latest' does not say which image runs; name the version, e.g. 7.2.4-alpine, and pin it with digest: when you can",
        ])
    }

    @Test func anOwnDockerfileStaysInsideTheRepository() {
        #expect(Self.messages { Build(dockerfile: "../payments/Dockerfile", fileID: Self.file, line: 10) } == [
            "Blueprints/Cart.swift:10: error: shop/cart: image.dockerfile.path: '../payments/Dockerfile' is not a relative path to a Dockerfile inside the repository; write it from the repository root, without '..', spaces or quotes, e.g. src/cartservice/Dockerfile",
        ])
        #expect(Self.messages { Build(dockerfile: "Dockerfile", context: "/src", fileID: Self.file, line: 10) } == [
            "Blueprints/Cart.swift:10: error: shop/cart: image.dockerfile.context: '/src' is not a relative folder inside the repository; write it from the repository root, without '..', spaces or quotes, e.g. src/cartservice or .",
        ])
    }

    @Test func oneSourceInEveryEnvironment() {
        #expect(Self.messages {
            Build(dockerfile: "Dockerfile", fileID: Self.file, line: 9)
            Image("redis", tag: "7.2.4", fileID: Self.file, line: 10)
        } == [
            "Blueprints/Cart.swift:10: error: shop/cart: image.prebuilt: the service is built from its own Dockerfile (Blueprints/Cart.swift:9) and also names a prebuilt image; keep one: Build(dockerfile:context:) for an image your pipeline builds, Image(…) for one built elsewhere",
        ])
        #expect(Self.messages {
            Override(.prod) { Image("redis", tag: "7.2.4", fileID: Self.file, line: 10) }
        } == [
            "Blueprints/Cart.swift:10: error: shop/prod/cart: image.prebuilt: the service runs a prebuilt image only in 'prod', and infragen's Go build elsewhere; declare Image(…) in the service itself, and change it for one environment in its Override",
        ])
        #expect(Self.messages(system: { Defaults { Image("redis", tag: "7.2.4", fileID: Self.file, line: 10) } }) {}
            == [
                "Blueprints/Cart.swift:10: error: shop: image.prebuilt: a prebuilt image is the image of one service, but this sets it for every service; declare Image(…) in the service, and change it for one environment in the service's Override",
            ])
    }

    @Test func aGoOnlySettingOnAnImageInfragenDoesNotBuildIsRefused() {
        #expect(Self.messages {
            Build(main: "./cmd/cart", fileID: Self.file, line: 9)
            Build(dockerfile: "src/cart/Dockerfile", fileID: Self.file, line: 10)
            Base(.debian(), fileID: Self.file, line: 11)
            Override(.prod) { Go(version: "1.23", fileID: Self.file, line: 12) }
        } == [
            "Blueprints/Cart.swift:9: error: shop/cart: build: Build(main:…) describes infragen's Go build, but the service's image is built from its own Dockerfile; remove it: the service's own Dockerfile builds the program",
            "Blueprints/Cart.swift:11: error: shop/cart: base: Base(…) sets the runtime stage of infragen's Go Dockerfile, but the service's image is built from its own Dockerfile; remove it; to state the image's runtime family, write Build(dockerfile: …, family: .debian)",
            "Blueprints/Cart.swift:12: error: shop/prod/cart: go.version: Go(version:) sets the Go toolchain infragen builds with, but the service's image is built from its own Dockerfile; remove it: the service's own Dockerfile builds the program",
        ])
    }

    @Test func theTagsOfTheSystemsOwnImagesAreRefusedOnAPrebuiltOne() {
        #expect(Self.messages {
            Image("redis", tag: "7.2.4", fileID: Self.file, line: 10)
            ImageRegistry("registry.example.com/cache", fileID: Self.file, line: 11)
            Override(.prod) {
                ImageTag("7.2.5", fileID: Self.file, line: 12)
                CanaryImageTag("7.4.0", fileID: Self.file, line: 13)
            }
        } == [
            "Blueprints/Cart.swift:11: error: shop/cart: image.registry: ImageRegistry names where the system's own images are pushed, but the service's image is prebuilt; name the registry in the repository: Image(\"registry.example.com/team/redis\", tag: …)",
            "Blueprints/Cart.swift:12: error: shop/prod/cart: image.tag: ImageTag names a build of the system's own image, but the service's image is prebuilt; give the tag in Image(…, tag:, digest:), and change it for one environment with Override(…) { Image(…) }",
            "Blueprints/Cart.swift:13: error: shop/prod/cart: image.canaryTag: CanaryImageTag names a build of the system's own image for the canary, but the service's image is prebuilt; remove it: a prebuilt image runs without a canary; try a new version in one environment with Override(…) { Image(…) }",
        ])
    }

    @Test func aVolumeMayUseAppInAnImageInfragenDoesNotBuild() {
        #expect(Self.messages {
            Image("nginx", tag: "1.27.3")
            PersistentVolume("site", claim: "site", at: "/app", fileID: Self.file, line: 10)
        } == [])
        #expect(Self.messages {
            Build(dockerfile: "Dockerfile")
            PersistentVolume("site", claim: "site", at: "/app", fileID: Self.file, line: 10)
        } == [])
        let goBuild = Self.messages { PersistentVolume("site", claim: "site", at: "/app", fileID: Self.file, line: 10) }
        #expect(goBuild.count == 1 && goBuild.allSatisfy {
            $0.hasPrefix("Blueprints/Cart.swift:10: error: shop/cart: volumes[site].mountPath:")
                && $0.contains("hides the service's binary /app/server")
        }, "\(goBuild)")
    }
}
