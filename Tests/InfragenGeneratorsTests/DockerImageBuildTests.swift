import Foundation
import Infragen
import InfragenGenerators
import InfragenRender
import InfragenTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Generated Dockerfiles, built for real and run: a service on the debian family and one on scratch, rendered with
/// the builder and the debian base pointed at local images through the model (no registry here), built unchanged by
/// buildah, run by podman, probed over HTTP on 127.0.0.1 (Tests/Fixtures/image-build/image-test.sh does the work).
/// Cold, this takes about 2-3 minutes (debootstrap, the builder image, two Go builds); state is kept in
/// .image-test-state/ (git-ignored; IMAGE_TEST_STATE moves it), so a second run takes seconds.
@Suite(.serialized) struct DockerImageBuildTests {
    static let tools = ["bash", "buildah", "podman", "runc", "debootstrap", "curl"]
    static let localBuilder: ImageReference = "localhost/golang:1.19-bookworm"
    static let localDebian: ImageReference = "localhost/debian:bookworm-slim"

    /// The test's blueprint: the program in Tests/Fixtures/image-build/app, on debian and on scratch.
    static let system = System("imagetest", fileID: "Tests/ImageBuild.swift", line: 1) {
        SourceRepository("https://git.example.com/imagetest", license: "Apache-2.0")
        Defaults {
            // Debian's golang-go is Go 1.19; the test program's go.mod says 1.19.
            Go(version: "1.19", builder: localBuilder)
            ImageTag("1.0.0")
        }
        Deploy(to: .dev)
        for (name, base) in [("on-debian", BaseImage.custom(localDebian, family: .debian)), ("on-scratch", .scratch)] {
            Service(name) {
                Build(main: "./cmd/server", versionVariable: "main.version", commitVariable: "main.commit")
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                Base(base)
            }
        }
    }.description

    static var canRun: Bool {
        ExternalTool.isCI || (tools.allSatisfy { ExternalTool.find($0) != nil } && getuid() == 0)
    }

    @Test(.enabled(if: canRun, Comment(rawValue: "skipped: needs root and buildah, podman, runc, debootstrap, curl (run `bash .ci/run`)")),
          .timeLimit(.minutes(30)))
    func debianAndScratchImagesBuildRunAndAnswer() throws {
        for tool in Self.tools { _ = try ExternalTool.path(tool) }
        #expect(getuid() == 0, "buildah and podman run rootful here: run the test as root")
        let diagnostics = Self.system.validate() + DockerfileGenerator().validate(Self.system.resolve())
        #expect(diagnostics.isEmpty, "\(diagnostics)")

        let root = repositoryRoot()
        let harness = root.appendingPathComponent("Tests/Fixtures/image-build/image-test.sh").path
        let state = ProcessInfo.processInfo.environment["IMAGE_TEST_STATE"]
            ?? root.appendingPathComponent(".image-test-state").path
        let environment = ["IMAGE_TEST_STATE": state]

        try withTemporaryFolder { folder in
            let files = try DockerfileGenerator().generate(Self.system.resolve())
            try writeFiles(files.map { ($0.path, $0.contents) }, under: folder)
            let debian = try String(contentsOf: folder.appendingPathComponent("imagetest/docker/on-debian/Dockerfile"), encoding: .utf8)
            #expect(debian.contains("ARG BUILDER_IMAGE=localhost/golang\nARG BUILDER_TAG=1.19-bookworm\n"))
            #expect(debian.contains("ARG RUNTIME_IMAGE=localhost/debian\nARG RUNTIME_TAG=bookworm-slim\n"))

            let prepare = try runProcess(
                "/bin/bash", [harness, "prepare"], in: root, environment: environment, timeout: .seconds(1500))
            Self.log(prepare)
            try #require(prepare.status == 0, "\(prepare)")

            for (name, user, shell) in [("on-debian", "10001:10001", "shell"), ("on-scratch", "10001:10001", "no-shell")] {
                let dockerfile = folder.appendingPathComponent("imagetest/docker/\(name)/Dockerfile").path
                let result = try runProcess(
                    "/bin/bash", [harness, "check", name, dockerfile, user, shell], in: root, environment: environment,
                    timeout: .seconds(1200))
                Self.log(result)
                #expect(result.status == 0, "\(result)")
                #expect(!result.stdout.contains("FAIL "), "\(result.stdout)")
                for check in ["answers HTTP on 127.0.0.1", "the process runs as \(user)", "image USER is \(user)",
                              "version and commit from the build arguments", "the ignore file keeps"] {
                    #expect(result.stdout.contains("PASS \(name): \(check)"), "missing check '\(check)':\n\(result.stdout)")
                }
                if shell == "no-shell" {
                    #expect(result.stdout.contains("PASS \(name): no shell"), "\(result.stdout)")
                }
            }
        }
    }

    /// The harness's timings and summary in the test log.
    static func log(_ result: ProcessResult) {
        for line in result.stdout.split(separator: "\n") where line.hasPrefix("TIMING") || line.hasPrefix("INFO")
            || line.hasPrefix("images:") || line.contains(" passed, ") {
            print("image-test: \(line)")
        }
    }
}
