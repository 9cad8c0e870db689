import Infragen
import InfragenYAML

extension HostileCorpus {
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
        refusedEnv(
            "env-declared-twice-in-one-service", "env[LOG_LEVEL]",
            "declared again in the service (first at Hostile/env-declared-twice-in-one-service.swift:9)",
            service: { f in
                Env("LOG_LEVEL", "info", fileID: f, line: 9)
                Env("LOG_LEVEL", "debug", fileID: f, line: 10)
            })
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
}
