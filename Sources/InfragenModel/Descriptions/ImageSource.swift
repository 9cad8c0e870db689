/// Where a service's image comes from, decided once by resolution (``ResolvedService/imageSource``):
///
/// - ``goBuild``: infragen writes a multi-stage Go Dockerfile (`Output/<system>/docker/<service>/`) on the
///   service's `Base`; the image is `<registry>/<service>:<tag>`.
/// - ``dockerfile(_:)``: the team's own Dockerfile builds it (`Build(dockerfile:context:)`); infragen writes none, and
///   the image is still `<registry>/<service>:<tag>`, where the team's build pushes it.
/// - ``prebuilt(_:)``: someone else builds it (`Image("redis", tag: "7.2-alpine")`); infragen writes no Dockerfile,
///   and the pod runs exactly that reference.
public enum ImageSource: Sendable, Hashable, Encodable {
    case goBuild
    case dockerfile(OwnDockerfile)
    case prebuilt(PrebuiltImage)

    /// Whether infragen writes the image's Dockerfile, so that its Go build, `Base` and `USER` apply.
    public var isBuiltByInfragen: Bool { self == .goBuild }

    /// The runtime family the blueprint states for an image infragen does not build; nil for a Go build (its
    /// family is its `Base`'s) and where the blueprint does not say.
    public var statedFamily: BaseImage.Family? {
        switch self {
        case .goBuild: nil
        case .dockerfile(let own): own.family
        case .prebuilt(let image): image.family
        }
    }

    /// `{"kind": "goBuild"}`, `{"kind": "dockerfile", "dockerfile": {…}}`, `{"kind": "prebuilt", "prebuilt": {…}}`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case .goBuild: try c.encode("goBuild", forKey: .kind)
        case .dockerfile(let own):
            try c.encode("dockerfile", forKey: .kind)
            try c.encode(own, forKey: .dockerfile)
        case .prebuilt(let image):
            try c.encode("prebuilt", forKey: .kind)
            try c.encode(image, forKey: .prebuilt)
        }
    }

    private enum Keys: String, CodingKey { case kind, dockerfile, prebuilt }

    /// How the image comes to be, for diagnostics and the report: `built by infragen's Go Dockerfile`, `built from
    /// its own Dockerfile`, `prebuilt`.
    public var described: String {
        switch self {
        case .goBuild: "built by infragen's Go Dockerfile"
        case .dockerfile: "built from its own Dockerfile"
        case .prebuilt: "prebuilt"
        }
    }
}

/// A service image built from the team's own Dockerfile: `Build(dockerfile: "src/cartservice/Dockerfile",
/// context: "src/cartservice")`. Both paths are relative to the repository root, where the team runs
/// `docker build -f <dockerfile> <context>`.
public struct OwnDockerfile: Sendable, Hashable, Codable {
    /// The Dockerfile, relative to the repository root: `src/cartservice/Dockerfile`.
    public var path: String
    /// The build context, relative to the repository root: `src/cartservice`, or `.`.
    public var context: String
    /// The runtime family of the image, when the blueprint states it (it is never guessed).
    public var family: BaseImage.Family?

    public init(path: String, context: String, family: BaseImage.Family? = nil) {
        self.path = path
        self.context = context
        self.family = family
    }
}

/// An image someone else builds, run exactly as named: `Image("redis", tag: "7.2-alpine")`,
/// `Image("docker.io/library/redis", tag: "7.2.4-alpine", digest: "sha256:…")`.
public struct PrebuiltImage: Sendable, Hashable, Codable {
    /// Everything before the tag: `redis`, `docker.io/library/redis`, `localhost:5000/team/redis`.
    public var repository: String
    public var tag: String
    /// The digest the tag is pinned to, when given.
    public var digest: String?
    /// The runtime family of the image, when the blueprint states it (it is never guessed).
    public var family: BaseImage.Family?

    public init(repository: String, tag: String, digest: String? = nil, family: BaseImage.Family? = nil) {
        self.repository = repository
        self.tag = tag
        self.digest = digest
        self.family = family
    }

    /// The reference the pod runs: `repository:tag`, plus `@digest` when pinned.
    public var reference: ImageReference { ImageReference("\(repository):\(tag)").pinned(to: digest) }
}
