/// Go's release policy, as data: each major release is supported until the second newer major release ships
/// (go.dev/doc/devel/release, "Release Policy"), so a version's end of life is the day that release came out.
/// The days are those of Go's own release history (golang/website, internal/history/release.go), through go1.27.0;
/// a later version that has since lost support is not flagged until it is added here.
public enum GoReleases {
    /// `major.minor` → the day it stopped receiving fixes (the release day of the version two newer).
    public static let endOfLife: [String: String] = [
        "1.19": "2023-08-08",  // go1.21.0
        "1.20": "2024-02-06",  // go1.22.0
        "1.21": "2024-08-13",  // go1.23.0
        "1.22": "2025-02-11",  // go1.24.0
        "1.23": "2025-08-12",  // go1.25.0
        "1.24": "2026-02-10",  // go1.26.0
        "1.25": "2026-08-19",  // go1.27.0
    ]

    /// The oldest release the table lists: anything older is past end of life too.
    static let oldestListed = (1, 19)

    /// The end-of-life day of a Go version (`1.22`, `1.22.5`, a `golang` image tag such as `1.22-alpine`), or
    /// nil when it is supported or not a Go version.
    public static func endOfLife(of version: String) -> String? {
        let numbers = version.prefix { $0.isNumber || $0 == "." }.split(separator: ".").compactMap { Int($0) }
        guard numbers.count >= 2 else { return nil }
        if let day = endOfLife["\(numbers[0]).\(numbers[1])"] { return day }
        return (numbers[0], numbers[1]) < oldestListed ? "before 2023-08-08" : nil
    }

    /// The Go version a `golang` builder image names (`golang:1.22-alpine` → `1.22`), or nil for another image.
    public static func version(ofBuilder image: String) -> String? {
        let parts = ImageNameParts(image)
        guard parts.name == "golang" || parts.name.hasSuffix("/golang"), let tag = parts.tag else { return nil }
        let version = tag.prefix { $0.isNumber || $0 == "." }
        return version.isEmpty ? nil : String(version)
    }
}

/// nginx's release policy, as data: a stable branch (even, 1.22) is maintained until the next stable branch ships
/// (1.24.0), a mainline branch (odd, 1.23) until the next mainline starts (1.25.0); either way a branch `1.N` ends
/// the day `1.(N+2).0` is released. The days are those of the `release-1.N.0` tags of github.com/nginx/nginx,
/// through 1.31.0 (2026-05-13); a later branch that has since lost support is not flagged until it is added here.
public enum NginxReleases {
    /// `1.N` → the day `1.N.0` was released.
    static let released: [Int: String] = [
        18: "2020-04-21", 19: "2020-05-26", 20: "2021-04-20", 21: "2021-05-25", 22: "2022-05-24", 23: "2022-06-21",
        24: "2023-04-11", 25: "2023-05-23", 26: "2024-04-23", 27: "2024-05-28", 28: "2025-04-23", 29: "2025-06-24",
        30: "2026-04-14", 31: "2026-05-13",
    ]

    /// The end-of-life day of an nginx version (`1.22.1`, an `nginx` image tag such as `1.22.1-alpine`), or nil
    /// when it is maintained or not an nginx 1.x version.
    public static func endOfLife(of version: String) -> String? {
        let numbers = version.prefix { $0.isNumber || $0 == "." }.split(separator: ".").compactMap { Int($0) }
        guard numbers.count >= 2, numbers[0] == 1 else { return nil }
        if let day = released[numbers[1] + 2] { return day }
        return numbers[1] < 18 ? "before 2020-04-21" : nil
    }

    /// The nginx version an official `nginx` image names (`nginx:1.22.1-alpine` → `1.22.1`), or nil for another
    /// image (a tag without a version, such as `stable`, says nothing).
    public static func version(ofImage image: String) -> String? {
        let parts = ImageNameParts(image)
        let name = parts.name.hasPrefix("docker.io/") ? String(parts.name.dropFirst(10)) : parts.name
        guard name == "nginx" || name == "library/nginx", let tag = parts.tag else { return nil }
        let version = tag.prefix { $0.isNumber || $0 == "." }
        return version.split(separator: ".").count >= 2 ? String(version) : nil
    }
}

/// What is past its end of life, from the tables above and ``BaseImageFacts``: the one place `infragen review`, the
/// system README and the warnings read.
public enum EndOfLife {
    /// The day an image stopped being maintained: an image ``BaseImageFacts`` knows to be past it (`alpine:3.19`),
    /// or an official nginx image of a branch past it; nil otherwise. A digest does not matter.
    public static func ofImage(_ reference: String) -> String? {
        let parts = ImageNameParts(reference)
        var name = parts.name
        if name.hasPrefix("docker.io/") { name.removeFirst(10) }
        if name.hasPrefix("library/") { name.removeFirst(8) }
        if let day = BaseImageFacts.table["\(name):\(parts.tag ?? "latest")"]?.endOfLife { return day }
        return NginxReleases.version(ofImage: reference).flatMap(NginxReleases.endOfLife(of:))
    }
}

/// `name[:tag]` without a digest.
struct ImageNameParts {
    var name: String
    var tag: String?

    init(_ reference: String) {
        let plain = reference.split(separator: "@", maxSplits: 1).first.map(String.init) ?? reference
        if let colon = plain.lastIndex(of: ":"), !plain[colon...].contains("/") {
            name = String(plain[..<colon])
            tag = String(plain[plain.index(after: colon)...])
        } else {
            name = plain
        }
    }
}
