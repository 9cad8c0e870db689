import Infragen
import InfragenYAML

extension HostileCorpus {
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
        refusedService(&cases, "service-port-zero", "ports[admin].servicePort", "Service port 0 is outside 1-65535") { f in
            Port("admin", 8081, servicePort: 0, fileID: f, line: 10)
        }
        refusedService(&cases, "service-port-65536", "ports[admin].servicePort", "Service port 65536 is outside 1-65535") { f in
            Port("admin", 8081, servicePort: 65536, fileID: f, line: 10)
        }
        // The container ports differ, but both would be the Service's port 8080.
        refusedService(&cases, "service-port-clash", "ports", "Service port 8080/TCP is used by 2 ports") { f in
            Port("admin", 8081, servicePort: 8080, fileID: f, line: 10)
        }
        refusedService(&cases, "app-protocol-unprefixed", "ports[admin].appProtocol", "is not a domain-prefixed protocol name") { f in
            Port("admin", 8081, appProtocol: .custom("thrift"), fileID: f, line: 10)
        }
        refusedService(&cases, "app-protocol-line-break", "ports[admin].appProtocol", "is not a domain-prefixed protocol name") { f in
            Port("admin", 8081, appProtocol: .custom("example.com/a\nb: c"), fileID: f, line: 10)
        }
        // Fixed here: a gRPC route is proxied with grpc_pass now, over HTTP/2, which the gateway serves over TLS only;
        // the blueprint's dev environment has none.
        refusedService(&cases, "route-to-grpc-port", "routes[/grpc]", "gRPC needs HTTP/2, which the gateway serves over TLS only, but environment 'dev' has no TLS") { f in
            Port("grpc", 9555, appProtocol: .grpc, fileID: f, line: 9)
            Route("/grpc", port: "grpc", fileID: f, line: 10)
        }
        refusedService(&cases, "label-key-reserved", "metadata.labels.pods[app.kubernetes.io/name]", "is one of the recommended labels infragen sets") { f in
            Labels(["app.kubernetes.io/name": "other"], on: [.pods], fileID: f, line: 10)
        }
        refusedService(&cases, "label-value-with-space", "metadata.labels.pods[example.com/team]", "is not a label value") { f in
            Labels(["example.com/team": "two words"], on: [.pods], fileID: f, line: 10)
        }
        refusedService(&cases, "annotation-key-reserved", "metadata.annotations.pods[prometheus.io/scrape]", "is an annotation infragen writes itself") { f in
            Annotations(["prometheus.io/scrape": "false"], on: [.pods], fileID: f, line: 10)
        }
        refusedService(&cases, "annotation-value-control", "metadata.annotations.service[example.com/note]", "contains a control character") { f in
            Annotations(["example.com/note": "bell\u{7}"], on: [.service], fileID: f, line: 10)
        }
        refusedService(&cases, "load-balancer-range", "service.type.sourceRanges", "is not an IPv4 range in CIDR notation") { f in
            Expose(.loadBalancer(sourceRanges: ["10.0.0.0/33"]), fileID: f, line: 10)
        }
        refusedService(&cases, "cluster-dns-range", "clusterDNS.cidrs", "is not an IPv4 range in CIDR notation") { f in
            ClusterDNS(cidrs: ["169.254.20.10"], fileID: f, line: 10)
        }
        refusedService(&cases, "cluster-dns-range-with-line-break", "clusterDNS.cidrs", "is not an IPv4 range in CIDR notation") { f in
            ClusterDNS(namespace: "kube-system", podLabels: ["k8s-app": "kube-dns"], cidrs: ["169.254.20.10/32\n- 0.0.0.0/0"],
                       fileID: f, line: 10)
        }
        refusedService(&cases, "command-empty", "container.command", "the command is empty") { f in
            Command(fileID: f, line: 10)
        }
        refusedService(&cases, "args-nul", "container.args", "contains a NUL") { f in
            Args("--name", "a\u{0}b", fileID: f, line: 10)
        }
        refusedService(&cases, "working-directory-relative", "container.workingDir", "is not an absolute path") { f in
            WorkingDirectory("srv/app", fileID: f, line: 10)
        }
        refusedService(&cases, "container-name-upper-case", "container.name", "is not a container name") { f in
            ContainerName("Server", fileID: f, line: 10)
        }
        // Resolved in each environment (dev and prod): the container would have two containers of one name.
        refusedService(&cases, "container-name-of-an-init-container", "container.name", "are both named 'migrate'", count: 2) { f in
            ContainerName("migrate", fileID: f, line: 10)
            InitContainer("migrate", image: "registry.example.com/hostile/migrate:1.0.0")
        }
        refusedService(&cases, "volume-relative-path", "volumes[cache].mountPath", "is not an absolute path") { f in
            ScratchVolume("cache", at: "var/cache", size: .mebibytes(64), fileID: f, line: 10)
        }
        refusedService(&cases, "volume-over-tmp", "volumes[cache].mountPath", "is the root or the writable /tmp volume") { f in
            ScratchVolume("cache", at: "/tmp/cache", size: .mebibytes(64), fileID: f, line: 10)
        }
        refusedService(&cases, "volumes-nested", "volumes[inner].mountPath", "are the same folder or one inside the other") { f in
            ScratchVolume("outer", at: "/var/lib/app", size: .mebibytes(64), fileID: f, line: 9)
            ScratchVolume("inner", at: "/var/lib/app/inner", size: .mebibytes(64), fileID: f, line: 10)
        }
        refusedService(&cases, "scratch-volume-zero", "volumes[cache].size", "is not a size to use") { f in
            ScratchVolume("cache", at: "/var/cache/app", size: .mebibytes(0), fileID: f, line: 10)
        }
        refusedService(&cases, "secret-files-key-twice", "volumes[tls].keys", "is named twice") { f in
            SecretFiles("tls", secret: "api-tls", keys: ["tls.crt", "tls.key", "tls.crt"], at: "/etc/api-tls", fileID: f, line: 10)
        }
        refusedService(&cases, "secret-files-key-dot-dot", "volumes[tls].keys", "a mounted file name starting with '..'") { f in
            SecretFiles("tls", secret: "api-tls", keys: ["..data"], at: "/etc/api-tls", fileID: f, line: 10)
        }
        configMapFiles(&cases)
        refusedService(&cases, "token-expires-too-soon", "volumes[token].expirationSeconds", "is outside 600 s-48 h") { f in
            ServiceAccountToken("token", audience: "vault", at: "/var/run/secrets/vault", expirationSeconds: 60, fileID: f, line: 10)
        }
        refusedService(&cases, "init-container-named-like-the-service", "initContainers[api]", "is the name of the service's own container") { f in
            InitContainer("api", image: "registry.example.com/migrate:1.0.0", fileID: f, line: 10)
        }
        refusedService(&cases, "sidecar-latest", "sidecars[proxy].image", "names no fixed version") { f in
            Sidecar("proxy", image: "registry.example.com/proxy:latest", fileID: f, line: 10)
        }
        refusedService(&cases, "sidecar-limit-below-request", "sidecars[proxy].resources", "limits at least the requests") { f in
            Sidecar("proxy", image: "registry.example.com/proxy:1.0.0", requests: (.millicores(500), .mebibytes(32)),
                    limits: (.millicores(100), .mebibytes(64)), fileID: f, line: 10)
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

    /// A ConfigMap the team manages, mounted key by key: its name, its keys, and a name infragen keeps for itself.
    private static func configMapFiles(_ cases: inout [HostileCase]) {
        let field = "volumes[conf]"
        refusedService(&cases, "configmap-files-name-with-capitals", "\(field).configMap", "is not a valid ConfigMap name") { f in
            ConfigMapFiles("conf", configMap: "Edge_Nginx", keys: ["nginx.conf"], at: "/etc/nginx/conf.d", fileID: f, line: 10)
        }
        refusedService(&cases, "configmap-files-infragens-own-name", "\(field).configMap", "named like infragen's own ConfigMap") { f in
            ConfigMapFiles("conf", configMap: "api-config-0a1b2c3d", keys: ["app.toml"], at: "/etc/app", fileID: f, line: 10)
        }
        refusedService(&cases, "configmap-files-no-keys", "\(field).keys", "no keys are named") { f in
            ConfigMapFiles("conf", configMap: "edge-nginx", keys: [], at: "/etc/nginx/conf.d", fileID: f, line: 10)
        }
        refusedService(&cases, "configmap-files-key-with-a-slash", "\(field).keys", "is not a valid ConfigMap key") { f in
            ConfigMapFiles("conf", configMap: "edge-nginx", keys: ["../nginx.conf"], at: "/etc/nginx/conf.d", fileID: f, line: 10)
        }
        refusedService(&cases, "configmap-files-key-over-253-characters", "\(field).keys", "is not a valid ConfigMap key") { f in
            ConfigMapFiles("conf", configMap: "edge-nginx", keys: [String(repeating: "k", count: 254)], at: "/etc/nginx/conf.d",
                           fileID: f, line: 10)
        }
        refusedService(&cases, "configmap-files-key-dot-dot", "\(field).keys", "a mounted file name starting with '..'") { f in
            ConfigMapFiles("conf", configMap: "edge-nginx", keys: ["..2024_01_01"], at: "/etc/nginx/conf.d", fileID: f, line: 10)
        }
        refusedService(&cases, "configmap-files-key-twice", "\(field).keys", "is named twice") { f in
            ConfigMapFiles("conf", configMap: "edge-nginx", keys: ["nginx.conf", "nginx.conf"], at: "/etc/nginx/conf.d",
                           fileID: f, line: 10)
        }
        do {
            // The longest key Kubernetes takes, with each of its punctuation characters, becomes a file of its name.
            let key = "-_." + String(repeating: "k", count: 250)
            let f = file("configmap-files-key-of-253-characters-is-legal")
            let system = blueprint(f, service: {
                ConfigMapFiles("conf", configMap: "edge-nginx", keys: [key], at: "/etc/nginx/conf.d", fileID: f, line: 10)
            })
            let volume: [YAMLScalarValue.Step] = [.key("spec"), .key("template"), .key("spec"), .key("volumes"), .index(1)]
            func value(_ path: YAMLScalarValue.Step..., is expected: YAMLNode) -> YAMLScalarValue {
                YAMLScalarValue(file: "hostile/prod/kubernetes/api.yaml", kind: "Deployment", path: volume + path,
                                expected: expected)
            }
            cases.append(.legal(
                "configmap-files-key-of-253-characters-is-legal", system,
                value(.key("configMap"), .key("name"), is: "edge-nginx"),
                value(.key("configMap"), .key("items"), .index(0), .key("key"), is: .string(key)),
                value(.key("configMap"), .key("items"), .index(0), .key("path"), is: .string(key)),
                value(.key("configMap"), .key("defaultMode"), is: 0o440),
                YAMLScalarValue.container("prod", .key("volumeMounts"), .index(1), .key("readOnly"), is: true)))
        }
    }
}
