import InfragenModel
import InfragenYAML

/// `<system>/ci/github-workflow.yml`: the same jobs for GitHub Actions. GitHub reads workflows only from
/// `.github/workflows/`, so a team copies the file to `.github/workflows/infragen-<system>.yml`; the render-check job
/// compares the copy with the generated file, so a stale copy fails the pipeline.
///
/// Jobs run on `ubuntu-latest` (git, curl, kubectl, buildah and docker come with it): JavaScript actions cannot run in
/// the Alpine images the GitLab jobs use. The release to the last environment waits in the job `approve-<env>`,
/// whose environment `<env>-approval` carries the required reviewers; the deploy jobs' environment `<env>` carries the
/// secrets (KUBECONFIG), so that one approval releases, and promotion needs no second one.
struct GitHubWorkflow {
    let jobs: PipelineJobs

    static let fileName = "github-workflow.yml"

    var system: String { jobs.system.name }
    var call: String { jobs.call }

    var copyPath: String { ".github/workflows/infragen-\(system).yml" }

    var comment: String {
        """
        # Copy to \(copyPath) (GitHub reads workflows only there); the render-check job fails when the copy differs.
        # Secrets: REGISTRY_USER, REGISTRY_PASSWORD (repository); KUBECONFIG (per environment, the whole file);
        # PROMETHEUS_TOKEN and INFRAGEN_NOTIFY_WEBHOOK (optional). Environments: one per deploy environment, and
        # \(jobs.script.environments.last.map { "\($0.name)-approval" } ?? "<env>-approval") with required reviewers.

        """
    }

    var document: YAMLNode {
        let environments = jobs.script.environments.map(\.name)
        return .mapping([
            ("name", .string("infragen \(system)")),
            ("on", .mapping([
                ("push", .mapping([])),
                ("workflow_dispatch", .mapping([("inputs", .mapping([("rollback", .mapping([
                    ("description", .string("Roll this environment back (its Rollout strategy) instead of releasing")),
                    ("type", .string("choice")),
                    ("required", .boolean(true)),
                    ("options", .sequence(environments.map(YAMLNode.string))),
                ]))]))])),
            ])),
            ("permissions", .mapping([("contents", .string("read"))])),
            ("env", .mapping([
                ("INFRAGEN_BASE_SHA", .string("${{ github.event.before }}")),
                ("INFRAGEN_COMMIT_SHA", .string("${{ github.sha }}")),
            ])),
            ("jobs", .mapping(jobs.jobs.map { ($0.id, node($0)) })),
        ])
    }

    private var onMain: String { "github.ref == 'refs/heads/\(jobs.pipeline.mainBranch)'" }

    private func condition(_ job: PipelineJobs.Job) -> String {
        switch job.gate {
        case .always: "github.event_name == 'push'"
        case .mainBranch, .approval: "github.event_name == 'push' && \(onMain)"
        case .onFailure:
            // As GitLab's on_failure with needs: when a job it needs failed. failure() alone is true when any ancestor
            // failed, and would cut prod's canary back (and report a failed gate) after a failure in dev.
            "failure() && (\(job.needs.map { "needs.\($0).result == 'failure'" }.joined(separator: " || ")))"
                + " && github.event_name == 'push' && \(onMain)"
        case .manual:
            "github.event_name == 'workflow_dispatch' && inputs.rollback == '\(job.environment?.name ?? "")'"
        }
    }

    private func node(_ job: PipelineJobs.Job) -> YAMLNode {
        var steps: [YAMLNode] = [
            .mapping([("uses", .string("actions/checkout@v7")),
                      ("with", job.fullHistory ? .mapping([("fetch-depth", .integer(0))]) : nil)]),
        ]
        if job.readsState || job.gate == .onFailure {
            steps.append(.mapping([("uses", .string("actions/download-artifact@v8")),
                                   ("with", .mapping([("name", .string("\(system)-changes")),
                                                      ("path", .string(PipelineScript.state))]))]))
            if !job.id.hasPrefix("build-") {
                steps.append(.mapping([("uses", .string("actions/download-artifact@v8")),
                                       ("with", .mapping([("pattern", .string("\(system)-image-*")),
                                                          ("merge-multiple", .boolean(true)),
                                                          ("path", .string("\(PipelineScript.state)/images"))]))]))
            }
        }
        if job.id.hasPrefix("go-test-"), let build = jobs.script.builds.first(where: { "go-test-\($0.service)" == job.id }) {
            steps.append(.mapping([("uses", .string("actions/setup-go@v7")),
                                   ("with", .mapping([("go-version-file", .string("\(build.context)/go.mod"))]))]))
        }
        var env: [(String, YAMLNode?)] = []
        if job.id.hasPrefix("build-") {
            env += [("REGISTRY_USER", .string("${{ secrets.REGISTRY_USER }}")),
                    ("REGISTRY_PASSWORD", .string("${{ secrets.REGISTRY_PASSWORD }}"))]
        }
        if job.cluster { env.append(("KUBECONFIG_DATA", .string("${{ secrets.KUBECONFIG }}"))) }
        if job.id.hasPrefix("gate-") { env.append(("PROMETHEUS_TOKEN", .string("${{ secrets.PROMETHEUS_TOKEN }}"))) }
        if job.gate == .onFailure {
            env.append(("INFRAGEN_NOTIFY_WEBHOOK", .string("${{ secrets.INFRAGEN_NOTIFY_WEBHOOK }}")))
        }
        steps.append(.mapping([("name", .string(job.title)), ("env", env.isEmpty ? nil : .mapping(env)),
                               ("run", .string(run(job).joined(separator: "\n") + "\n"))]))
        if job.keepsState {
            let artifact = job.id == "changes" ? "\(system)-changes" : "\(system)-image-\(job.id.dropFirst(6))"
            let path = job.id == "changes"
                ? PipelineScript.state + "/" : "\(PipelineScript.state)/images/\(job.id.dropFirst(6))"
            steps.append(.mapping([("uses", .string("actions/upload-artifact@v7")),
                                   ("with", .mapping([("name", .string(artifact)), ("path", .string(path)),
                                                      ("include-hidden-files", .boolean(true)),
                                                      ("if-no-files-found", .string(job.id == "changes" ? "error" : "ignore"))]))]))
        }
        var environment: YAMLNode?
        if let target = job.environment {
            environment = .mapping([("name", .string(target.name)), ("url", target.url.map(YAMLNode.string))])
        } else if job.gate == .approval, let name = job.id.split(separator: "-", maxSplits: 1).last {
            environment = .mapping([("name", .string("\(name)-approval"))])
        }
        return .mapping([
            ("name", .string(job.title)),
            ("needs", job.needs.isEmpty ? nil : .sequence(job.needs.map(YAMLNode.string))),
            ("if", .string(condition(job))),
            ("runs-on", .string("ubuntu-latest")),
            ("container", job.id == "render-check" ? .string(PipelineJobs.swiftImage) : nil),
            ("environment", environment),
            ("concurrency", job.environment.map { target in
                .mapping([("group", .string("\(system)-\(target.name)")), ("cancel-in-progress", .boolean(false))])
            }),
            ("steps", .sequence(steps)),
        ])
    }

    /// The job's commands on the runner: the GitLab job's script, with what the runner lacks or has otherwise.
    private func run(_ job: PipelineJobs.Job) -> [String] {
        var lines = job.script.filter { $0 != PipelineJobs.toolsSetup }
        if job.cluster {
            lines.insert(contentsOf: ["printf '%s' \"$KUBECONFIG_DATA\" > \"$RUNNER_TEMP/kubeconfig\"",
                                      "export KUBECONFIG=\"$RUNNER_TEMP/kubeconfig\""], at: 0)
        }
        if job.id == "render-check" { lines.append("cmp \(Shell.quoted(GitHubWorkflow.generatedPath(jobs))) \(Shell.quoted(copyPath))") }
        if job.id == "validators" {
            lines = ["python3 -m venv \"$RUNNER_TEMP/validators\"", ". \"$RUNNER_TEMP/validators/bin/activate\""]
                + lines
        }
        if job.id.hasPrefix("build-"), jobs.pipeline.builder == .kaniko {
            lines = lines.map { line in
                "docker run --rm --entrypoint /busybox/sh --volume \"$PWD:/workspace\" --workdir /workspace "
                    + "--env REGISTRY_USER --env REGISTRY_PASSWORD --env INFRAGEN_COMMIT_SHA "
                    + "\(jobs.builderImage) " + (line.hasPrefix("sh ") ? String(line.dropFirst(3)) : line)
            }
        }
        return lines
    }

    static func generatedPath(_ jobs: PipelineJobs) -> String {
        "\(jobs.pipeline.outputFolder)/\(jobs.system.name)/ci/\(fileName)"
    }
}
