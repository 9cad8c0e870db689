import InfragenExampleBlueprints
import Infragen
import InfragenRender
import InfragenTestSupport
import InfragenYAML
import Testing
@testable import InfragenGenerators

/// The Kubernetes generator: one golden file per resource kind (from the edge fixture, where every setting is
/// changed, and from a system on defaults), and the behaviour behind them.
@Suite struct KubernetesGeneratorTests {
    // MARK: - Golden files, one per kind

    @Test func namespace() throws {
        assertGolden(try edgeFile("namespace.yaml"), "kubernetes/namespace.yaml")
    }

    @Test func defaultDenyNetworkPolicy() throws {
        assertGolden(try edgeFile("default-deny.yaml"), "kubernetes/default-deny.yaml")
    }

    @Test func kustomization() throws {
        assertGolden(try edgeFile("kustomization.yaml"), "kubernetes/kustomization.yaml")
    }

    @Test func serviceAccount() throws {
        assertGolden(document("ServiceAccount", in: try edgeFile("api.yaml")), "kubernetes/serviceaccount.yaml")
    }

    @Test func configMap() throws {
        assertGolden(document("ConfigMap", in: try edgeFile("api.yaml")), "kubernetes/configmap.yaml")
    }

    @Test func deployment() throws {
        assertGolden(document("Deployment", in: try edgeFile("api.yaml")), "kubernetes/deployment.yaml")
    }

    @Test func workerDeployment() throws {
        assertGolden(document("Deployment", in: try edgeFile("worker.yaml")), "kubernetes/deployment-worker.yaml")
    }

    @Test func service() throws {
        assertGolden(document("Service", in: try edgeFile("api.yaml")), "kubernetes/service.yaml")
    }

    @Test func horizontalPodAutoscaler() throws {
        assertGolden(
            document("HorizontalPodAutoscaler", in: try edgeFile("api.yaml")),
            "kubernetes/horizontalpodautoscaler.yaml")
    }

    @Test func podDisruptionBudget() throws {
        assertGolden(
            document("PodDisruptionBudget", in: try edgeFile("api.yaml")), "kubernetes/poddisruptionbudget.yaml")
    }

    @Test func networkPolicy() throws {
        assertGolden(document("NetworkPolicy", in: try edgeFile("api.yaml")), "kubernetes/networkpolicy.yaml")
    }

    @Test func workerNetworkPolicy() throws {
        assertGolden(document("NetworkPolicy", in: try edgeFile("worker.yaml")), "kubernetes/networkpolicy-worker.yaml")
    }

    /// A whole service file with nothing but the built-in defaults.
    @Test func serviceOnDefaults() throws {
        let files = try kubernetesFiles(sampleSystem())
        assertGolden(try #require(files["sample/prod/kubernetes/api.yaml"]), "kubernetes/defaults-api.yaml")
    }

    // MARK: - Layout

    @Test func oneFolderPerEnvironmentWithOneFilePerService() throws {
        let files = try kubernetesFiles(KubernetesFixtures.edge)
        #expect(files.keys.sorted() == [
            "edge/prod/kubernetes/api.yaml", "edge/prod/kubernetes/default-deny.yaml",
            "edge/prod/kubernetes/edge-gateway.yaml", "edge/prod/kubernetes/kustomization.yaml",
            "edge/prod/kubernetes/namespace.yaml", "edge/prod/kubernetes/worker.yaml",
        ])
        let kustomization = try YAML.parse(try #require(files["edge/prod/kubernetes/kustomization.yaml"]))[0]
        #expect(kustomization["resources"]
                    == ["namespace.yaml", "default-deny.yaml", "edge-gateway.yaml", "api.yaml", "worker.yaml"])
        #expect(kustomization["namespace"] == "edge-live")
    }

    @Test func everyObjectStartsWithApiVersionKindMetadataAndNamesItsNamespace() throws {
        for (path, text) in try kubernetesFiles(KubernetesFixtures.edge) where !path.hasSuffix("kustomization.yaml") {
            for object in try YAML.parse(text) {
                guard case .mapping(let mapping) = object else { Issue.record("\(path): not a mapping"); continue }
                #expect(Array(mapping.keys.prefix(3)) == ["apiVersion", "kind", "metadata"], "\(path)")
                guard case .mapping(let metadata)? = object["metadata"] else { continue }
                let order = ["name", "namespace", "labels", "annotations"]
                #expect(metadata.keys == order.filter(metadata.keys.contains), "\(path)")
                if object["kind"] != "Namespace" { #expect(object["metadata"]?["namespace"] == "edge-live", "\(path)") }
            }
        }
    }

    @Test func renderingIsDeterministic() throws {
        let first = try kubernetesFiles(KubernetesFixtures.edge)
        let second = try kubernetesFiles(KubernetesFixtures.edge)
        #expect(first == second)
        for text in first.values {
            #expect(text.hasSuffix("\n") && !text.hasSuffix("\n\n") && !text.contains("\r"))
        }
    }

    // MARK: - ConfigMap

    /// The reference vectors: `printf 'LOG_LEVEL\n4\ninfo\n' | sha256sum | cut -c1-8` is 7f3872ed, and the
    /// reference order-service's three keys hash to ada92d79.
    @Test func configMapHashFollowsTheCanonicalForm() {
        #expect(ConfigMapContent.hash([.init(key: "LOG_LEVEL", value: "info")]) == "7f3872ed")
        #expect(ConfigMapContent.hash([
            .init(key: "INVENTORY_SERVICE_URL", value: "http://inventory-service:8080"),
            .init(key: "LOG_LEVEL", value: "info"),
            .init(key: "PAYMENT_SERVICE_URL", value: "http://payment-service:8080"),
        ]) == "ada92d79")
        // The length prefix keeps a line break in a value from reading as the next key.
        #expect(ConfigMapContent.hash([.init(key: "A", value: "1\nB\n1\n2")])
            != ConfigMapContent.hash([.init(key: "A", value: "1"), .init(key: "B", value: "2")]))
    }

    @Test func configMapNameChangesWithItsContentAndTheDeploymentFollows() throws {
        let path = "sample/prod/kubernetes/api.yaml"
        // GoRuntime(.off): the ConfigMap's key is the container's only variable.
        let info = try #require(try kubernetesFiles(sampleSystem {
            Env("LOG_LEVEL", config: "info")
            GoRuntime(.off)
        })[path])
        let debug = try #require(try kubernetesFiles(sampleSystem { Env("LOG_LEVEL", config: "debug") })[path])
        let infoObjects = try YAML.parse(info)
        #expect(infoObjects[1]["metadata"]?["name"] == "api-config-7f3872ed")
        #expect(infoObjects[1]["immutable"] == true)
        let reference = infoObjects[2]["spec"]?["template"]?["spec"]?["containers"]?[0]?["env"]?[0]
        #expect(reference?["valueFrom"]?["configMapKeyRef"]?["name"] == "api-config-7f3872ed")
        let debugName = try YAML.parse(debug)[1]["metadata"]?["name"]?.scalarText
        #expect(debugName?.hasPrefix("api-config-") == true && debugName != "api-config-7f3872ed")
        #expect(document("Deployment", in: debug).contains("name: \(debugName!)"))
    }

    @Test func noConfigMapWithoutConfig() throws {
        let text = try kubernetesFiles(sampleSystem())["sample/prod/kubernetes/api.yaml"]!
        #expect(!text.contains("kind: ConfigMap"))
        #expect(!text.contains("configMap"))
    }

    // MARK: - Environment variables

    @Test(arguments: [
        ("plain", "plain"),
        ("$(HOME)", "$$(HOME)"),
        ("$$", "$$$"),
        ("$HOME and $5", "$HOME and $5"),
        ("ends in $", "ends in $"),
        ("$$(X)", "$$$$(X)"),
        ("price: 5 $€", "price: 5 $$€"),
    ])
    func literalValuesAreEscapedForKubernetesExpansion(value: String, escaped: String) {
        #expect(EnvironmentVariables.escapeLiteral(value) == escaped)
    }

    /// Whatever the blueprint says, the container sees exactly that after the kubelet's expansion, even with
    /// variables of those names defined.
    @Test func escapedLiteralsSurviveTheKubeletsExpansion() {
        let defined = ["HOME": "/root", "X": "x", "PRICE": "5", "": "empty"]
        let values = [
            "", "$", "$$", "$$$", "$(", "$()", "$(HOME)", "$$(HOME)", "$(HOME", "a$b", "$é", "é$", "$€$(X)$",
            "((($)))", "$)($", "costs $(PRICE), or $$5, or $HOME; ends in $", "\u{1F600}$\u{1F600}$(X)",
        ]
        for value in values {
            let expanded = KubeletExpansion.expand(EnvironmentVariables.escapeLiteral(value)) { defined[$0] }
            #expect(expanded == Array(value.utf8), "\(value)")
        }
        // Without escaping, the kubelet would change them.
        #expect(KubeletExpansion.expand("$(HOME)") { defined[$0] } == Array("/root".utf8))
        #expect(KubeletExpansion.expand("$é") { defined[$0] } != Array("$é".utf8))
    }

    @Test func variablesAreListedLiteralsThenConfigThenSecretsWithTheLastValueOfAName() throws {
        let system = sampleSystem {
            Env("SECRET", secret: "api-secrets", key: "token")
            Env("CONFIG", config: "c")
            Env("LITERAL", "one")
            Override(.prod) { Env("LITERAL", "two") }
        }
        let deployment = try object("Deployment", in: try kubernetesFiles(system)["sample/prod/kubernetes/api.yaml"]!)
        let env = deployment["spec"]?["template"]?["spec"]?["containers"]?[0]?["env"]
        guard case .sequence(let items)? = env else { Issue.record("no env"); return }
        // The Go runtime's sizing is a literal (GOMEMLIMIT) and a resource of the downward API (GOMAXPROCS).
        #expect(items.map { $0["name"]?.scalarText } == ["LITERAL", "GOMEMLIMIT", "CONFIG", "SECRET", "GOMAXPROCS"])
        #expect(items[0]["value"] == "two")
        #expect(items[3]["valueFrom"]?["secretKeyRef"]?["name"] == "api-secrets")
    }

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

    // MARK: - Helpers

    func edgeFile(_ name: String) throws -> String {
        try #require(try kubernetesFiles(KubernetesFixtures.edge)["edge/prod/kubernetes/\(name)"])
    }
}

/// The Kubernetes files of a system, after checking that it is valid.
func kubernetesFiles(_ system: SystemDescription) throws -> [String: String] {
    let resolved = system.resolve()
    let diagnostics = system.validate() + KubernetesGenerator().validate(resolved)
    if diagnostics.hasErrors { throw InvalidSystem(diagnostics: diagnostics) }
    return Dictionary(uniqueKeysWithValues: try KubernetesGenerator().generate(resolved).map { ($0.path, $0.contents) })
}

struct InvalidSystem: Error, CustomStringConvertible {
    let diagnostics: [Diagnostic]
    var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// The first document of a kind in a multi-document file, as `---` and its lines.
func document(_ kind: String, in text: String) -> String {
    var documents: [[Substring]] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if line == "---" {
            documents.append([])
        } else if !documents.isEmpty {
            documents[documents.count - 1].append(line)
        }
    }
    guard let found = documents.first(where: { $0.contains("kind: \(kind)") }) else { return "" }
    var lines = found
    while lines.last == "" { lines.removeLast() }
    return "---\n" + lines.joined(separator: "\n") + "\n"
}

/// The first object of a kind in a multi-document file.
func object(_ kind: String, in text: String) throws -> YAMLNode {
    try #require(try YAML.parse(text).first { $0["kind"]?.scalarText == kind })
}

/// The kubelet's expansion of `$(NAME)` in env values, byte for byte as Kubernetes does it
/// (`third_party/forked/golang/expansion`), including its `string(byte)` for the character after a lone `$`.
enum KubeletExpansion {
    static func expand(_ input: String, _ lookup: (String) -> String?) -> [UInt8] {
        let bytes = Array(input.utf8)
        var output: [UInt8] = []
        var checkpoint = 0
        var cursor = 0
        while cursor < bytes.count {
            if bytes[cursor] == UInt8(ascii: "$") && cursor + 1 < bytes.count {
                output += bytes[checkpoint..<cursor]
                let rest = bytes[(cursor + 1)...]
                var advance = 1
                switch rest.first! {
                case UInt8(ascii: "$"):
                    output.append(UInt8(ascii: "$"))
                case UInt8(ascii: "("):
                    if let close = rest.dropFirst().firstIndex(of: UInt8(ascii: ")")) {
                        let name = String(decoding: bytes[(cursor + 2)..<close], as: UTF8.self)
                        output += Array((lookup(name) ?? "$(\(name))").utf8)
                        advance = close - cursor
                    } else {
                        output += Array("$(".utf8)
                    }
                default:
                    // Go's string(input[0]) turns the byte into the character with that code point.
                    output.append(UInt8(ascii: "$"))
                    output += Array(String(Character(Unicode.Scalar(rest.first!))).utf8)
                }
                cursor += advance
                checkpoint = cursor + 1
            }
            cursor += 1
        }
        return output + bytes[min(checkpoint, bytes.count)...]
    }
}
