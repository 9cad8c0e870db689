import InfragenExampleBlueprints
import Infragen
import InfragenTestSupport
@testable import InfragenCLI
import Testing

/// `infragen list --images`: the seed's base-image comparison, from the table in the source, without network.
@Suite struct ListImagesTests {
    @Test func theImagesSystemComparesEveryFamily() throws {
        let system = try #require(catalog.descriptions.first { $0.name == "images" })
        let text = ImageComparison.text(for: system.resolve())
        let rows = text.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(rows.contains("service base image family libc shell package manager download unpacked"))
        #expect(rows.contains("gin-ubuntu ubuntu:22.04 ubuntu glibc 2.35 yes: dash (/bin/sh), bash apt/dpkg 29.7 MB 78.08 MB"))
        #expect(rows.contains("gin-debian debian:12-slim debian glibc 2.36 yes: dash (/bin/sh), bash apt/dpkg 28.2 MB 74.83 MB"))
        #expect(rows.contains("gin-alpine alpine:3.19 alpine musl yes: busybox ash apk - -"))
        #expect(rows.contains(
            "gin-distroless gcr.io/distroless/static-debian12:nonroot distroless/static none no none about 2 MiB -"))
        #expect(rows.contains("gin-scratch scratch scratch none no none 0 B 0 B"))
        // Every figure says where and when it was read.
        for image in ["ubuntu:22.04", "debian:12-slim", "alpine:3.19", "gcr.io/distroless/static-debian12:nonroot", "scratch"] {
            #expect(text.contains("    \(image): ") && text.contains("read 2026-11-29"), "\(image)")
        }
    }

    @Test func anImageOutsideTheTableGetsItsFamilysFactsAndNoSizes() {
        let system = System("s") {
            Deploy(to: .dev)
            Service("api") { Base(.custom("registry.example.com/base/debian:12.5", family: .debian)) }
        }.description
        let text = ImageComparison.text(for: system.resolve())
        #expect(text.contains("registry.example.com/base/debian:12.5"))
        #expect(text.contains("glibc"))
        #expect(text.contains("registry.example.com/base/debian:12.5: not in infragen's table (BaseImageFacts); family facts only"))
    }

    @Test func anImageInfragenDoesNotBuildShowsOnlyWhatTheBlueprintStates() {
        let text = ImageComparison.text(for: PolyglotSystem.description.resolve())
        let rows = text.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(rows.contains(
            "frontend gcr.io/distroless/static-debian12:nonroot distroless/static none no none about 2 MiB -"))
        #expect(rows.contains("cart-service own Dockerfile src/cartservice/Dockerfile ubuntu glibc yes: dash (/bin/sh), bash apt/dpkg - -"))
        // dev runs the newer Redis the blueprint tries there.
        #expect(rows.contains("redis redis:7.4-alpine (prebuilt) alpine musl yes: busybox ash apk - -"))
        #expect(text.contains("    src/cartservice/Dockerfile: built from its own Dockerfile (context src/cartservice); the blueprint states the family ubuntu"))
        #expect(text.contains("    redis:7.4-alpine: prebuilt, not in infragen's table (BaseImageFacts); the blueprint states the family alpine"))

        let unstated = System("s") {
            Deploy(to: .dev)
            Service("search") { Image("docker.elastic.co/elasticsearch/elasticsearch", tag: "8.15.0") }
        }.description
        let plain = ImageComparison.text(for: unstated.resolve())
            .split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(plain.contains("search docker.elastic.co/elasticsearch/elasticsearch:8.15.0 (prebuilt) not stated - - - - -"))
        #expect(plain.contains(
            "docker.elastic.co/elasticsearch/elasticsearch:8.15.0: prebuilt, not in infragen's table (BaseImageFacts); the blueprint states no family, so nothing is known"))
    }
}
