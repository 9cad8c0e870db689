import Foundation
import InfragenTestSupport
import InfragenYAML
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A GitHub Actions run of a generated workflow, for a push to the main branch once the approval is given: each job
/// waits for what it `needs` and runs when its `if:` says so (GitHub's expression rules: `success()` implied, a
/// skipped or failed need skips the job, `failure()` is true when any ancestor failed); each runs on a fresh runner
/// (a new clone, `fetch-depth` as the checkout step asks), its steps in order until one fails, with the workflow's and
/// the step's `env:` and the actions' `with:` values. The artifact actions keep files between jobs as GitHub's do:
/// upload-artifact stores a directory's contents (or a file) under a unique name, leaving out hidden files unless
/// `include-hidden-files`; download-artifact restores one name, or every name matching a pattern (merged with
/// `merge-multiple`).
extension PipelineHarness {
    struct GitHubRun {
        var base: String
        var head: String
        var eventName = "push"
        var ref = "refs/heads/main"
        /// workflow_dispatch inputs (`rollback`).
        var inputs: [String: String] = [:]
        var secrets: [String: String] = [
            "REGISTRY_USER": PipelineHarness.registryUser, "REGISTRY_PASSWORD": PipelineHarness.registryPassword,
            "KUBECONFIG": PipelineHarness.kubeconfig, "INFRAGEN_NOTIFY_WEBHOOK": PipelineHarness.webhook,
        ]
    }

    func runWorkflow(_ text: String, _ event: GitHubRun, gate: Gate, stubs: [String: String] = [:],
                     skipping skipped: (String) -> Bool) throws -> [JobRun] {
        let document = try #require(try YAML.parse(text).first)
        guard case .mapping(let jobs)? = document["jobs"] else { throw HarnessError("no jobs") }
        var results: [String: String] = [:]
        var needsOf: [String: [String]] = [:]
        var runs: [JobRun] = []
        var pending = jobs.pairs
        while !pending.isEmpty {
            guard let index = pending.firstIndex(where: { pair in
                Self.needs(pair.value).allSatisfy { results[$0] != nil }
            }) else { throw HarnessError("jobs wait for jobs that never run: \(pending.map(\.key))") }
            let (id, job) = (pending[index].key, pending[index].value)
            pending.remove(at: index)
            let needs = Self.needs(job)
            needsOf[id] = needs
            func ancestors(_ job: String) -> Set<String> {
                (needsOf[job] ?? []).reduce(into: Set<String>()) { $0.insert($1); $0.formUnion(ancestors($1)) }
            }
            let expression = GitHubExpression(
                lookup: { path in try Self.context(path, event, needs: needs, results: results) },
                function: { name in
                    switch name {
                    case "always": .boolean(true)
                    case "cancelled": .boolean(false)
                    case "success": .boolean(needs.allSatisfy { results[$0] == "success" }
                                             && !ancestors(id).contains { results[$0] == "failure" })
                    case "failure": .boolean(ancestors(id).contains { results[$0] == "failure" })
                    default: throw HarnessError("no function \(name)()")
                    }
                })
            if skipped(id) { results[id] = "success"; continue }
            guard try expression.jobCondition(job["if"]?.scalarText) else { results[id] = "skipped"; continue }
            let outcome = try runJob(id, job, document["env"], expression: expression,
                                     stubs: stubs.merging(["STUB_GATE": gate.rawValue]) { $1 })
            try absorbApplied()
            results[id] = outcome.status == 0 ? "success" : "failure"
            runs.append(JobRun(name: id, status: outcome.status, output: outcome.output,
                               environment: job["environment"]?["name"]?.scalarText))
        }
        return runs
    }

    static func needs(_ job: YAMLNode) -> [String] {
        switch job["needs"] {
        case .sequence(let items)?: items.compactMap(\.scalarText)
        case .scalar(let scalar)?: [scalar.text]
        default: []
        }
    }

    static func context(_ path: String, _ event: GitHubRun, needs: [String], results: [String: String]) throws
        -> GitHubExpression.Value {
        let parts = path.split(separator: ".").map(String.init)
        switch (parts.first ?? "", parts.count) {
        case ("secrets", 2): return .string(event.secrets[parts[1]] ?? "")
        case ("inputs", 2): return event.inputs[parts[1]].map(GitHubExpression.Value.string) ?? .null
        case ("needs", 3) where parts[2] == "result" && needs.contains(parts[1]):
            return .string(results[parts[1]] ?? "")
        default:
            let github = ["github.event_name": event.eventName, "github.ref": event.ref, "github.sha": event.head,
                          "github.event.before": event.base]
            guard let value = github[path] else { throw HarnessError("the test gives no value for \(path)") }
            return .string(value)
        }
    }

    /// A job on a fresh runner: its own clone and RUNNER_TEMP; the steps in order until one fails.
    private func runJob(_ id: String, _ job: YAMLNode, _ workflowEnvironment: YAMLNode?,
                        expression: GitHubExpression, stubs: [String: String]) throws -> (status: Int32, output: String) {
        let runner = root.appendingPathComponent("runners/\(id)")
        let workspace = runner.appendingPathComponent("work")
        let temporary = runner.appendingPathComponent("temp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        var environment = stubs
        environment["RUNNER_TEMP"] = temporary.path
        for scope in [workflowEnvironment, job["env"]] {
            if case .mapping(let variables)? = scope {
                for variable in variables {
                    environment[variable.key] = try expression.substitute(variable.value.scalarText ?? "")
                }
            }
        }
        var output = ""
        guard case .sequence(let steps)? = job["steps"] else { throw HarnessError("\(id): no steps") }
        for step in steps {
            if step["if"] != nil { throw HarnessError("\(id): a step's if: is not simulated") }
            var with: [String: String] = [:]
            if case .mapping(let values)? = step["with"] {
                for value in values { with[value.key] = try expression.substitute(value.value.scalarText ?? "") }
            }
            let result: ProcessResult
            if let action = step["uses"]?.scalarText {
                result = try self.action(action, with: with, workspace: workspace)
            } else if let script = step["run"]?.scalarText {
                var variables = environment
                if case .mapping(let values)? = step["env"] {
                    for value in values { variables[value.key] = try expression.substitute(value.value.scalarText ?? "") }
                }
                let file = temporary.appendingPathComponent("step.sh")
                try expression.substitute(script).write(to: file, atomically: true, encoding: .utf8)
                // GitHub's default shell on Linux: bash -e {0}.
                result = try run("/bin/bash", ["-e", file.path], in: workspace, environment: variables)
            } else {
                throw HarnessError("\(id): a step with neither uses: nor run:")
            }
            output += result.stdout + result.stderr
            if result.status != 0 { return (result.status, output) }
        }
        return (0, output)
    }

    private func action(_ action: String, with: [String: String], workspace: URL) throws -> ProcessResult {
        let store = root.appendingPathComponent("artifacts")
        func failed(_ message: String) -> ProcessResult { ProcessResult(status: 1, stdout: "", stderr: message + "\n") }
        switch action.split(separator: "@").first.map(String.init) ?? "" {
        case "actions/checkout":
            let git = try ExternalTool.path("git")
            let depth = Int(with["fetch-depth"] ?? "1") ?? 1
            // file:// so that --depth is honoured as a fetch from GitHub would be.
            let clone = try runProcess(git, ["clone", "-q"] + (depth > 0 ? ["--depth", "\(depth)"] : [])
                                       + ["file://" + repository.path, workspace.path])
            return clone
        case "actions/upload-artifact":
            guard let name = with["name"], let path = with["path"] else { return failed("upload-artifact: name, path") }
            let source = workspace.appendingPathComponent(path)
            let target = store.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: target.path) { return failed("artifact \(name) exists (409)") }
            // A folder's files relative to it; a file under its own name.
            let found = Self.files(at: source)
            let entries = found == [""]
                ? [(from: source, name: source.lastPathComponent, inWorkspace: path)]
                : found.map { (from: source.appendingPathComponent($0), name: $0, inWorkspace: path + "/" + $0) }
            let files = entries.filter { entry in
                with["include-hidden-files"] == "true"
                    || !entry.inWorkspace.split(separator: "/").contains { $0.hasPrefix(".") && $0 != "." }
            }
            if files.isEmpty {
                return with["if-no-files-found"] == "error" ? failed("no files found at \(path)") : ProcessResult(
                    status: 0, stdout: "no files at \(path): no artifact\n", stderr: "")
            }
            for file in files { try Self.copy(file.from, to: target.appendingPathComponent(file.name)) }
            return ProcessResult(status: 0, stdout: "uploaded \(name): \(files.map(\.name))\n", stderr: "")
        case "actions/download-artifact":
            let destination = workspace.appendingPathComponent(with["path"] ?? ".")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: store.path)) ?? []
            let chosen: [String]
            if let name = with["name"] {
                guard names.contains(name) else { return failed("Artifact not found for name: \(name)") }
                chosen = [name]
            } else {
                let pattern = with["pattern"] ?? "*"
                chosen = names.filter { fnmatch(pattern, $0, 0) == 0 }.sorted()
            }
            for name in chosen {
                let folder = with["name"] != nil || with["merge-multiple"] == "true"
                    ? destination : destination.appendingPathComponent(name)
                for relative in Self.files(at: store.appendingPathComponent(name)) {
                    try Self.copy(store.appendingPathComponent("\(name)/\(relative)"),
                                  to: folder.appendingPathComponent(relative))
                }
            }
            return ProcessResult(status: 0, stdout: "downloaded \(chosen)\n", stderr: "")
        default:
            throw HarnessError("the harness does not simulate \(action)")
        }
    }

    /// The regular files under a folder, as relative paths; `[""]` for a file; `[]` when nothing is there.
    static func files(at url: URL) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { return [] }
        guard isFolder.boolValue else { return [""] }
        let enumerator = FileManager.default.enumerator(atPath: url.path)
        var files: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            var isSubfolder: ObjCBool = false
            FileManager.default.fileExists(atPath: url.appendingPathComponent(relative).path, isDirectory: &isSubfolder)
            if !isSubfolder.boolValue { files.append(relative) }
        }
        return files.sorted()
    }

    static func copy(_ source: URL, to target: URL) throws {
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        if FileManager.default.fileExists(atPath: target.path) { try FileManager.default.removeItem(at: target) }
        try FileManager.default.copyItem(at: source, to: target)
    }
}
