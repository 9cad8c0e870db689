import Infragen
import InfragenTestSupport
import InfragenYAML
import Testing
@testable import InfragenGenerators

/// Health checks of every type: the Kubernetes probe each becomes (golden Deployments of the probes fixture, and
/// the fields one by one), the annotations of a service with NoHealthCheck, and the image's HEALTHCHECK or the comment
/// that says why there is none.
@Suite struct HealthProbeTests {
    // MARK: - Golden Deployments

    @Test func grpcDeployment() throws {
        assertGolden(try deployment("cart"), "kubernetes/deployment-grpc.yaml")
    }

    @Test func tcpAndExecDeployment() throws {
        assertGolden(try deployment("redis"), "kubernetes/deployment-tcp-exec.yaml")
    }

    @Test func httpsWithHeadersDeployment() throws {
        assertGolden(try deployment("admin"), "kubernetes/deployment-https-headers.yaml")
    }

    @Test func deploymentWithoutHealthCheck() throws {
        assertGolden(try deployment("loadgenerator"), "kubernetes/deployment-no-health-check.yaml")
    }

    // MARK: - Each type of check

    /// gRPC takes the port's number (the API has no port name here) and, when given, the service to ask about.
    @Test func grpcProbesUseThePortNumber() throws {
        let container = try Self.container("cart")
        #expect(container["livenessProbe"]?["grpc"] == ["port": 7070])
        #expect(container["readinessProbe"]?["grpc"] == ["port": 7070])
        #expect(container["startupProbe"]?["grpc"] == ["port": 7070, "service": "hipstershop.CartService"])
        // Timings stay settings: the readiness probe's period is the blueprint's, the rest built in.
        #expect(container["readinessProbe"]?["periodSeconds"] == 15)
        #expect(container["livenessProbe"]?["initialDelaySeconds"] == 10)
        #expect(container["startupProbe"]?["failureThreshold"] == 30)
    }

    @Test func tcpProbesNameThePortAndCommandsRunInTheContainer() throws {
        let container = try Self.container("redis")
        #expect(container["livenessProbe"]?["tcpSocket"] == ["port": "redis"])
        #expect(container["readinessProbe"]?["exec"] == ["command": ["redis-cli", "ping"]])
        #expect(container["startupProbe"] == nil)
        #expect(container["livenessProbe"]?["httpGet"] == nil && container["readinessProbe"]?["tcpSocket"] == nil)
    }

    @Test func httpProbesCarryTheirSchemeAndHeadersInOrder() throws {
        let container = try Self.container("admin")
        #expect(container["livenessProbe"]?["httpGet"] == [
            "path": "/healthz", "port": "https", "scheme": "HTTPS",
            "httpHeaders": [["name": "Host", "value": "admin.internal"], ["name": "X-Probe", "value": "kubelet"]],
        ])
        #expect(container["readinessProbe"]?["httpGet"] == ["path": "/readyz", "port": "https", "scheme": "HTTPS"])
    }

    /// Plain HTTP writes neither the default scheme nor an empty header list: the shop's manifests keep their bytes.
    @Test func plainHTTPWritesOnlyPathAndPort() throws {
        let files = try kubernetesFiles(sampleSystem { Health(.http("/healthz", port: "http"), startup: .http("/up")) })
        let text = try #require(files["sample/prod/kubernetes/api.yaml"])
        let deployment = try #require(try YAML.parse(text).first { $0["kind"] == "Deployment" })
        let container = try #require(deployment["spec"]?["template"]?["spec"]?["containers"]?[0])
        #expect(container["livenessProbe"]?["httpGet"] == ["path": "/healthz", "port": "http"])
        #expect(container["readinessProbe"]?["httpGet"] == ["path": "/healthz", "port": "http"])
        #expect(container["startupProbe"]?["httpGet"] == ["path": "/up", "port": "http"])
    }

    // MARK: - No health check

    @Test func noHealthCheckWritesItsReasonAndTheCheckovSkips() throws {
        let deployment = try Self.deploymentNode("loadgenerator")
        let reason = "load generator: nothing depends on it and a restart loses nothing (restarts=0 matters not)"
        // checkov stops at a second '=' in a skip: its copy of the reason has the full-width one.
        let checkovReason = "load generator: nothing depends on it and a restart loses nothing (restarts\u{FF1D}0 matters not)"
        #expect(deployment["metadata"]?["annotations"] == [
            "health.infragen.io/no-health-check": .string(reason),
            "checkov.io/skip1": .string("CKV_K8S_8=\(checkovReason)"),
            "checkov.io/skip2": .string("CKV_K8S_9=\(checkovReason)"),
        ])
        let container = try #require(deployment["spec"]?["template"]?["spec"]?["containers"]?[0])
        for probe in ["livenessProbe", "readinessProbe", "startupProbe"] { #expect(container[probe] == nil) }
    }

    /// The skips are numbered on from the security exemptions'; the canary's Deployment carries them too.
    @Test func noHealthCheckSkipsFollowTheExemptionsAndReachTheCanary() throws {
        let system = System("s") {
            SourceRepository("https://git.example.com/s", license: "MIT")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .prod) { Host("s.example.com"); Canary(.percent(10)) }
            Service("api") {
                Port("http", 8080)
                Route("/")
                NoHealthCheck(because: "a demo")
                Exempt(.writableRootFilesystem, because: "caches")
            }
        }.description
        let text = try #require(try kubernetesFiles(system)["s/prod/kubernetes/api.yaml"])
        let deployments = try YAML.parse(text).filter { $0["kind"] == "Deployment" }
        #expect(deployments.count == 2)
        for deployment in deployments {
            #expect(deployment["metadata"]?["annotations"] == [
                "security.infragen.io/writable-root-filesystem": "caches",
                "health.infragen.io/no-health-check": "a demo",
                "checkov.io/skip1": "CKV_K8S_22=caches",
                "checkov.io/skip2": "CKV_K8S_8=a demo",
                "checkov.io/skip3": "CKV_K8S_9=a demo",
            ])
        }
    }

    // MARK: - The image's HEALTHCHECK

    /// Only a plain HTTP liveness probe becomes a HEALTHCHECK (with its headers); any other check is named in the
    /// comment that says why there is none.
    @Test func theImageChecksItselfOnlyOverPlainHTTP() throws {
        let system = System("images") {
            SourceRepository("https://git.example.com/images", license: "MIT")
            Defaults { ImageTag("1.0.0"); Base(.alpine("3.19")) }
            Deploy(to: .prod)
            Service("headers") {
                Port("http", 8080)
                Health(.http("/healthz", headers: ["Host": "api.internal"]))
            }
            Service("grpc") {
                Port("grpc", 7070)
                Health(liveness: .grpc(port: "grpc"), readiness: .http("/ready", port: "grpc"))
            }
            Service("tcp") { Port("redis", 6379); Health(.tcp()) }
            Service("tls") { Port("https", 8443); Health(.http("/healthz", scheme: .https)) }
            Service("command") { Health(.exec(["/app/server", "-check"])) }
            Service("none") { NoHealthCheck(because: "a demo") }
        }.description
        let files = try DockerfileGenerator().generate(system.resolve())
        func comments(_ service: String) -> [String] {
            let text = files.first { $0.path == "images/docker/\(service)/Dockerfile" }?.contents ?? ""
            let lines = text.split(separator: "\n").map(String.init)
            guard let start = lines.firstIndex(where: { $0.contains("HEALTHCHECK") || $0.contains("busybox wget") })
            else { return [] }
            return Array(lines[start...].prefix { !$0.hasPrefix("ENTRYPOINT") })
        }
        #expect(comments("headers") == [
            "# busybox wget is part of the base image, so the image can check itself (outside Kubernetes too).",
            "HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \\",
            "    CMD [\"wget\", \"-q\", \"--header\", \"Host: api.internal\", \"-O\", \"/dev/null\", \"http://127.0.0.1:8080/healthz\"]",
        ])
        #expect(comments("grpc") == [
            "# No HEALTHCHECK: infragen writes one for a plain HTTP liveness probe only, and this one is gRPC on port grpc.",
            "# Kubernetes ignores HEALTHCHECK anyway; its liveness (gRPC) and readiness (/ready) probes",
            "# on port grpc do that job.",
        ])
        #expect(comments("tcp") == [
            "# No HEALTHCHECK: infragen writes one for a plain HTTP liveness probe only, and this one is TCP on port redis.",
            "# Kubernetes ignores HEALTHCHECK anyway; its liveness (TCP) and readiness (TCP) probes",
            "# on port redis do that job.",
        ])
        #expect(comments("tls").first
            == "# No HEALTHCHECK: infragen writes one for a plain HTTP liveness probe only, and this one is HTTPS /healthz on port https.")
        #expect(comments("command") == ["# No HEALTHCHECK: the blueprint declares no health endpoint."])
        #expect(comments("none") == [
            "# No HEALTHCHECK: the blueprint says the service needs no health check (NoHealthCheck).",
        ])
    }

    // MARK: - Helpers

    func deployment(_ service: String) throws -> String {
        let files = try kubernetesFiles(KubernetesFixtures.probes)
        return document("Deployment", in: try #require(files["probes/prod/kubernetes/\(service).yaml"]))
    }

    static func deploymentNode(_ service: String) throws -> YAMLNode {
        let files = try kubernetesFiles(KubernetesFixtures.probes)
        let text = try #require(files["probes/prod/kubernetes/\(service).yaml"])
        return try #require(try YAML.parse(text).first { $0["kind"] == "Deployment" })
    }

    static func container(_ service: String) throws -> YAMLNode {
        let deployment = try deploymentNode(service)
        return try #require(deployment["spec"]?["template"]?["spec"]?["containers"]?[0])
    }
}
