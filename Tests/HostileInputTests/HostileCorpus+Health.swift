import Infragen
import InfragenYAML

extension HostileCorpus {
    // MARK: - Health checks: probes of every type, and NoHealthCheck's reason

    static func health() -> [HostileCase] {
        var cases: [HostileCase] = []
        /// A case whose service has no `Health` of the base: only what `body` declares on line 10 and after.
        func refused(
            _ id: String, _ expected: [(field: String, fragment: String, line: Int)],
            @ListBuilder<any ServiceComponent> _ body: (String) -> [any ServiceComponent]
        ) {
            let f = file(id)
            let components = body(f)
            cases.append(
                HostileCase(
                    name: id, systems: [blueprint(f, health: false, service: { components })],
                    outcome: .refused(expected.map { .error($0.field, $0.fragment, at: f, line: $0.line) })))
        }

        // A line break in a header value would end the header and start one of the attacker's.
        refused("probe-header-value-with-a-line-break", [("health.headers[X-Probe]", "is not printable ASCII", 10)]) { f in
            Health(.http("/healthz", headers: ["X-Probe": "ok\r\nX-Injected: 1"]), fileID: f, line: 10)
        }
        refused("probe-header-name-with-a-colon", [("health.headers", "is not an HTTP header name", 10)]) { f in
            Health(.http("/healthz", headers: ["X-Probe: 1\nX": "x"]), fileID: f, line: 10)
        }
        refused("probe-path-with-a-space", [("health", "is not a URL path", 10)]) { f in
            Health(.http("/health z"), fileID: f, line: 10)
        }
        refused("grpc-probe-on-an-undeclared-port", [("health.port", "which the service does not declare", 10)]) { f in
            Health(.grpc(port: "grcp"), fileID: f, line: 10)
        }
        refused("tcp-probe-on-a-udp-port", [("health.port", "which is UDP, not TCP", 11)]) { f in
            Port("dns", 5353, transport: .udp, fileID: f, line: 10)
            Health(liveness: .tcp(port: "dns"), readiness: .http("/readyz"), fileID: f, line: 11)
        }
        refused("grpc-service-name-with-a-newline", [("health.service", "is not a gRPC service name", 10)]) { f in
            Health(.grpc(service: "cart\nservice"), fileID: f, line: 10)
        }
        refused("exec-probe-with-an-empty-command", [("health.liveness.command", "the health command is empty", 10)]) { f in
            Health(liveness: .exec([]), readiness: .http("/readyz"), fileID: f, line: 10)
        }
        refused(
            "exec-probe-argument-with-a-newline", [("health.command", "contains a control character or line break", 10)]
        ) { f in
            Health(.exec(["redis-cli", "ping\nrm -rf /"]), fileID: f, line: 10)
        }
        refused("no-health-check-at-all", [("health", "the service has no health checks", 5)]) { _ in }
        refused("no-health-check-without-a-reason", [("noHealthCheck", "needs a written reason on one line", 10)]) { f in
            NoHealthCheck(because: " ", fileID: f, line: 10)
        }
        refused("no-health-check-reason-on-two-lines", [("noHealthCheck", "needs a written reason on one line", 10)]) { f in
            NoHealthCheck(because: "load generator\n# and more", fileID: f, line: 10)
        }
        refused(
            "no-health-check-reason-with-an-unclosed-override", [("noHealthCheck", "bidi controls are unbalanced", 10)]
        ) { f in
            NoHealthCheck(because: "harmless \u{202E}kcehc on", fileID: f, line: 10)
        }
        refusedService(&cases, "no-health-check-beside-health", "noHealthCheck", "declares health checks and NoHealthCheck") { f in
            NoHealthCheck(because: "a demo", fileID: f, line: 10)
        }

        // Legal values that a YAML reader would take for something else, or that look like syntax: they must reach
        // the kubelet, and checkov's skip, exactly as written.
        do {
            let id = "no-health-check-reason-with-yaml-syntax"
            let reason = "#1: 'quoted' \"double\" - {x: [y]} & *star %pct @at `tick` | > ! = yes"
            // checkov stops at a second '=' in a skip: its copy has the full-width one.
            let checkovReason = "#1: 'quoted' \"double\" - {x: [y]} & *star %pct @at `tick` | > ! \u{FF1D} yes"
            let system = blueprint(file(id), health: false, service: { NoHealthCheck(because: reason) })
            let annotation = { (key: String) -> [YAMLScalarValue.Step] in
                [.key("metadata"), .key("annotations"), .key(key)]
            }
            cases.append(
                .legal(
                    id, system,
                    DeploymentValue(
                        environment: "prod", path: annotation("health.infragen.io/no-health-check"),
                        expected: .string(reason)),
                    DeploymentValue(
                        environment: "prod", path: annotation("checkov.io/skip2"), expected: .string("CKV_K8S_9=\(checkovReason)")),
                    DeploymentValue(
                        environment: "dev", path: annotation("health.infragen.io/no-health-check"),
                        expected: .string(reason), reader: .kustomize)))
        }
        do {
            // gRPC service names and header values that YAML 1.1 reads as a number, a boolean or null.
            let id = "probe-values-yaml-would-retype"
            let system = blueprint(
                file(id), health: false,
                service: {
                    Port("grpc", 7070)
                    Health(
                        liveness: .grpc(port: "grpc", service: "1.0"),
                        readiness: .http("/readyz", headers: ["X-A": "null", "X-B": "on", "X-C": "0x1F", "X-D": "'q' #c"]),
                        startup: .grpc(port: "grpc", service: "yes"))
                })
            let grpc: [YAMLScalarValue.Step] = [.key("livenessProbe"), .key("grpc")]
            func header(_ index: Int, is value: String) -> YAMLScalarValue {
                YAMLScalarValue.container(
                    "prod", .key("readinessProbe"), .key("httpGet"), .key("httpHeaders"), .index(index), .key("value"),
                    is: .string(value))
            }
            cases.append(
                .legal(
                    id, system,
                    YAMLScalarValue.container("prod", grpc[0], grpc[1], .key("service"), is: .string("1.0")),
                    YAMLScalarValue.container("prod", grpc[0], grpc[1], .key("port"), is: 7070),
                    YAMLScalarValue.container("prod", .key("startupProbe"), .key("grpc"), .key("service"), is: "yes"),
                    header(0, is: "null"), header(1, is: "on"), header(2, is: "0x1F"), header(3, is: "'q' #c"),
                    DeploymentValue(
                        environment: "dev", path: containerPath + grpc + [.key("service")], expected: .string("1.0"),
                        reader: .kustomize)))
        }
        do {
            // The kubelet expands $(VAR) in a container's command, not in a probe's: the text arrives as written.
            let id = "exec-probe-with-shell-and-variable-syntax"
            let command = ["sh", "-c", "test \"$(cat /tmp/ready)\" = yes && echo $(HOME) ${PATH}"]
            let system = blueprint(file(id), health: false, service: { Health(.exec(command)) })
            let path = containerPath + [.key("readinessProbe"), .key("exec"), .key("command")]
            cases.append(
                .legal(
                    id, system,
                    YAMLScalarValue.container("prod", .key("livenessProbe"), .key("exec"), .key("command"),
                               is: .sequence(command.map(YAMLNode.string))),
                    DeploymentValue(environment: "prod", path: path, expected: .sequence(command.map(YAMLNode.string)),
                                    reader: .kustomize)))
        }
        return cases
    }

    /// From a Deployment to its first container.
    static let containerPath: [YAMLScalarValue.Step] = [
        .key("spec"), .key("template"), .key("spec"), .key("containers"), .index(0),
    ]
}

/// A value of the `api` Deployment as a reader gets it: libyaml, or kubectl's own YAML (`kubectl kustomize`, which
/// reads every file of the environment and writes them out again).
struct DeploymentValue: ReadBack {
    let environment: String
    let path: [YAMLScalarValue.Step]
    let expected: YAMLNode
    var reader = ContainerEnvironment.Reader.libyaml

    var tool: String? { reader == .kustomize ? "kubectl" : nil }
    var description: String {
        "\(environment)/api Deployment \(path.map(\.description).joined(separator: ".")) read by \(reader) is \(expected)"
    }

    func check(_ files: [String: String]) throws {
        var node: YAMLNode
        switch reader {
        case .libyaml:
            node = try KubernetesConsumer.deployment(files, system: "hostile", environment: environment, service: "api")
        case .kustomize:
            let documents = try KubernetesConsumer.kustomized(files, folder: "hostile/\(environment)/kubernetes")
            guard let found = documents.first(where: {
                $0["kind"]?.scalarText == "Deployment" && $0["metadata"]?["name"]?.scalarText == "api"
            }) else { throw ReadBackFailed("kubectl kustomize wrote no Deployment api") }
            node = found
        }
        for step in path {
            let next: YAMLNode?
            switch step {
            case .key(let key): next = node[key]
            case .index(let index): next = node[index]
            }
            guard let next else { throw ReadBackFailed("\(description), but \(step) is missing") }
            node = next
        }
        guard node == expected else { throw ReadBackFailed("\(description), but it is \(node)") }
    }
}
