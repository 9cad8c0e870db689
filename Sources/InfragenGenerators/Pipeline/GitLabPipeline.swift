import InfragenModel
import InfragenYAML

/// `<system>/ci/gitlab-ci.yml`: the jobs for GitLab CI, to `include:` from the repository's `.gitlab-ci.yml`. Job
/// names start with the system's (`shop:deploy-dev`), so several systems' pipelines include side by side; every job
/// runs in one of three stages (verify, build, deploy) and waits for exactly what it `needs`.
struct GitLabPipeline {
    let jobs: PipelineJobs

    static let fileName = "gitlab-ci.yml"
    static let stages = ["verify", "build", "deploy"]

    var system: String { jobs.system.name }
    var mainBranch: String { jobs.pipeline.mainBranch }

    func name(_ id: String) -> String { "\(system):\(id)" }

    var comment: String {
        """
        # Include from the repository's .gitlab-ci.yml:
        #   include:
        #     - local: \(jobs.pipeline.outputFolder)/\(system)/ci/\(Self.fileName)
        # CI/CD variables: REGISTRY_USER, REGISTRY_PASSWORD (masked); KUBECONFIG (type File, scoped to each
        # environment); PROMETHEUS_TOKEN and INFRAGEN_NOTIFY_WEBHOOK (optional). The release to the last environment
        # waits for the manual job \(system):approve-<env>; rollbacks are manual jobs.

        """
    }

    var document: YAMLNode {
        var pairs: [(String, YAMLNode?)] = [
            ("stages", .sequence(Self.stages.map(YAMLNode.string))),
            ("variables", .mapping([
                ("INFRAGEN_BASE_SHA", .string("$CI_COMMIT_BEFORE_SHA")),
                ("INFRAGEN_COMMIT_SHA", .string("$CI_COMMIT_SHA")),
            ])),
        ]
        for job in jobs.jobs { pairs.append((name(job.id), node(job))) }
        return .mapping(pairs)
    }

    private func stage(_ job: PipelineJobs.Job) -> String {
        if job.id.hasPrefix("build-") { return "build" }
        return job.cluster || job.environment != nil || job.id.hasPrefix("approve-") || job.id.hasPrefix("gate-")
            || job.id.hasPrefix("smoke-") ? "deploy" : "verify"
    }

    private func node(_ job: PipelineJobs.Job) -> YAMLNode {
        let onMain = "$CI_COMMIT_BRANCH == \(GitLabExpression.quoted(mainBranch))"
        var rules: [YAMLNode]
        var allowFailure: Bool?
        switch job.gate {
        case .always: rules = []
        case .mainBranch: rules = [.mapping([("if", .string(onMain))])]
        case .approval:
            rules = [.mapping([("if", .string(onMain)), ("when", .string("manual"))])]
            allowFailure = false
        case .onFailure: rules = [.mapping([("if", .string(onMain)), ("when", .string("on_failure"))])]
        case .manual:
            rules = [.mapping([("if", .string(onMain)), ("when", .string("manual"))])]
            allowFailure = true
        }
        let entrypoint = job.image.hasPrefix("bitnami/kubectl") || job.image.contains("kaniko")
        let image: YAMLNode = entrypoint
            ? .mapping([("name", .string(job.image)), ("entrypoint", .sequence([.string("")]))])
            : .string(job.image)
        var variables: [(String, YAMLNode?)] = []
        if job.fullHistory { variables.append(("GIT_DEPTH", .string("0"))) }
        if job.id.hasPrefix("build-") && jobs.pipeline.builder == .buildah {
            variables += [("BUILDAH_ISOLATION", .string("chroot")), ("STORAGE_DRIVER", .string("vfs"))]
        }
        let environment: YAMLNode? = job.environment.map { environment in
            .mapping([("name", .string(environment.name)), ("url", environment.url.map(YAMLNode.string))])
        }
        // Artifacts come only from the jobs that keep state: the changes step and the builds.
        let needs: YAMLNode = .sequence(job.needs.map { need in
            .mapping([("job", .string(name(need))),
                      ("artifacts", .boolean(need == "changes" || need.hasPrefix("build-")))])
        })
        return .mapping([
            ("stage", .string(stage(job))),
            ("image", image),
            ("needs", needs),
            ("rules", rules.isEmpty ? nil : .sequence(rules)),
            ("allow_failure", allowFailure.map(YAMLNode.boolean)),
            ("resource_group", job.environment.map { .string("\(system)-\($0.name)") }),
            ("environment", environment),
            ("variables", variables.isEmpty ? nil : .mapping(variables)),
            ("script", .sequence(job.script.map(YAMLNode.string))),
            ("artifacts", job.keepsState
                ? .mapping([("paths", .sequence([.string(job.id == "changes"
                                                             ? PipelineScript.state + "/changed"
                                                             : PipelineScript.state + "/images/")])),
                            ("expire_in", .string("1 week"))]) : nil),
        ])
    }
}

/// A double-quoted string for a GitLab `rules: if:` expression (`"main"`), with `\` and `"` escaped.
enum GitLabExpression {
    static func quoted(_ value: String) -> String {
        "\"" + value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    }
}
