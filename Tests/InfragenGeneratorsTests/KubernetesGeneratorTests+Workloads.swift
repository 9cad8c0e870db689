import InfragenExampleBlueprints
import Infragen
import InfragenRender
import InfragenTestSupport
import InfragenYAML
import Testing
@testable import InfragenGenerators

/// The Kubernetes generator's workloads: replicas, autoscaling, disruption budgets and spread, workers, security
/// exemptions, selectors, the canary, egress and exposure, quantities.
extension KubernetesGeneratorTests {
    // MARK: - Replicas, autoscaling, disruption budget, spread

    @Test func autoscaledDeploymentLeavesReplicasToTheAutoscaler() throws {
        let text = try edgeFile("api.yaml")
        #expect(!document("Deployment", in: text).contains("replicas:"))
        #expect(text.contains("kind: HorizontalPodAutoscaler"))
        let fixed = try kubernetesFiles(sampleSystem())["sample/prod/kubernetes/api.yaml"]!
        #expect(document("Deployment", in: fixed).contains("\n  replicas: 2\n"))
        #expect(!fixed.contains("HorizontalPodAutoscaler"))
    }

    @Test func oneReplicaGetsNoDisruptionBudgetAndNoSpread() throws {
        let files = try kubernetesFiles(sampleSystem())
        let dev = files["sample/dev/kubernetes/api.yaml"]!
        #expect(!dev.contains("PodDisruptionBudget") && !dev.contains("topologySpreadConstraints"))
        let prod = files["sample/prod/kubernetes/api.yaml"]!
        #expect(prod.contains("kind: PodDisruptionBudget") && prod.contains("topologySpreadConstraints"))
    }

    /// An autoscaler that may go from 1 to 3 pods: spread (there may be several) but no budget (there may be one).
    @Test func autoscalingFromOneSpreadsWithoutABudget() throws {
        let text = try kubernetesFiles(sampleSystem { Autoscale(min: 1, max: 3) })["sample/dev/kubernetes/api.yaml"]!
        #expect(text.contains("topologySpreadConstraints"))
        #expect(!text.contains("PodDisruptionBudget"))
    }

    // MARK: - Workers and security

    @Test func workerHasNoServiceAndCommandProbes() throws {
        let text = try edgeFile("worker.yaml")
        #expect(!text.contains("kind: Service\n"))
        let kinds = try YAML.parse(text).compactMap { $0["kind"]?.scalarText }
        #expect(kinds == ["ServiceAccount", "ConfigMap", "Deployment", "NetworkPolicy"])
        #expect(!document("NetworkPolicy", in: text).contains("ingress:"))
        #expect(!document("Deployment", in: text).contains("prometheus.io"))
    }

    @Test func exemptionsCarryTheirReasonsAndNothingElseIsAnnotated() throws {
        let text = try edgeFile("api.yaml")
        let account = document("ServiceAccount", in: text)
        #expect(account.contains("security.infragen.io/service-account-token: reads its own pods to find peers"))
        #expect(account.contains("automountServiceAccountToken: true"))
        let deployment = document("Deployment", in: text)
        #expect(deployment.contains(
            "checkov.io/skip1: CKV_K8S_22=the PDF renderer writes its font cache next to the binary"))
        #expect(deployment.contains("readOnlyRootFilesystem: false"))
        let plain = try kubernetesFiles(sampleSystem())["sample/prod/kubernetes/api.yaml"]!
        #expect(!document("Deployment", in: plain).contains("security.infragen.io"))
        #expect(document("Deployment", in: plain).contains("readOnlyRootFilesystem: true"))
        #expect(plain.components(separatedBy: "automountServiceAccountToken: false").count == 3)
    }

    /// checkov's CKV_K8S_35 is skipped on the workload whose container reads Secret keys into variables, after the
    /// other skips and naming the variables the container gets in that environment (the canary's too); a service
    /// whose Secrets are files carries no skip.
    @Test func secretsInEnvironmentSkipTheSecretCheckOnTheirWorkloadOnly() throws {
        let system = System("s") {
            SourceRepository("https://git.example.com/s", license: "MIT")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .dev) { Host("dev.s.example.com") }
            Deploy(to: .prod) { Host("s.example.com"); Canary(.percent(10)) }
            Service("api") {
                Port("http", 8080)
                Route("/")
                Health(liveness: "/healthz", readiness: "/readyz")
                Exempt(.writableRootFilesystem, because: "caches")
                Env("DB_PASSWORD", secret: "api-db", key: "password")
                Env("API_KEY", secret: "api-keys", key: "key")
                Override(.dev) { Env("API_KEY", "dev-key") }
            }
            Service("worker") {
                HealthCommand("/app/worker", "--check")
                SecretFiles("db", secret: "worker-db", keys: ["password"], at: "/etc/worker-db")
            }
        }.description
        let files = try kubernetesFiles(system)
        func deployments(_ path: String) throws -> [YAMLNode] {
            try YAML.parse(try #require(files[path])).filter { $0["kind"] == "Deployment" }
        }
        func annotations(_ variables: String) -> YAMLNode {
            [
                "security.infragen.io/writable-root-filesystem": "caches",
                "checkov.io/skip1": "CKV_K8S_22=caches",
                "checkov.io/skip2": .string("CKV_K8S_35=the blueprint reads Secret keys into environment variables "
                    + "(\(variables)); SecretFiles would mount them as files"),
            ]
        }
        let prod = try deployments("s/prod/kubernetes/api.yaml")
        #expect(prod.count == 2)
        for deployment in prod {
            #expect(deployment["metadata"]?["annotations"] == annotations("DB_PASSWORD, API_KEY"))
        }
        #expect(try deployments("s/dev/kubernetes/api.yaml").map { $0["metadata"]?["annotations"] }
            == [annotations("DB_PASSWORD")])
        for environment in ["dev", "prod"] {
            let worker = try deployments("s/\(environment)/kubernetes/worker.yaml")
            #expect(worker.count == 1 && worker[0]["metadata"]?["annotations"] == nil)
        }
    }

    @Test func selectorsUseOnlyTheImmutableLabels() throws {
        for system in [
            System.shop.description, System.storefront.description, System.polyglot.description,
            KubernetesFixtures.edge,
        ] {
            for (path, text) in try kubernetesFiles(system) where !path.hasSuffix("kustomization.yaml") {
                for object in try YAML.parse(text) {
                    let spec = object["spec"]
                    var selectors: [YAMLNode?] = [spec?["selector"]?["matchLabels"]]
                    if object["kind"]?.scalarText == "Service" { selectors.append(spec?["selector"]) }
                    // Monitors select every pod (or Service) of a service, its canary's included, by name alone.
                    let monitor = ["PodMonitor", "ServiceMonitor"].contains(object["kind"]?.scalarText ?? "")
                    for case .mapping(let labels)? in selectors {
                        #expect(labels.keys == (monitor ? ["app.kubernetes.io/name"]
                                                        : ["app.kubernetes.io/name", "app.kubernetes.io/instance"]),
                                "\(path)")
                    }
                    // Network policies select every pod of a service, its canary's included, by name alone.
                    if case .mapping(let labels)? = spec?["podSelector"]?["matchLabels"] {
                        #expect(labels.keys == ["app.kubernetes.io/name"], "\(path)")
                    }
                }
            }
        }
    }

    @Test func aCanaryEnvironmentGetsACanaryDeploymentAndServicePerRoutedService() throws {
        let files = try kubernetesFiles(System.shop.description)
        let prod = try #require(files["shop/prod/kubernetes/order-service.yaml"])
        let objects = try YAML.parse(prod)
        let names = objects.map { "\($0["kind"]?.scalarText ?? "")/\($0["metadata"]?["name"]?.scalarText ?? "")" }
        #expect(names.contains("Deployment/order-service-canary"))
        #expect(names.contains("Service/order-service-canary"))
        #expect(names.contains("PodDisruptionBudget/order-service-canary"))
        func object(_ kind: String, _ name: String) throws -> YAMLNode {
            try #require(objects.first { $0["kind"]?.scalarText == kind && $0["metadata"]?["name"]?.scalarText == name })
        }
        let canary = try object("Deployment", "order-service-canary")
        // Two pods unless CanaryReplicas says, spread like the stable pods (over nodes, per ReplicaSet).
        #expect(canary["spec"]?["replicas"] == .integer(2))
        #expect(canary["spec"]?["selector"]?["matchLabels"]?["app.kubernetes.io/instance"] == "order-service-prod-canary")
        let pods = canary["spec"]?["template"]
        let container = pods?["spec"]?["containers"]?[0]
        #expect(container?["image"] == "registry.example.com/shop/order-service:1.1.0")
        let spread = pods?["spec"]?["topologySpreadConstraints"]?[0]
        #expect(spread?["topologyKey"] == "kubernetes.io/hostname")
        #expect(spread?["labelSelector"]?["matchLabels"]?["app.kubernetes.io/instance"] == "order-service-prod-canary")
        #expect(spread?["matchLabelKeys"]?[0] == "pod-template-hash")
        let budget = try object("PodDisruptionBudget", "order-service-canary")
        #expect(budget["spec"]?["maxUnavailable"] == .integer(1))
        #expect(budget["spec"]?["selector"]?["matchLabels"]?["app.kubernetes.io/instance"] == "order-service-prod-canary")
        // The track label is on the pods of both sides, and in no selector.
        let stableDeployment = try object("Deployment", "order-service")
        #expect(pods?["metadata"]?["labels"]?["infragen.io/track"] == "canary")
        #expect(stableDeployment["spec"]?["template"]?["metadata"]?["labels"]?["infragen.io/track"] == "stable")
        #expect(canary["spec"]?["selector"]?["matchLabels"]?["infragen.io/track"] == nil)
        #expect(canary["metadata"]?["labels"]?["infragen.io/track"] == nil)
        // The stable Service does not select the canary's pods: its selector's instance is one the canary's pods do
        // not carry. The canary's Service selects only them.
        let stable = try object("Service", "order-service")
        #expect(stable["spec"]?["selector"]?["app.kubernetes.io/instance"] == "order-service-prod")
        #expect(pods?["metadata"]?["labels"]?["app.kubernetes.io/instance"] == "order-service-prod-canary")
        let canaryService = try object("Service", "order-service-canary")
        #expect(canaryService["spec"]?["selector"]?["app.kubernetes.io/instance"] == "order-service-prod-canary")
        // No canary where the environment has none; the stable pods carry the same track everywhere, so that
        // starting a canary does not restart them.
        let dev = try #require(files["shop/dev/kubernetes/order-service.yaml"])
        #expect(!dev.contains("canary"))
        #expect(dev.contains("infragen.io/track: stable"))
        // The payment service is left out in prod (NoCanary): no canary objects, every request to the stable pods.
        let payments = try #require(files["shop/prod/kubernetes/payment-service.yaml"])
        #expect(!payments.contains("canary"))
    }

    /// CanaryReplicas sets the canary's pods per environment or service; with one pod there is no budget to keep.
    @Test func canaryReplicasSetTheCanarysPodsAndItsBudget() throws {
        func system(_ replicas: Int?) -> SystemDescription {
            System("s") {
                SourceRepository("https://git.example.com/s", license: "Apache-2.0")
                Defaults { ImageTag("1.0.0") }
                Deploy(to: .prod) {
                    Host("s.example.com")
                    Canary(.percent(10))
                    if let replicas { CanaryReplicas(replicas) }
                }
                Service("api") {
                    Port("http", 8080)
                    Health(liveness: "/healthz", readiness: "/readyz")
                    Route("/api")
                }
            }.description
        }
        for (replicas, budget) in [(3, true), (1, false)] {
            let text = try #require(try kubernetesFiles(system(replicas))["s/prod/kubernetes/api.yaml"])
            let objects = try YAML.parse(text)
            let canary = try #require(objects.first {
                $0["kind"]?.scalarText == "Deployment" && $0["metadata"]?["name"]?.scalarText == "api-canary"
            })
            #expect(canary["spec"]?["replicas"] == .integer(replicas))
            #expect((canary["spec"]?["template"]?["spec"]?["topologySpreadConstraints"] != nil) == budget)
            #expect(objects.contains {
                $0["kind"]?.scalarText == "PodDisruptionBudget" && $0["metadata"]?["name"]?.scalarText == "api-canary"
            } == budget)
        }
    }

    @Test func declaredExternalEgressOpensOnlyPublicAddressesOnItsPorts() throws {
        let files = try kubernetesFiles(System.shop.description)
        let payments = try #require(files["shop/prod/kubernetes/payment-service.yaml"])
        let policy = try #require(try YAML.parse(payments).first { $0["kind"]?.scalarText == "NetworkPolicy" })
        let rule = policy["spec"]?["egress"]?[0]
        #expect(rule?["to"]?[0]?["ipBlock"]?["cidr"] == "0.0.0.0/0")
        #expect(rule?["to"]?[0]?["ipBlock"]?["except"] == ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"])
        #expect(rule?["ports"] == [["port": 443, "protocol": "TCP"]])
        let orders = try #require(files["shop/prod/kubernetes/order-service.yaml"])
        #expect(!orders.contains("ipBlock"))
    }

    @Test func aServiceExposedOutsideTheClusterLetsItsClientsIn() throws {
        func ingressRanges(_ system: SystemDescription, _ path: String) throws -> [[String]] {
            let text = try #require(try kubernetesFiles(system)[path])
            let policy = try #require(try YAML.parse(text).first { $0["kind"]?.scalarText == "NetworkPolicy" })
            guard case .sequence(let rules)? = policy["spec"]?["ingress"] else { return [] }
            return rules.compactMap { rule in
                guard case .sequence(let peers)? = rule["from"], peers.allSatisfy({ $0["ipBlock"] != nil }) else {
                    return nil
                }
                return peers.compactMap { $0["ipBlock"]?["cidr"]?.scalarText }
            }
        }
        // Local keeps the client's address: the load balancer's ranges, on every port of the Service.
        #expect(try ingressRanges(KubernetesFixtures.edge, "edge/prod/kubernetes/api.yaml")
            == [["203.0.113.0/24", "198.51.100.0/24"]])
        // Cluster lets a node forward the connection under its own address: any source (the load balancer filters).
        let cluster = sampleSystem {
            Override(.prod) { Expose(.loadBalancer(sourceRanges: ["203.0.113.0/24"])) }
            Override(.dev) { Expose(.nodePort()) }
        }
        #expect(try ingressRanges(cluster, "sample/prod/kubernetes/api.yaml") == [["0.0.0.0/0"]])
        #expect(try ingressRanges(cluster, "sample/dev/kubernetes/api.yaml") == [["0.0.0.0/0"]])
        // A ClusterIP Service is reached only through the cluster.
        #expect(try ingressRanges(sampleSystem(), "sample/prod/kubernetes/api.yaml") == [])
    }

    @Test func externalEgressIsValidated() {
        let system = sampleSystem(fileID: "B.swift", line: 1) {
            Egress("bank", ports: [0], cidrs: ["10.0.0.0/33"], fileID: "B.swift", line: 2)
        }
        #expect(system.validate().map(\.description) == [
            "B.swift:2: error: sample/api: egress[bank]: '10.0.0.0/33' is not an IPv4 range in CIDR notation; write it like 203.0.113.0/24",
            "B.swift:2: error: sample/api: egress[bank]: port 0 is outside 1-65535; use the port the destination listens on",
        ])
    }

    @Test func quantitiesAreNormalised() throws {
        let resources = document("Deployment", in: try edgeFile("api.yaml"))
        #expect(resources.contains("cpu: '250m'\n"))
        #expect(resources.contains("memory: '128Mi'\n"))
        #expect(resources.contains("cpu: '1500m'\n"))
        #expect(resources.contains("memory: '1Gi'\n"))
    }
}
