/// Go's release policy, as data: each major release is supported until the second newer major release ships
/// (go.dev/doc/devel/release, "Release Policy"), so a version's end of life is the day that release came out.
/// Only the releases whose end of life was confirmed when the table was written are listed (through 1.23); a
/// later one that has since lost support is not flagged until it is added here.
public enum GoReleases {
    /// `major.minor` → the day it stopped receiving fixes (the release day of the version two newer).
    public static let endOfLife: [String: String] = [
        "1.19": "2023-08-08",  // go1.21.0
        "1.20": "2024-02-06",  // go1.22.0
        "1.21": "2024-08-13",  // go1.23.0
        "1.22": "2025-02-11",  // go1.24.0
        "1.23": "2025-08-12",  // go1.25.0
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
