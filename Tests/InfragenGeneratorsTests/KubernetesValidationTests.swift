import InfragenExampleBlueprints
import Infragen
import InfragenTestSupport
import Testing
@testable import InfragenGenerators

/// Bad input is a located diagnostic, word for word, and no file at all: the cases the issue names, what the
/// Kubernetes generator refuses on top of the model's checks, and the checks of the Kubernetes settings.
@Suite struct KubernetesValidationTests {
    static let file = "Tests/InfragenGeneratorsTests/KubernetesValidationTests.swift"

    // MARK: - The issue's cases

    @Test func portOutOfRange() {
        let line = #line; let system = sampleSystem { Port("admin", 70000) }
        #expect(errors(system) == [
            "\(Self.file):\(line): error: sample/api: ports[admin].number: port 70000 is outside 1-65535; "
                + "use the port the service listens on, e.g. 8080",
        ])
    }

    @Test func probePathWithoutLeadingSlash() {
        let line = #line; let system = sampleSystem { Health(liveness: "healthz", readiness: "/readyz") }
        #expect(errors(system) == [
            "\(Self.file):\(line): error: sample/api: health.liveness: probe path 'healthz' is not a URL path; "
                + "start it with '/' and use no spaces, quotes, '#', '?', ';' or braces",
        ])
    }

    @Test func autoscalerMinimumAboveMaximum() {
        let line = #line; let system = sampleSystem { Autoscale(min: 5, max: 2) }
        #expect(errors(system) == ["dev", "prod"].map {
            "\(Self.file):\(line): error: sample/\($0)/api: autoscaling.max: the autoscaler maximum 2 is below its "
                + "minimum 5; raise the maximum or lower the minimum"
        })
    }

    @Test func secretKeyThatIsNotAKey() {
        let line = #line; let system = sampleSystem { Env("TOKEN", secret: "api-secrets", key: "api key") }
        #expect(errors(system) == [
            "\(Self.file):\(line): error: sample/api: env[TOKEN]: 'api key' is not a valid Secret key; "
                + "use letters, digits, '-', '_' and '.'",
        ])
    }

    // MARK: - What the generator refuses

    @Test func serviceNamedLikeAnEnvironmentFile() {
        let line = #line; let system = oneService("namespace") {
            Port("http", 8080); Health(liveness: "/a", readiness: "/b")
        }
        #expect(errors(system) == [
            "\(Self.file):\(line): error: t/namespace: name: 'namespace' is the name of a file or object every "
                + "environment folder has; name the service differently",
        ])
    }

    @Test func serviceWithoutHealthChecks() {
        let line = #line; let system = oneService("worker") { Replicas(1) }
        #expect(errors(system) == [
            "\(Self.file):\(line): error: t/worker: health: the service has no health checks, so Kubernetes cannot "
                + "tell a hung pod from a healthy one; add Health(liveness:readiness:) for an HTTP service, "
                + "Health(.grpc(port:)) or Health(.tcp(port:)) for others, HealthCommand(…) for a worker, or "
                + "NoHealthCheck(because:) with the reason it needs none",
        ])
    }

    @Test func probesOnAUDPPort() {
        let line = #line; let system = sampleSystem {
            Port("dns", 5353, transport: .udp); Health(liveness: "/healthz", readiness: "/readyz", port: "dns")
        }
        #expect(errors(system) == [
            "\(Self.file):\(line + 1): error: sample/api: health.port: the probes use port 'dns', which is UDP, not "
                + "TCP; probe a TCP port that serves HTTP",
        ])
    }

    @Test func rolloutShareThatIsNotAWholePercentage() {
        let line = #line; let system = oneService("api", rollout: Rollout(maxSurge: .percent(12.5))) {
            Port("http", 8080); Health(liveness: "/a", readiness: "/b")
        }
        #expect(errors(system) == [
            "\(Self.file):\(line): error: t/prod: rollout.maxSurge: Kubernetes takes whole percentages only, not "
                + "12.5 %; round it to a whole percent",
        ])
    }

    @Test func autoscalerTargetThatIsNotAWholePercentage() {
        let line = #line; let system = sampleSystem { Autoscale(min: 2, max: 4, cpu: .percent(70.5)) }
        #expect(errors(system) == ["dev", "prod"].map {
            "\(Self.file):\(line): error: sample/\($0)/api: autoscaling.cpu: the HorizontalPodAutoscaler takes a "
                + "whole percentage, not 70.5 %; round it to a whole percent"
        })
    }

    @Test func configMountedOverTmpOrASystemDirectory() {
        let line = #line; let system = sampleSystem {
            ConfigFile("a.conf", mountedIn: "/tmp/", contents: "a")
            ConfigFile("b.conf", mountedIn: "/etc", contents: "b")
        }
        #expect(errors(system) == [
            "\(Self.file):\(line + 1): error: sample/api: configFiles[a.conf].mountDirectory: /tmp is already the "
                + "writable scratch volume; mount config under a folder of its own, e.g. /etc/api",
            "\(Self.file):\(line + 2): error: sample/api: configFiles[b.conf].mountDirectory: mounting config over "
                + "/etc hides the image's own files there; mount config under a folder of its own, e.g. /etc/api",
        ])
    }

    /// The binary runs from /app/server: a config mount on its folder or any folder above it hides it, one on the
    /// binary's own path replaces it, and one under it cannot be made (the binary is a file). A folder beside it is
    /// fine.
    @Test(arguments: [
        ("/app", "mounting config over /app hides the service's binary /app/server"),
        ("/app/", "mounting config over /app hides the service's binary /app/server"),
        ("/app/server", "mounting config over /app/server hides the service's binary /app/server"),
        ("/app/server/conf", "/app/server/conf lies under the service's binary /app/server, which is a file"),
        ("/app/config", nil),
    ])
    func configMountedOverTheBinary(_ directory: String, _ message: String?) {
        let line = #line; let system = sampleSystem { ConfigFile("a.conf", mountedIn: directory, contents: "a") }
        guard let message else {
            #expect(throws: Never.self) { try renderInMemory([system]) }
            return
        }
        #expect(errors(system) == [
            "\(Self.file):\(line): error: sample/api: configFiles[a.conf].mountDirectory: \(message); "
                + "mount config under a folder of its own, e.g. /etc/api",
        ])
    }

    @Test func nestedConfigDirectories() {
        let line = #line; let system = sampleSystem {
            ConfigFile("a.conf", mountedIn: "/etc/api", contents: "a")
            ConfigFile("b.conf", mountedIn: "/etc/api/rules", contents: "b")
        }
        #expect(errors(system) == [
            "\(Self.file):\(line + 2): error: sample/api: configFiles[b.conf].mountDirectory: /etc/api/rules and "
                + "/etc/api are nested, and config mounts are read-only; mount the files in one directory, or in "
                + "directories side by side",
        ])
    }

    @Test func configFileNameKubernetesKeepsForItself() {
        let line = #line; let system = sampleSystem { ConfigFile("..data", mountedIn: "/etc/api", contents: "a") }
        #expect(errors(system) == [
            "\(Self.file):\(line): error: sample/api: configFiles[..data]: a mounted file name cannot start with "
                + "'..'; Kubernetes keeps those names for its own bookkeeping; rename the file",
        ])
    }

    @Test func configFileAndConfigVariableWithOneKey() {
        let line = #line; let system = sampleSystem {
            Env("LOG_LEVEL", config: "info"); ConfigFile("LOG_LEVEL", mountedIn: "/etc/api", contents: "a")
        }
        #expect(errors(system) == ["dev", "prod"].map {
            "\(Self.file):\(line + 1): error: sample/\($0)/api: configFiles[LOG_LEVEL]: the ConfigMap already has the "
                + "key 'LOG_LEVEL' for an environment variable; rename the file or the variable"
        })
    }

    @Test func configMapOverOneMebibyte() {
        let big = String(repeating: "x", count: 1_048_577)
        let line = #line; let system = sampleSystem { ConfigFile("big.txt", mountedIn: "/etc/api", contents: big) }
        #expect(errors(system) == ["dev", "prod"].map {
            "\(Self.file):\(line): error: sample/\($0)/api: configFiles: the ConfigMap would hold 1048584 bytes, more "
                + "than Kubernetes' 1 MiB; keep large files in the image or a volume"
        })
    }

    @Test func instanceLabelOverSixtyThreeCharacters() {
        let name = String(repeating: "a", count: 60)
        let line = #line; let system = oneService(name) { Port("http", 8080); Health(liveness: "/a", readiness: "/b") }
        #expect(errors(system) == [
            "\(Self.file):\(line): error: t/prod/\(name): name: the instance label '\(name)-prod' is longer than 63 "
                + "characters; shorten the service or the environment name",
        ])
    }

    @Test func imageTagThatCannotBeALabel() {
        let line = #line; let system = sampleSystem { ImageTag("_build") }
        #expect(errors(system) == ["dev", "prod"].map {
            "\(Self.file):\(line): error: sample/\($0)/api: image.tag: the tag '_build' cannot be the "
                + "app.kubernetes.io/version label; use at most 63 characters, starting and ending with a letter or "
                + "digit"
        })
    }

    @Test func exemptionDeclaredTwice() {
        let line = #line; let system = sampleSystem {
            Exempt(.writableRootFilesystem, because: "one"); Exempt(.writableRootFilesystem, because: "two")
        }
        #expect(errors(system) == ["dev", "prod"].map {
            "\(Self.file):\(line + 1): error: sample/\($0)/api: security.exemptions[writable-root-filesystem]: the "
                + "exemption is declared twice; declare it once, with one reason"
        })
    }

    @Test func disruptionBudgetThatAllowsEveryPodDownIsAWarning() throws {
        let line = #line; let system = sampleSystem { DisruptionBudget(maxUnavailable: 2) }
        let diagnostics = KubernetesGenerator().validate(system.resolve())
        #expect(diagnostics.map(\.description) == [
            "\(Self.file):\(line): warning: sample/prod/api: disruptionBudget.maxUnavailable: a drain may take down 2 "
                + "of 2 pods, that is all of them; allow fewer pods down than the service runs "
                + "[Acknowledge(.drainTakesAllPods, because: …)]",
        ])
        #expect(try renderInMemory([system]).count > 0)
    }

    // MARK: - Kubernetes settings in the model

    @Test func settingsOutOfRange() {
        let line = #line; let system = sampleSystem {
            Probe(.readiness, periodSeconds: 0)
            DisruptionBudget(maxUnavailable: 0)
            Spread(across: "not a key!", maxSkew: 0)
            TmpVolume(size: .bytes(0))
            GatewayNamespace("-bad")
            MetricsScraper(namespace: "Monitoring", podLabels: ["app": "-x"])
            ClusterDNS(namespace: "kube-system", podLabels: ["k8s-app": "kube-dns"], port: 0)
        }
        let at = { (offset: Int) in "\(Self.file):\(line + offset): error: sample/api: " }
        #expect(errors(system) == [
            at(1) + "probes.readiness.periodSeconds: 0s is outside 1-3600s; Kubernetes counts probe times in whole "
                + "seconds, at least 1",
            at(2) + "disruptionBudget.maxUnavailable: a budget of 0 unavailable pods blocks every node drain; allow at "
                + "least 1",
            at(3) + "topologySpread.maxSkew: the skew must be at least 1; use 1 for an even spread",
            at(3) + "topologySpread.topologyKey: 'not a key!' is not a node label key; use e.g. kubernetes.io/hostname "
                + "or topology.kubernetes.io/zone",
            at(4) + "tmpVolume.size: the /tmp size 0 is outside 1 byte to 1Ti; use e.g. .mebibytes(64)",
            at(5) + "gatewayNamespace: '-bad' is not a valid Kubernetes namespace; use at most 63 lower-case letters, "
                + "digits and '-', starting and ending with a letter or digit",
            at(6) + "metricsScraper.namespace: 'Monitoring' is not a valid Kubernetes namespace; use at most 63 "
                + "lower-case letters, digits and '-', starting and ending with a letter or digit",
            at(6) + "metricsScraper.podLabels: '-x' is not a valid value for label 'app'; use at most 63 letters, "
                + "digits, '-', '_' and '.'",
            at(7) + "clusterDNS.port: port 0 is outside 1-65535; use the port the DNS pods listen on, e.g. 53",
        ])
    }

    @Test func roleHealthCommandAndPodSecurityVersion() {
        let line = #line; let system = sampleSystem {
            Role("Front End")
            HealthCommand()
        }
        #expect(errors(system) == [
            "\(Self.file):\(line + 1): error: sample/api: role: 'Front End' is not a valid label value; use at most "
                + "63 letters, digits, '-', '_' and '.', e.g. frontend",
            "\(Self.file):\(line + 2): error: sample/api: healthCommand: the health command is empty; name the "
                + "program and its arguments, e.g. HealthCommand(\"/app/worker\", \"-healthcheck\")",
            "\(Self.file):\(line + 2): error: sample/api: healthCommand: the service has both HTTP health checks and "
                + "a health command; keep Health(…) for a service that serves HTTP, HealthCommand(…) for one that "
                + "does not",
        ])
        let versionLine = #line; let pinned = oneService("api", podSecurity: PodSecurity("1.30")) {
            Port("http", 8080); Health(liveness: "/a", readiness: "/b")
        }
        #expect(errors(pinned) == [
            "\(Self.file):\(versionLine): error: t/prod: podSecurity: '1.30' is not a Pod Security Standards version; "
                + "write it like v1.30, or latest",
        ])
    }

    // MARK: - Valid blueprints

    @Test func blueprintsAndFixturesAreClean() {
        for system in [
            System.shop.description, System.storefront.description, System.polyglot.description,
            KubernetesFixtures.edge, KubernetesFixtures.probes, KubernetesFixtures.workloads,
        ] {
            #expect(system.validate().errors.isEmpty, "\(system.name)")
            #expect(KubernetesGenerator().validate(system.resolve()).isEmpty, "\(system.name)")
        }
    }

    // MARK: - Helpers

    /// The errors of a render that must fail (and so writes nothing), as the command line prints them.
    func errors(_ system: SystemDescription, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [String] {
        do {
            let files = try renderInMemory([system])
            Issue.record("rendered \(files.count) files; expected errors", sourceLocation: sourceLocation)
            return []
        } catch let failed as RenderFailed {
            return failed.diagnostics.errors.map(\.description)
        } catch {
            Issue.record("\(error)", sourceLocation: sourceLocation)
            return []
        }
    }

    /// A system `t` with one service and one environment, prod.
    func oneService(
        _ name: String, rollout: Rollout? = nil, podSecurity: PodSecurity? = nil,
        fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, @ListBuilder<any ServiceComponent> _ body: () -> [any ServiceComponent]
    ) -> SystemDescription {
        let components = body()
        return System("t", fileID: fileID, filePath: filePath, line: line) {
            SourceRepository("https://git.example.com/t", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .prod, fileID: fileID, filePath: filePath, line: line) {
                if let rollout { rollout }
                if let podSecurity { podSecurity }
            }
            Service(name, fileID: fileID, filePath: filePath, line: line) { components }
        }.description
    }
}
