public import InfragenModel

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
