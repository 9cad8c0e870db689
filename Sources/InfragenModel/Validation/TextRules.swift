/// Syntax rules for the names and values that reach generated files.
public enum TextRules {
    /// An RFC 1123 DNS label: lower-case letters, digits and `-`, starting and ending with a letter or digit, at most
    /// 63 characters. Every system, environment, service and namespace name is one, which also keeps names from
    /// escaping Output/ (no `/`, no `..`).
    public static func isDNSLabel(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...63).contains(bytes.count) else { return false }
        guard bytes.allSatisfy({ isLowerAlnum($0) || $0 == UInt8(ascii: "-") }) else { return false }
        return isLowerAlnum(bytes.first!) && isLowerAlnum(bytes.last!)
    }

    /// An RFC 1123 subdomain: dot-separated labels, at most 253 characters (Secret names, host names).
    public static func isDNSSubdomain(_ text: String) -> Bool {
        guard (1...253).contains(text.utf8.count) else { return false }
        return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isDNSLabel(String($0)) }
    }

    /// A host name the gateway can serve: a DNS subdomain (a leading `*.` wildcard allowed).
    public static func isHostName(_ text: String) -> Bool {
        text.hasPrefix("*.") ? isDNSSubdomain(String(text.dropFirst(2))) : isDNSSubdomain(text)
    }

    /// An IANA service name, which Kubernetes requires of named ports: at most 15 characters, lower-case letters,
    /// digits and `-`, at least one letter, no leading, trailing or double `-`.
    public static func isPortName(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...15).contains(bytes.count), isDNSLabel(text), !text.contains("--") else { return false }
        return bytes.contains { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }
    }

    /// A C identifier, as environment variable names should be: `[A-Za-z_][A-Za-z0-9_]*`.
    public static func isEnvironmentVariableName(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, isLetter(first) || first == UInt8(ascii: "_") else { return false }
        return bytes.count <= 253 && bytes.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
    }

    /// A ConfigMap or Secret key: `[-._a-zA-Z0-9]+`, at most 253 characters, not `.` or `..`.
    public static func isConfigKey(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...253).contains(bytes.count), text != ".", text != ".." else { return false }
        return bytes.allSatisfy { isLetter($0) || isDigit($0) || "-._".utf8.contains($0) }
    }

    /// A URL path for a route or a probe: starts with `/`, and holds only unreserved and sub-delimiter characters
    /// that need no quoting in Nginx or YAML (no spaces, quotes, `;`, `{`, `}`, `#`, `?`, `$`, `\`, controls).
    public static func isURLPath(_ text: String) -> Bool {
        guard text.hasPrefix("/"), text.utf8.count <= 1024 else { return false }
        guard text.utf8.allSatisfy({ urlPathBytes.contains($0) }) else { return false }
        return !text.split(separator: "/").contains("..")
    }

    /// A Docker image tag: `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`.
    public static func isImageTag(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...128).contains(bytes.count), let first = bytes.first else { return false }
        guard isLetter(first) || isDigit(first) || first == UInt8(ascii: "_") else { return false }
        return bytes.allSatisfy { isLetter($0) || isDigit($0) || "_.-".utf8.contains($0) }
    }

    /// An image digest: `sha256:` and 64 lower-case hex digits.
    public static func isImageDigest(_ text: String) -> Bool {
        guard text.hasPrefix("sha256:") else { return false }
        let hex = text.utf8.dropFirst(7)
        return hex.count == 64 && hex.allSatisfy { isDigit($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
    }

    /// An image reference: `[host[:port]/]path[:tag][@sha256:digest]`, path components lower-case.
    public static func isImageReference(_ text: String) -> Bool {
        var rest = Substring(text)
        if let at = rest.firstIndex(of: "@") {
            guard isImageDigest(String(rest[rest.index(after: at)...])) else { return false }
            rest = rest[..<at]
        }
        var components = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let last = components.last, !last.isEmpty else { return false }
        if let colon = last.lastIndex(of: ":") {
            guard isImageTag(String(last[last.index(after: colon)...])) else { return false }
            components[components.count - 1] = String(last[..<colon])
        }
        if components.count > 1, components[0].contains(".") || components[0].contains(":") || components[0] == "localhost" {
            let host = components.removeFirst()
            let hostBytes = Array(host.utf8)
            guard !hostBytes.isEmpty, hostBytes.allSatisfy({ isLowerAlnum($0) || isUpper($0) || ".-:".utf8.contains($0) })
            else { return false }
        }
        return !components.isEmpty && components.allSatisfy(isImagePathComponent)
    }

    /// A registry prefix for service images: `registry.example.com/shop`.
    public static func isImageRepositoryPrefix(_ text: String) -> Bool {
        isImageReference(text) && !text.contains("@") && !(text.split(separator: "/").last?.contains(":") ?? true)
    }

    /// `1.22` or `1.22.3`.
    public static func isGoVersion(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return (2...3).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy(isDigit) }
    }

    private static let urlPathBytes = ByteSet("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/%:@!&()*+,=")

    /// Free text that goes into labels, comments and descriptions: printable, one line.
    public static func isSingleLineText(_ text: String) -> Bool {
        // Printable ASCII, the usual case, holds no control character and no line or paragraph separator.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return true }
        return !text.unicodeScalars.contains { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }
    }

    /// Text that may span lines (config file contents): no control characters but tab and line feed.
    public static func isMultiLineText(_ text: String) -> Bool {
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A || $0 == 0x09 }) { return true }
        return !text.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t" }
    }

    private static func isImagePathComponent(_ text: String) -> Bool {
        // [a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*
        let bytes = Array(text.utf8)
        guard let first = bytes.first, let last = bytes.last, isLowerAlnum(first), isLowerAlnum(last) else { return false }
        return bytes.allSatisfy { isLowerAlnum($0) || "._-".utf8.contains($0) }
    }

    private static func isLowerAlnum(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || isDigit(byte)
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || isUpper(byte)
    }

    private static func isUpper(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
}

/// "Did you mean …?" for misspelt names.
public enum Suggestions {
    /// The closest candidate within a small edit distance, if any.
    public static func closest(to name: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(name, $0)) }.filter { $0.1 <= max(2, name.count / 3) }
        return scored.min { ($0.1, $0.0) < ($1.1, $1.0) }?.0
    }

    /// `; did you mean 'x'?` or nothing.
    public static func hint(for name: String, in candidates: [String]) -> String? {
        closest(to: name, in: candidates).map { "did you mean '\($0)'?" }
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
