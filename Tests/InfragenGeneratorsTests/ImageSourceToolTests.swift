import Foundation
import Infragen
import InfragenRender
import InfragenTestSupport
import InfragenYAML
import Testing

/// The real validators over the Kubernetes output of the three image sources (``PolyglotSystem``): a prebuilt
/// Redis, pinned by digest in prod and by tag in dev, and a Java service built from its own Dockerfile pass
/// `kubernetes-validate --strict`, `kubectl kustomize` and checkov as the Go build does.
@Suite(.serialized) struct ImageSourceToolTests {
    static let checkovConfig = repositoryRoot().appendingPathComponent(".ci/checkov-kubernetes.yaml").path

    @Test(.enabled(if: ExternalTool.usable("kubernetes-validate"), ExternalTool.skipNote("kubernetes-validate")))
    func prebuiltAndOwnDockerfileManifestsValidateStrictly() throws {
        let tool = try ExternalTool.path("kubernetes-validate")
        try withRenderedOutput { root, folders in
            let manifests = try folders.flatMap { try yamlFiles(in: $0) }.filter { !$0.hasSuffix("/kustomization.yaml") }
            #expect(manifests.contains { $0.hasSuffix("/prod/kubernetes/redis.yaml") })
            // kubernetes-validate knows no CRD: the PodMonitors are checked against their schema in KubernetesToolTests.
            let builtIn = try manifests.compactMap { try withoutCertificates($0, copiesIn: root) }
            let result = try runProcess(tool, ["--strict", "--quiet", "-k", "1.30", "-k", "1.37"] + builtIn, in: root)
            #expect(result.status == 0 && result.stdout.isEmpty && result.stderr.isEmpty, "\(result)")
        }
    }

    @Test(.enabled(if: ExternalTool.usable("kubectl"), ExternalTool.skipNote("kubectl")))
    func everyEnvironmentFolderBuildsWithKustomize() throws {
        let kubectl = try ExternalTool.path("kubectl")
        try withRenderedOutput { root, folders in
            #expect(folders.count == 2)
            for folder in folders {
                let result = try runProcess(kubectl, ["kustomize", folder], in: root)
                #expect(result.status == 0, "\(folder): \(result)")
                let images = try YAML.parse(result.stdout).compactMap { object in
                    object["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"]?.scalarText
                }
                #expect(images.contains { $0.hasPrefix("redis:") }, "\(folder): \(images)")
            }
        }
    }

    @Test(.enabled(if: ExternalTool.usable("checkov"), ExternalTool.skipNote("checkov")))
    func checkovReportsNoFailedCheck() throws {
        let checkov = try ExternalTool.path("checkov")
        try withRenderedOutput { root, _ in
            let result = try runProcess(checkov, ["-d", ".", "--config-file", Self.checkovConfig], in: root)
            #expect(result.status == 0, "\(result)")
            let summary = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("Passed checks:") })
            // Redis's writable root filesystem, in each environment, is the only skip, by its inline annotation.
            #expect(summary.hasSuffix("Failed checks: 0, Skipped checks: 2"), "\(summary)")
        }
    }

    func withRenderedOutput(_ body: (URL, [String]) throws -> Void) throws {
        try withRenderedKubernetes([PolyglotSystem.description], body)
    }
}
