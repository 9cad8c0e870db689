/// A container image reference as written: `alpine:3.19`, `golang:1.22-alpine`,
/// `registry.example.com/team/base:1.0@sha256:…`. Checked by validation, never parsed by guesswork.
public struct ImageReference: Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let text: String

    public init(_ text: String) { self.text = text }
    public init(stringLiteral text: String) { self.text = text }

    public var description: String { text }

    /// The reference with a digest appended (`name:tag@sha256:…`).
    public func pinned(to digest: String?) -> ImageReference {
        guard let digest, !text.contains("@") else { return self }
        return ImageReference("\(text)@\(digest)")
    }

    /// Everything before the tag and digest: `golang`, `gcr.io/distroless/static-debian12`,
    /// `localhost:5000/team/base` (a registry port is not a tag).
    public var repository: String { parts.repository }

    /// The tag, if the reference has one: `1.22-alpine`.
    public var tag: String? { parts.tag }

    /// The digest, if the reference pins one: `sha256:…`.
    public var digest: String? { parts.digest }

    private var parts: (repository: String, tag: String?, digest: String?) {
        var rest = Substring(text)
        var digest: String?
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        // A tag is a colon in the last path component; a colon before the last slash is a registry port.
        let lastComponentStart = rest.lastIndex(of: "/").map { rest.index(after: $0) } ?? rest.startIndex
        if let colon = rest[lastComponentStart...].lastIndex(of: ":") {
            return (String(rest[..<colon]), String(rest[rest.index(after: colon)...]), digest)
        }
        return (String(rest), nil, digest)
    }
}

/// The runtime base of a service's image, and the family it belongs to.
///
/// The family decides how the Dockerfile installs certificates and creates the user; it is stated, never guessed
/// from the image name:
///
/// ```swift
/// Base(.alpine("3.19"))
/// Base(.distroless(.static))
/// Base(.custom("registry.example.com/base/debian:12", family: .debian))
/// ```
public struct BaseImage: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Family: String, Sendable, Hashable, Codable, CaseIterable {
        case alpine, debian, ubuntu, distroless, scratch
    }

    /// Distroless comes in a variant with no libc at all and one with glibc and OpenSSL.
    public enum DistrolessVariant: String, Sendable, Hashable, Codable {
        case `static`, base
    }

    public var reference: ImageReference
    public var family: Family
    public var distrolessVariant: DistrolessVariant?
    /// Package versions pinned for the runtime stage (`ca-certificates=20240705-r0`), keyed by package.
    public var pinnedPackages: [String: String]

    public init(
        reference: ImageReference, family: Family, distrolessVariant: DistrolessVariant? = nil,
        pinnedPackages: [String: String] = [:]
    ) {
        self.reference = reference
        self.family = family
        self.distrolessVariant = distrolessVariant
        self.pinnedPackages = pinnedPackages
    }

    public static func alpine(_ version: String) -> BaseImage {
        BaseImage(reference: ImageReference("alpine:\(version)"), family: .alpine)
    }

    public static func debian(_ version: String = "12-slim") -> BaseImage {
        BaseImage(reference: ImageReference("debian:\(version)"), family: .debian)
    }

    public static func ubuntu(_ version: String) -> BaseImage {
        BaseImage(reference: ImageReference("ubuntu:\(version)"), family: .ubuntu)
    }

    /// `gcr.io/distroless/static-debian12:nonroot`: the `nonroot` tag runs as uid 65532 by default (an untagged
    /// reference would mean `latest`).
    public static func distroless(_ variant: DistrolessVariant, debian: Int = 12, tag: String = "nonroot") -> BaseImage {
        BaseImage(
            reference: ImageReference("gcr.io/distroless/\(variant.rawValue)-debian\(debian):\(tag)"),
            family: .distroless, distrolessVariant: variant)
    }

    public static let scratch = BaseImage(reference: ImageReference("scratch"), family: .scratch)

    /// Any other image, with its family stated. There is deliberately no way to name an image without its family:
    /// the family decides how the Dockerfile installs certificates and creates the user, and is never guessed.
    public static func custom(_ reference: ImageReference, family: Family) -> BaseImage {
        BaseImage(reference: reference, family: family, distrolessVariant: family == .distroless ? .static : nil)
    }

    /// The same base pinned to a digest: `FROM alpine:3.19@sha256:…`.
    public func pinned(to digest: String) -> BaseImage {
        var copy = self
        copy.reference = reference.pinned(to: digest)
        return copy
    }

    /// The user the image runs as unless the blueprint chooses one with `RunAs`: distroless images ship the user
    /// `nonroot` (65532); for the other families the Dockerfile creates the user 10001.
    public var defaultUser: Int { family == .distroless ? 65532 : 10001 }

    /// The package manager of the family's runtime stage, if it has one.
    public var packageManager: PackageManager? {
        switch family {
        case .alpine: .apk
        case .debian, .ubuntu: .apt
        case .distroless, .scratch: nil
        }
    }

    /// The packages every runtime stage with a package manager installs (time zones and CA certificates).
    public static let runtimePackages = ["ca-certificates", "tzdata"]

    public enum PackageManager: String, Sendable, Hashable, Codable {
        case apk, apt
    }

    public var description: String { "\(reference) (\(family.rawValue))" }
}

/// How a Go service is built.
public struct GoBuildDescription: Sendable, Hashable, Codable {
    /// The folder with go.mod, relative to the build context: `.`.
    public var moduleDirectory: String
    /// The main package, relative to the module folder: `./cmd/order-service`; `.` when nil.
    public var mainPackage: String?
    /// Go variables set from build arguments with `-X` (e.g. `main.version` from VERSION).
    public var versionVariable: String?
    public var commitVariable: String?
    public var location: SourceLocation?

    public init() {
        self.moduleDirectory = "."
    }
}
