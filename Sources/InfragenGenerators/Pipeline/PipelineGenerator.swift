public import InfragenModel
import InfragenYAML

/// The delivery pipeline of a system with a `Pipeline { … }`, from the same model as its files:
///
///     <system>/ci/pipeline.sh            every step, POSIX sh, called by both CI systems
///     <system>/ci/gitlab-ci.yml          GitLab CI jobs, to `include:` from .gitlab-ci.yml
///     <system>/ci/github-workflow.yml    a GitHub Actions workflow, copied to .github/workflows/ (checked by the
///                                        render-check job, so the copy never drifts)
public struct PipelineGenerator: Generator {
    public let kind = ArtifactKind.pipeline
    public let folders = [folder]
    static let folder = OutputFolder.inSystem("ci")

    public init() {}

    public func files(system: ResolvedSystem, cache: GenerationCache) throws -> [GeneratedFile] {
        guard let pipeline = system.pipeline else { return [] }
        let script = Self.script(system, pipeline)
        let jobs = PipelineJobs(system: system, pipeline: pipeline, script: script)
        let header = FileHeader.hash(source: pipeline.location, system: system.name, command: system.command)
        let gitlab = GitLabPipeline(jobs: jobs)
        let github = GitHubWorkflow(jobs: jobs)
        let base = Self.folder.path(system: system.name)
        return [
            GeneratedFile(path: "\(base)/\(PipelineScript.fileName)", contents: header + script.text(),
                          kind: kind, system: system.name, environment: nil),
            GeneratedFile(path: "\(base)/\(GitLabPipeline.fileName)",
                          contents: header + gitlab.comment + (try YAML.render(gitlab.document)),
                          kind: kind, system: system.name, environment: nil),
            GeneratedFile(path: "\(base)/\(GitHubWorkflow.fileName)",
                          contents: header + github.comment + (try YAML.render(github.document)),
                          kind: kind, system: system.name, environment: nil),
        ]
    }

    static func script(_ system: ResolvedSystem, _ pipeline: PipelineDescription) -> PipelineScript {
        let output = "\(pipeline.outputFolder)/\(system.name)"
        let builds = system.services.compactMap { service -> PipelineBuild? in
            let repository = service.image.repository
            switch service.imageSource {
            case .prebuilt: return nil
            case .goBuild:
                let folder = "\(output)/docker/\(service.name)"
                let context = pipeline.sourceFolders[service.name] ?? service.name
                return PipelineBuild(
                    service: service.name, repository: repository, version: service.imageTag,
                    dockerfile: "\(folder)/Dockerfile", ignoreFile: "\(folder)/Dockerfile.dockerignore",
                    context: context, sources: [context, folder], isGo: true, testImage: service.builderImage.text)
            case .dockerfile(let own):
                let context = pipeline.sourceFolders[service.name] ?? own.context
                let inside = context == "." || own.path.hasPrefix(context + "/")
                return PipelineBuild(
                    service: service.name, repository: repository, version: service.imageTag, dockerfile: own.path,
                    ignoreFile: nil, context: context, sources: inside ? [context] : [context, own.path], isGo: false,
                    testImage: nil)
            }
        }
        let environments = system.environments.map { environment in
            let targets = ImageTarget.all(in: environment)
            var rollouts = ImageTarget.rollouts(in: environment)
            if !environment.routedServices.isEmpty { rollouts.append("Deployment/\(system.gateway.name)") }
            return PipelineEnvironment(
                name: environment.name, namespace: environment.namespace,
                url: environment.host.map { (environment.tls ? "https://" : "http://") + $0 },
                canary: environment.services.contains { $0.canary != nil },
                rollback: rollbackName(environment.rollout.rollback), targets: targets, rollouts: rollouts)
        }
        return PipelineScript(system: system, pipeline: pipeline, builds: builds, environments: environments)
    }

    static func rollbackName(_ rollback: RolloutDescription.Rollback?) -> String {
        switch rollback {
        case .snapshotRestore: "snapshotRestore"
        case .imageRollback: "imageRollback"
        case .canaryCutback: "canaryCutback"
        case .other(let text): text
        case nil: "none"
        }
    }
}

extension ArtifactKind {
    /// `<system>/ci/`: the delivery pipeline (GitLab CI, GitHub Actions, and the steps both run).
    public static let pipeline = ArtifactKind("pipeline")
}
