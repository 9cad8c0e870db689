import InfragenExampleBlueprints
import Infragen
import InfragenRender
import InfragenTestSupport
import InfragenYAML
import Testing
@testable import InfragenGenerators

/// The gateway as Kubernetes objects (issue 16): per environment with routes, `<system>-gateway.yaml` in the
/// Kubernetes folder; the ConfigMap holds the Nginx folder's files byte for byte, the Deployment mounts them and the
/// TLS Secret where the command line expects them, routed services let in exactly the gateway's pods, and the CPU
/// limit and the workers agree.
@Suite struct GatewayObjectsTests {
    /// Every document of the edge fixture's gateway but the ConfigMap (whose data is the Nginx output, golden there).
    @Test func edgeGatewayMatchesTheGoldenFile() throws {
        let text = try edgeGateway()
        let kinds = ["ServiceAccount", "Certificate", "Deployment", "Service", "HorizontalPodAutoscaler",
                     "PodDisruptionBudget", "NetworkPolicy"]
        assertGolden(kinds.map { document($0, in: text) }.joined(), "kubernetes/gateway-edge.yaml")
        let order = try YAML.parse(text).compactMap { $0["kind"]?.scalarText }
        #expect(order == ["ServiceAccount", "ConfigMap"] + kinds.dropFirst())
    }

    @Test func theConfigMapHoldsTheNginxFilesAndTheDeploymentMountsEachKey() throws {
        let files = try renderInMemory([System.shop.description])
        let gateway = try YAML.parse(try #require(files["shop/prod/kubernetes/shop-gateway.yaml"]))
        let configMap = try #require(gateway.first { $0["kind"] == "ConfigMap" })
        #expect(configMap["immutable"] == true)
        guard case .mapping(let data)? = configMap["data"] else { Issue.record("no data"); return }
        #expect(data.keys == ["nginx.conf", "shop.conf"])
        for key in data.keys {
            #expect(data[key]?.scalarText == files["shop/prod/nginx/\(key)"], "\(key)")
        }
        let name = try #require(configMap["metadata"]?["name"]?.scalarText)
        #expect(name.hasPrefix("shop-gateway-config-") && name.count == "shop-gateway-config-".count + 8)

        let deployment = try #require(gateway.first { $0["kind"] == "Deployment" })
        let pod = try #require(deployment["spec"]?["template"]?["spec"])
        let sources = pod["volumes"]?[0]?["projected"]?["sources"]
        #expect(sources?[0]?["configMap"]?["name"]?.scalarText == name)
        #expect(sources?[0]?["configMap"]?["items"] == [
            ["key": "nginx.conf", "path": "nginx.conf"], ["key": "shop.conf", "path": "shop.conf"],
        ])
        #expect(sources?[1]?["secret"] == [
            "name": "shop-gateway-tls",
            "items": [["key": "tls.crt", "path": "tls/tls.crt"], ["key": "tls.key", "path": "tls/tls.key"]],
        ])
        let container = try #require(pod["containers"]?[0])
        #expect(container["image"] == "nginx:1.22.1-alpine")
        #expect(container["args"] == ["-p", "/gateway/", "-c", "conf/nginx.conf", "-e", "stderr", "-g", "daemon off;"])
        #expect(container["volumeMounts"] == [
            ["name": "conf", "mountPath": "/gateway/conf", "readOnly": true],
            ["name": "tmp", "mountPath": "/gateway/tmp"],
        ])
        #expect(container["securityContext"]?["readOnlyRootFilesystem"] == true)
        #expect(pod["securityContext"]?["runAsUser"] == 10101)
        // nginx.conf's include and ssl_certificate are relative to conf/, its pid and temp paths to the prefix.
        let conf = try #require(files["shop/prod/nginx/nginx.conf"])
        #expect(conf.contains("pid tmp/nginx.pid;") && conf.contains("include /etc/nginx/mime.types;"))
        #expect(try #require(files["shop/prod/nginx/shop.conf"]).contains("ssl_certificate tls/tls.crt;"))
    }

    /// Unprivileged listen ports by default, the Service maps 80 and 443 to them, and HTTP redirects to the 443
    /// clients see.
    @Test func theGatewayListensUnprivilegedBehindPorts80And443() throws {
        let files = try renderInMemory([sampleSystem()])
        let include = try #require(files["sample/prod/nginx/sample.conf"])
        #expect(include.contains("listen 8080 default_server;") && include.contains("listen 8443 ssl http2;"))
        #expect(include.contains("return 308 https://sample.example.com$request_uri;"))
        let gateway = try YAML.parse(try #require(files["sample/prod/kubernetes/sample-gateway.yaml"]))
        let service = try #require(gateway.first { $0["kind"] == "Service" })
        #expect(service["spec"]?["type"] == "LoadBalancer" && service["spec"]?["externalTrafficPolicy"] == "Local")
        #expect(service["spec"]?["ports"] == [
            ["name": "http", "port": 80, "targetPort": "http", "protocol": "TCP"],
            ["name": "https", "port": 443, "targetPort": "https", "protocol": "TCP"],
        ])
        // dev has no TLS: no HTTPS port, no Secret.
        let dev = try YAML.parse(try #require(files["sample/dev/kubernetes/sample-gateway.yaml"]))
        let devDeployment = try #require(dev.first { $0["kind"] == "Deployment" })
        #expect(devDeployment["spec"]?["template"]?["spec"]?["volumes"]?[0]?["projected"]?["sources"]?[1] == nil)
    }

    /// A routed service's NetworkPolicy lets in the gateway's pods by label, in its own namespace; a
    /// `GatewayNamespace` adds that namespace (a gateway infragen does not deploy).
    @Test func routedServicesAdmitExactlyTheGatewaysPods() throws {
        let files = try renderInMemory([sampleSystem(), KubernetesFixtures.edge])
        let policy = try YAML.parse(try #require(files["sample/prod/kubernetes/api.yaml"]))
            .first { $0["kind"] == "NetworkPolicy" }
        #expect(policy?["spec"]?["ingress"]?[0]?["from"] == [["podSelector": ["matchLabels": ["app.kubernetes.io/name": "sample-gateway"]]]])
        let edge = try YAML.parse(try #require(files["edge/prod/kubernetes/api.yaml"])).first { $0["kind"] == "NetworkPolicy" }
        #expect(edge?["spec"]?["ingress"]?[0]?["from"] == [
            ["podSelector": ["matchLabels": ["app.kubernetes.io/name": "edge-gateway"]]],
            ["namespaceSelector": ["matchLabels": ["kubernetes.io/metadata.name": "ingress-nginx"]]],
        ])
        // The gateway's own policy: out to the routed port of api and to the DNS, with the cache's address block.
        let gateway = try YAML.parse(try #require(files["edge/prod/kubernetes/edge-gateway.yaml"]))
            .first { $0["kind"] == "NetworkPolicy" }
        let egress = gateway?["spec"]?["egress"]
        #expect(egress?[0] == ["to": [["podSelector": ["matchLabels": ["app.kubernetes.io/name": "api"]]]],
                               "ports": [["port": 8080, "protocol": "TCP"]]])
        #expect(egress?[1]?["to"]?[1] == ["ipBlock": ["cidr": "169.254.20.10/32"]])
    }

    @Test func workersFollowTheCPULimitOrMustMatchIt() throws {
        func workers(_ components: () -> [any GatewayComponent]) throws -> String? {
            let system = System("w") {
                SourceRepository("https://git.example.com/w", license: "Apache-2.0")
                Defaults { ImageTag("1.0.0") }
                Deploy(to: .prod) { Host("w.example.com") }
                Gateway { components() }
                Service("api") { Port("http", 8080); Health(liveness: "/healthz", readiness: "/readyz"); Route("/api") }
            }.description
            let conf = try renderInMemory([system])["w/prod/nginx/nginx.conf"]
            return conf?.split(separator: "\n").first { $0.hasPrefix("worker_processes") }.map(String.init)
        }
        #expect(try workers { [] } == "worker_processes 1;")
        #expect(try workers { [GatewayResources(limits: (.cores(2.5), .mebibytes(256)))] } == "worker_processes 3;")
        #expect(try workers { [WorkerProcesses(2)] } == "worker_processes 2;")

        let mismatch = System("w") {
            Deploy(to: .prod)
            Gateway {
                GatewayResources(limits: (.cores(1), .mebibytes(256)), fileID: "Blueprints/W.swift", line: 4)
                WorkerProcesses(4, fileID: "Blueprints/W.swift", line: 5)
            }
            Service("api") { Port("http", 8080); Health(liveness: "/healthz", readiness: "/readyz"); Route("/api") }
        }.description
        #expect(mismatch.validate().map(\.description).contains(
            "Blueprints/W.swift:5: error: w: gateway.workerProcesses: 4 workers do not match the gateway's cpu limit 1, which runs 1; remove WorkerProcesses (the limit decides: one worker per core, rounded up) or set the limit to 4 cores"))
    }

    @Test func aServiceNamedLikeTheGatewayIsRefused() {
        let system = System("shop") {
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .prod) { Host("shop.example.com") }
            Service("shop-gateway", fileID: "Blueprints/Clash.swift", line: 7) {
                Port("http", 8080); Health(liveness: "/healthz", readiness: "/readyz"); Route("/api")
            }
        }.description
        #expect(system.validate().map(\.description) == [
            "Blueprints/Clash.swift:7: error: shop/shop-gateway: name: the service is named like the system's gateway, whose Deployment, Service and file are 'shop-gateway'; rename the service",
        ])
    }

    @Test func shutdownPausesThenQuitsGracefullyWithinTheGracePeriod() throws {
        let text = try edgeGateway()
        let deployment = try #require(try YAML.parse(text).first { $0["kind"] == "Deployment" })
        let pod = deployment["spec"]?["template"]?["spec"]
        #expect(pod?["terminationGracePeriodSeconds"] == 28)  // pause 3 + drain 20 + 5
        #expect(pod?["containers"]?[0]?["lifecycle"]?["preStop"]?["exec"]?["command"] == [
            "/bin/sh", "-c",
            "sleep 3; nginx -p /gateway/ -c conf/nginx.conf -e stderr -s quit; while [ -e /gateway/tmp/nginx.pid ]; do sleep 1; done",
        ])
        #expect(deployment["spec"]?["replicas"] == nil)  // the HPA owns the count
        // And the system README gives its one-time step for the move to the HPA, as for a service's.
        let readme = try #require(try renderInMemory([KubernetesFixtures.edge])["edge/README.md"])
        #expect(readme.contains("- prod: `kubectl apply edit-last-applied -n edge-live deployment/edge-gateway`"))
    }

    /// A service outside the cluster at a fixed IPv4 address: the gateway's policy lets out to it, on its port.
    @Test func theGatewayReachesAFixedUpstreamAddress() throws {
        let system = sampleSystem()
        var withAddress = system
        withAddress.gateway.upstreamAddresses = [UpstreamAddressDescription(
            service: "api", host: "10.0.3.7", port: 9443, location: system.location)]
        let files = try renderInMemory([withAddress])
        let policy = try YAML.parse(try #require(files["sample/prod/kubernetes/sample-gateway.yaml"]))
            .first { $0["kind"] == "NetworkPolicy" }
        #expect(policy?["spec"]?["egress"]?[1] == ["to": [["ipBlock": ["cidr": "10.0.3.7/32"]]],
                                                   "ports": [["port": 9443, "protocol": "TCP"]]])
        #expect(try YAML.parse(try #require(renderInMemory([system])["sample/prod/kubernetes/sample-gateway.yaml"]))
            .first { $0["kind"] == "NetworkPolicy" }?["spec"]?["egress"]?[1]?["to"]?[0]?["ipBlock"] == nil)
    }

    /// The whole Nginx configuration is one ConfigMap: over Kubernetes' 1 MiB, the render warns that kubectl apply
    /// would fail (the benchmark's systems of a thousand routed services stay renderable).
    @Test func aGatewayConfigurationOverOneMebibyteIsFlagged() {
        let many = System("many") {
            SourceRepository("https://git.example.com/many", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .prod) { Host("many.example.com") }
            for index in 0..<900 {
                Service("service-\(index)") {
                    Port("http", 8080)
                    Health(liveness: "/healthz", readiness: "/readyz")
                    Route("/api/service-\(index)")
                }
            }
        }.description
        let warnings = KubernetesGenerator().validate(many.resolve()).filter { $0.severity == .warning }
        #expect(warnings.contains { $0.message.contains("more than Kubernetes' 1 MiB") }, "\(warnings)")
        #expect(!KubernetesGenerator().validate(sampleSystem().resolve()).contains { $0.message.contains("1 MiB") })
    }

    @Test func noRoutesNoGateway() throws {
        let files = try renderInMemory([KubernetesFixtures.workloads])
        #expect(!files.keys.contains { $0.contains("-gateway.yaml") })
    }

    func edgeGateway() throws -> String {
        try #require(try kubernetesFiles(KubernetesFixtures.edge)["edge/prod/kubernetes/edge-gateway.yaml"])
    }
}
