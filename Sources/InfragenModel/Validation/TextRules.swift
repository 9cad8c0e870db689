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

    /// An IPv4 address in dotted decimal (`10.96.0.10`), no leading zeros.
    public static func isIPv4Address(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        return parts.allSatisfy { part in
            guard (1...3).contains(part.utf8.count), part.utf8.allSatisfy(isDigit), let value = Int(part) else { return false }
            return value <= 255 && (part == "0" || part.first != "0")
        }
    }

    /// An IPv6 address without brackets (`fd00::10`, `::1`); no zone, no embedded IPv4.
    public static func isIPv6Address(_ text: String) -> Bool {
        guard (2...39).contains(text.utf8.count) else { return false }
        let bytes = Array(text.utf8)
        var halves: [String] = []
        var start = 0, index = 0
        while index < bytes.count {
            if index + 1 < bytes.count, bytes[index] == UInt8(ascii: ":"), bytes[index + 1] == UInt8(ascii: ":") {
                halves.append(String(decoding: bytes[start..<index], as: UTF8.self))
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        halves.append(String(decoding: bytes[start..<bytes.count], as: UTF8.self))
        guard halves.count <= 2 else { return false }
        func groups(_ part: String) -> [Substring]? {
            if part.isEmpty { return [] }
            let groups = part.split(separator: ":", omittingEmptySubsequences: false)
            let hex = Set("0123456789abcdefABCDEF".utf8)
            return groups.allSatisfy { (1...4).contains($0.utf8.count) && $0.utf8.allSatisfy { hex.contains($0) } }
                ? groups : nil
        }
        guard let first = groups(halves[0]) else { return false }
        if halves.count == 1 { return first.count == 8 }
        guard let second = groups(halves[1]) else { return false }
        return first.count + second.count <= 7
    }

    /// An IP address as Nginx writes one in `listen`, `resolver` and `server`: IPv4, or IPv6 in brackets.
    public static func isIPAddress(_ text: String) -> Bool {
        if text.hasPrefix("[") && text.hasSuffix("]") { return isIPv6Address(String(text.dropFirst().dropLast())) }
        return isIPv4Address(text)
    }

    /// An IP address (see ``isIPAddress(_:)``) with an optional `:port` (1-65535).
    public static func isIPAddressWithOptionalPort(_ text: String) -> Bool {
        if isIPAddress(text) { return true }
        guard let colon = text.lastIndex(of: ":"), !text[..<colon].hasSuffix(":") else { return false }
        let port = text[text.index(after: colon)...]
        guard !port.isEmpty, port.utf8.count <= 5, port.utf8.allSatisfy(isDigit), port.first != "0",
              let number = Int(port), (1...65535).contains(number) else { return false }
        return isIPAddress(String(text[..<colon]))
    }

    /// A dotted version of `count` numbers (`1.22.1` for three), each without leading zeros.
    public static func isDottedVersion(_ text: String, parts count: ClosedRange<Int>) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return count.contains(parts.count) && parts.allSatisfy {
            (1...4).contains($0.utf8.count) && $0.utf8.allSatisfy(isDigit) && ($0 == "0" || $0.first != "0")
        }
    }

    /// A relative file path that needs no quoting anywhere: `[A-Za-z0-9._/-]+`, no leading `/`, no empty, `.` or
    /// `..` component.
    public static func isSimpleRelativePath(_ text: String) -> Bool {
        guard (1...255).contains(text.utf8.count), !text.hasPrefix("/") else { return false }
        guard text.utf8.allSatisfy({ isLetter($0) || isDigit($0) || "._/-".utf8.contains($0) }) else { return false }
        return text.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { $0 != "" && $0 != "." && $0 != ".." }
    }

    /// A path that stays inside the folder it is relative to: `.`, `./cmd/api`, `src/cartservice/Dockerfile` —
    /// `[A-Za-z0-9._/-]`, not absolute, no `..` component.
    public static func isRelativePathInside(_ text: String) -> Bool {
        guard !text.isEmpty, !text.hasPrefix("/") else { return false }
        guard text.utf8.allSatisfy({ isLetter($0) || isDigit($0) || "._/-".utf8.contains($0) }) else { return false }
        return !text.split(separator: "/").contains("..")
    }

    /// A URL path the gateway can match literally: starts with `/`, holds only `[A-Za-z0-9._~/-]` (no `%`: Nginx
    /// matches decoded paths), no `//`, no `.` or `..` segment.
    public static func isGatewayPath(_ text: String) -> Bool {
        guard text.hasPrefix("/"), text.utf8.count <= 1024 else { return false }
        guard text.utf8.allSatisfy({ isLetter($0) || isDigit($0) || "._~/-".utf8.contains($0) }) else { return false }
        guard !text.contains("//") else { return false }
        return !text.split(separator: "/").contains { $0 == "." || $0 == ".." }
    }

    /// A value for an HTTP response header that Nginx prints in quotes: printable ASCII (space to `~`), without `\`
    /// (an escape in Nginx), `$` (a variable in Nginx) and `"` (which would end the quoted value; no
    /// Content-Security-Policy, frame or referrer policy needs one).
    public static func isHeaderValue(_ text: String) -> Bool {
        text.utf8.allSatisfy {
            (0x20...0x7E).contains($0) && $0 != UInt8(ascii: "\\") && $0 != UInt8(ascii: "$") && $0 != UInt8(ascii: "\"")
        }
    }

    /// An IPv4 range: `203.0.113.0/24`, `0.0.0.0/0`.
    public static func isIPv4CIDR(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let prefix = Int(parts[1]), (0...32).contains(prefix), parts[1].count <= 2 else { return false }
        return isIPv4Address(String(parts[0]))
    }

    /// A URL path as Nginx compares it with a `location`: decoded and merged, so no `//`, no `.` segments and no
    /// `%`-escapes (a location `/a%20b` never matches a request, which Nginx decodes to `/a b` first).
    public static func isNormalizedURLPath(_ text: String) -> Bool {
        isURLPath(text) && !text.contains("//") && !text.contains("%")
            && !text.split(separator: "/").contains(".")
    }

    /// A Go variable for `-ldflags -X`: an import path, a dot and an identifier (`main.version`,
    /// `example.com/app/internal/build.Commit`), starting with a letter or `_` so the linker cannot take it for a flag.
    public static func isGoVariablePath(_ text: String) -> Bool {
        guard let first = text.utf8.first, isLetter(first) || first == UInt8(ascii: "_"),
              let dot = text.lastIndex(of: "."), !text.contains(".."), !text.contains("//") else { return false }
        let allowed = text.utf8.allSatisfy { isLetter($0) || isDigit($0) || "._/-".utf8.contains($0) }
        let identifier = text[text.index(after: dot)...]
        guard let start = identifier.utf8.first, isLetter(start) || start == UInt8(ascii: "_") else { return false }
        return allowed && !text[..<dot].hasSuffix("/")
            && identifier.utf8.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
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

    /// `1.22.1`: two or three dot-separated numbers.
    public static func isVersionNumber(_ text: String) -> Bool { isGoVersion(text) }

    /// A DNS resolver for Nginx: a host name or an IPv4 address, or an IPv6 address in brackets, optionally `:port`.
    public static func isResolverAddress(_ text: String) -> Bool {
        func isPort(_ digits: Substring) -> Bool {
            guard (1...5).contains(digits.utf8.count), digits.utf8.allSatisfy(isDigit), let number = Int(digits)
            else { return false }
            return (1...65535).contains(number)
        }
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return false }
            let inside = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if !after.isEmpty, !(after.first == ":" && isPort(after.dropFirst())) { return false }
            return !inside.isEmpty
                && inside.utf8.allSatisfy { isDigit($0) || isHexLetter($0) || ":.".utf8.contains($0) }
        }
        var host = Substring(text)
        if let colon = host.firstIndex(of: ":") {
            guard isPort(host[host.index(after: colon)...]) else { return false }
            host = host[..<colon]
        }
        return isDNSSubdomain(String(host))
    }

    /// A header value Nginx can hold in double quotes and send as it is: printable ASCII, no `"`, `\` or `$`
    /// (a variable in Nginx), not empty, no spaces at either end.
    public static func isQuotableHeaderValue(_ text: String) -> Bool {
        guard let first = text.utf8.first, let last = text.utf8.last, first != 0x20, last != 0x20 else { return false }
        return text.utf8.allSatisfy { (0x20...0x7E).contains($0) && !"\"\\$".utf8.contains($0) }
    }

    /// `1.22` or `1.22.3`.
    public static func isGoVersion(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return (2...3).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy(isDigit) }
    }

    private static let urlPathBytes = ByteSet("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/%:@!&()*+,=")

    /// Free text that goes into labels, comments and descriptions: printable, one line (no controls, no line or
    /// paragraph separators, no U+FFFE/U+FFFF, which YAML cannot hold unescaped and kustomize cannot write).
    public static func isSingleLineText(_ text: String) -> Bool {
        // Printable ASCII, the usual case, holds none of them.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return true }
        return !text.unicodeScalars.contains {
            $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}"
                || $0 == "\u{FFFE}" || $0 == "\u{FFFF}"
        }
    }

    /// The first character of `text` that `kubectl kustomize` (Go's yaml.v3) refuses to write or changes: DEL and the
    /// C1 controls U+0080-U+009F (it turns NEL into a space, and fails on the rest), and the non-characters U+FFFE and
    /// U+FFFF. Manifests are applied with `kubectl apply -k`, so a value holding one never arrives as written.
    public static func firstUnportableScalar(_ text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first { (0x7F...0x9F).contains($0.value) || $0.value == 0xFFFE || $0.value == 0xFFFF }
    }

    /// `U+0085`.
    public static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Text that may span lines (config file contents): no control characters but tab and line feed.
    public static func isMultiLineText(_ text: String) -> Bool {
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A || $0 == 0x09 }) { return true }
        return !text.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t" }
    }

    /// A Prometheus metric or label name: letters, digits and `_`, not starting with a digit.
    public static func isPrometheusName(_ text: String) -> Bool {
        guard let first = text.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
        return text.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
    }

    /// A Kubernetes label value: empty, or at most 63 letters, digits, `-`, `_` and `.`, starting and ending with a
    /// letter or digit.
    public static func isLabelValue(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, let last = bytes.last else { return true }
        guard bytes.count <= 63, isAlnum(first), isAlnum(last) else { return false }
        return bytes.allSatisfy { isAlnum($0) || "-_.".utf8.contains($0) }
    }

    /// A Kubernetes label or annotation key: an optional DNS-subdomain prefix and `/`, then a name that is a
    /// non-empty label value (`app.kubernetes.io/name`, `k8s-app`).
    public static func isLabelKey(_ text: String) -> Bool {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let name = parts.last!
        if parts.count == 2, !isDNSSubdomain(parts[0]) { return false }
        return !name.isEmpty && isLabelValue(name)
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

    private static func isAlnum(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) }
    private static func isUpper(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    private static func isHexLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }
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
