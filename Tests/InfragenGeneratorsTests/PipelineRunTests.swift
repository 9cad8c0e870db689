import InfragenExampleBlueprints
import Foundation
import Infragen
import InfragenTestSupport
import InfragenYAML
import Testing

/// The shop's generated GitLab pipeline and GitHub workflow, each run job by job in the order its `needs` give, in a
/// real git repository (PipelineHarness): a commit that changes only the order service builds exactly that image,
/// then dev, staging, the approval, the prod canary, the release gate and the promotion follow in order with the right
/// image references; a failing gate cuts the canary back, notifies, and never promotes; a failure before prod never
/// touches prod.
@Suite(.serialized) struct PipelineRunTests {
    enum CI: String, CaseIterable, CustomTestStringConvertible {
        case gitlab, github

        var testDescription: String { rawValue }
        var file: String { self == .gitlab ? "shop/ci/gitlab-ci.yml" : "shop/ci/github-workflow.yml" }
    }

    static let old = [
        "order-service": "registry.example.com/shop/order-service@sha256:" + String(repeating: "1", count: 64),
        "inventory-service": "registry.example.com/shop/inventory-service@sha256:" + String(repeating: "2", count: 64),
        "payment-service": "registry.example.com/shop/payment-service@sha256:" + String(repeating: "3", count: 64),
    ]
    static let canaryOld = "registry.example.com/shop/order-service@sha256:" + String(repeating: "4", count: 64)
    /// The verify jobs need Swift, Go, the validators or SonarQube: other tests cover what they run.
    static func needsOtherTools(_ job: String) -> Bool {
        let id = PipelineHarness.JobRun(name: job, status: 0, output: "").id
        return ["render-check", "validators", "static-scan"].contains(id) || id.hasPrefix("go-test-")
    }

    struct Run {
        var harness: PipelineHarness
        var jobs: [PipelineHarness.JobRun]
        var applied: [YAMLNode]
        var builtImage: String
        var base: String
        var head: String
        var workflow: String

        var ids: [String] { jobs.map(\.id) }
        func job(_ id: String) -> PipelineHarness.JobRun? { jobs.first { $0.id == id } }
    }

    func run(_ ci: CI, gate: PipelineHarness.Gate, stubs: [String: String] = [:], _ body: (Run) throws -> Void) throws {
        let files = try renderInMemory([System.shop.description])
        try withTemporaryFolder { root in
            let harness = try PipelineHarness(root: root, kubectl: try ExternalTool.path("kubectl"))
            try harness.initRepository()
            var tree = Dictionary(uniqueKeysWithValues: files.map { ("Output/" + $0.key, $0.value) })
            for service in ["order-service", "inventory-service", "payment-service"] {
                tree["\(service)/main.go"] = "package main\n\nfunc main() {}\n"
            }
            let base = try harness.commit(tree, message: "the shop")
            let head = try harness.commit(["order-service/main.go": "package main\n\nfunc main() { println() }\n"],
                                          message: "order-service only")
            // Each environment runs the same images before the release; prod's canary an older try.
            for namespace in ["shop-dev", "shop-staging", "shop-prod"] {
                for (service, image) in Self.old { try harness.seed(namespace, "Deployment", service, image: image) }
            }
            try harness.seed("shop-prod", "Deployment", "order-service-canary", image: Self.canaryOld)
            try harness.seed("shop-prod", "Deployment", "inventory-service-canary", image: Self.old["inventory-service"]!)
            let pipeline = try #require(files[ci.file])
            let jobs = ci == .gitlab
                ? try harness.runPipeline(pipeline, base: base, head: head, gate: gate, stubs: stubs,
                                          skipping: Self.needsOtherTools)
                : try harness.runWorkflow(pipeline, .init(base: base, head: head), gate: gate, stubs: stubs,
                                          skipping: Self.needsOtherTools)
            let history = (try? String(contentsOf: root.appendingPathComponent("cluster/applied-history.yaml"),
                                       encoding: .utf8)) ?? ""
            let digest = "sha256:" + sha256Hex("registry.example.com/shop/order-service:1.0.0-"
                                               + String(head.prefix(12)))
            try body(Run(harness: harness, jobs: jobs, applied: try YAML.parse(history),
                         builtImage: "registry.example.com/shop/order-service@" + digest, base: base, head: head,
                         workflow: pipeline))
        }
    }

    @Test(.enabled(if: ExternalTool.usable("kubectl") && ExternalTool.usable("git"), ExternalTool.skipNote("kubectl")),
          arguments: CI.allCases)
    func aPassingGatePromotesOnlyTheChangedService(_ ci: CI) throws {
        try run(ci, gate: .pass) { run in
            #expect(run.ids == [
                "changes", "build-order-service", "build-inventory-service", "build-payment-service",
                "deploy-dev", "smoke-dev", "deploy-staging", "smoke-staging", "approve-prod",
                "canary-prod", "gate-prod", "promote-prod", "smoke-prod",
            ])
            for job in run.jobs { #expect(job.status == 0, "\(job.name): \(job.output)") }
            // The approval point: GitLab's manual job; GitHub's job in the environment with the required reviewers.
            #expect(run.job("approve-prod")?.environment == (ci == .github ? "prod-approval" : nil))
            #expect(run.job("canary-prod")?.environment == "prod" && run.job("promote-prod")?.environment == "prod")
            let builds = run.harness.calls.filter { $0.hasPrefix("buildah build") }
            #expect(builds.count == 1 && builds[0].hasSuffix(" order-service"), "\(builds)")
            #expect(builds.first?.contains("--file Output/shop/docker/order-service/Dockerfile") == true)
            #expect(run.harness.calls.contains { $0.hasPrefix("buildah push") && $0.contains("order-service:1.0.0-") })

            // Four applies: dev, staging, the prod canary, the promotion.
            let applies = run.harness.calls.filter { $0.hasPrefix("kubectl apply --kustomize") }
            #expect(applies.map { $0.split(separator: " ")[3] } == [
                ".infragen/deploy/dev", ".infragen/deploy/staging", ".infragen/deploy/prod", ".infragen/deploy/prod",
            ])
            #expect(applies.allSatisfy { $0.contains("--prune --selector infragen.io/system=shop") })
            let rollouts = run.harness.calls.filter { $0.contains(" rollout status ") }
            #expect(rollouts.contains { $0.contains("shop-prod rollout status Deployment/order-service-canary") })

            let deployments = self.deployments(run.applied)
            // dev and staging: the new image for the order service, the running ones for the others.
            #expect(deployments[0]["order-service"] == run.builtImage)
            #expect(deployments[0]["inventory-service"] == Self.old["inventory-service"])
            #expect(deployments[1]["order-service"] == run.builtImage)
            // The prod canary runs the new image; stable keeps what it ran.
            #expect(deployments[2]["order-service-canary"] == run.builtImage)
            #expect(deployments[2]["order-service"] == Self.old["order-service"])
            #expect(deployments[2]["inventory-service-canary"] == Self.old["inventory-service"])
            // Promotion: stable runs the canary's image, and the image it ran is recorded for a rollback.
            #expect(deployments[3]["order-service"] == run.builtImage)
            #expect(run.harness.image("shop-prod", "Deployment", "order-service") == run.builtImage)
            let gateQueries = run.harness.calls.filter { $0.hasPrefix("curl") && $0.contains("query=") }
            #expect(gateQueries.count == 2)
            #expect(run.harness.calls.contains("sleep 1800"))
            #expect(!run.harness.calls.contains { $0.contains("chat.example.com") })

            // staging's image rollback puts back what ran before this release (GitHub: the workflow, started by hand
            // with the input rollback: staging, runs that job only).
            if ci == .gitlab {
                let rollback = try run.harness.runScript(["sh Output/shop/ci/pipeline.sh rollback staging"])
                try run.harness.absorbApplied()
                #expect(rollback.status == 0, "\(rollback)")
            } else {
                let dispatch = PipelineHarness.GitHubRun(base: run.base, head: run.head, eventName: "workflow_dispatch",
                                                         inputs: ["rollback": "staging"])
                let rollback = try run.harness.runWorkflow(run.workflow, dispatch, gate: .pass,
                                                           skipping: Self.needsOtherTools)
                #expect(rollback.map(\.id) == ["rollback-staging"] && rollback.allSatisfy { $0.status == 0 },
                        "\(rollback)")
            }
            #expect(run.harness.image("shop-staging", "Deployment", "order-service") == Self.old["order-service"])
        }
    }

    @Test(.enabled(if: ExternalTool.usable("kubectl") && ExternalTool.usable("git"), ExternalTool.skipNote("kubectl")),
          arguments: CI.allCases)
    func aFailingGateCutsTheCanaryBackAndNeverPromotes(_ ci: CI) throws {
        try run(ci, gate: .fail) { run in
            #expect(run.ids.suffix(3) == ["canary-prod", "gate-prod", "cutback-prod"])
            #expect(run.job("gate-prod")?.status != 0)
            #expect(run.jobs.last?.status == 0, "\(run.jobs.last?.output ?? "")")
            #expect(!run.ids.contains("promote-prod"))
            let deployments = self.deployments(run.applied)
            // The canary ran the new image, then stable's again; stable never changed.
            #expect(deployments[2]["order-service-canary"] == run.builtImage)
            #expect(deployments[3]["order-service-canary"] == Self.old["order-service"])
            #expect(deployments[2]["order-service"] == Self.old["order-service"])
            #expect(deployments[3]["order-service"] == Self.old["order-service"])
            #expect(run.harness.image("shop-prod", "Deployment", "order-service") == Self.old["order-service"])
            #expect(run.harness.calls.contains { $0.hasPrefix("curl") && $0.contains("https://chat.example.com/hooks/release") })
        }
    }

    @Test(.enabled(if: ExternalTool.usable("kubectl") && ExternalTool.usable("git"), ExternalTool.skipNote("kubectl")),
          arguments: CI.allCases)
    func noCanaryDataIsNoVerdict(_ ci: CI) throws {
        try run(ci, gate: .nodata) { run in
            let gate = try #require(run.job("gate-prod"))
            #expect(gate.status != 0 && gate.output.contains("no verdict"), "\(gate.output)")
            #expect(!run.ids.contains("promote-prod"))
        }
    }

    /// dev's smoke test fails: nothing after it runs, and in particular no prod cut-back and no "failed its release
    /// gate" message for a canary that never ran.
    @Test(.enabled(if: ExternalTool.usable("kubectl") && ExternalTool.usable("git"), ExternalTool.skipNote("kubectl")),
          arguments: CI.allCases)
    func aFailureBeforeProdNeverTouchesProd(_ ci: CI) throws {
        try run(ci, gate: .pass, stubs: ["STUB_SMOKE": "fail"]) { run in
            #expect(run.ids == ["changes", "build-order-service", "build-inventory-service", "build-payment-service",
                                "deploy-dev", "smoke-dev"], "\(run.ids)")
            #expect(run.job("smoke-dev")?.status != 0)
            #expect(!run.harness.calls.contains { $0.contains("shop-prod") || $0.contains("deploy/prod") })
            #expect(!run.harness.calls.contains { $0.contains("chat.example.com") })
            #expect(run.harness.image("shop-prod", "Deployment", "order-service-canary") == Self.canaryOld)
        }
    }

    /// Per apply, the first container's image of each Deployment.
    func deployments(_ documents: [YAMLNode]) -> [[String: String]] {
        var applies: [[String: String]] = []
        var current: [String: String] = [:]
        for document in documents {
            guard let kind = document["kind"]?.scalarText, let name = document["metadata"]?["name"]?.scalarText else {
                continue
            }
            // Every apply starts with the environment's Namespace.
            if kind == "Namespace" {
                if !current.isEmpty { applies.append(current) }
                current = [:]
            }
            if kind == "Deployment", let image = document["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"]?
                .scalarText {
                current[name] = image
            }
        }
        if !current.isEmpty { applies.append(current) }
        return applies
    }
}

/// The hex SHA-256 of a text, as `sha256sum` prints it.
func sha256Hex(_ text: String) -> String {
    (try? runProcess("/usr/bin/sha256sum", [], input: text).stdout.prefix(64)).map(String.init) ?? ""
}
