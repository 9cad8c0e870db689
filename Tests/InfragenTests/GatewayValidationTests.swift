import Infragen
import InfragenTestSupport
import Testing

/// Every gateway value reaches the Nginx configuration, so each one is checked, with its place, word for word.
@Suite struct GatewayValidationTests {
    static let file = "Blueprints/Gateway.swift"

    static func system(
        _ line: Int = 1, @ListBuilder<any GatewayComponent> gateway: () -> [any GatewayComponent],
        @ListBuilder<any EnvironmentComponent> prod: () -> [any EnvironmentComponent] = { [] }
    ) -> SystemDescription {
        let extra = prod()
        return System("shop", fileID: file, line: line) {
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .prod, fileID: file, line: 3) {
                Host("shop.example.com")
                TLS()
                extra
            }
            Gateway(fileID: file, line: 5, gateway)
            Service("api", fileID: file, line: 30) {
                Port("http", 8080)
                Route("/api")
            }
            Service("worker", fileID: file, line: 34) { Port("http", 8080) }
        }.description
    }

    @Test func everyGatewayValueIsChecked() {
        let file = Self.file
        let system = Self.system(gateway: {
            NginxVersion("1.22", fileID: file, line: 6)
            OpenSSLVersion("three", fileID: file, line: 7)
            Resolver("kube-dns.kube-system.svc.cluster.local", clusterDomain: "cluster..local", fileID: file, line: 8)
            ContentSecurityPolicy("default-src 'self'\n", fileID: file, line: 9)
            StaticFiles(at: "static", from: "/srv/www", maxAge: .milliseconds(1500), fileID: file, line: 10)
            RouteDefaults(timeout: .seconds(7200), maxBodySize: .bytes(0), rateLimit: .perSecond(0), fileID: file, line: 11)
            Listen(address: "localhost", http: 8080, https: 8080, redirectPort: 70000, fileID: file, line: 12)
            WorkerConnections(10, fileID: file, line: 13)
            Upstreams(keepalive: 0, maxFails: -1, failTimeout: .milliseconds(500), fileID: file, line: 14)
            UpstreamAddress(for: "apii", host: "10.0.0.1 ; x", port: 0, fileID: file, line: 15)
            UpstreamAddress(for: "worker", port: 9000, fileID: file, line: 16)
            UpstreamAddress(for: "api", fileID: file, line: 17)
        }, prod: {
            TLS(certificate: "../secrets/tls.crt", key: "/etc/ssl/tls.key", fileID: file, line: 4)
        })
        #expect(system.validate().map(\.description) == [
            "Blueprints/Gateway.swift:4: error: shop/prod: tls.certificate: '../secrets/tls.crt' is not a relative file path; give a path relative to the nginx configuration's folder, such as tls/tls.crt, using letters, digits, '.', '_', '-' and '/' and no '..'",
            "Blueprints/Gateway.swift:4: error: shop/prod: tls.key: '/etc/ssl/tls.key' is not a relative file path; give a path relative to the nginx configuration's folder, such as tls/tls.crt, using letters, digits, '.', '_', '-' and '/' and no '..'",
            "Blueprints/Gateway.swift:6: error: shop: gateway.nginxVersion: '1.22' is not an nginx version; write major.minor.patch as nginx -v prints it, e.g. 1.22.1",
            "Blueprints/Gateway.swift:7: error: shop: gateway.opensslVersion: 'three' is not an OpenSSL version; write it as nginx -V prints it after 'built with OpenSSL', e.g. 3.0.11",
            "Blueprints/Gateway.swift:8: error: shop: gateway.clusterDomain: 'cluster..local' is not a DNS domain; write the cluster's DNS domain, usually cluster.local",
            "Blueprints/Gateway.swift:8: error: shop: gateway.resolver: 'kube-dns.kube-system.svc.cluster.local' is not an IP address; nginx resolves a name here once at start-up and fails without it; give the cluster DNS Service IP, e.g. 10.96.0.10 (kubectl -n kube-system get svc kube-dns), optionally with :port",
            "Blueprints/Gateway.swift:9: error: shop: gateway.contentSecurityPolicy: the Content-Security-Policy holds a control character, a non-ASCII character, '\\', '$' or '\"'; write the policy on one line in printable ASCII, quoting sources with ' (nginx would read '$' as a variable)",
            "Blueprints/Gateway.swift:10: error: shop: gateway.staticRoot.directory: '/srv/www' is not a relative directory; give a folder relative to nginx's prefix, such as html, using letters, digits, '.', '_', '-' and '/' and no '..'",
            "Blueprints/Gateway.swift:10: error: shop: gateway.staticRoot.maxAge: the cache time must be whole seconds between 1s and 365 days; use e.g. .seconds(7 * 24 * 3600) for a week",
            "Blueprints/Gateway.swift:10: error: shop: gateway.staticRoot.urlPrefix: 'static' is not a URL prefix for static files; start and end it with '/' and use letters, digits, '.', '_', '~', '-' and '/', e.g. /static/",
            "Blueprints/Gateway.swift:11: error: shop: gateway.defaultMaxBodySize: the body size limit must be between 1 byte and 10Gi; use e.g. .mebibytes(10)",
            "Blueprints/Gateway.swift:11: error: shop: gateway.defaultRateLimit: the rate must be 1-100000 requests per second and the burst 0-100000; use e.g. .perSecond(10, burst: 20)",
            "Blueprints/Gateway.swift:11: error: shop: gateway.defaultTimeout: the timeout must be whole milliseconds between 1ms and 1h; use e.g. .seconds(30)",
            "Blueprints/Gateway.swift:12: error: shop: gateway.listen: HTTP and HTTPS both use port 8080; give each its own port",
            "Blueprints/Gateway.swift:12: error: shop: gateway.listen.address: 'localhost' is not an IP address; bind to an IPv4 address or a bracketed IPv6 address, or leave it out to listen on all",
            "Blueprints/Gateway.swift:12: error: shop: gateway.listen.redirectPort: port 70000 is outside 1-65535; use e.g. 80 and 443, or 8080 and 8443",
            "Blueprints/Gateway.swift:13: error: shop: gateway.workerConnections: worker_connections must be between 64 and 65536, not 10; use e.g. 4096",
            "Blueprints/Gateway.swift:14: error: shop: gateway.upstreams.failTimeout: fail_timeout must be whole seconds between 1s and 1h; use e.g. .seconds(10)",
            "Blueprints/Gateway.swift:14: error: shop: gateway.upstreams.keepalive: the keepalive connections must be between 1 and 1024, not 0; use e.g. 32",
            "Blueprints/Gateway.swift:14: error: shop: gateway.upstreams.maxFails: max_fails must be between 0 and 100, not -1; use e.g. 3, or 0 to never mark a server down",
            "Blueprints/Gateway.swift:15: error: shop: gateway.upstreamAddress[apii]: the address is for 'apii', which the system does not declare; did you mean 'api'?",
            "Blueprints/Gateway.swift:15: error: shop: gateway.upstreamAddress[apii].host: '10.0.0.1 ; x' is not an IP address or host name; write an address such as 10.0.3.7, [fd00::7] or payments.internal.example.com",
            "Blueprints/Gateway.swift:15: error: shop: gateway.upstreamAddress[apii].port: port 0 is outside 1-65535; use the port the service listens on",
            "Blueprints/Gateway.swift:16: error: shop: gateway.upstreamAddress[worker]: 'worker' has no routes, so the gateway never calls it; remove the address or give the service a Route",
            "Blueprints/Gateway.swift:17: error: shop: gateway.upstreamAddress[api]: the address changes neither host nor port; give a host, a port or both, or remove it",
        ])
    }

    @Test func theDefaultsAndGoodValuesPass() {
        let system = Self.system(gateway: {
            NginxVersion("1.26.3")
            OpenSSLVersion("1.1.1w")
            Resolver("[fd00::10]:53", clusterDomain: "cluster.example")
            ContentSecurityPolicy("default-src 'self'; img-src 'self' data:")
            StaticFiles(at: "/", from: "html/public", maxAge: .seconds(60))
            Listen(address: "[::1]", http: 8080, https: 8443, redirectPort: 443)
            Upstreams(.upstreamBlocks, keepalive: 64, maxFails: 0, failTimeout: .seconds(30))
            UpstreamAddress(for: "api", canary: true, host: "api-next.internal.example.com")
        })
        #expect(system.validate().isEmpty)
        #expect(Self.system(gateway: {}).validate().isEmpty)
    }

    @Test func addressesAndVersionsFollowTheirSyntax() {
        for good in ["10.96.0.10", "10.96.0.10:53", "[::1]", "[fd00::10]:5353", "[2001:db8:0:0:0:0:0:1]"] {
            #expect(TextRules.isIPAddressWithOptionalPort(good), "\(good)")
        }
        for bad in ["10.96.0", "10.96.0.256", "010.1.1.1", "::1", "[::1", "[:::1]", "[1:2:3:4:5:6:7:8:9]", "10.0.0.1:0",
                    "10.0.0.1:65536", "10.0.0.1:", "kube-dns", "[fd00::10]:", "1.2.3.4 ", ""] {
            #expect(!TextRules.isIPAddressWithOptionalPort(bad), "\(bad)")
        }
        #expect(TextRules.isDottedVersion("1.22.1", parts: 3...3))
        #expect(!TextRules.isDottedVersion("1.22.01", parts: 3...3))
        #expect(!TextRules.isDottedVersion("1.22.1;", parts: 3...3))
        #expect(TextRules.isGatewayPath("/api/v1.2/~me-too_x/"))
        for bad in ["api", "/a b", "/a;b", "/a%20b", "/a//b", "/a/../b", "/a/./b", "/a{2}", "/$host"] {
            #expect(!TextRules.isGatewayPath(bad), "\(bad)")
        }
        #expect(TextRules.isHeaderValue("default-src 'none'; frame-ancestors 'self'"))
        #expect(!TextRules.isHeaderValue("default-src 'none'; frame-ancestors \"x\""))
        for bad in ["a\nb", "a\rb", "a$b", "a\\b", "caf\u{E9}", "\u{7F}"] {
            #expect(!TextRules.isHeaderValue(bad), "\(bad.debugDescription)")
        }
    }
}
