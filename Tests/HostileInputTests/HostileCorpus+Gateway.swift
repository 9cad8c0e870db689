import Infragen
import InfragenYAML

extension HostileCorpus {
    // MARK: - The gateway's Kubernetes objects

    static func gatewayObjects() -> [HostileCase] {
        var cases: [HostileCase] = []
        func refused(
            _ id: String, _ field: String, _ fragment: String,
            _ body: (_ file: String) -> [any GatewayComponent]
        ) {
            let f = file(id)
            let components = body(f)
            cases.append(
                .refused(
                    id, blueprint(f, system: { Gateway(fileID: f, line: 10) { components } }),
                    .error(field, fragment, at: f, line: 10)))
        }
        refused("gateway-image-with-a-newline", "gateway.deployment.image", "is not an image reference") {
            [GatewayImage("nginx:1.22.1-alpine\n    securityContext: {}", fileID: $0, line: 10)]
        }
        refused("gateway-image-latest", "gateway.deployment.image", "names no fixed version") {
            [GatewayImage("nginx:latest", fileID: $0, line: 10)]
        }
        refused("gateway-image-without-a-tag", "gateway.deployment.image", "names no fixed version") {
            [GatewayImage("registry.example.com/edge/nginx", fileID: $0, line: 10)]
        }
        refused("gateway-replicas-zero", "gateway.deployment.replicas", "between 1 and 1000, not 0") {
            [GatewayReplicas(0, fileID: $0, line: 10)]
        }
        refused("gateway-cpu-limit-of-1000-cores", "gateway.deployment.limits.cpu", "is outside 1m to 256") {
            [GatewayResources(limits: (.cores(1000), .mebibytes(128)), fileID: $0, line: 10)]
        }
        refused("gateway-memory-limit-of-a-pebibyte", "gateway.deployment.limits.memory", "is outside 1Mi to 1Ti") {
            [GatewayResources(limits: (.cores(1), .pebibytes(1)), fileID: $0, line: 10)]
        }
        refused("gateway-cpu-limit-below-request", "gateway.deployment.limits.cpu", "is below the request 2") {
            [GatewayResources(requests: (.cores(2), .mebibytes(64)), limits: (.cores(1), .mebibytes(128)),
                              fileID: $0, line: 10)]
        }
        // The workers and the CPU limit decide each other; both set and apart is refused at the workers.
        refused("gateway-workers-disagree-with-the-cpu-limit", "gateway.workerProcesses",
                "2 workers do not match the gateway's cpu limit 500m, which runs 1") {
            [GatewayResources(limits: (.millicores(500), .mebibytes(128)), fileID: $0, line: 10),
             WorkerProcesses(2, fileID: $0, line: 10)]
        }
        refused("gateway-autoscale-min-above-max", "gateway.deployment.autoscaling", "autoscales from 5 to 2 pods") {
            [GatewayAutoscale(min: 5, max: 2, cpu: .percent(70), fileID: $0, line: 10)]
        }
        refused("gateway-autoscale-fractional-target", "gateway.deployment.autoscaling.cpu",
                "is not a whole percentage") {
            [GatewayAutoscale(min: 2, max: 4, cpu: .percent(70.5), fileID: $0, line: 10)]
        }
        refused("gateway-tls-secret-with-a-slash", "gateway.deployment.tlsSecret", "is not a Secret name") {
            [GatewayTLSSecret("tls/../kube-system", fileID: $0, line: 10)]
        }
        refused("gateway-tls-secret-with-capitals", "gateway.deployment.tlsSecret", "is not a Secret name") {
            [GatewayTLSSecret("Shop-TLS", fileID: $0, line: 10)]
        }
        refused("gateway-certificate-issuer-with-a-newline", "gateway.deployment.certificate.issuer",
                "is not an issuer name") {
            [GatewayCertificate(issuer: "letsencrypt\n  kind: Issuer", fileID: $0, line: 10)]
        }
        refused("gateway-source-range-with-a-second-range-after-a-newline", "gateway.deployment.sourceRanges",
                "is not an IPv4 range in CIDR notation") {
            [GatewaySourceRanges(["203.0.113.0/24\n- 0.0.0.0/0"], fileID: $0, line: 10)]
        }
        refused("gateway-pause-in-milliseconds", "gateway.deployment.shutdown.pause", "whole seconds between 0 and 120") {
            [GatewayShutdown(pause: .milliseconds(500), fileID: $0, line: 10)]
        }
        refused("gateway-drain-of-zero", "gateway.deployment.shutdown.drain", "whole seconds between 1s and 1h") {
            [GatewayShutdown(drain: .zero, fileID: $0, line: 10)]
        }
        do {
            let f = file("service-named-like-the-gateway")
            let system = blueprint(f, system: {
                Service("hostile-gateway", fileID: f, line: 10) {
                    Port("http", 8080, fileID: f, line: 11)
                    Health(liveness: "/healthz", readiness: "/readyz", fileID: f, line: 12)
                }
            })
            cases.append(.refused(
                "service-named-like-the-gateway", system,
                .error("name", "the service is named like the system's gateway", at: f, line: 10)))
        }
        do {
            // Legal, and exactly what the Deployment, Service and Certificate say.
            let f = file("gateway-legal-objects")
            let image = "registry.example.com:5000/edge/nginx@sha256:" + String(repeating: "0f", count: 32)
            let system = blueprint(f, system: {
                Gateway(fileID: f, line: 10) {
                    GatewayImage(image, fileID: f, line: 11)
                    GatewaySourceRanges(["203.0.113.0/24", "198.51.100.7/32"], fileID: f, line: 12)
                    GatewayTLSSecret("hostile.example.com-tls", fileID: f, line: 13)
                    GatewayCertificate(issuer: "letsencrypt.prod", kind: .issuer, fileID: f, line: 14)
                    GatewayResources(limits: (.millicores(2001), .mebibytes(512)), fileID: f, line: 15)
                }
            })
            let gateway = "hostile/prod/kubernetes/hostile-gateway.yaml"
            let container: [YAMLScalarValue.Step] = [.key("spec"), .key("template"), .key("spec"), .key("containers"), .index(0)]
            cases.append(.legal(
                "gateway-legal-objects", system,
                YAMLScalarValue(file: gateway, kind: "Deployment", path: container + [.key("image")], expected: .string(image)),
                YAMLScalarValue(file: gateway, kind: "Deployment", path: container + [.key("imagePullPolicy")],
                                expected: "IfNotPresent"),
                YAMLScalarValue(file: gateway, kind: "Deployment", path: container + [.key("resources"), .key("limits"), .key("cpu")],
                                expected: .string("2001m")),
                YAMLScalarValue(file: gateway, kind: "Service", path: [.key("spec"), .key("loadBalancerSourceRanges")],
                                expected: ["203.0.113.0/24", "198.51.100.7/32"]),
                YAMLScalarValue(file: gateway, kind: "Certificate", path: [.key("spec"), .key("secretName")],
                                expected: "hostile.example.com-tls"),
                YAMLScalarValue(file: gateway, kind: "Certificate", path: [.key("spec"), .key("issuerRef"), .key("kind")],
                                expected: "Issuer"),
                // 2001m is 2.001 cores: 3 workers, one per core rounded up.
                NginxWorkers(expected: 3)))
        }
        return cases
    }
}

/// `worker_processes` in the prod gateway's nginx.conf, as the ConfigMap carries it.
struct NginxWorkers: ReadBack {
    let expected: Int

    var tool: String? { nil }
    var description: String { "the prod gateway's nginx.conf runs \(expected) workers" }

    func check(_ files: [String: String]) throws {
        let documents = try KubernetesConsumer.documents(files, "hostile/prod/kubernetes/hostile-gateway.yaml")
        guard let conf = documents.first(where: { $0["kind"]?.scalarText == "ConfigMap" })?["data"]?["nginx.conf"]?.scalarText
        else { throw ReadBackFailed("the gateway's ConfigMap has no nginx.conf") }
        guard conf.contains("\nworker_processes \(expected);\n") else {
            throw ReadBackFailed("\(description), but it holds \(conf.split(separator: "\n").filter { $0.hasPrefix("worker_processes") })")
        }
    }
}
