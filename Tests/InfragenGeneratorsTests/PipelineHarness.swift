import Foundation
import InfragenTestSupport
import InfragenYAML
import Testing

/// Runs a generated GitLab pipeline's jobs in order, as a runner on the main branch would, in a real git repository
/// with the rendered output, with stub `kubectl`, `buildah`, `curl`, `sleep` and `apk` on PATH that record every
/// call. The stub kubectl answers `get` from a fake cluster state, and turns `apply --kustomize` into the real
/// `kubectl kustomize` of the job's overlay: what would be applied is what the test reads, and the fake cluster then
/// runs it (the next job's `get` sees the new images).
struct PipelineHarness {
    enum Gate: String {
        case pass, fail, nodata
    }

    struct JobRun {
        var name: String
        var status: Int32
        var output: String
    }

    let root: URL
    let repository: URL
    let bin: URL
    let state: URL
    let log: URL
    let kubectl: String

    init(root: URL, kubectl: String) throws {
        self.root = root
        self.kubectl = kubectl
        repository = root.appendingPathComponent("repo")
        bin = root.appendingPathComponent("bin")
        state = root.appendingPathComponent("cluster")
        log = root.appendingPathComponent("calls.log")
        for folder in [repository, bin, state.appendingPathComponent("images"), state.appendingPathComponent("previous")] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        try Data().write(to: log)
        try writeStubs()
    }

    /// Commits files to the repository; returns the commit id.
    @discardableResult
    func commit(_ files: [String: String], message: String) throws -> String {
        try writeFiles(files.sorted { $0.key < $1.key }, under: repository)
        let git = try ExternalTool.path("git")
        let identity = ["-c", "user.name=test", "-c", "user.email=test@example.com"]
        try check(runProcess(git, ["add", "-A"], in: repository))
        try check(runProcess(git, identity + ["commit", "-q", "-m", message], in: repository))
        return try runProcess(git, ["rev-parse", "HEAD"], in: repository).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func initRepository() throws {
        try check(runProcess(try ExternalTool.path("git"), ["init", "-q", "-b", "main"], in: repository))
    }

    /// The cluster runs `image` in the workload's first container (and it is what `get` answers).
    func seed(_ namespace: String, _ kind: String, _ name: String, image: String) throws {
        try image.write(to: state.appendingPathComponent("images/\(namespace).\(kind).\(name)"), atomically: true,
                        encoding: .utf8)
    }

    func image(_ namespace: String, _ kind: String, _ name: String) -> String? {
        try? String(contentsOf: state.appendingPathComponent("images/\(namespace).\(kind).\(name)"), encoding: .utf8)
    }

    var calls: [String] {
        ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// Every job of the file in order, as GitLab runs them on the main branch once the approval is given: a job runs
    /// when all it needs succeeded (an `on_failure` job when one of them failed); rollbacks (manual, allowed to fail)
    /// and the jobs that need Swift, Go or the validators are left out.
    func runPipeline(_ text: String, base: String, head: String, gate: Gate,
                     skipping skipped: (String) -> Bool) throws -> [JobRun] {
        let document = try #require(try YAML.parse(text).first)
        guard case .mapping(let top) = document else { throw HarnessError("not a mapping") }
        var results: [String: Bool] = [:]
        var runs: [JobRun] = []
        for pair in top where pair.key != "stages" && pair.key != "variables" {
            let job = pair.value
            if skipped(pair.key) { results[pair.key] = true; continue }
            let rule = job["rules"]?[0]
            let when = rule?["when"]?.scalarText ?? "on_success"
            if when == "manual" && job["allow_failure"]?.scalarText == "true" { continue }
            var needs: [String] = []
            if case .sequence(let items)? = job["needs"] { needs = items.compactMap { $0["job"]?.scalarText } }
            let outcomes = needs.map { results[$0] }
            if outcomes.contains(where: { $0 == nil }) { results[pair.key] = nil; continue }
            let anyFailed = outcomes.contains { $0 == false }
            if when == "on_failure" ? !anyFailed : anyFailed { continue }
            var script: [String] = []
            if case .sequence(let lines)? = job["script"] { script = lines.compactMap(\.scalarText) }
            var environment = ["INFRAGEN_BASE_SHA": base, "INFRAGEN_COMMIT_SHA": head, "STUB_GATE": gate.rawValue,
                               "INFRAGEN_NOTIFY_WEBHOOK": "https://chat.example.com/hooks/release"]
            if case .mapping(let variables)? = job["variables"] {
                for variable in variables { environment[variable.key] = variable.value.scalarText }
            }
            let run = try runScript(script, environment: environment)
            try absorbApplied()
            runs.append(JobRun(name: pair.key, status: run.status, output: run.stdout + run.stderr))
            results[pair.key] = run.status == 0
        }
        return runs
    }

    /// One job's script lines in one shell, stopping at the first that fails, as a runner does.
    func runScript(_ lines: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        var variables = environment
        variables["PATH"] = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        variables["STUB_LOG"] = log.path
        variables["STUB_STATE"] = state.path
        variables["STUB_KUBECTL"] = kubectl
        variables["REGISTRY_USER"] = "robot"
        variables["REGISTRY_PASSWORD"] = "s3cret"
        return try runProcess("/bin/sh", ["-e", "-c", lines.joined(separator: "\n")], in: repository,
                              environment: variables)
    }

    /// The workloads of the last `apply` now run in the fake cluster; the previous-images ConfigMap too.
    func absorbApplied() throws {
        let applied = state.appendingPathComponent("applied.yaml")
        guard let text = try? String(contentsOf: applied, encoding: .utf8) else { return }
        try FileManager.default.removeItem(at: applied)
        for document in try YAML.parse(text) {
            guard let kind = document["kind"]?.scalarText, let name = document["metadata"]?["name"]?.scalarText
            else { continue }
            let namespace = document["metadata"]?["namespace"]?.scalarText ?? "none"
            if kind == "ConfigMap", name == "infragen-previous-images", case .mapping(let data)? = document["data"] {
                for entry in data {
                    try (entry.value.scalarText ?? "").write(
                        to: state.appendingPathComponent("previous/\(namespace).\(entry.key)"), atomically: true,
                        encoding: .utf8)
                }
            }
            if let image = document["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"]?.scalarText {
                try seed(namespace, kind, name, image: image)
            }
        }
        let history = state.appendingPathComponent("applied-history.yaml")
        let old = (try? String(contentsOf: history, encoding: .utf8)) ?? ""
        try (old + "---\n" + text).write(to: history, atomically: true, encoding: .utf8)
    }

    private func check(_ result: ProcessResult) throws {
        if result.status != 0 { throw HarnessError("\(result)") }
    }

    private func writeStubs() throws {
        let stubs: [String: String] = [
            "kubectl": #"""
                printf 'kubectl %s\n' "$*" >> "$STUB_LOG"
                namespace=none
                if [ "$1" = --namespace ]; then namespace=$2; shift 2; fi
                case "$1" in
                  get)
                    if [ "$2" = configmap ]; then
                      key=$(printf '%s' "$5" | sed -n 's/^jsonpath={\.data\.\(.*\)\\\.\(.*\)}$/\1.\2/p')
                      cat "$STUB_STATE/previous/$namespace.$key" 2>/dev/null || true
                      exit 0
                    fi
                    cat "$STUB_STATE/images/$namespace.$2.$3" 2>/dev/null || { echo "NotFound" >&2; exit 1; }
                    ;;
                  apply) "$STUB_KUBECTL" kustomize "$3" > "$STUB_STATE/applied.yaml" ;;
                  rollout) ;;
                  *) echo "unexpected kubectl $*" >&2; exit 2 ;;
                esac
                """#,
            "buildah": #"""
                printf 'buildah %s\n' "$*" >> "$STUB_LOG"
                case "$1" in
                  login) cat > /dev/null ;;
                  push) printf 'sha256:%s' "$(printf '%s' "$4" | sha256sum | cut -c1-64)" > "$3" ;;
                esac
                """#,
            "curl": #"""
                printf 'curl %s\n' "$*" >> "$STUB_LOG"
                case "$*" in
                  *'query=count('*)
                    if [ "$STUB_GATE" = nodata ]; then result='[]'; else result='[{"metric":{},"value":[1,"2"]}]'; fi
                    printf '{"status":"success","data":{"resultType":"vector","result":%s}}' "$result" ;;
                  *query=*)
                    if [ "$STUB_GATE" = fail ]; then result='[{"metric":{"slo":"order-creation"},"value":[1,"30"]}]'; else result='[]'; fi
                    printf '{"status":"success","data":{"resultType":"vector","result":%s}}' "$result" ;;
                  *'--write-out'*) printf '200' ;;
                esac
                """#,
            "sleep": #"printf 'sleep %s\n' "$*" >> "$STUB_LOG""#,
            "apk": #"printf 'apk %s\n' "$*" >> "$STUB_LOG""#,
        ]
        for (name, body) in stubs {
            let url = bin.appendingPathComponent(name)
            try ("#!/bin/sh\n" + body + "\n").write(to: url, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        }
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
