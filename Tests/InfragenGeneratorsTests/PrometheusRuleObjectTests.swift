import InfragenExampleBlueprints
import Infragen
import InfragenRender
import InfragenTestSupport
import InfragenYAML
import Testing
@testable import InfragenGenerators

/// Issue 17: the SLO rules as prometheus-operator PrometheusRule objects in each environment's kustomization, holding
/// exactly the groups of the plain rule file; the selector labels of the rules and the monitors; objects split to fit
/// what `kubectl apply` can keep.
@Suite struct PrometheusRuleObjectTests {
    /// The groups of every PrometheusRule of a file, in order.
    static func objectGroups(_ text: String) throws -> (objects: [YAMLNode], groups: [YAMLNode]) {
        let objects = try YAML.parse(text).filter { $0["kind"] == "PrometheusRule" }
        let groups = objects.flatMap { object -> [YAMLNode] in
            if case .sequence(let groups)? = object["spec"]?["groups"] { return groups }
            return []
        }
        return (objects, groups)
    }

    static func fileGroups(_ text: String) throws -> [YAMLNode] {
        guard case .sequence(let groups)? = try YAML.parse(text).first?["groups"] else { return [] }
        return groups
    }

    @Test func eachEnvironmentsRuleObjectHoldsExactlyTheRuleFilesGroups() throws {
        let files = try renderInMemory([System.shop.description, System.polyglot.description,
                                        System.storefront.description])
        var checked = 0
        for (path, text) in files where path.hasSuffix("/prometheus/slo-rules.yaml") {
            let folder = path.replacingOccurrences(of: "/prometheus/slo-rules.yaml", with: "/kubernetes/")
            let objects = try #require(files[folder + "slo-rules.yaml"], "\(path)")
            let (rules, groups) = try Self.objectGroups(objects)
            #expect(rules.count == 1)
            let expected = try Self.fileGroups(text)
            #expect(!groups.isEmpty && groups == expected, "\(path)")
            let system = String(path.prefix { $0 != "/" })
            #expect(rules[0]["metadata"]?["name"]?.scalarText == "\(system)-slo")
            let kustomizationText = try #require(files[folder + "kustomization.yaml"])
            let kustomization = try #require(try YAML.parse(kustomizationText).first)
            #expect(rules[0]["metadata"]?["namespace"] == kustomization["namespace"])
            guard case .sequence(let resources)? = kustomization["resources"] else { Issue.record("no resources"); continue }
            #expect(resources.contains("slo-rules.yaml"))
            checked += 1
        }
        #expect(checked == 6)
        // The storefront has no SLO: no rule object, no entry.
        let storefront = try #require(files["storefront/prod/kubernetes/kustomization.yaml"])
        #expect(!storefront.contains("slo-rules.yaml") && files["storefront/prod/kubernetes/slo-rules.yaml"] == nil)
        // The shop's Defaults: kube-prometheus-stack selects both by its release.
        let shopText = try #require(files["shop/prod/kubernetes/slo-rules.yaml"])
        let shop = try #require(try YAML.parse(shopText).first)
        #expect(shop["metadata"]?["labels"]?["release"] == "kube-prometheus-stack")
        let orderText = try #require(files["shop/prod/kubernetes/order-service.yaml"])
        let monitor = try #require(try YAML.parse(orderText).first { $0["kind"] == "PodMonitor" })
        #expect(monitor["metadata"]?["labels"]?["release"] == "kube-prometheus-stack")
    }

    /// A system of `count` SLOs on one service, each with its own handler.
    static func manySLOs(_ count: Int, @ListBuilder<any SystemComponent> extra: () -> [any SystemComponent] = { [] })
        -> SystemDescription {
        let more = extra()
        return System("many") {
            SourceRepository("https://git.example.com/many", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .prod) { Host("many.example.com"); TLS() }
            more
            Service("api") {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                Route("/api")
                for index in 0..<count {
                    SLO("endpoint-\(index)", handler: "/api/endpoint-\(index)") {
                        Availability(.percent(99.9))
                        Latency(.percent(99), under: .milliseconds(500))
                    }
                }
            }
        }.description
    }

    @Test func rulesOverTheLimitAreSplitIntoObjectsThatFitInOrder() throws {
        let files = try renderInMemory([Self.manySLOs(40)])
        let rules = try #require(files["many/prod/prometheus/slo-rules.yaml"])
        let text = try #require(files["many/prod/kubernetes/slo-rules.yaml"])
        // 40 SLOs of two objectives make a rule file far over 200 KiB.
        #expect(rules.utf8.count > 2 * SLORuleObjects.maxObjectBytes)
        let (objects, groups) = try Self.objectGroups(text)
        #expect(objects.count >= 3)
        #expect(objects.map { $0["metadata"]?["name"]?.scalarText } == (1...objects.count).map { "many-slo-\($0)" })
        let expected = try Self.fileGroups(rules)
        #expect(groups == expected)
        for object in objects {
            let size = try YAML.render(object).utf8.count
            #expect(size <= SLORuleObjects.maxObjectBytes)
            // Full: the next object's first group would not have fitted.
            #expect(size > SLORuleObjects.maxObjectBytes / 2)
        }
        // A few SLOs fit in one object named without a number.
        let few = try renderInMemory([Self.manySLOs(3)])
        let fewText = try #require(few["many/prod/kubernetes/slo-rules.yaml"])
        let (one, _) = try Self.objectGroups(fewText)
        #expect(one.map { $0["metadata"]?["name"]?.scalarText } == ["many-slo"])
    }

    @Test func environmentLabelsLayOverTheSystemsKeyByKey() throws {
        let system = Self.manySLOs(1) {
            Defaults {
                PrometheusRuleLabels(["release": "kube-prometheus-stack", "example.com/tier": "1"])
                MonitorLabels(["release": "kube-prometheus-stack"])
            }
            Deploy(to: .staging) {
                Host("staging.many.example.com")
                PrometheusRuleLabels(["release": "prometheus-staging"])
                MonitorLabels(["release": "prometheus-staging"])
            }
        }
        let files = try renderInMemory([system])
        func labels(_ path: String, _ kind: String) throws -> YAMLNode? {
            let text = try #require(files[path])
            return try YAML.parse(text).first { $0["kind"]?.scalarText == kind }?["metadata"]?["labels"]
        }
        let prod = try labels("many/prod/kubernetes/slo-rules.yaml", "PrometheusRule")
        #expect(prod == ["app.kubernetes.io/part-of": "many", "app.kubernetes.io/managed-by": "infragen",
                         "example.com/tier": "1", "release": "kube-prometheus-stack"])
        let staging = try labels("many/staging/kubernetes/slo-rules.yaml", "PrometheusRule")
        #expect(staging?["release"] == "prometheus-staging" && staging?["example.com/tier"] == "1")
        let prodMonitor = try labels("many/prod/kubernetes/api.yaml", "PodMonitor")
        let stagingMonitor = try labels("many/staging/kubernetes/api.yaml", "PodMonitor")
        #expect(prodMonitor?["release"] == "kube-prometheus-stack")
        #expect(stagingMonitor?["release"] == "prometheus-staging")
        // Without the settings, the objects carry infragen's labels only.
        let plain = try renderInMemory([Self.manySLOs(1)])
        let plainText = try #require(plain["many/prod/kubernetes/slo-rules.yaml"])
        let plainLabels = try YAML.parse(plainText).first?["metadata"]?["labels"]
        #expect(plainLabels == ["app.kubernetes.io/part-of": "many", "app.kubernetes.io/managed-by": "infragen"])
    }

    /// A group that alone would not fit is refused at its SLO, before any file is written.
    @Test func aGroupThatAloneExceedsTheLimitIsRefusedAtItsSLO() throws {
        // A handler of 6000 bytes is in every SLI expression of the group: about 40 times.
        let long = String(repeating: "x", count: 6000)
        let system = System("huge") {
            SourceRepository("https://git.example.com/huge", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .prod) { Host("huge.example.com"); TLS() }
            Service("api") {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                Route("/api")
                SLO("huge", handler: "/api/\(long)", fileID: "Blueprints/Huge.swift", line: 42) {
                    Availability(.percent(99.9))
                    Latency(.percent(99), under: .milliseconds(500))
                }
            }
        }.description
        let result = try RenderPipeline().render([system], selection: .all)
        #expect(result.plan == nil)
        let errors = result.diagnostics.filter { $0.message.contains("alone makes a PrometheusRule") }
        #expect(errors.count == 1)
        #expect(errors.first?.location == SourceLocation(fileID: "Blueprints/Huge.swift", line: 42))
        #expect(errors.first?.field == "slo[huge]")
    }
}
