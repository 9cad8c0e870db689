import InfragenModel

extension ReportGenerator {
    /// The delivery pipeline's stages and gates as a Mermaid flowchart (the jobs and what each waits for), and how
    /// each environment rolls back.
    func pipeline(_ system: ResolvedSystem, _ doc: inout Markdown) {
        guard let pipeline = system.pipeline else { return }
        let script = PipelineGenerator.script(system, pipeline)
        let jobs = PipelineJobs(system: system, pipeline: pipeline, script: script).jobs
        doc.heading(2, "Delivery pipeline")
        doc.paragraph(
            "ci/gitlab-ci.yml and ci/github-workflow.yml run the steps of ci/pipeline.sh: verify, build what changed "
                + "(\(pipeline.builder.rawValue)), then each environment in order; \(pipeline.mainBranch) goes past "
                + "\(script.environments.first?.name ?? "the first environment"). Dashed edges run only when the job "
                + "before failed; a stadium is a manual approval.")
        var lines = ["flowchart LR"]
        // The builds' digests reach every deploy; drawn once, into the first.
        let firstDeploy = jobs.first { $0.cluster }?.id
        for job in jobs where job.gate != .manual {
            let label = "\"\(job.id)\""
            let shape = job.gate == .approval ? "([\(label)])" : "[\(label)]"
            lines.append("  \(Topology.id(job.id))\(shape)")
            for need in job.needs
            where job.id == firstDeploy || job.id.hasPrefix("build-") || !(need == "changes" || need.hasPrefix("build-")) {
                lines.append("  \(Topology.id(need)) \(job.gate == .onFailure ? "-.->|\"failed\"|" : "-->") "
                    + Topology.id(job.id))
            }
        }
        doc.fenced("mermaid", lines.joined(separator: "\n") + "\n")
        doc.table(
            ["environment", "deployed", "URL", "rollback (manual job)"],
            script.environments.enumerated().map { index, environment in
                let when = index == 0 ? "every push" : environment.canary
                    ? "\(pipeline.mainBranch), approved, as a canary behind the release gate"
                    : index == script.environments.count - 1 ? "\(pipeline.mainBranch), approved"
                    : "\(pipeline.mainBranch)"
                return [environment.name, when, environment.url ?? "-",
                        "rollback-\(environment.name): \(Self.rollbackText(environment.rollback, pipeline))"]
            })
    }

    static func rollbackText(_ strategy: String, _ pipeline: PipelineDescription) -> String {
        switch strategy {
        case "snapshotRestore": "snapshot restore (\(pipeline.snapshotRestore ?? "-"))"
        case "imageRollback": "every workload back to the image it ran before the last change"
        case "canaryCutback": "the canary back to stable's image"
        case "none": "none: the blueprint names no Rollout(rollback:)"
        default: "by hand: \(strategy)"
        }
    }
}
