import Infragen
import InfragenGenerators
import InfragenRender
import InfragenTestSupport
import Testing

/// Bad input is a located validation error, never a broken Dockerfile.
@Suite struct DockerfileValidationTests {
    static let file = "Blueprints/Bad.swift"

    /// A valid one-service system with `body` added to the service.
    static func system(
        line: Int = 1, @ListBuilder<any ServiceComponent> _ body: () -> [any ServiceComponent]
    ) -> SystemDescription {
        let extra = body()
        return System("bad", fileID: file, line: line) {
            SourceRepository("https://git.example.com/bad", license: "Apache-2.0", fileID: file, line: 2)
            Defaults { ImageTag("1.0.0", fileID: file, line: 3) }
            Deploy(to: .dev, fileID: file, line: 4)
            Deploy(to: .prod, fileID: file, line: 5)
            Service("api", fileID: file, line: 6) {
                Port("http", 8080, fileID: file, line: 7)
                extra
            }
        }.description
    }

    /// Model validation and the Dockerfile generator's own checks, as the render pipeline runs them.
    static func messages(_ system: SystemDescription) -> [String] {
        (system.validate() + DockerfileGenerator().validate(system.resolve())).sorted().map(\.description)
    }

    @Test func theValidSystemHasNoDiagnostics() {
        #expect(Self.messages(Self.system {}) == [])
    }

    @Test func aPackageNameOrVersionWithANewline() throws {
        let system = Self.system {
            Base(.alpine("3.19").pinning(["ca-certificates\nRUN rm -rf /": "1", "tzdata": "2024a\n"]), fileID: Self.file, line: 10)
        }
        #expect(Self.messages(system) == [
            "Blueprints/Bad.swift:10: error: bad/api: base.packages: 'ca-certificates\nRUN rm -rf /=1' (U+000A <control-000A> at character 16) is not a package name and version; use letters, digits and '.+-~:_' only",
            "Blueprints/Bad.swift:10: error: bad/api: base.packages: 'tzdata=2024a\n' (U+000A <control-000A> at character 13) is not a package name and version; use letters, digits and '.+-~:_' only",
        ])
        // Even past validation, the printer refuses to write it.
        #expect(throws: DockerfilePrinter.Refusal.self) { try DockerfileGenerator().generate(system.resolve()) }
    }

    @Test func pinsOnlyWhereAPackageManagerInstallsThePackage() {
        let system = Self.system {
            Base(.distroless(.static).pinning(["tzdata": "1"]), fileID: Self.file, line: 10)
            Override(.prod, fileID: Self.file, line: 11) {
                Base(.debian().pinning(["curl": "7.88.1-10"]), fileID: Self.file, line: 12)
            }
        }
        let messages = Self.messages(system)
        #expect(messages.contains(
            "Blueprints/Bad.swift:10: error: bad/api: base.packages: a distroless base has no package manager, so 'tzdata' cannot be pinned; remove the pin, or use an alpine, debian or ubuntu base"))
        #expect(messages.contains(
            "Blueprints/Bad.swift:12: error: bad/prod/api: base.packages: the runtime stage does not install 'curl'; pin one of ca-certificates, tzdata"))
    }

    @Test func anEnvironmentValueWithANewline() {
        let system = Self.system { Env("GREETING", "hello\nworld", fileID: Self.file, line: 10) }
        #expect(Self.messages(system) == [
            "Blueprints/Bad.swift:10: error: bad/api: env[GREETING]: the value contains a line break or another control character; keep environment values on one line; put multi-line data in a ConfigFile",
        ])
    }

    @Test func aPortOutOfRange() {
        let system = Self.system { Port("admin", 70000, fileID: Self.file, line: 10) }
        #expect(Self.messages(system) == [
            "Blueprints/Bad.swift:10: error: bad/api: ports[admin].number: port 70000 is outside 1-65535; use the port the service listens on, e.g. 8080",
        ])
    }

    @Test func imageReferencesWithSpacesNoTagOrLatest() {
        let system = Self.system {
            Base(.custom("alpine 3.19", family: .alpine), fileID: Self.file, line: 10)
            Go(version: "1.22", builder: "golang:1.22 alpine", fileID: Self.file, line: 11)
            Override(.prod, fileID: Self.file, line: 12) {
                Base(.custom("registry.example.com/base/debian", family: .debian), fileID: Self.file, line: 13)
                Go(version: "1.22", builder: "golang:latest", fileID: Self.file, line: 14)
            }
        }
        let messages = Self.messages(system).filter { !$0.contains("differs from") }
        #expect(messages == [
            "Blueprints/Bad.swift:10: error: bad/api: base: 'alpine 3.19' is not a valid image reference; write it like alpine:3.19, with no spaces or upper-case path",
            "Blueprints/Bad.swift:11: error: bad/api: builder: 'golang:1.22 alpine' is not a valid image reference; write it like golang:1.22-alpine, with no spaces or upper-case path",
            "Blueprints/Bad.swift:13: error: bad/prod/api: base: the image 'registry.example.com/base/debian' has no tag; name the version, e.g. alpine:3.19 (a digest may follow: alpine:3.19@sha256:…)",
            "Blueprints/Bad.swift:14: error: bad/prod/api: builder: the tag 'latest' of 'golang:latest' does not say which image is used; name the version, e.g. golang:1.22-alpine",
        ])
    }

    /// `BaseImage.custom(_:family:)` has no overload without the family, so "a custom image without a family" cannot
    /// be written in a blueprint: the compiler refuses it. The family given is the one the Dockerfile follows, whatever
    /// the image's name says.
    @Test func aCustomImageAlwaysCarriesTheFamilyTheBlueprintStates() throws {
        let system = Self.system { Base(.custom("registry.example.com/alpine-looking:1.0", family: .debian)) }
        let text = try #require(try DockerfileGenerator().generate(system.resolve()).first?.contents)
        #expect(text.contains("apt-get install"))
        #expect(!text.contains("apk "))
    }

    @Test func theLabelsNeedTheSourceRepositoryAndAnSPDXLicense() {
        let missing = System("bad", fileID: Self.file, line: 1) {
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .dev)
            Service("api", fileID: Self.file, line: 6) { Port("http", 8080) }
        }.description
        #expect(Self.messages(missing) == [
            "Blueprints/Bad.swift:6: error: bad/api: sourceRepository: the image labels need the source repository and its license, and the blueprint names neither; add SourceRepository(\"https://git.example.com/bad\", license: \"Apache-2.0\") to the system or the service",
        ])
        let wrong = Self.system {
            SourceRepository("http://git.example.com/x y", license: "Apache 2", fileID: Self.file, line: 10)
        }
        #expect(Self.messages(wrong) == [
            "Blueprints/Bad.swift:10: error: bad/api: sourceRepository.license: 'Apache 2' is not an SPDX license identifier; use one identifier from spdx.org/licenses, such as Apache-2.0 or MIT",
            "Blueprints/Bad.swift:10: error: bad/api: sourceRepository.url: 'http://git.example.com/x y' is not an https URL; write the repository's web address, e.g. https://git.example.com/shop, without spaces or quotes",
        ])
    }

    /// One Dockerfile serves every environment: an environment cannot change what it bakes in.
    @Test func whatTheDockerfileBakesInIsTheSameInEveryEnvironment() {
        let system = Self.system {
            Override(.prod, fileID: Self.file, line: 10) {
                Base(.debian("12-slim"), fileID: Self.file, line: 11)
                Go(version: "1.23", fileID: Self.file, line: 12)
                RunAs(user: 20000, fileID: Self.file, line: 13)
            }
        }
        #expect(Self.messages(system) == [
            "Blueprints/Bad.swift:11: error: bad/prod/api: base: the base image debian:12-slim (debian) differs from alpine:3.19 (alpine) in dev; the Dockerfile is the same in every environment: set it in the system's Defaults or the service, not per environment",
            "Blueprints/Bad.swift:12: error: bad/prod/api: builder: the builder image golang:1.23-alpine differs from golang:1.26-alpine in dev; the Dockerfile is the same in every environment: set it in the system's Defaults or the service, not per environment",
            "Blueprints/Bad.swift:13: error: bad/prod/api: security.runAsUser: the user 20000:20000 differs from the image's USER 10001:10001 in dev; the Dockerfile is the same in every environment: set it in the system's Defaults or the service, not per environment",
        ])
    }
}
