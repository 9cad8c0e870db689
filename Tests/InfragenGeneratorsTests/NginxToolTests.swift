import InfragenExampleBlueprints
import Foundation
import Infragen
import InfragenRender
import InfragenTestSupport
import Testing

/// The real tools accept what the generator writes: Debian's `nginx -t` on every generated configuration, in both
/// ways of deploying it, and gixy with no finding. Each check also proves it can fail.
@Suite(.serialized) struct NginxToolTests {
    /// Every blueprint whose configuration targets the installed nginx (1.22): the repository's catalog, and the
    /// test variants with upstream blocks (their addresses at 127.0.0.1, since upstream names resolve at start-up).
    static func systems() -> [(String, SystemDescription)] {
        // Systems whose services declare routes: the others have no gateway and no nginx files.
        catalog.descriptions.filter { $0.services.contains { !$0.routes.isEmpty } }.map { ($0.name, $0) } + [
            ("store with upstream blocks", NginxBlueprints.atLoopback(NginxBlueprints.variants())),
            // WebSocket, server-sent events, gRPC (grpc_pass), a POST-only route and a frontend's own CSP
            ("route kinds with upstream blocks", NginxBlueprints.atLoopback(NginxBlueprints.routeKinds())),
            // a 10 % canary: every backend, the gRPC one included (grpc://), through split_clients
            ("route kinds with a canary", {
                var system = NginxBlueprints.atLoopback(NginxBlueprints.routeKinds())
                system.environments[0].canary = Setting(.percent(10), at: SourceLocation(fileID: "Tests/NginxToolTests.swift", line: #line))
                return system
            }()),
            ("route kinds resolving per request", {
                var system = NginxBlueprints.routeKinds()
                system.gateway.upstreamMode = .resolvePerRequest
                system.gateway.resolver = "10.96.0.10"
                return system
            }()),
            ("store resolving per request", {
                var system = NginxBlueprints.variants()
                system.gateway.upstreamMode = .resolvePerRequest
                system.gateway.loadBalancing = .roundRobin
                system.gateway.resolver = "10.96.0.10"
                return system
            }()),
        ]
    }

    static func render(_ system: SystemDescription) throws -> [String: String] {
        try renderInMemory([system], selection: RenderSelection(kinds: [.nginx]))
    }

    @Test(.enabled(if: ExternalTool.usable("nginx"), ExternalTool.skipNote("nginx")),
          .enabled(if: ExternalTool.usable("openssl"), ExternalTool.skipNote("openssl")))
    func everyGeneratedConfigPassesNginxT() throws {
        var checked = 0
        try withTemporaryFolder { folder in
            for (name, original) in Self.systems() {
                // The only change: listen on 127.0.0.1 at free ports, since nginx -t really binds the sockets.
                let system = try NginxHarness.onLoopback(original)
                let rendered = try Self.render(system)
                let hosts = system.environments.compactMap { $0.host?.value }
                let tls = try NginxHarness.certificate(for: hosts, in: folder)
                for environment in system.environments {
                    let files = NginxHarness.environmentFiles(rendered, system: system.name, environment: environment.environment.name)
                    let paths = environment.tlsCertificate?.value ?? TLSCertificate()
                    let prefix = try NginxHarness.prefix(
                        at: folder.appendingPathComponent("\(checked)"), files: files, tls: tls,
                        tlsPaths: (paths.certificate, paths.key))
                    let result = try NginxHarness.test(prefix: prefix)
                    #expect(result.status == 0 && result.stderr.isEmpty, "nginx -t, \(name) \(environment.environment.name):\n\(result)")
                    checked += 1
                }
            }
        }
        #expect(checked == 16)  // shop, storefront and polyglot in 3 environments each, and the 7 test configurations
    }

    /// Deployed the other way: the include alone, in a distribution's http block that already sets ssl_protocols,
    /// ssl_prefer_server_ciphers, gzip and an access log (as Debian's /etc/nginx/nginx.conf does).
    @Test(.enabled(if: ExternalTool.usable("nginx"), ExternalTool.skipNote("nginx")),
          .enabled(if: ExternalTool.usable("openssl"), ExternalTool.skipNote("openssl")))
    func theIncludeWorksInADistributionsHttpBlock() throws {
        try withTemporaryFolder { folder in
            let system = try NginxHarness.onLoopback(System.shop.description)
            let rendered = try Self.render(system)
            let tls = try NginxHarness.certificate(for: ["shop.example.com"], in: folder)
            for environment in ["dev", "prod"] {
                let include = NginxHarness.environmentFiles(rendered, system: "shop", environment: environment)["shop.conf"] ?? ""
                let main = """
                    pid tmp/nginx.pid;
                    error_log logs/error.log;
                    events {
                        worker_connections 768;
                    }
                    http {
                        sendfile on;
                        tcp_nopush on;
                        types_hash_max_size 2048;
                        include mime.types;
                        default_type application/octet-stream;
                        ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;
                        ssl_prefer_server_ciphers on;
                        access_log logs/access.log;
                        gzip on;
                        client_body_temp_path tmp/client_body;
                        proxy_temp_path tmp/proxy;
                        fastcgi_temp_path tmp/fastcgi;
                        uwsgi_temp_path tmp/uwsgi;
                        scgi_temp_path tmp/scgi;
                        include conf.d/*.conf;
                    }

                    """
                let prefix = try NginxHarness.prefix(
                    at: folder.appendingPathComponent(environment),
                    files: ["distribution.conf": main, "conf.d/shop.conf": include], tls: tls)
                let result = try NginxHarness.test(prefix: prefix, main: "distribution.conf")
                #expect(result.status == 0 && result.stderr.isEmpty, "nginx -t, shop \(environment) as a conf.d include:\n\(result)")
            }
        }
    }

    @Test(.enabled(if: ExternalTool.usable("gixy"), ExternalTool.skipNote("gixy")))
    func gixyFindsNoIssue() throws {
        let gixy = try ExternalTool.path("gixy")
        var checked = 0
        try withTemporaryFolder { folder in
            // The catalog exactly as rendered into Output/ (ports 80 and 443), plus the variants.
            for (name, system) in Self.systems() {
                let rendered = try Self.render(system)
                for environment in system.environments.map(\.environment.name) {
                    let prefix = try NginxHarness.prefix(
                        at: folder.appendingPathComponent("\(checked)"),
                        files: NginxHarness.environmentFiles(rendered, system: system.name, environment: environment), tls: nil)
                    let result = try runProcess(gixy, ["-f", "json", prefix.appendingPathComponent("conf/nginx.conf").path],
                                                timeout: .seconds(120))
                    let findings = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                    let accepted = Self.acceptedFindings(findings, system: system)
                    #expect((result.status == 0 && findings == "[]") || accepted,
                            "gixy, \(name) \(environment):\n\(result)")
                    checked += 1
                }
            }
        }
        #expect(checked == 16)  // shop, storefront and polyglot in 3 environments each, and the 7 test configurations
    }

    /// gixy's one finding the gateway accepts on purpose: `proxy_buffering off` (slow clients hold upstream
    /// connections), in the locations of server-sent-events routes and nowhere else. An event stream is unbuffered
    /// by definition and holds its upstream connection for as long as the client listens either way.
    static func acceptedFindings(_ output: String, system: SystemDescription) -> Bool {
        let streams = system.services.flatMap(\.routes).filter { $0.traffic == .serverSentEvents }.map(\.path)
        guard !streams.isEmpty, let data = output.data(using: .utf8),
              let findings = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]], !findings.isEmpty
        else { return false }
        return findings.allSatisfy { finding in
            guard finding["plugin"] as? String == "proxy_buffering_off", let config = finding["config"] as? String else {
                return false
            }
            // every location gixy quotes is one of a stream route's (`= /p` or `/p/`)
            let locations = config.components(separatedBy: "location ").dropFirst()
            return !locations.isEmpty && locations.allSatisfy { location in
                streams.contains { location.hasPrefix("= \($0) {") || location.hasPrefix("\($0)/ {") || location.hasPrefix("\($0) {") }
            }
        }
    }

    /// The checks above can fail: gixy reports an add_header in a location (which would drop the security
    /// headers there), and nginx 1.22 refuses the syntax written for 1.27.
    @Test(.enabled(if: ExternalTool.usable("gixy"), ExternalTool.skipNote("gixy")),
          .enabled(if: ExternalTool.usable("nginx"), ExternalTool.skipNote("nginx")),
          .enabled(if: ExternalTool.usable("openssl"), ExternalTool.skipNote("openssl")))
    func theToolsCatchWhatTheRulesPrevent() throws {
        let gixy = try ExternalTool.path("gixy")
        try withTemporaryFolder { folder in
            var files = NginxHarness.environmentFiles(try Self.render(System.shop.description), system: "shop", environment: "prod")
            let include = files["shop.conf"] ?? ""
            files["shop.conf"] = include.replacingOccurrences(
                of: "        root html;\n", with: "        root html;\n        add_header Cache-Control \"no-store\";\n")
            #expect(files["shop.conf"] != include)
            let prefix = try NginxHarness.prefix(at: folder.appendingPathComponent("gixy"), files: files, tls: nil)
            let result = try runProcess(gixy, ["-f", "json", prefix.appendingPathComponent("conf/nginx.conf").path],
                                        timeout: .seconds(120))
            #expect(result.status != 0 && result.stdout.contains("add_header_redefinition"), "\(result)")

            let newer = try NginxHarness.onLoopback(
                NginxBlueprints.atLoopback(NginxBlueprints.variants(nginx: "1.27.3", openssl: "3.0")))
            let rendered = NginxHarness.environmentFiles(try Self.render(newer), system: "store", environment: "prod")
            let tls = try NginxHarness.certificate(for: ["store.example.com"], in: folder)
            let newerPrefix = try NginxHarness.prefix(
                at: folder.appendingPathComponent("newer"), files: rendered, tls: tls,
                tlsPaths: ("certs/store.pem", "certs/store.key"))
            let test = try NginxHarness.test(prefix: newerPrefix)
            #expect(test.status != 0 && test.stderr.contains("unknown directive \"http2\""), "\(test)")
        }
    }
}

/// gixy cannot follow `split_clients`, so the configurations as generated leave open which side's locations a request
/// reaches. Here the split is replaced by a constant (every request on the canary side, as `map $host … { default
/// canary; }`), so gixy and nginx -t see the canary's path through the retry maps, the route locations' hook and the
/// named locations as every request would take it; and two planted mistakes in the named locations show that gixy
/// does read them.
@Suite(.serialized) struct NginxCanaryToolTests {
    /// The environments with a canary: the shop's prod (names resolved per request), the store variant's with
    /// upstream blocks.
    static func canaryConfigs() -> [(String, SystemDescription, String)] {
        [
            ("shop", System.shop.description, "prod"),
            ("store with upstream blocks", NginxBlueprints.atLoopback(NginxBlueprints.variants()), "prod"),
            ("store resolving per request", {
                var system = NginxBlueprints.variants()
                system.gateway.upstreamMode = .resolvePerRequest
                system.gateway.loadBalancing = .roundRobin
                system.gateway.resolver = "10.96.0.10"
                return system
            }(), "prod"),
        ].filter { _, system, environment in
            system.environments.contains { $0.environment.name == environment && $0.canary != nil }
        }
    }

    /// The include with every request on the canary side: its split replaced by a map with a constant.
    static func withoutTheSplit(_ include: String, prefix: String) throws -> String {
        let lines = include.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix("split_clients ") && $0.hasSuffix(" $\(prefix)_canary {") }),
              let end = lines[start...].firstIndex(of: "}") else {
            throw NginxHarness.HarnessError("no canary split in the include")
        }
        let replacement = ["map $host $\(prefix)_canary {", "    default canary;", "}"]
        return (Array(lines[..<start]) + replacement + Array(lines[(end + 1)...])).joined(separator: "\n")
    }

    static func gixy(_ files: [String: String], in folder: URL) throws -> ProcessResult {
        let gixy = try ExternalTool.path("gixy")
        let prefix = try NginxHarness.prefix(at: folder, files: files, tls: nil)
        return try runProcess(gixy, ["-f", "json", prefix.appendingPathComponent("conf/nginx.conf").path],
                              timeout: .seconds(120))
    }

    @Test(.enabled(if: ExternalTool.usable("gixy"), ExternalTool.skipNote("gixy")),
          .enabled(if: ExternalTool.usable("nginx"), ExternalTool.skipNote("nginx")),
          .enabled(if: ExternalTool.usable("openssl"), ExternalTool.skipNote("openssl")))
    func theCanarySideWithoutTheSplitPassesGixyAndNginxT() throws {
        let configs = Self.canaryConfigs()
        #expect(configs.count == 3)
        try withTemporaryFolder { folder in
            for (index, (name, original, environment)) in configs.enumerated() {
                let system = try NginxHarness.onLoopback(original)
                var files = NginxHarness.environmentFiles(
                    try NginxToolTests.render(system), system: system.name, environment: environment)
                let includeName = "\(system.name).conf"
                let include = try #require(files[includeName])
                files[includeName] = try Self.withoutTheSplit(include, prefix: system.name)
                #expect(files[includeName] != include && !(files[includeName] ?? "").contains("split_clients"))

                let result = try Self.gixy(files, in: folder.appendingPathComponent("gixy-\(index)"))
                let findings = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(result.status == 0 && findings == "[]", "gixy, \(name) \(environment) without the split:\n\(result)")

                let hosts = system.environments.compactMap { $0.host?.value }
                let tls = try NginxHarness.certificate(for: hosts, in: folder)
                let paths = system.environments.first { $0.environment.name == environment }?.tlsCertificate?.value
                    ?? TLSCertificate()
                let nginxPrefix = try NginxHarness.prefix(
                    at: folder.appendingPathComponent("nginx-\(index)"), files: files, tls: tls,
                    tlsPaths: (paths.certificate, paths.key))
                let test = try NginxHarness.test(prefix: nginxPrefix)
                #expect(test.status == 0 && test.stderr.isEmpty, "nginx -t, \(name) \(environment) without the split:\n\(test)")
            }
        }
    }

    /// gixy reads the named locations: a header added in the stable fallback drops the gateway's headers there, and
    /// a canary address taken from a request header is a server-side request forgery.
    @Test(.enabled(if: ExternalTool.usable("gixy"), ExternalTool.skipNote("gixy")))
    func gixyReadsTheCanaryLocations() throws {
        try withTemporaryFolder { folder in
            var files = NginxHarness.environmentFiles(
                try NginxToolTests.render(System.shop.description), system: "shop", environment: "prod")
            let include = try Self.withoutTheSplit(try #require(files["shop.conf"]), prefix: "shop")

            let header = include.replacingOccurrences(
                of: "    location @shop_api_orders_stable {\n",
                with: "    location @shop_api_orders_stable {\n        add_header X-Debug \"1\";\n")
            #expect(header != include)
            files["shop.conf"] = header
            let dropped = try Self.gixy(files, in: folder.appendingPathComponent("header"))
            #expect(dropped.status != 0 && dropped.stdout.contains("add_header_redefinition"), "\(dropped)")

            let target = "\"http://order-service-canary.shop-prod.svc.cluster.local:8080\";"
            let forged = include.replacingOccurrences(
                of: "set $shop_order_service_canary_url \(target)", with: "set $shop_order_service_canary_url $http_x_target;")
            #expect(forged != include)
            files["shop.conf"] = forged
            let ssrf = try Self.gixy(files, in: folder.appendingPathComponent("ssrf"))
            #expect(ssrf.status != 0 && ssrf.stdout.contains("ssrf"), "\(ssrf)")
        }
    }
}
