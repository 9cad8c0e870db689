public import InfragenModel

/// The Nginx and OpenSSL versions a configuration is written for, and what they decide.
public struct NginxTarget: Sendable, Hashable {
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
    public struct Version: Sendable, Hashable, Comparable, CustomStringConvertible {
        public let parts: [Int]

        public init(_ major: Int, _ minor: Int, _ patch: Int) { self.parts = [major, minor, patch] }

        public init?(_ text: String) {
            var text = Substring(text)
            if let last = text.last, last.isASCII, last.isLetter { text = text.dropLast() }
            let parts = text.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
            guard (2...3).contains(parts.count), parts.allSatisfy({ $0 != nil && $0! >= 0 }) else { return nil }
            self.parts = parts.map { $0! } + (parts.count == 2 ? [0] : [])
        }

        public static func < (lhs: Version, rhs: Version) -> Bool { lhs.parts.lexicographicallyPrecedes(rhs.parts) }

        public var description: String { parts.map(String.init).joined(separator: ".") }
    }
}

/// Mozilla's Server Side TLS guideline 6.0, "intermediate" configuration, for Nginx: TLS 1.2 and 1.3, ECDHE with
/// AES-GCM or ChaCha20 (no DHE suites in 6.0, so no dhparam), the client's cipher order, a shared session cache.
public enum MozillaIntermediateTLS {
    public static let guideline = "6.0"
    public static let protocols = ["TLSv1.2", "TLSv1.3"]
    public static let ciphers = [
        "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384",
        "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
    ]

    public static func curves(for target: NginxTarget) -> [String] {
        (target.offersPostQuantumKeyExchange ? ["X25519MLKEM768"] : []) + ["X25519", "prime256v1", "secp384r1"]
    }

    /// The directives, for every server that terminates TLS (including the catch-all that refuses handshakes), so
    /// they apply whichever server a handshake selects and never clash with an `ssl_protocols` in a distribution's
    /// own `http` block.
    static func directives(for target: NginxTarget) -> [NginxNode] {
        var nodes: [NginxNode] = [
            .d("ssl_protocols", arguments: protocols.map { .word($0) }),
            .d("ssl_ecdh_curve", .word(curves(for: target).joined(separator: ":"))),
            .d("ssl_ciphers", .word(ciphers.joined(separator: ":"))),
            .d("ssl_prefer_server_ciphers", "off"),
            .d("ssl_session_timeout", "1d"),
            .d("ssl_session_cache", "shared:MozSSL:10m"),
        ]
        if target.disablesSessionTickets { nodes.append(.d("ssl_session_tickets", "off")) }
        return nodes
    }
}
