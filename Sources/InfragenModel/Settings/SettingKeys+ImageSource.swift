/// Where a service's image comes from when infragen does not build it: the team's own Dockerfile, or an image built
/// elsewhere. Resolution decides the ``ImageSource`` from them (an image built by infragen when neither is set); what
/// they cannot be combined with is checked where the blueprint declares them (`SystemDescription+ImageValidation`).
extension SettingKey where Value == OwnDockerfile? {
    /// The team's own Dockerfile and build context (`Build(dockerfile:context:)`), set in the service itself.
    public static let ownDockerfile = SettingKey("image.dockerfile", builtIn: nil) { dockerfile, check in
        dockerfile?.check(&check)
    }
}

extension SettingKey where Value == PrebuiltImage? {
    /// An image built elsewhere (`Image("redis", tag: "7.2-alpine")`), set in the service and changed for one
    /// environment in its `Override`; never in the defaults or an environment, which every service reads.
    public static let prebuiltImage = SettingKey("image.prebuilt", builtIn: nil) { image, check in
        guard let image else { return }
        if check.path.service == nil {
            check.error("a prebuilt image is the image of one service, but this sets it for every service",
                        hint: "declare Image(…) in the service, and change it for one environment in the service's "
                            + "Override")
        }
        image.check(&check)
    }
}

extension OwnDockerfile: SettingValue {
    /// Both paths are relative to the repository root and stay inside it; the Dockerfile's names a file. (The
    /// context is checked once the path is right: by default it is the path's folder, wrong in the same way.)
    func check(_ check: inout SettingCheck) {
        let names = path.split(separator: "/", omittingEmptySubsequences: false)
        if !TextRules.isRelativePathInside(path) || path.hasSuffix("/") || names.last == "." {
            check.error("\(path.quoted) is not a relative path to a Dockerfile inside the repository",
                        hint: "write it from the repository root, without '..', spaces or quotes, e.g. "
                            + "src/cartservice/Dockerfile",
                        part: "path")
        } else if !TextRules.isRelativePathInside(context) {
            check.error("\(context.quoted) is not a relative folder inside the repository",
                        hint: "write it from the repository root, without '..', spaces or quotes, e.g. "
                            + "src/cartservice or .",
                        part: "context")
        }
    }
}

extension PrebuiltImage: SettingValue {
    /// Docker's limit on a repository name (distribution/reference's `NameTotalLengthMax`).
    static let maxRepositoryLength = 255

    /// The repository without tag or digest, and the tag and digest each in the form a registry accepts.
    func check(_ check: inout SettingCheck) {
        let example = "Image(\"redis\", tag: \"7.2-alpine\", digest: \"sha256:…\")"
        if repository.contains("@") || repository.split(separator: "/").last?.contains(":") == true {
            check.error("the repository \(repository.quoted) holds a tag or a digest",
                        hint: "give the repository alone and the rest as arguments: \(example)", part: "repository")
        } else if !TextRules.isImageRepositoryPrefix(repository) {
            check.error("\(repository.quoted) is not an image repository",
                        hint: "write it like redis or registry.example.com/team/redis, with a lower-case path and "
                            + "no spaces",
                        part: "repository")
        } else if repository.utf8.count > Self.maxRepositoryLength {
            check.error("the repository name is \(repository.utf8.count) characters long, over the "
                            + "\(Self.maxRepositoryLength) a registry accepts",
                        hint: "check the name", part: "repository")
        }
        if !TextRules.isImageTag(tag) {
            check.error("\(tag.quoted) is not a valid image tag",
                        hint: "use letters, digits, '_', '.' and '-', at most 128 characters, e.g. 7.2-alpine",
                        part: "tag")
        } else if tag == "latest" {
            check.error("the tag 'latest' does not say which image runs",
                        hint: "name the version, e.g. 7.2.4-alpine, and pin it with digest: when you can", part: "tag")
        }
        if let digest, !TextRules.isImageDigest(digest) {
            check.error("\(digest.quoted) is not an image digest",
                        hint: "write it as sha256: followed by 64 lower-case hex digits", part: "digest")
        }
    }
}
