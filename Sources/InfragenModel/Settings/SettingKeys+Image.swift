/// The settings of a service's image: where it is pushed, which build runs, how it is built and what it runs on.
extension SettingKey where Value == String? {
    /// The repository prefix the image is pushed under (`registry.example.com/team`); the system's name when unset.
    public static let imageRegistry = SettingKey("image.registry", builtIn: nil) { registry, check in
        if let registry, !TextRules.isImageRepositoryPrefix(registry) {
            check.error("\(registry.quoted) is not an image repository prefix",
                        hint: "write it like registry.example.com/team, lower-case, without a tag")
        }
    }

    /// The image digest the tag is pinned to.
    public static let imageDigest = SettingKey("image.digest", builtIn: nil) { digest, check in
        if let digest, !TextRules.isImageDigest(digest) {
            check.error("\(digest.quoted) is not an image digest",
                        hint: "write it as sha256: followed by 64 lower-case hex digits")
        }
    }

    /// The tag the canary runs, in environments released through a canary (the stable tag when unset).
    public static let canaryImageTag = SettingKey("image.canaryTag", builtIn: nil) { tag, check in
        if let tag { SettingKey<String>.checkImageTag(tag, &check) }
    }
}

extension SettingKey where Value == String {
    /// The image tag every environment runs unless one sets its own; it must be set somewhere (checked as resolved).
    public static let imageTag = SettingKey("image.tag", builtIn: "") { tag, check in checkImageTag(tag, &check) }

    /// The Go toolchain the Dockerfile builds with: a supported release unless the blueprint names one (Go supports
    /// the two newest; 1.26 until 1.28 ships).
    public static let goVersion = SettingKey("go.version", builtIn: "1.26") { version, check in
        if !TextRules.isGoVersion(version) {
            check.error("\(version.quoted) is not a Go version", hint: "write it like 1.22 or 1.22.3")
        }
    }

    static func checkImageTag(_ tag: String, _ check: inout SettingCheck) {
        if !TextRules.isImageTag(tag) {
            check.error("\(tag.quoted) is not a valid image tag",
                        hint: "use letters, digits, '_', '.' and '-', at most 128 characters")
        }
    }
}

extension SettingKey where Value == ImageReference {
    /// The build stage's image: the Go version's Alpine image unless set.
    public static let builderImage = SettingKey(
        "builder", derivedFrom: { ImageReference("golang:\($0[.goVersion])-alpine") }
    ) { builder, check in
        if !TextRules.isImageReference(builder.text) {
            check.error("\(builder.text.quoted) is not a valid image reference",
                        hint: "write it like golang:1.22-alpine, with no spaces or upper-case path")
        } else {
            builder.checkTag(example: "golang:1.22-alpine", &check)
        }
    }
}

extension SettingKey where Value == BaseImage {
    /// The runtime stage's base image, whose family decides the Dockerfile's shape.
    public static let base = SettingKey("base", builtIn: .alpine("3.19")) { base, check in base.check(&check) }
}

extension SettingKey where Value == SecurityDescription {
    /// The run-as user and the security defaults turned off, merged part by part across layers.
    public static let security = SettingKey("security", builtIn: SecurityDescription()) { security, check in
        security.check(check.path, at: check.location, &check.collector)
    }
}

extension ImageReference: SettingValue {
    /// A base or builder image must name its tag (an untagged reference means `latest`, which changes under you).
    func checkTag(example: String, _ check: inout SettingCheck) {
        if tag == nil {
            check.error("the image \(text.quoted) has no tag",
                        hint: "name the version, e.g. \(example) (a digest may follow: \(example)@sha256:…)")
        } else if tag == "latest" {
            check.error("the tag 'latest' of \(text.quoted) does not say which image is used",
                        hint: "name the version, e.g. \(example)")
        }
    }
}

extension BaseImage: SettingValue {
    func check(_ check: inout SettingCheck) {
        if family != .scratch && !TextRules.isImageReference(reference.text) {
            check.error("\(reference.text.quoted) is not a valid image reference",
                        hint: "write it like alpine:3.19, with no spaces or upper-case path")
        } else if family != .scratch {
            reference.checkTag(example: "alpine:3.19", &check)
        }
        if family == .scratch && reference.text != "scratch" {
            check.error("a scratch base must be the image 'scratch'", hint: "use Base(.scratch)")
        }
        for (package, version) in pinnedPackages.sorted(by: { $0.key < $1.key }) {
            if !Self.isPackageToken(package) || !Self.isPackageToken(version) {
                check.error("\("\(package)=\(version)".quoted) is not a package name and version",
                            hint: "use letters, digits and '.+-~:_' only", part: "packages")
            } else if packageManager == nil {
                check.error("a \(family.rawValue) base has no package manager, so \(package.quoted) cannot be pinned",
                            hint: "remove the pin, or use an alpine, debian or ubuntu base", part: "packages")
            } else if !Self.runtimePackages.contains(package) {
                check.error("the runtime stage does not install \(package.quoted)",
                            hint: "pin one of \(Self.runtimePackages.joined(separator: ", "))", part: "packages")
            }
        }
    }

    private static func isPackageToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || ".+-~:_".utf8.contains(byte)
        }
    }
}

/// Merged by part (``SecurityDescription/overlaid(by:)``): a `RunAs` in one layer keeps another layer's exemptions.
extension SecurityDescription: SettingValue {}
