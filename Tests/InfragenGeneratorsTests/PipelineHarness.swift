import Foundation
import InfragenTestSupport
import InfragenYAML
import Testing

/// Runs a generated pipeline's jobs in order, as a runner on the main branch would (GitLab: PipelineHarness+GitLab,
/// GitHub Actions: PipelineHarness+GitHub), in a real git repository with the rendered output, with stub `kubectl`,
/// `buildah`, `curl`, `sleep` and `apk` on PATH that record every call. The stub kubectl answers `get` from a fake cluster state, and turns `apply --kustomize` into the real
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
        /// The job's environment (GitHub: the `<env>-approval` environment of the approval point).
        var environment: String? = nil

        /// The name without the GitLab system prefix (`shop:deploy-dev` → `deploy-dev`), as GitHub names it.
        var id: String { String(name.split(separator: ":").last ?? "") }
    }

    /// The contents of the KUBECONFIG secret (GitHub) or file variable (GitLab); the stub kubectl refuses to run
    /// without a KUBECONFIG file that holds it.
    static let kubeconfig = "stub-cluster kubeconfig"
    static let registryUser = "robot"
    static let registryPassword = "s3cret"
    static let webhook = "https://chat.example.com/hooks/release"

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
        try Self.kubeconfig.write(to: root.appendingPathComponent("kubeconfig"), atomically: true, encoding: .utf8)
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

    /// One job's script lines in one shell, stopping at the first that fails, as a GitLab runner does, with the
    /// project's CI/CD variables (the registry's login, KUBECONFIG as a file variable).
    func runScript(_ lines: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        var variables = environment
        variables["REGISTRY_USER"] = Self.registryUser
        variables["REGISTRY_PASSWORD"] = Self.registryPassword
        variables["KUBECONFIG"] = root.appendingPathComponent("kubeconfig").path
        return try run("/bin/sh", ["-e", "-c", lines.joined(separator: "\n")], in: repository, environment: variables)
    }

    /// A process with the stubs first on PATH and told where the log and the fake cluster are.
    func run(_ executable: String, _ arguments: [String], in directory: URL, environment: [String: String])
        throws -> ProcessResult {
        var variables = environment
        variables["PATH"] = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        variables["STUB_LOG"] = log.path
        variables["STUB_STATE"] = state.path
        variables["STUB_KUBECTL"] = kubectl
        return try runProcess(executable, arguments, in: directory, environment: variables)
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
                [ "$(cat "${KUBECONFIG:-/nonexistent}" 2>/dev/null)" = 'stub-cluster kubeconfig' ] ||
                  { echo "kubectl: no KUBECONFIG file with the cluster's credentials" >&2; exit 3; }
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
                  login)
                    [ "$(cat)" = s3cret ] && [ "$3" = robot ] || { echo "buildah: login refused" >&2; exit 4; } ;;
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
                  *'--write-out'*) if [ "${STUB_SMOKE:-}" = fail ]; then printf '503'; else printf '200'; fi ;;
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
