extension SystemDescription {
    /// The gateway's values reach `nginx.conf` as directive arguments; anything that could end a directive (`;`),
    /// open or close a block (`{`, `}`), end a quoted string (`"`, `\`), expand a variable (`$`) or start a new line
    /// is refused here, with the place the gateway was declared.
    func checkGateway(_ c: inout DiagnosticCollector) {
        let gateway = self.gateway
        let path = DiagnosticPath(system: name)
        let at = gateway.location ?? location
        if !TextRules.isVersionNumber(gateway.nginxVersion) {
            c.error(
                path, field: "gateway.nginxVersion", "'\(gateway.nginxVersion)' is not an Nginx version",
                hint: "write it like 1.22.1", at: at)
        }
        if !TextRules.isResolverAddress(gateway.resolver) {
            c.error(
                path, field: "gateway.resolver", "'\(gateway.resolver)' is not a resolver address",
                hint:
                    "write a host name or an IP address, optionally with :port, "
                    + "e.g. kube-dns.kube-system.svc.cluster.local",
                at: at)
        }
        if let policy = gateway.contentSecurityPolicy, !TextRules.isQuotableHeaderValue(policy) {
            c.error(
                path, field: "gateway.contentSecurityPolicy",
                "the policy is empty, has spaces at its ends, or holds a character that cannot stand "
                    + "in an Nginx header value",
                hint: "write it on one line in printable ASCII without '\"', '\\' or '$', e.g. default-src 'self'",
                at: at)
        }
        if let root = gateway.staticRoot {
            if !(TextRules.isURLPath(root.urlPrefix) && root.urlPrefix.hasSuffix("/")) {
                c.error(
                    path, field: "gateway.staticFiles.urlPrefix", "'\(root.urlPrefix)' is not a URL folder",
                    hint:
                        "start and end it with '/', e.g. /static/, and use no spaces, quotes, '..', ';', '$' or braces",
                    at: at)
            }
            if !(TextRules.isURLPath(root.directory) && root.directory != "/") {
                c.error(
                    path, field: "gateway.staticFiles.directory", "'\(root.directory)' is not an absolute folder",
                    hint:
                        "write an absolute path such as /srv/static, with no '..', spaces, quotes, ';', '$' or braces",
                    at: at)
            }
        }
        if gateway.defaultTimeout <= .zero || gateway.defaultTimeout > .seconds(3600) {
            c.error(
                path, field: "gateway.routeDefaults.timeout", "the timeout must be between 1ms and 1h",
                hint: "use e.g. .seconds(30)", at: at)
        }
        if gateway.defaultMaxBodySize.bytes <= 0 || gateway.defaultMaxBodySize > .gibibytes(10) {
            c.error(
                path, field: "gateway.routeDefaults.maxBodySize", "the body size limit must be between 1 byte and 10Gi",
                hint: "use e.g. .mebibytes(10)", at: at)
        }
        if let limit = gateway.defaultRateLimit, limit.requestsPerSecond < 1 || limit.burst < 0 {
            c.error(
                path, field: "gateway.routeDefaults.rateLimit",
                "the rate must be at least 1 request per second and the burst not negative",
                hint: "use e.g. .perSecond(10, burst: 20)", at: at)
        }
    }
}
