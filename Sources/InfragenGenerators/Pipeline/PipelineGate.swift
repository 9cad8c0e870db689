import InfragenModel

/// The release gate of the prod canary: after the analysis window, two instant queries to Prometheus's HTTP API over
/// the canary comparison records of the SLO rules (``CanaryRecords``), per SLI of the environment:
///
/// - is there a canary series at all? No data is no verdict: the gate fails rather than promote blind;
/// - does any SLI's canary burn its budget faster than allowed (burn rate above 1) *and* faster than `tolerance` ×
///   stable's over the same window? Then the gate fails, and the pipeline cuts the canary back.
struct PipelineGate {
    let system: ResolvedSystem
    let pipeline: PipelineDescription

    /// The environment released through a canary (the last one with a canary share).
    var environment: ResolvedEnvironment? { system.environments.last { $0.canary != nil } }

    var analysisMinutes: Int { Int(pipeline.gate?.analysis.components.seconds ?? 600) / 60 }

    /// The burn-rate record of one track over the analysis window, in the environment.
    func selector(track: String) -> String {
        let record = CanaryRecords.burnRateRecord(minutes: analysisMinutes)
        return "\(record){environment=\(PromQL.quoted(environment?.name ?? "")),"
            + "namespace=\(PromQL.quoted(environment?.namespace ?? "")),track=\(PromQL.quoted(track))}"
    }

    var presenceQuery: String { "count(\(selector(track: "canary")))" }

    var failureQuery: String {
        let canary = selector(track: "canary"), stable = selector(track: "stable")
        let tolerance = pipeline.gate.map { PipelineGate.decimal($0.tolerance) } ?? "1"
        return CanaryRecords.failureQuery(canary: canary, stable: stable, tolerance: tolerance)
    }

    static func decimal(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    var step: String {
        guard let gate = pipeline.gate, environment != nil else {
            return """
            # gate: the blueprint's Pipeline has no ReleaseGate (or no environment runs a canary): nothing to judge.
            step_gate() {
              fail "no ReleaseGate(prometheus:) in the blueprint's Pipeline, or no environment with a Canary"
            }

            """
        }
        return """
        # gate: waits the analysis window (\(PromQL.duration(minutes: analysisMinutes))), then fails when the canary has no series, or when
        # an SLI's canary burns its error budget faster than it may (burn rate above 1) and faster than
        # \(Self.decimal(gate.tolerance)) × stable's, as the SLO rules' canary comparison records say.
        prometheus_query() {
          if [ -n "${PROMETHEUS_TOKEN:-}" ]; then
            set -- "$1" --header "Authorization: Bearer $PROMETHEUS_TOKEN"
          else
            set -- "$1"
          fi
          query=$1
          shift
          curl --silent --show-error --fail --max-time 30 "$@" --data-urlencode "query=$query" \\
            \(Shell.quoted(gate.prometheus))/api/v1/query
        }

        step_gate() {
          sleep \(Shell.seconds(gate.analysis))
          answer=$(prometheus_query \(Shell.quoted(presenceQuery)))
          case "$answer" in
            *'"status":"success"'*'"result":[]'*) fail "the canary has no series in Prometheus: no verdict, no promotion" ;;
            *'"status":"success"'*) ;;
            *) fail "Prometheus did not answer: $answer" ;;
          esac
          answer=$(prometheus_query \(Shell.quoted(failureQuery)))
          case "$answer" in
            *'"status":"success"'*'"result":[]'*) printf 'gate passed: the canary burns no faster than allowed\\n' ;;
            *'"status":"success"'*) fail "the canary burns its error budget too fast: $answer" ;;
            *) fail "Prometheus did not answer: $answer" ;;
          esac
        }

        """
    }
}
