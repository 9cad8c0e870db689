import InfragenExampleBlueprints
import Foundation
import Infragen
@testable import InfragenGenerators
import InfragenModel
import InfragenRender
import InfragenTestSupport
import InfragenYAML
import Testing

/// The generated pipelines against the tools their platforms check them with: check-jsonschema's built-in GitLab CI
/// and GitHub workflow schemas, actionlint (which also runs shellcheck on every `run:` block), and shellcheck on
/// `pipeline.sh` and on every GitLab `script:` block. For the shop (buildah) and the shop built with kaniko; each tool
/// also gets a broken file, to show that it fails.
@Suite(.serialized) struct PipelineToolTests {
    static var kaniko: SystemDescription {
        var shop = System.shop.description
        shop.pipeline?.builder = .kaniko
        return shop
    }

    func withPipelines(_ body: (URL, [String]) throws -> Void) throws {
        var files: [(String, String)] = []
        for (index, system) in [System.shop.description, Self.kaniko].enumerated() {
            let rendered = try renderInMemory([system], selection: RenderSelection(kinds: [.pipeline]))
            files += rendered.map { ("\(index)/\($0.key)", $0.value) }
        }
        #expect(files.count == 6)
        try withTemporaryFolder { root in
            try writeFiles(files.sorted { $0.0 < $1.0 }, under: root)
            try body(root, files.map { root.appendingPathComponent($0.0).path }.sorted())
        }
    }

    @Test(.enabled(if: ExternalTool.usable("check-jsonschema"), ExternalTool.skipNote("check-jsonschema")))
    func pipelinesMatchTheirPlatformsSchemas() throws {
        let tool = try ExternalTool.path("check-jsonschema")
        try withPipelines { root, files in
            for (schema, suffix) in [("vendor.gitlab-ci", "gitlab-ci.yml"), ("vendor.github-workflows", "github-workflow.yml")] {
                let targets = files.filter { $0.hasSuffix(suffix) }
                #expect(targets.count == 2)
                let result = try runProcess(tool, ["--builtin-schema", schema] + targets, in: root)
                #expect(result.status == 0, "\(result)")
                let broken = root.appendingPathComponent("broken-" + suffix)
                let text = try String(contentsOfFile: targets[0], encoding: .utf8)
                try text.replacingOccurrences(of: suffix == "gitlab-ci.yml" ? "  script:\n" : "    runs-on:", with:
                    suffix == "gitlab-ci.yml" ? "  scripts:\n" : "    runs_on:")
                    .write(to: broken, atomically: true, encoding: .utf8)
                let failure = try runProcess(tool, ["--builtin-schema", schema, broken.path], in: root)
                #expect(failure.status != 0, "\(failure)")
            }
        }
    }

    @Test(.enabled(if: ExternalTool.usable("actionlint") && ExternalTool.usable("shellcheck"),
                   ExternalTool.skipNote("actionlint")))
    func actionlintAcceptsTheWorkflows() throws {
        let tool = try ExternalTool.path("actionlint")
        _ = try ExternalTool.path("shellcheck")
        try withPipelines { root, files in
            let workflows = files.filter { $0.hasSuffix("github-workflow.yml") }
            let result = try runProcess(tool, workflows, in: root)
            #expect(result.status == 0 && result.stdout.isEmpty, "\(result)")
            let broken = root.appendingPathComponent("broken.yml")
            let text = try String(contentsOfFile: workflows[0], encoding: .utf8)
            try text.replacingOccurrences(of: "needs:\n    - changes", with: "needs:\n    - chnages")
                .write(to: broken, atomically: true, encoding: .utf8)
            let failure = try runProcess(tool, [broken.path], in: root)
            #expect(failure.status != 0 && failure.stdout.contains("chnages"), "\(failure)")
        }
    }

    @Test(.enabled(if: ExternalTool.usable("shellcheck"), ExternalTool.skipNote("shellcheck")))
    func shellcheckAcceptsEveryScript() throws {
        let tool = try ExternalTool.path("shellcheck")
        try withPipelines { root, files in
            var scripts = files.filter { $0.hasSuffix("/pipeline.sh") }
            #expect(scripts.count == 2)
            for (index, file) in files.filter({ $0.hasSuffix("gitlab-ci.yml") }).enumerated() {
                let document = try #require(try YAML.parse(String(contentsOfFile: file, encoding: .utf8)).first)
                guard case .mapping(let jobs) = document else { continue }
                for job in jobs {
                    guard case .sequence(let lines)? = job.value["script"] else { continue }
                    let path = root.appendingPathComponent("gitlab-\(index)-\(job.key.replacingOccurrences(of: ":", with: "_")).sh")
                    try ("# shellcheck shell=sh\n" + lines.compactMap(\.scalarText).joined(separator: "\n") + "\n")
                        .write(to: path, atomically: true, encoding: .utf8)
                    scripts.append(path.path)
                }
            }
            #expect(scripts.count > 2 * 20)
            let result = try runProcess(tool, ["--severity=style"] + scripts, in: root)
            #expect(result.status == 0, "\(result)")
            let broken = root.appendingPathComponent("broken.sh")
            try "# shellcheck shell=sh\nfor f in $(ls *.yml); do echo $f; done\n"
                .write(to: broken, atomically: true, encoding: .utf8)
            #expect(try runProcess(tool, [broken.path], in: root).status != 0)
        }
    }

    /// Whatever a value holds, the shell sees exactly it, as one word.
    @Test func quotedValuesReachTheShellAsOneWord() throws {
        let values = ["plain", "it's", "$(id)", "`id`", "a b\tc", "line\nbreak", "'", "''", "\\", "\"", "$HOME",
                      "*", "-n", "ünïcødé ✓", "a'b'c'", ";|&<>(){}"]
        for value in values {
            let script = "printf '%s|' \(Shell.quoted(value)); printf '%s' \"$#\""
            let result = try runProcess("/bin/sh", ["-c", "set -- \(Shell.quoted(value)); " + script])
            #expect(result.stdout == value + "|1", "\(value.debugDescription): \(result)")
        }
    }
}

/// What the steps wait for and call, read as the engineer who runs them: every Deployment and StatefulSet is waited
/// for, a prebuilt one too (Redis in the test's polyglot system), and the smoke test never GETs a gRPC route.
@Suite struct PipelineFactsTests {
    /// The kaniko executor the build jobs run (v1.23.2) parses `RUN --mount=…` (its Dockerfile parser is BuildKit's)
    /// but runs the command without the mount: its RUN command never reads the mounts. An ignored cache mount only
    /// loses the cache; an ignored bind, secret or ssh mount would break the build. So every mount in the Dockerfiles
    /// the kaniko jobs build is a cache mount, and a new executor version is a reason to look again.
    @Test func kanikoBuildsOnlyDockerfilesWhoseMountsItMayIgnore() throws {
        let files = try renderInMemory([PipelineToolTests.kaniko])
        let gitlab = try #require(files["shop/ci/gitlab-ci.yml"])
        let github = try #require(files["shop/ci/github-workflow.yml"])
        for workflow in [gitlab, github] {
            #expect(workflow.contains("gcr.io/kaniko-project/executor:v1.23.2-debug"),
                    "another kaniko version: check how it treats RUN --mount before changing this test")
        }
        let script = try #require(files["shop/ci/pipeline.sh"])
        let dockerfiles = files.filter { path, _ in
            path.hasSuffix("/Dockerfile") && script.contains("'Output/\(path)'")
        }
        #expect(dockerfiles.count == 3)
        var mounts: [String] = []
        for (_, text) in dockerfiles {
            mounts += text.split(separator: " ").filter { $0.hasPrefix("--mount=") }.map(String.init)
        }
        #expect(!mounts.isEmpty)
        #expect(mounts.allSatisfy { $0.hasPrefix("--mount=type=cache,") }, "\(Set(mounts))")
        #expect(script.contains("kaniko parses RUN --mount=type=cache and runs the command without the mount"))
    }

    @Test func rolloutsWaitForPrebuiltWorkloadsToo() throws {
        var polyglot = PolyglotSystem.description
        var pipeline = PipelineDescription(location: polyglot.location)
        pipeline.gate = ReleaseGateDescription(
            prometheus: "http://prometheus:9090", analysis: .seconds(1800), tolerance: 1, location: polyglot.location)
        polyglot.pipeline = pipeline
        let files = try renderInMemory([polyglot], selection: RenderSelection(kinds: [.pipeline]))
        let script = try #require(files["polyglot/ci/pipeline.sh"])
        let prod = try #require(script.split(separator: "\n").first { $0.hasPrefix("    'prod') printf") })
        #expect(prod.contains("'Deployment/redis'"), "\(prod)")
        // Redis is prebuilt: the deploy pins no image of it.
        #expect(!script.contains("\nredis stable "))
    }

    @Test func theSmokeTestLeavesGRPCRoutesAlone() throws {
        let system = System("desk") {
            SourceRepository("https://git.example.com/desk", license: "MIT")
            Defaults { ImageRegistry("registry.example.com/desk"); ImageTag("1.0.0") }
            Deploy(to: .dev) { Host("desk.example.com"); TLS() }
            Pipeline {}
            Service("desk") {
                Port("grpc", 9090, appProtocol: .grpc)
                Port("http", 8080, appProtocol: .http)
                Health(liveness: "/livez", readiness: "/readyz", port: "http")
                Route("/api/desk", port: "http")
                Route("/desk.v1.Desk/", port: "grpc")
            }
        }.description
        let files = try renderInMemory([system], selection: RenderSelection(kinds: [.pipeline]))
        let script = try #require(files["desk/ci/pipeline.sh"])
        #expect(script.contains("printf '%s\\n' '/healthz' '/api/desk'\n"), "\(script)")
    }
}
