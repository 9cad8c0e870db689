/// The two image sources besides infragen's own Go build: a team's Dockerfile, and an image built elsewhere. Neither
/// gets a generated Dockerfile; the pod runs as a numeric non-root user either way (10001 unless `RunAs` says
/// otherwise: the pod's `runAsUser` overrides the image's `USER`, so set `RunAs` when the image needs its own uid).
extension Build {
    /// Builds the service's image from the team's own Dockerfile: infragen writes no Dockerfile for it, and the image
    /// is still `<registry>/<service>:<tag>` (`ImageRegistry`, `ImageTag`), where the team's build pushes it.
    ///
    /// ```swift
    /// Build(dockerfile: "src/cartservice/Dockerfile", context: "src/cartservice", family: .debian)
    /// ```
    ///
    /// - Parameters:
    ///   - dockerfile: The Dockerfile, relative to the repository root.
    ///   - context: The build context, relative to the repository root; nil (the default) means the Dockerfile's
    ///     folder.
    ///   - family: The runtime family of the image, for the report and `infragen list --images`; nil (the default)
    ///     means not stated, and infragen never guesses it.
    public init(
        dockerfile: String, context: String? = nil, family: BaseImage.Family? = nil,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.module = "."
        self.main = nil
        self.versionVariable = nil
        self.commitVariable = nil
        let folder = dockerfile.split(separator: "/", omittingEmptySubsequences: false).dropLast()
            .joined(separator: "/")
        self.dockerfile = OwnDockerfile(
            path: dockerfile, context: context ?? (folder.isEmpty ? "." : folder), family: family)
        self.location = SourceLocation(fileID, filePath, line)
    }
}

/// Runs an image built elsewhere, exactly as named (a database, a cache, a vendor's service): infragen writes no
/// Dockerfile for the service, and the tag is the pod's `app.kubernetes.io/version`. Declare it in the service; an
/// `Override` may change it for one environment.
///
/// ```swift
/// Image("redis", tag: "7.2-alpine")
/// Image("docker.io/library/redis", tag: "7.2.4-alpine", digest: "sha256:…", family: .alpine)
/// Override(.dev) { Image("redis", tag: "7.4-alpine") }
/// ```
public struct Image: SettingsComponent {
    let image: PrebuiltImage
    let location: SourceLocation

    /// - Parameters:
    ///   - repository: The image without tag or digest: `redis`, `docker.io/library/redis`,
    ///     `registry.example.com/team/app`.
    ///   - tag: The version (never `latest`).
    ///   - digest: `sha256:…`, which pins the exact image; nil (the default) runs whatever the tag names at each
    ///     start (`imagePullPolicy: Always`).
    ///   - family: The runtime family of the image, for the report and `infragen list --images`; nil (the default)
    ///     means not stated, and infragen never guesses it.
    public init(
        _ repository: String, tag: String, digest: String? = nil, family: BaseImage.Family? = nil,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.image = PrebuiltImage(repository: repository, tag: tag, digest: digest, family: family)
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) { settings[.prebuiltImage] = Setting(image, at: location) }
}
