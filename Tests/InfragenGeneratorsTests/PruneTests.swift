import Infragen
import InfragenTestSupport
import InfragenYAML
import Testing
@testable import InfragenGenerators

/// Safe change (issue 16): every object of an environment's folder carries the prune label, through its
/// kustomization (never on selectors), and the README's `kubectl apply -k … --prune` deletes exactly the kinds of the
/// allowlist: each kind infragen generates is either in it or kept on purpose (ConfigMaps and Jobs by hash, the
/// Namespace).
@Suite struct PruneTests {
    @Test func theKustomizationLabelsEveryObjectButNoSelector() throws {
        let files = try renderInMemory([sampleSystem()])
        let kustomization = try YAML.parse(try #require(files["sample/prod/kubernetes/kustomization.yaml"]))
        guard case .sequence(let sets)? = kustomization[0]["labels"] else { Issue.record("no labels"); return }
        #expect(sets.count == 1)
        #expect(sets[0]["pairs"]?["infragen.io/system"] == "sample")
        #expect(sets[0]["includeSelectors"] == false)
    }

    @Test func everyKindGeneratedIsPrunedOrKeptOnPurpose() throws {
        let systems = [KubernetesFixtures.edge, KubernetesFixtures.probes, KubernetesFixtures.workloads]
            + [PolyglotSystem.description]
        var kinds: Set<String> = []
        for (path, text) in try renderInMemory(systems) where path.contains("/kubernetes/") {
            guard !path.hasSuffix("kustomization.yaml"), !path.contains("/extra-") else { continue }
            for document in try YAML.parse(text) {
                guard let apiVersion = document["apiVersion"]?.scalarText, let kind = document["kind"]?.scalarText
                else { continue }
                kinds.insert((apiVersion.contains("/") ? apiVersion : "core/\(apiVersion)") + "/" + kind)
            }
        }
        let allowed = Set(ClusterManifests.pruneAllowlist)
        #expect(allowed.isDisjoint(with: ClusterManifests.keptFromPruning))
        #expect(kinds.subtracting(allowed).subtracting(ClusterManifests.keptFromPruning).isEmpty,
                "a kind neither pruned nor kept: \(kinds.subtracting(allowed).subtracting(ClusterManifests.keptFromPruning))")
        #expect(kinds.isSuperset(of: ["apps/v1/Deployment", "batch/v1/Job", "core/v1/ConfigMap", "batch/v1/CronJob"]))
    }
}
