import Infragen

/// Systems that exercise what the blueprints do not: every setting the Kubernetes generator reads, changed.
enum KubernetesFixtures {
    /// One HTTP service with everything changed and a worker, in one environment.
    static let edge = System("edge") { SourceRepository("https://git.example.com/edge", license: "Apache-2.0")
        Defaults {
            ImageRegistry("registry.example.com/edge")
            ImageTag("1.4.2")
            Requests(cpu: .cores(0.25), memory: .mebibytes(128))
            Limits(cpu: .cores(1.5), memory: .gibibytes(1))
            GatewayNamespace("ingress-nginx")
            MetricsScraper(namespace: "observability", podLabels: [
                "app.kubernetes.io/name": "prometheus", "app.kubernetes.io/instance": "k8s",
            ])
            ClusterDNS(namespace: "openshift-dns", podLabels: ["dns.operator.openshift.io/daemonset-dns": "default"],
                       cidrs: ["169.254.20.10/32"], port: 5353)
        }
        Deploy(to: .prod) {
            Namespace("edge-live")
            Host("edge.example.com")
            TLS()
            PodSecurity("v1.31")
            Replicas(2)
            Rollout(maxSurge: .percent(34), maxUnavailable: .percent(10))
            Env("LOG_LEVEL", config: "info")
            Expose(.loadBalancer(externalTrafficPolicy: .local, sourceRanges: ["203.0.113.0/24", "198.51.100.0/24"]))
        }
        Gateway {
            // Every setting of the gateway's own objects, changed; the limit of 1.5 cores runs 2 workers.
            GatewayImage("registry.example.com/edge/nginx@sha256:" + String(repeating: "ef", count: 32))
            GatewayResources(requests: (.millicores(250), .mebibytes(96)), limits: (.cores(1.5), .mebibytes(256)))
            WorkerProcesses(2)
            GatewayAutoscale(min: 3, max: 8, cpu: .percent(65))
            GatewayTLSSecret("edge-example-com-tls")
            GatewayCertificate(issuer: "letsencrypt-prod")
            GatewaySourceRanges(["203.0.113.0/24", "198.51.100.0/24"])
            GatewayShutdown(pause: .seconds(3), drain: .seconds(20))
        }

        Service("api") {
            Role("api")
            Port("http", 8080, servicePort: 80, appProtocol: .http)
            Port("metrics", 9090)
            Port("gossip", 7946, transport: .udp)
            Port("grpc", 9555, servicePort: 5555, appProtocol: .grpc)
            Port("diameter", 3868, transport: .sctp, appProtocol: .custom("example.com/diameter"))
            Metrics(port: "metrics", path: "/internal/metrics")
            Health(liveness: "/healthz", readiness: "/readyz", startup: "/startupz")
            Route("/api")
            Env("GREETING", "costs $(PRICE), or $$5, or $HOME; ends in $")
            Env("TOKEN", secret: "api-secrets", key: "token")
            Env("FEATURES", config: "search,cart")
            Env("POD_IP", field: .podIP)
            Env("GOMEMLIMIT", resource: .memoryLimit)
            Args("--listen", ":8080")
            ConfigFile("app.toml", mountedIn: "/etc/api", contents: "[server]\nport = 8080\n")
            ConfigFile("rules.json", mountedIn: "/etc/api-rules/", contents: "{\"deny\": []}\n")
            ImageTag("1.4.2", digest: "sha256:" + String(repeating: "ab", count: 32))
            Autoscale(min: 2, max: 6, cpu: .percent(80))
            RunAs(user: 20001, group: 20002)
            Exempt(.writableRootFilesystem, because: "the PDF renderer writes its font cache next to the binary")
            Exempt(.serviceAccountToken, because: "reads its own pods to find peers")
            TerminationGracePeriod(seconds: 60)
            Probe(.liveness, initialDelaySeconds: 0, failureThreshold: 5)
            Probe(.startup, periodSeconds: 10, failureThreshold: 60)
            DisruptionBudget(maxUnavailable: 1)
            Spread(across: "topology.kubernetes.io/zone", maxSkew: 2, whenUnsatisfiable: .doNotSchedule)
            TmpVolume(size: .mebibytes(512))
            ScratchVolume("cache", at: "/var/cache/api", size: .mebibytes(256))
            ScratchVolume("shm", at: "/dev/shm", size: .mebibytes(64), inMemory: true)
            SecretFiles("tls", secret: "api-tls", keys: ["tls.crt", "tls.key"], at: "/etc/api-tls")
            ConfigMapFiles("nginx-conf", configMap: "edge-nginx", keys: ["default.conf", "gzip.conf"],
                           at: "/etc/nginx/conf.d")
            InitContainer("migrate", image: "registry.example.com/edge/migrate:1.4.2", command: ["/migrate", "up"])
            Sidecar("proxy", image: "registry.example.com/edge/proxy@sha256:" + String(repeating: "cd", count: 32),
                    arguments: ["--listen", "127.0.0.1:15000"],
                    requests: (.millicores(20), .mebibytes(16)), limits: (.millicores(100), .mebibytes(48)))
            ServiceAccountToken("vault-token", audience: "vault", at: "/var/run/secrets/vault", expirationSeconds: 7200)
            Labels(["example.com/cost-center": "4711"])
            Labels(["example.com/data-class": "internal"], on: [.pods])
            Annotations(["example.com/runbook": "https://runbooks.example.com/edge-api"], on: [.workload, .pods])
            Annotations(["service.beta.kubernetes.io/aws-load-balancer-type": "nlb"], on: [.service])
        }

        Service("worker") {
            HealthCommand("/app/worker", "--check")
            Command("/app/server", "worker")
            WorkingDirectory("/tmp")
            ContainerName("consumer")
            PersistentVolume("spool", claim: "worker-spool", at: "/var/spool/worker")
            SecretFiles("kafka-ca", secret: "kafka-ca", keys: ["ca.crt"], at: "/etc/kafka-ca")  // Secrets only as files
            DependsOn("api")
            MetricsScraper.none()
            Override(.prod) { Replicas(1) }
        }
    }.description

    /// A system health-checked every way: gRPC (with a startup probe asking for one gRPC service), TCP and
    /// a command, HTTPS with headers, and a load generator with no health check at all.
    static let probes = System("probes") {
        SourceRepository("https://git.example.com/probes", license: "Apache-2.0")
        Defaults {
            ImageRegistry("registry.example.com/probes")
            ImageTag("0.9.0")
        }
        Deploy(to: .prod) {
            Host("probes.example.com")
            TLS()
            Replicas(2)
            ScrapeBy(.annotations)  // the prometheus.io/* pod annotations, no monitor
        }

        Service("cart") {
            Port("grpc", 7070, appProtocol: .grpc)
            Health(.grpc(port: "grpc"), startup: .grpc(port: "grpc", service: "hipstershop.CartService"))
            Metrics.none()
            Probe(.readiness, periodSeconds: 15)
        }

        Service("redis") {
            Port("redis", 6379)
            Health(liveness: .tcp(port: "redis"), readiness: .exec(["redis-cli", "ping"]))
            Metrics.none()
        }

        Service("admin") {
            Port("https", 8443)
            Health(
                liveness: .http("/healthz", scheme: .https, headers: ["Host": "admin.internal", "X-Probe": "kubelet"]),
                readiness: .http("/readyz", scheme: .https))
            DependsOn("cart", "redis")
        }

        Service("loadgenerator") {
            // An '=' in the reason: checkov's skip must still parse (KubernetesToolTests).
            NoHealthCheck(because: "load generator: nothing depends on it and a restart loses nothing (restarts=0 matters not)")
            DependsOn("admin")
            Override(.prod) { Replicas(1) }
        }
    }.description

    /// A system of every workload kind: a Redis StatefulSet with a claim per pod, a search StatefulSet that
    /// autoscales with parallel pods, a migration Job and a CronJob that calls Redis.
    static let workloads = System("workloads") {
        SourceRepository("https://git.example.com/workloads", license: "Apache-2.0")
        Defaults {
            ImageRegistry("registry.example.com/workloads")
            ImageTag("2.1.0")
        }
        Deploy(to: .prod) {
            Host("workloads.example.com")
            TLS()
            Replicas(3)
            ScrapeBy(.serviceMonitor)  // the search StatefulSet's headless Service is dropped
        }

        Service("redis") {
            Image("redis", tag: "7.2.5-alpine", family: .alpine)
            StatefulSet()
            Args("--dir", "/data", "--appendonly", "yes")
            Port("redis", 6379)
            Health(liveness: .tcp(port: "redis"), readiness: .exec(["redis-cli", "ping"]))
            Metrics.none()
            VolumeClaim("data", at: "/data", size: .gibibytes(10), storageClass: "fast-ssd")
            Override(.prod) { Replicas(1) }
        }

        Service("search") {
            StatefulSet(podManagement: .parallel)
            Port("http", 9200)
            Health(liveness: "/healthz", readiness: "/readyz")
            VolumeClaim("index", at: "/var/lib/search", size: .gibibytes(50), accessMode: .readWriteOncePod)
            Override(.prod) { Autoscale(min: 3, max: 6) }
        }

        Service("migrate") {
            Job(backoffLimit: 2, activeDeadline: .seconds(600), ttlAfterFinished: .seconds(86_400))
            Command("/app/server", "migrate", "up")
            DependsOn("redis")
        }

        Service("cleanup") {
            CronJob(schedule: "30 3 * * 1-5", timeZone: "Europe/Berlin", backoffLimit: 1, activeDeadline: .seconds(900))
            Env("SEARCH_TOKEN", secret: "search", key: "token")
            DependsOn("redis", "search")
        }
    }.description
}
