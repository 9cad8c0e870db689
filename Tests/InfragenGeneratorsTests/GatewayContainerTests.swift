import Foundation
import Infragen
import InfragenRender
import InfragenTestSupport
import InfragenYAML
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The gateway's container as it will run (issue 16): an nginx image built offline from Debian 12's nginx package
/// (1.22.1 with OpenSSL 3.0, the default target) with buildah, run by podman exactly as the generated Deployment
/// says, every field read from the generated YAML: its user and group, a read-only root, the emptyDir as a tmpfs, the
/// ConfigMap's items and a self-signed pair at the projected volume's paths, its command and arguments, in a pod
/// whose network namespace a small upstream shares on 127.0.0.1 (the routed service's address in the blueprint).
/// Then a probe, a 308, a routed HTTPS request, and the preStop hook, after which nginx exits by itself.
/// Part of DockerImageBuildTests' serialized suite: both use the images in .image-test-state/ (cold: the Debian base
/// and the nginx image, about 2 minutes; warm: seconds).
extension DockerImageBuildTests {
    static let gatewayImage = "localhost/infragen-gateway-nginx:1.22.1-bookworm"

    /// One routed service, at 127.0.0.1:9000 for the gateway, TLS in prod, a short shutdown.
    static let gatewaySystem = System("gwtest", fileID: "Tests/GatewayContainer.swift", line: 1) {
        SourceRepository("https://git.example.com/gwtest", license: "Apache-2.0")
        Defaults { ImageTag("1.0.0") }
        Deploy(to: .prod) { Host("gateway.test.example"); TLS() }
        Gateway {
            GatewayImage(gatewayImage)
            UpstreamAddress(for: "echo", host: "127.0.0.1", port: 9000)
            GatewayShutdown(pause: .seconds(1), drain: .seconds(5))
        }
        Service("echo") {
            Port("http", 8080)
            Health(liveness: "/healthz", readiness: "/readyz")
            Route("/api/echo")
        }
    }.description

    @Test(.enabled(if: canRun, Comment(rawValue: "skipped: needs root and buildah, podman, runc, debootstrap, curl (run `bash .ci/run`)")),
          .timeLimit(.minutes(30)))
    func gatewayContainerRunsAsItsDeploymentSays() throws {
        for tool in Self.tools + ["openssl"] { _ = try ExternalTool.path(tool) }
        #expect(getuid() == 0, "buildah and podman run rootful here: run the test as root")
        let files = try renderInMemory([Self.gatewaySystem])
        let documents = try YAML.parse(try #require(files["gwtest/prod/kubernetes/gwtest-gateway.yaml"]))
        let deployment = try #require(documents.first { $0["kind"] == "Deployment" })
        let configMap = try #require(documents.first { $0["kind"] == "ConfigMap" })
        let pod = try #require(deployment["spec"]?["template"]?["spec"])
        let container = try #require(pod["containers"]?[0])
        func text(_ node: YAMLNode?) throws -> String { try #require(node?.scalarText) }
        func list(_ node: YAMLNode?) throws -> [YAMLNode] {
            guard case .sequence(let items)? = node else { throw GatewaySpecMissing(what: "\(String(describing: node))") }
            return items
        }

        // The mounts, by the volumes they name.
        var confMount = "", tmpMount = "", tmpSize = ""
        var items: [(key: String, path: String, secret: Bool)] = []
        for mount in try list(container["volumeMounts"]) {
            let name = try text(mount["name"])
            let volume = try #require(try list(pod["volumes"]).first { $0["name"]?.scalarText == name })
            if let sources = volume["projected"]?["sources"] {
                confMount = try text(mount["mountPath"])
                #expect(mount["readOnly"] == true)
                for source in try list(sources) {
                    let secret = source["secret"] != nil
                    for item in try list((source["configMap"] ?? source["secret"])?["items"]) {
                        items.append((try text(item["key"]), try text(item["path"]), secret))
                    }
                }
            } else if let emptyDir = volume["emptyDir"] {
                tmpMount = try text(mount["mountPath"])
                tmpSize = try text(emptyDir["sizeLimit"]).replacingOccurrences(of: "Mi", with: "m")
            }
        }
        #expect(container["securityContext"]?["readOnlyRootFilesystem"] == true)
        let ports = Dictionary(uniqueKeysWithValues: try list(container["ports"]).map {
            (try text($0["name"]), try text($0["containerPort"]))
        })
        let preStop = try list(container["lifecycle"]?["preStop"]?["exec"]?["command"])
        #expect(preStop.count == 3 && preStop[0] == "/bin/sh" && preStop[1] == "-c")
        let entrypoint = try list(container["command"]).map { "\"\(try text($0))\"" }.joined(separator: ",")

        let root = repositoryRoot()
        let state = ProcessInfo.processInfo.environment["IMAGE_TEST_STATE"]
            ?? root.appendingPathComponent(".image-test-state").path
        let environment = ["IMAGE_TEST_STATE": state]
        let images = root.appendingPathComponent("Tests/Fixtures/image-build")
        try withTemporaryFolder { spec in
            var specFiles: [(String, String)] = [
                ("spec.env", [
                    "IMAGE=\(try text(container["image"]))",
                    "USER_ID=\(try text(pod["securityContext"]?["runAsUser"]))",
                    "GROUP_ID=\(try text(pod["securityContext"]?["runAsGroup"]))",
                    "CONF_MOUNT=\(confMount)", "TMP_MOUNT=\(tmpMount)", "TMP_SIZE=\(tmpSize)",
                    "HTTP_PORT=\(try #require(ports["http"]))", "HTTPS_PORT=\(try #require(ports["https"]))",
                    "PROBE_PATH=\(try text(container["readinessProbe"]?["httpGet"]?["path"]))",
                    "HOST=gateway.test.example", "ROUTE=/api/echo",
                    "TLS_CERT=\(try #require(items.first { $0.key == "tls.crt" && $0.secret }).path)",
                    "TLS_KEY=\(try #require(items.first { $0.key == "tls.key" && $0.secret }).path)",
                    "GRACE=\(try text(pod["terminationGracePeriodSeconds"]))",
                ].joined(separator: "\n") + "\n"),
                ("entrypoint.json", "[\(entrypoint)]"),
                ("args", try list(container["args"]).map { try text($0) }.joined(separator: "\n") + "\n"),
                ("prestop", try text(preStop[2])),
                ("upstream.conf", Self.upstreamConf),
            ]
            for item in items where !item.secret {
                specFiles.append(("conf/\(item.path)", try text(configMap["data"]?[item.key])))
            }
            try writeFiles(specFiles, under: spec)

            let prepare = try runProcess("/bin/bash", [images.appendingPathComponent("image-test.sh").path, "prepare"],
                                         in: root, environment: environment, timeout: .seconds(1500))
            Self.log(prepare)
            try #require(prepare.status == 0, "\(prepare)")
            let harness = images.appendingPathComponent("gateway-test.sh").path
            let build = try runProcess("/bin/bash", [harness, "build", Self.gatewayImage], in: root,
                                       environment: environment, timeout: .seconds(1200))
            Self.log(build)
            try #require(build.status == 0, "\(build)")
            let run = try runProcess("/bin/bash", [harness, "run", spec.path], in: root, environment: environment,
                                     timeout: .seconds(300))
            Self.log(run)
            #expect(run.status == 0 && !run.stdout.contains("FAIL "), "\(run)")
            for check in ["the probe /healthz answers ok", "nginx runs as 10101", "the root filesystem is read-only",
                          "HTTP redirects to the public HTTPS port with 308", "a routed request over HTTPS reaches the upstream",
                          "after the preStop hook nginx exits by itself, with status 0"] {
                #expect(run.stdout.contains("PASS \(check)"), "missing check '\(check)':\n\(run.stdout)")
            }
            #expect(run.stdout.contains("nginx version: nginx/1.22.1") && run.stdout.contains("built with OpenSSL 3.0"),
                    "the image is not the target's nginx 1.22.1 with OpenSSL 3.0:\n\(run.stdout)")
        }
    }

    /// The routed service: nginx on 127.0.0.1:9000, saying what it received.
    static let upstreamConf = """
        pid /tmp/upstream.pid;
        error_log stderr warn;
        events {}
        http {
            client_body_temp_path /tmp/client_body;
            proxy_temp_path /tmp/proxy;
            fastcgi_temp_path /tmp/fastcgi;
            uwsgi_temp_path /tmp/uwsgi;
            scgi_temp_path /tmp/scgi;
            access_log off;
            server {
                listen 127.0.0.1:9000;
                location / {
                    default_type text/plain;
                    return 200 "upstream $request_method $request_uri xff=$http_x_forwarded_for\\n";
                }
            }
        }

        """
}

struct GatewaySpecMissing: Error, CustomStringConvertible {
    let what: String
    var description: String { "the generated Deployment lacks a field the test reads: \(what)" }
}
