import Infragen
import InfragenYAML

extension HostileCorpus {
    // MARK: - Structure: dependencies, SLOs, overrides, environments, systems

    static func structure() -> [HostileCase] {
        var cases: [HostileCase] = []
        // Raw objects and patches, at system level: each environment's folder refuses them (dev and prod).
        func refusedKustomize(_ id: String, _ field: String, _ fragment: String,
                              _ component: (String) -> any SystemComponent) {
            let f = file(id)
            let error = ExpectedDiagnostic.error(field, fragment, at: f, line: 10)
            cases.append(.refused(id, blueprint(f, system: { component(f) }), error, error))
        }
        refusedKustomize("patch-targets-nothing", "patches[Deployment/ghost]", "no Deployment named 'ghost'") { f in
            Patch(.deployment("ghost"), strategicMerge: "spec:\n  replicas: 2\n", fileID: f, line: 10)
        }
        refusedKustomize("patch-json-not-a-list", "patches[Service/api]", "a JSON 6902 patch is a non-empty list") { f in
            Patch(.service("api"), json6902: "op: add\npath: /spec/x\n", fileID: f, line: 10)
        }
        refusedKustomize("raw-object-without-kind", "rawObjects[flags]", "not an object with apiVersion, kind and metadata.name") { f in
            RawObject("flags", "apiVersion: v1\nmetadata:\n  name: flags\n", fileID: f, line: 10)
        }
        refusedKustomize("raw-object-replaces-a-generated-one", "rawObjects[api]", "Deployment/api is an object infragen generates") { f in
            RawObject("api", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n", fileID: f, line: 10)
        }
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
        // The canary's pods and its cookie: no pod at all, more than a canary should be, and cookies kept for no
        // time, for a fraction of a second (Max-Age counts seconds) or past 30 days.
        for (id, replicas) in [("canary-with-no-pods", 0), ("canary-with-101-pods", 101), ("canary-with-minus-1-pods", -1)] {
            let f = file(id)
            let system = blueprint(
                f,
                system: {
                    Deploy(to: "qa", fileID: f, line: 9) {
                        Host("qa.hostile.example.com")
                        Canary(.percent(10), fileID: f, line: 9)
                        CanaryReplicas(replicas, fileID: f, line: 10)
                    }
                })
            cases.append(.refused(id, system, .error("canary.replicas", "canary replicas is outside 1-100", at: f, line: 10)))
        }
        for (id, sticky) in [
            ("canary-cookie-kept-0-seconds", Duration.seconds(0)), ("canary-cookie-kept-half-a-second", .milliseconds(500)),
            ("canary-cookie-kept-61.5-seconds", .milliseconds(61_500)), ("canary-cookie-kept-31-days", .seconds(31 * 86_400)),
            ("canary-cookie-kept-minus-1-day", .seconds(-86_400)),
        ] {
            let f = file(id)
            let system = blueprint(
                f,
                system: {
                    Deploy(to: "qa", fileID: f, line: 9) {
                        Host("qa.hostile.example.com")
                        Canary(.percent(10), sticky: sticky, fileID: f, line: 10)
                    }
                })
            cases.append(.refused(
                id, system,
                .error("canary.sticky", "is not a whole number of seconds from 1 minute to 30 days", at: f, line: 10)))
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
}
