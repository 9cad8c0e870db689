/// The Nginx and OpenSSL versions a configuration is written for, and what they decide.
public struct NginxTarget: Sendable, Hashable, Encodable {
    /// The oldest Nginx the generator writes for: `ssl_reject_handshake` (the TLS catch-all server) is 1.19.4.
    public static let minimumNginx = Version(1, 19, 4)
    /// TLS 1.3 and the Mozilla intermediate ciphers need OpenSSL 1.1.1.
    public static let minimumOpenSSL = Version(1, 1, 1)

    public let nginx: Version
    public let openssl: Version

    /// nil when a version does not parse (validation reports it).
    public init?(_ gateway: GatewayDescription) {
        guard let nginx = Version(gateway.nginxVersion), let openssl = Version(gateway.opensslVersion) else {
            return nil
        }
        self.nginx = nginx
        self.openssl = openssl
    }

    /// `http2 on;` replaces `listen … http2` in 1.25.1 (which still accepts the old form, with a warning).
    public var usesHTTP2Directive: Bool { nginx >= Version(1, 25, 1) }

    /// `server … resolve` in open-source upstream blocks: 1.27.3.
    public var resolvesUpstreamServers: Bool { nginx >= Version(1, 27, 3) }

    /// Mozilla turns session tickets off before 1.23.2, which cannot rotate ticket keys across workers.
    public var disablesSessionTickets: Bool { nginx < Version(1, 23, 2) }

    /// X25519MLKEM768 is OpenSSL 3.5; older OpenSSL refuses the whole curve list.
    public var offersPostQuantumKeyExchange: Bool { openssl >= Version(3, 5, 0) }

    /// A dotted version, compared part by part; a letter suffix (OpenSSL's `1.1.1w`) is ignored.
    public struct Version: Sendable, Hashable, Encodable, Comparable, CustomStringConvertible {
        public let parts: [Int]

        public init(_ major: Int, _ minor: Int, _ patch: Int) { self.parts = [major, minor, patch] }

        public init?(_ text: String) {
            var text = Substring(text)
            if let last = text.last, last.isASCII, last.isLetter { text = text.dropLast() }
            let texts = text.split(separator: ".", omittingEmptySubsequences: false)
            let parts = texts.compactMap { Int($0) }.filter { $0 >= 0 }
            guard (2...3).contains(texts.count), parts.count == texts.count else { return nil }
            self.parts = parts + (parts.count == 2 ? [0] : [])
        }

        public static func < (lhs: Version, rhs: Version) -> Bool { lhs.parts.lexicographicallyPrecedes(rhs.parts) }

        public var description: String { parts.map(String.init).joined(separator: ".") }
    }
}
