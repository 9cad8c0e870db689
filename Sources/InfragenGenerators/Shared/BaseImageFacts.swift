public import InfragenModel

/// What a runtime base image contains and what its publishers document about its size: the seed's comparison of
/// base images, as data. `infragen list --images` prints it per service; the system report can show it too.
///
/// Nothing here is measured at run time and nothing is fetched: the figures were read from the sources named in each
/// entry, on the date given, for linux/amd64. Images not in the table get the facts of their family and no sizes.
public struct BaseImageFacts: Sendable, Hashable {
    /// `musl`, `glibc 2.36`, or `none`.
    public var libc: String
    /// The shell, if the image has one: `busybox ash`, `dash (/bin/sh), bash`.
    public var shell: String?
    /// The package manager, if the image has one: `apk`, `apt/dpkg`.
    public var packageManager: String?
    /// The documented sizes, when a table entry has them.
    public var size: DocumentedSize?
    /// The day its publisher stopped fixing it (`2025-11-01`), when the table knows it was past by the day the entry
    /// was read: `infragen review` flags an image past end of life.
    public var endOfLife: String?

    /// Sizes as their source prints them ("MB" as there), with where and when they were read.
    public struct DocumentedSize: Sendable, Hashable {
        /// The compressed transfer size (what a pull downloads); nil when the source gives none.
        public var download: String?
        /// The size of all layers on disk; nil when the source gives none.
        public var unpacked: String?
        /// The page the figures come from.
        public var source: String
        /// The day the figures were read (`2026-11-29`).
        public var read: String
        /// What else a reader needs to weigh the figures.
        public var note: String?
    }

    /// The facts for a base: the table's entry for its `repository:tag` (a digest does not matter), or its family's.
    public static func facts(for base: BaseImage) -> BaseImageFacts {
        let key = base.family == .scratch ? "scratch" : "\(base.reference.repository):\(base.reference.tag ?? "")"
        return table[key] ?? family(base.family, variant: base.distrolessVariant)
    }

    /// What every image of a family has in common (no sizes: those belong to one image).
    public static func family(_ family: BaseImage.Family, variant: BaseImage.DistrolessVariant? = nil) -> BaseImageFacts {
        switch family {
        case .alpine: BaseImageFacts(libc: "musl", shell: "busybox ash", packageManager: "apk")
        case .debian, .ubuntu: BaseImageFacts(libc: "glibc", shell: "dash (/bin/sh), bash", packageManager: "apt/dpkg")
        case .distroless: BaseImageFacts(libc: variant == .base ? "glibc" : "none", shell: nil, packageManager: nil)
        case .scratch: BaseImageFacts(libc: "none", shell: nil, packageManager: nil)
        }
    }

    private static let repoInfo = "github.com/docker-library/repo-info"
    private static let distrolessReadme = "github.com/GoogleContainerTools/distroless (README.md, base/README.md)"

    /// The documented images, keyed by `repository:tag`.
    public static let table: [String: BaseImageFacts] = [
        "alpine:3.19": BaseImageFacts(
            libc: "musl", shell: "busybox ash", packageManager: "apk",
            size: DocumentedSize(
                download: nil, unpacked: nil, source: "\(repoInfo) repos/alpine (no page for 3.19)", read: "2026-11-29",
                note: "3.19 is end of life since 2025-11-01; alpine:3.21.8 is 3.6 MB download, 7.8 MB unpacked"),
            endOfLife: "2025-11-01"),
        "alpine:3.21.8": BaseImageFacts(
            libc: "musl", shell: "busybox ash", packageManager: "apk",
            size: DocumentedSize(
                download: "3.6 MB", unpacked: "7.8 MB",
                source: "\(repoInfo) repos/alpine/remote/3.21.8.md, local/3.21.8.md", read: "2026-11-29",
                note: "image built 2026-09-17")),
        "debian:12-slim": BaseImageFacts(
            libc: "glibc 2.36", shell: "dash (/bin/sh), bash", packageManager: "apt/dpkg",
            size: DocumentedSize(
                download: "28.2 MB", unpacked: "74.83 MB",
                source: "\(repoInfo) repos/debian/remote/12-slim.md, local/bookworm-20260824-slim.md", read: "2026-11-29",
                note: "image built 2026-08-24; no curl, wget or ca-certificates")),
        "ubuntu:22.04": BaseImageFacts(
            libc: "glibc 2.35", shell: "dash (/bin/sh), bash", packageManager: "apt/dpkg",
            size: DocumentedSize(
                download: "29.7 MB", unpacked: "78.08 MB",
                source: "\(repoInfo) repos/ubuntu/remote/jammy-20260731.1.md, local/22.04.md", read: "2026-11-29",
                note: "image built 2026-07-31; no curl, wget or ca-certificates")),
        "ubuntu:24.04": BaseImageFacts(
            libc: "glibc 2.39", shell: "dash (/bin/sh), bash", packageManager: "apt/dpkg",
            size: DocumentedSize(
                download: "29.8 MB", unpacked: "78.14 MB", source: "\(repoInfo) repos/ubuntu/remote/24.04.md, local/24.04.md",
                read: "2026-11-29", note: "download and unpacked sizes are of different builds; has user ubuntu (uid 1000)")),
        "gcr.io/distroless/static-debian12:nonroot": BaseImageFacts(
            libc: "none", shell: nil, packageManager: nil,
            size: DocumentedSize(
                download: "about 2 MiB", unpacked: nil, source: distrolessReadme, read: "2026-11-29",
                note: "the README does not say whether 2 MiB is compressed; contains CA certificates, tzdata, /tmp, passwd")),
        "gcr.io/distroless/base-debian12:nonroot": BaseImageFacts(
            libc: "glibc", shell: nil, packageManager: nil,
            size: DocumentedSize(
                download: nil, unpacked: nil, source: distrolessReadme, read: "2026-11-29",
                note: "the project documents contents (glibc, libssl, openssl) but no size")),
        "scratch": BaseImageFacts(
            libc: "none", shell: nil, packageManager: nil,
            size: DocumentedSize(
                download: "0 B", unpacked: "0 B", source: "Docker's reserved empty image (FROM scratch pulls nothing)",
                read: "2026-11-29", note: "the image holds only what the Dockerfile copies in")),
    ]
}

extension BaseImageFacts {
    /// What is known of the image a service runs, and nothing more: its base's facts for a Go build; for a prebuilt
    /// image the table's entry for exactly that image, else its stated family's; for an image built from its own
    /// Dockerfile its stated family's; nil where the blueprint states no family (infragen never guesses one).
    public static func facts(for service: ResolvedService) -> BaseImageFacts? {
        switch service.imageSource {
        case .goBuild: facts(for: service.base)
        case .prebuilt(let image): table["\(image.repository):\(image.tag)"] ?? image.family.map(stated)
        case .dockerfile(let own): own.family.map(stated)
        }
    }

    /// The image whose documented sizes a service's facts give, for citing them: the base of a Go build, the
    /// prebuilt image itself.
    public static func documentedImage(of service: ResolvedService) -> String? {
        switch service.imageSource {
        case .goBuild: service.base.reference.text
        case .prebuilt(let image): image.reference.text
        case .dockerfile: nil
        }
    }

    /// A family stated for an image infragen does not build: what every image of the family has. A distroless image
    /// has glibc (distroless/base and the language images) or no libc (static), and the family alone does not say.
    static func stated(_ family: BaseImage.Family) -> BaseImageFacts {
        var facts = Self.family(family)
        if family == .distroless { facts.libc = "glibc or none" }
        return facts
    }
}
