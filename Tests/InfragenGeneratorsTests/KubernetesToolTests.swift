import InfragenExampleBlueprints
import Foundation
import Infragen
import InfragenRender
import InfragenTestSupport
import InfragenYAML
import Testing

/// The real validators over the real output: the shop, the storefront, the polyglot system and the edge and probes
/// fixtures rendered in memory into a temporary folder, then `kubernetes-validate --strict` (Kubernetes 1.30 and 1.37
/// schemas, offline), `kubectl kustomize` per environment folder, checkov with the committed config and yamllint with
/// the committed config. Each validator also gets a broken manifest, to show that it does fail.
@Suite(.serialized) struct KubernetesToolTests {
    static let systems = [
        System.shop.description, System.storefront.description, System.polyglot.description, KubernetesFixtures.edge,
        KubernetesFixtures.probes, KubernetesFixtures.workloads,
    ]
    static let checkovConfig = repositoryRoot().appendingPathComponent(".ci/checkov-kubernetes.yaml").path
    static let yamllintConfig = repositoryRoot().appendingPathComponent(".ci/yamllint-kubernetes.yaml").path

    @Test(.enabled(if: ExternalTool.usable("kubernetes-validate"), ExternalTool.skipNote("kubernetes-validate")))
    func manifestsValidateStrictlyAgainstTheKubernetesSchemas() throws {
        let tool = try ExternalTool.path("kubernetes-validate")
        try withRenderedOutput { root, folders in
            // kustomization.yaml has no schema (kubernetes-validate would only warn): kubectl kustomize checks it.
            let manifests = try folders.flatMap { try yamlFiles(in: $0) }
                .filter { !$0.hasSuffix("/kustomization.yaml") }
            // Each system with routes has a gateway file per environment (edge 1, polyglot, shop, storefront 3).
            // The SLO rules' file in each environment of the shop and polyglot (their SLOs): 2 × 3.
            #expect(manifests.count == 5 * 3 + 5 * 3 + (15 + 16 + 16) + 4 + 6 + 6 + 10 + 2 * 3)
            // kubernetes-validate knows no CRD: cert-manager's Certificates are validated against their CRD instead
            // (gatewayCertificatesValidateAgainstCertManagersSchema), and left out here.
            let builtIn = try manifests.compactMap { try withoutCertificates($0, copiesIn: root) }
            #expect(builtIn != manifests)
            // The SLO rules' file holds PrometheusRules only (shop and polyglot, 3 environments each).
            #expect(builtIn.count == manifests.count - 6)
            let result = try runProcess(tool, ["--strict", "--quiet", "-k", "1.30", "-k", "1.37"] + builtIn, in: root)
            // With --quiet, any line is a warning or an error (an unknown kind is only a WARN with exit 0).
            #expect(result.status == 0 && result.stdout.isEmpty && result.stderr.isEmpty, "\(result)")

            let broken = root.appendingPathComponent("broken.yaml")
            let api = try #require(manifests.first { $0.hasSuffix("/api.yaml") })
            let deployment = try String(contentsOfFile: api, encoding: .utf8)
            try deployment.replacingOccurrences(of: "enableServiceLinks: false", with: "enableServiceLinkz: false")
                .write(to: broken, atomically: true, encoding: .utf8)
            let failure = try runProcess(tool, ["--strict", "--quiet", "-k", "1.30", broken.path], in: root)
            #expect(failure.status != 0 && failure.stdout.contains("enableServiceLinkz"), "\(failure)")
        }
    }

    /// The gateway's cert-manager Certificate (the edge fixture's `GatewayCertificate`) against the schema of
    /// cert-manager's CRD (a fixture, v1.21.1), strictly; and a Certificate with a misspelt field fails.
    @Test(.enabled(if: ExternalTool.usable("kubernetes-validate"), ExternalTool.skipNote("kubernetes-validate")))
    func gatewayCertificatesValidateAgainstCertManagersSchema() throws {
        // kubernetes-validate's Python has jsonschema and PyYAML.
        let python = URL(fileURLWithPath: try ExternalTool.path("kubernetes-validate")).deletingLastPathComponent()
            .appendingPathComponent("python3").path
        let fixtures = repositoryRoot().appendingPathComponent("Tests/Fixtures/cert-manager")
        let script = fixtures.appendingPathComponent("validate-crd-objects.py").path
        let crd = fixtures.appendingPathComponent("cert-manager.io_certificates.yaml").path
        try withRenderedOutput { root, folders in
            let manifests = try folders.flatMap { try yamlFiles(in: $0) }
            let result = try runProcess(python, [script, crd] + manifests, in: root)
            #expect(result.status == 0 && result.stdout == "1 checked\n", "\(result)")

            let gateway = try String(contentsOfFile: root.appendingPathComponent("edge/prod/kubernetes/edge-gateway.yaml").path,
                                     encoding: .utf8)
            #expect(gateway.contains("kind: Certificate\n"))
            let broken = root.appendingPathComponent("broken.yaml")
            try gateway.replacingOccurrences(of: "secretName:", with: "secretNam:").write(to: broken, atomically: true, encoding: .utf8)
            let failure = try runProcess(python, [script, crd, broken.path], in: root)
            #expect(failure.status != 0 && failure.stdout.contains("secretNam"), "\(failure)")
        }
    }

    /// The services' PodMonitors and ServiceMonitors against the schemas of prometheus-operator's CRDs (fixtures,
    /// v0.93.0), strictly; and a monitor with a misspelt field fails.
    @Test(.enabled(if: ExternalTool.usable("kubernetes-validate"), ExternalTool.skipNote("kubernetes-validate")))
    func monitorsValidateAgainstPrometheusOperatorsSchemas() throws {
        let python = URL(fileURLWithPath: try ExternalTool.path("kubernetes-validate")).deletingLastPathComponent()
            .appendingPathComponent("python3").path
        let script = repositoryRoot().appendingPathComponent("Tests/Fixtures/cert-manager/validate-crd-objects.py").path
        let fixtures = repositoryRoot().appendingPathComponent("Tests/Fixtures/prometheus-operator")
        let podMonitors = fixtures.appendingPathComponent("monitoring.coreos.com_podmonitors.yaml").path
        let serviceMonitors = fixtures.appendingPathComponent("monitoring.coreos.com_servicemonitors.yaml").path
        try withRenderedOutput { root, folders in
            let manifests = try folders.flatMap { try yamlFiles(in: $0) }
            let pods = try runProcess(python, [script, podMonitors] + manifests, in: root)
            #expect(pods.status == 0 && pods.stdout == "19 checked\n", "\(pods)")
            let services = try runProcess(python, [script, serviceMonitors] + manifests, in: root)
            #expect(services.status == 0 && services.stdout == "1 checked\n", "\(services)")

            let api = try String(contentsOfFile: root.appendingPathComponent("shop/prod/kubernetes/order-service.yaml").path,
                                 encoding: .utf8)
            #expect(api.contains("kind: PodMonitor\n"))
            let broken = root.appendingPathComponent("broken.yaml")
            try api.replacingOccurrences(of: "targetLabel:", with: "targetLabl:").write(to: broken, atomically: true, encoding: .utf8)
            let failure = try runProcess(python, [script, podMonitors, broken.path], in: root)
            #expect(failure.status != 0 && failure.stdout.contains("targetLabl"), "\(failure)")
        }
    }

    /// The environments' PrometheusRules against the schema of prometheus-operator's CRD (a fixture, v0.93.0),
    /// strictly; each holds exactly the groups of the environment's Prometheus rule file; a misspelt field fails.
    @Test(.enabled(if: ExternalTool.usable("kubernetes-validate"), ExternalTool.skipNote("kubernetes-validate")))
    func prometheusRulesValidateAgainstPrometheusOperatorsSchema() throws {
        let python = URL(fileURLWithPath: try ExternalTool.path("kubernetes-validate")).deletingLastPathComponent()
            .appendingPathComponent("python3").path
        let script = repositoryRoot().appendingPathComponent("Tests/Fixtures/cert-manager/validate-crd-objects.py").path
        let crd = repositoryRoot().appendingPathComponent(
            "Tests/Fixtures/prometheus-operator/monitoring.coreos.com_prometheusrules.yaml").path
        try withRenderedOutput { root, folders in
            let manifests = try folders.flatMap { try yamlFiles(in: $0) }
            let result = try runProcess(python, [script, crd] + manifests, in: root)
            // shop and polyglot, 3 environments each, one object each.
            #expect(result.status == 0 && result.stdout == "6 checked\n", "\(result)")

            let rules = try String(contentsOfFile: root.appendingPathComponent("shop/prod/kubernetes/slo-rules.yaml").path,
                                   encoding: .utf8)
            let broken = root.appendingPathComponent("broken.yaml")
            try rules.replacingOccurrences(of: "    - record:", with: "    - recorde:")
                .write(to: broken, atomically: true, encoding: .utf8)
            let failure = try runProcess(python, [script, crd, broken.path], in: root)
            #expect(failure.status != 0 && failure.stdout.contains("recorde"), "\(failure)")
        }
    }

    @Test(.enabled(if: ExternalTool.usable("kubectl"), ExternalTool.skipNote("kubectl")))
    func everyEnvironmentFolderBuildsWithKustomize() throws {
        let kubectl = try ExternalTool.path("kubectl")
        try withRenderedOutput { root, folders in
            #expect(folders.count == 12)
            for folder in folders {
                let result = try runProcess(kubectl, ["kustomize", folder], in: root)
                #expect(result.status == 0, "\(folder): \(result)")
                guard result.status == 0 else { continue }
                // Every document of every listed file comes out, in the environment's namespace.
                let sources = try yamlFiles(in: folder).filter { !$0.hasSuffix("/kustomization.yaml") }
                let expected = try sources.reduce(0) {
                    $0 + (try YAML.parse(String(contentsOfFile: $1, encoding: .utf8))).count
                }
                let built = try YAML.parse(result.stdout)
                #expect(built.count == expected, "\(folder)")
                let namespace = built.first { $0["kind"] == "Namespace" }?["metadata"]?["name"]
                for object in built where object["kind"] != "Namespace" {
                    #expect(object["metadata"]?["namespace"] == namespace, "\(folder)")
                }
            }
            let counts = try folders.map {
                try YAML.parse(runProcess(kubectl, ["kustomize", $0], in: root).stdout).count
            }
            // edge prod; polyglot dev, prod, staging (the frontend's canary with its PodDisruptionBudget in prod); probes
            // prod; shop dev, prod, staging (the hand-validated reference's 21 in prod, plus a canary Deployment,
            // Service and PodDisruptionBudget for each of the 2 routed services with a canary: payments have none);
            // storefront dev, prod, staging; workloads prod (two StatefulSets with their headless Services, a Job, a
            // CronJob). Each folder with routes has the gateway's ServiceAccount, ConfigMap, Deployment, Service,
            // PodDisruptionBudget and NetworkPolicy, and edge's its Certificate and HorizontalPodAutoscaler too. The last
            // term: a PodMonitor (workloads: ServiceMonitor) per long-running service with metrics; probes scrapes by
            // annotation and has none. Then the PrometheusRule of each folder with SLOs (polyglot, shop).
            #expect(counts == [13 + 8 + 1, 53 + 6 + 1 + 1, 68 + 6 + 1 + 1, 64 + 6 + 1 + 1, 20, 17 + 6 + 3 + 1,
                               27 + 6 + 3 + 1, 20 + 6 + 3 + 1, 16 + 6 + 2, 20 + 6 + 2, 20 + 6 + 2, 20 + 1])
        }
    }

    @Test(.enabled(if: ExternalTool.usable("checkov"), ExternalTool.skipNote("checkov")))
    func checkovReportsNoFailedCheck() throws {
        let checkov = try ExternalTool.path("checkov")
        try withRenderedOutput { root, _ in
            // Run from the rendered folder, which has no .checkov.yaml of its own for checkov to merge in.
            let result = try runProcess(checkov, ["-d", ".", "--config-file", Self.checkovConfig], in: root)
            #expect(result.status == 0, "\(result)")
            let summary = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("Passed checks:") })
            // The edge fixture's two exemptions, the missing liveness and readiness probes (NoHealthCheck) of the
            // probes fixture's load generator and of polyglot's in its 3 environments, and CKV_K8S_35 on the 15
            // Deployments and the CronJob that read a Secret into an environment variable
            // (secretsInEnvironmentAreSkippedPerWorkload) are the only skips, each by its inline annotation.
            #expect(summary.hasSuffix("Failed checks: 0, Skipped checks: 26"), "\(summary)")
            let passed = Int(summary.split(separator: " ")[2].dropLast()) ?? 0
            #expect(passed > 1000, "\(summary)")

            let broken = root.appendingPathComponent("broken")
            try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
            let source = root.appendingPathComponent("shop/prod/kubernetes/order-service.yaml").path
            let manifest = try String(contentsOfFile: source, encoding: .utf8)
            try manifest
                .replacingOccurrences(of: "allowPrivilegeEscalation: false", with: "allowPrivilegeEscalation: true")
                .write(to: broken.appendingPathComponent("order-service.yaml"), atomically: true, encoding: .utf8)
            let failure = try runProcess(checkov, ["-d", "broken", "--config-file", Self.checkovConfig], in: root)
            #expect(failure.status != 0 && failure.stdout.contains("CKV_K8S_20"), "\(failure)")
        }
    }

    /// checkov's CKV_K8S_35 (Secrets as files rather than environment variables) is skipped per workload, not for
    /// every file: exactly the Deployments whose container reads a Secret key into an environment variable carry the
    /// skip, and one whose Secrets are files (the edge worker's `SecretFiles`) passes without one.
    @Test(.enabled(if: ExternalTool.usable("checkov"), ExternalTool.skipNote("checkov")))
    func secretsInEnvironmentAreSkippedPerWorkload() throws {
        let checkov = try ExternalTool.path("checkov")
        try withRenderedOutput { root, folders in
            // The workloads that read a Secret into a variable, as checkov names resources: kind.namespace.name.
            var readers: Set<String> = []
            var deployments: Set<String> = []
            let kinds: Set<String> = ["Deployment", "StatefulSet", "Job", "CronJob"]
            for file in try folders.flatMap({ try yamlFiles(in: $0) }) {
                for object in try YAML.parse(String(contentsOfFile: file, encoding: .utf8)) {
                    guard let kind = object["kind"]?.scalarText, kinds.contains(kind) else { continue }
                    let namespace = object["metadata"]?["namespace"]?.scalarText ?? ""
                    let id = "\(kind).\(namespace).\(object["metadata"]?["name"]?.scalarText ?? "")"
                    deployments.insert(id)
                    let spec = kind == "CronJob" ? object["spec"]?["jobTemplate"]?["spec"] : object["spec"]
                    let env = spec?["template"]?["spec"]?["containers"]?[0]?["env"]
                    if case .sequence(let variables) = env,
                       variables.contains(where: { $0["valueFrom"]?["secretKeyRef"] != nil }) {
                        readers.insert(id)
                    }
                }
            }
            #expect(readers.count == 16 && readers.contains("Deployment.edge-live.api")
                        && readers.contains("CronJob.workloads-prod.cleanup"), "\(readers.sorted())")

            let arguments = ["--framework", "kubernetes", "--check", "CKV_K8S_35", "--skip-download", "-o", "json"]
            let result = try runProcess(checkov, ["-d", "."] + arguments, in: root)
            #expect(result.status == 0, "\(result)")
            let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let results = try #require(report?["results"] as? [String: Any], "\(result)")
            func resources(_ key: String) -> Set<String> {
                Set((results[key] as? [[String: Any]] ?? []).compactMap { $0["resource"] as? String })
            }
            #expect(resources("failed_checks").isEmpty)
            #expect(resources("skipped_checks") == readers)
            #expect(resources("passed_checks") == deployments.subtracting(readers))
            #expect(resources("passed_checks").contains("Deployment.edge-live.worker"))
        }
    }

    @Test(.enabled(if: ExternalTool.usable("yamllint"), ExternalTool.skipNote("yamllint")))
    func yamllintPasses() throws {
        let yamllint = try ExternalTool.path("yamllint")
        try withRenderedOutput { root, _ in
            let result = try runProcess(yamllint, ["-c", Self.yamllintConfig, "--strict", "."], in: root)
            #expect(result.status == 0 && result.stdout.isEmpty, "\(result)")

            let broken = root.appendingPathComponent("broken.yaml")
            try "---\nkey:\n  - indented\n".write(to: broken, atomically: true, encoding: .utf8)
            let failure = try runProcess(yamllint, ["-c", Self.yamllintConfig, "--strict", broken.path], in: root)
            #expect(failure.status != 0 && failure.stdout.contains("wrong indentation"), "\(failure)")
        }
    }

    func withRenderedOutput(_ body: (URL, [String]) throws -> Void) throws {
        try withRenderedKubernetes(Self.systems, body)
    }
}

/// Renders the Kubernetes files of `systems` into a temporary folder; hands over the folder and the environment
/// folders in it (sorted).
func withRenderedKubernetes(_ systems: [SystemDescription], _ body: (URL, [String]) throws -> Void) throws {
    let files = try renderInMemory(systems, selection: RenderSelection(kinds: [.kubernetes]))
    try withTemporaryFolder { root in
        try writeFiles(files.sorted { $0.key < $1.key }, under: root)
        let folders = Set(files.keys.map { root.appendingPathComponent($0).deletingLastPathComponent().path })
        try body(root, folders.sorted())
    }
}

/// `path`, or where it holds a cert-manager Certificate or a prometheus-operator object (a monitor, a PrometheusRule), a
/// copy without them under `root`/builtin-kinds/; nil when no other object remains (`slo-rules.yaml`).
func withoutCertificates(_ path: String, copiesIn root: URL) throws -> String? {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let groups = ["cert-manager.io/", "monitoring.coreos.com/"]
    func isCustom(_ document: String) -> Bool {
        groups.contains { document.hasPrefix("apiVersion: \($0)") || document.contains("\napiVersion: \($0)") }
    }
    let documents = text.components(separatedBy: "\n---\n")
    guard documents.contains(where: isCustom) else { return path }
    let kept = documents.filter { !isCustom($0) }
    guard kept.contains(where: { $0.hasPrefix("apiVersion:") || $0.contains("\napiVersion:") }) else { return nil }
    let folder = root.appendingPathComponent("builtin-kinds").appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let copy = folder.appendingPathComponent(URL(fileURLWithPath: path).lastPathComponent)
    try kept.joined(separator: "\n---\n").write(to: copy, atomically: true, encoding: .utf8)
    return copy.path
}

/// The YAML files of a folder, sorted, as paths.
func yamlFiles(in folder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }.sorted()
        .map { "\(folder)/\($0)" }
}
