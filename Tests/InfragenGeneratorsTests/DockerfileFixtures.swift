import Infragen
import InfragenGenerators
import InfragenRender

/// Systems that exercise every runtime family and option of the Dockerfile generator, at fixed places, so that the
/// golden files do not change when this file does.
enum DockerfileFixtures {
    static let file = "Tests/Families.swift"
    static let digest = "sha256:" + String(repeating: "0123456789abcdef", count: 4)

    /// One service per family and variant, plus the options: pins, digests, a module in a subfolder, RunAs.
    static let families = System("families", fileID: file, line: 1) {
        SourceRepository("https://git.example.com/families", license: "Apache-2.0", fileID: file, line: 2)
        Defaults {
            Go(version: "1.22", fileID: file, line: 4)
            ImageTag("1.0.0", fileID: file, line: 5)
        }
        Deploy(to: .dev, fileID: file, line: 7)
        Deploy(to: .prod, fileID: file, line: 8) { Replicas(2, fileID: file, line: 8) }

        for (index, (name, base)) in [
            ("on-alpine", BaseImage.alpine("3.19")),
            ("on-debian", .debian("12-slim")),
            ("on-ubuntu", .ubuntu("22.04")),
            ("on-distroless-static", .distroless(.static)),
            ("on-distroless-base", .distroless(.base)),
            ("on-scratch", .scratch),
        ].enumerated() {
            Service(name, fileID: file, line: 10 + index) {
                Summary("A Gin service on \(base.family.rawValue)")
                Build(main: "./cmd/server", versionVariable: "main.version", commitVariable: "main.commit",
                      fileID: file, line: 10 + index)
                Port("http", 8080, fileID: file, line: 10 + index)
                Health(liveness: "/healthz", readiness: "/readyz", fileID: file, line: 10 + index)
                Base(base, fileID: file, line: 10 + index)
            }
        }

        // Pinned packages and digests; a builder from a private registry; no version variables.
        Service("pinned", fileID: file, line: 20) {
            Build(main: "cmd/pinned/", fileID: file, line: 21)
            Port("http", 9000, fileID: file, line: 22)
            Port("metrics", 9100, fileID: file, line: 23)
            Port("discovery", 7946, transport: .udp, fileID: file, line: 24)
            Health(liveness: "/live", readiness: "/ready", port: "metrics", fileID: file, line: 25)
            Go(version: "1.22", builder: ImageReference("registry.example.com:5000/tools/golang:1.22.5-alpine@\(digest)"),
               fileID: file, line: 26)
            Base(.alpine("3.19").pinning(["ca-certificates": "20240226-r0", "tzdata": "2024a-r0"]).pinned(to: digest),
                 fileID: file, line: 27)
        }

        // A module in a subfolder of the build context, a chosen user, no health endpoint, a summary with quotes.
        Service("worker", fileID: file, line: 30) {
            Summary("Runs \"jobs\" for $TEAM \\ costs")
            Build(module: "./backend/", main: "./cmd/worker", commitVariable: "example.com/backend/build.Commit",
                  fileID: file, line: 31)
            Base(.debian("12-slim").pinning(["tzdata": "2024a-0+deb12u1"]), fileID: file, line: 32)
            RunAs(user: 20000, group: 20001, fileID: file, line: 33)
            SourceRepository("https://git.example.com/backend", license: "MIT", fileID: file, line: 34)
        }
    }.description

    /// The Dockerfile of one service of ``families``.
    static func dockerfile(_ service: String) throws -> String {
        try file(service, "Dockerfile")
    }

    static func file(_ service: String, _ name: String) throws -> String {
        let files = try DockerfileGenerator().generate(families.resolve())
        guard let file = files.first(where: { $0.path == "families/docker/\(service)/\(name)" }) else {
            throw Missing(path: "families/docker/\(service)/\(name)")
        }
        return file.contents
    }

    struct Missing: Error { let path: String }
}
