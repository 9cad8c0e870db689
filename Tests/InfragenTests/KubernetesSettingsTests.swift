import Infragen
import Testing

/// The Kubernetes settings resolve like every other setting: built-in, then defaults, the service, the
/// environment and the service's override, each field on its own.
@Suite struct KubernetesSettingsTests {
    static let system = System("s") {
        Defaults {
            ImageTag("1.0.0")
            GatewayNamespace("edge")
            Probe(.liveness, failureThreshold: 5)
        }
        Deploy(to: .dev) {
            MetricsScraper.none()
        }
        Deploy(to: .prod) {
            PodSecurity("latest")
            Spread(across: "topology.kubernetes.io/zone", whenUnsatisfiable: .doNotSchedule)
        }
        Service("api") {
            Port("http", 8080)
            Health(liveness: "/healthz", readiness: "/readyz")
            Role("frontend")
            TmpVolume(size: .mebibytes(256))
            Override(.prod) { GatewayNamespace("ingress"); DisruptionBudget(maxUnavailable: 2) }
        }
        Service("worker") {
            HealthCommand("/app/worker", "-check")
        }
    }.description

    @Test func builtInValuesHoldUnlessSet() throws {
        let worker = try #require(Self.system.resolve().environments[0].service(named: "worker"))
        #expect(worker.role == "worker")
        #expect(worker.probes.readiness == SettingKey.readinessProbe.fixedBuiltIn)
        #expect(worker.tmpVolumeSize == .mebibytes(64))
        #expect(worker.disruptionBudget.maxUnavailable == 1)
        #expect(worker.topologySpread == SettingKey.topologySpread.fixedBuiltIn)
        #expect(worker.clusterDNS.peer?.namespace == "kube-system" && worker.clusterDNS.cidrs.isEmpty && worker.clusterDNS.port == 53)
        // HealthCommand is a command for liveness and readiness, and no startup probe.
        #expect(worker.health?.liveness == .exec(command: ["/app/worker", "-check"]))
        #expect(worker.health?.readiness == worker.health?.liveness && worker.health?.startup == nil)
    }

    @Test func eachLayerChangesOnlyWhatItSets() throws {
        let environments = Self.system.resolve().environments
        let dev = try #require(environments[0].service(named: "api"))
        let prod = try #require(environments[1].service(named: "api"))
        #expect(dev.role == "frontend" && dev.tmpVolumeSize == .mebibytes(256))
        // A partial probe timing keeps the built-in values it does not name.
        #expect(dev.probes.liveness == ProbeTiming(
            initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 5))
        #expect(dev.gatewayNamespace == "edge" && prod.gatewayNamespace == "ingress")
        #expect(dev.metricsScraper == nil && SettingKey<NetworkPeer?>.metricsScraper.fixedBuiltIn == .some(prod.metricsScraper))
        #expect(dev.topologySpread.topologyKey == "kubernetes.io/hostname")
        #expect(prod.topologySpread.topologyKey == "topology.kubernetes.io/zone")
        #expect(prod.topologySpread.whenUnsatisfiable == .doNotSchedule)
        #expect(prod.disruptionBudget.maxUnavailable == 2 && dev.disruptionBudget.maxUnavailable == 1)
        #expect(environments[0].podSecurityVersion == "v1.30" && environments[1].podSecurityVersion == "latest")
    }

    @Test func labelSyntax() {
        #expect(TextRules.isLabelKey("app.kubernetes.io/name") && TextRules.isLabelKey("k8s-app"))
        #expect(!TextRules.isLabelKey("a/b/c") && !TextRules.isLabelKey("Bad_Prefix/x") && !TextRules.isLabelKey("/x"))
        #expect(TextRules.isLabelValue("") && TextRules.isLabelValue("v1.2_3-rc"))
        #expect(!TextRules.isLabelValue("-x") && !TextRules.isLabelValue("x.") && !TextRules.isLabelValue("a b"))
        #expect(!TextRules.isLabelValue(String(repeating: "a", count: 64)))
    }

    @Test func validSettingsRaiseNothing() {
        #expect(Self.system.validate().isEmpty)
    }
}
