import Foundation
import InfragenYAML
import Testing

extension PipelineHarness {
    /// Every job of the file in order, as GitLab runs them on the main branch once the approval is given: a job runs
    /// when all it needs succeeded (an `on_failure` job when one of them failed); rollbacks (manual, allowed to fail)
    /// and the jobs that need Swift, Go or the validators are left out.
    func runPipeline(_ text: String, base: String, head: String, gate: Gate, stubs: [String: String] = [:],
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
            var environment = stubs.merging(["INFRAGEN_BASE_SHA": base, "INFRAGEN_COMMIT_SHA": head,
                                             "STUB_GATE": gate.rawValue, "INFRAGEN_NOTIFY_WEBHOOK": Self.webhook]) { $1 }
            if case .mapping(let variables)? = job["variables"] {
                for variable in variables { environment[variable.key] = variable.value.scalarText }
            }
            let run = try runScript(script, environment: environment)
            try absorbApplied()
            runs.append(JobRun(name: pair.key, status: run.status, output: run.stdout + run.stderr,
                               environment: job["environment"]?["name"]?.scalarText))
            results[pair.key] = run.status == 0
        }
        return runs
    }
}
