import Foundation
import Infragen
import InfragenTestSupport

extension HostileCorpus {
    // MARK: - OpenSLO import: every field, the file, the YAML

    /// A valid OpenSLO v1 SLO of the base blueprint's service `api`; each case changes one line.
    ///
    ///     line 4 metadata.name, 6 spec.service, 7 budgetingMethod, 9 duration, 10 isRolling, 12 target,
    ///     13 indicator, 18 bad's type, 20 bad's query, 23 total's type, 25 total's query
    static let openSLOBase = """
        apiVersion: openslo/v1
        kind: SLO
        metadata:
          name: checkout
        spec:
          service: api
          budgetingMethod: Occurrences
          timeWindow:
            - duration: 28d
              isRolling: true
          objectives:
            - target: 0.999
          indicator:
            spec:
              ratioMetric:
                bad:
                  metricSource:
                    type: Prometheus
                    spec:
                      query: sum(rate(http_requests_total{namespace="$namespace",code=~"5.."}[$window]))
                total:
                  metricSource:
                    type: Prometheus
                    spec:
                      query: sum(rate(http_requests_total{namespace="$namespace"}[$window]))

        """

    static let openSLOIndicator = """
          indicator:
            spec:
              ratioMetric:
                bad:
                  metricSource:
                    type: Prometheus
                    spec:
                      query: sum(rate(http_requests_total{namespace="$namespace",code=~"5.."}[$window]))
                total:
                  metricSource:
                    type: Prometheus
                    spec:
                      query: sum(rate(http_requests_total{namespace="$namespace"}[$window]))

        """

    /// An inline alert policy with one condition, appended to the base (line 26 on).
    static func openSLOPolicy(severity: String, threshold: String, lookback: String, extra: String = "") -> String {
        """
          alertPolicies:
            - kind: AlertPolicy
              metadata:
                name: oncall
              spec:
                conditions:
                  - kind: AlertCondition
                    metadata:
                      name: burn
                    spec:
                      severity: \(severity)
                      condition:
                        kind: burnrate
                        threshold: \(threshold)
                        lookbackWindow: \(lookback)
        \(extra)
        """
    }

    static func openSLO() -> [HostileCase] {
        var cases: [HostileCase] = []
        let base = openSLOBase
        func replaced(_ old: String, _ new: String) -> String {
            precondition(base.contains(old), "\(old) is not in the base")
            return base.replacingOccurrences(of: old, with: new)
        }
        /// A case whose service imports `slo/<id>.yaml` (the `ImportOpenSLO` on line 10) holding `yaml`, refused at
        /// each (field, fragment, line, column) of the file, or of the blueprint where the column is nil.
        func refused(
            _ id: String, _ yaml: String?, import path: String? = nil, links: [String: String] = [:],
            _ expected: [(String, String, Int, Int?)]
        ) {
            let f = file(id), written = path ?? "slo/\(id).yaml"
            let system = blueprint(f, service: { ImportOpenSLO(written, fileID: f, line: 10) })
            var hostile = HostileCase(name: id, systems: [system], outcome: .refused(expected.map { field, fragment, line, column in
                column == nil ? .error(field, fragment, at: f, line: line)
                    : .error(field, fragment, at: "slo/\(id).yaml", line: line, column: column)
            }))
            hostile.packageFiles = yaml.map { ["slo/\(id).yaml": $0] } ?? ["slo/other.yaml": base]
            hostile.packageLinks = links
            cases.append(hostile)
        }
        let objective = "openslo.spec.objectives[0]"
        let badQuery = "openslo.spec.indicator.spec.ratioMetric.bad.metricSource"
        let totalQuery = "openslo.spec.indicator.spec.ratioMetric.total.metricSource"

        // The objects: unknown fields, kinds and versions.
        refused("openslo-unknown-spec-field", replaced("  service: api\n", "  service: api\n  owner: checkout-team\n"),
                [("openslo.spec.owner", "'owner' is not a field infragen reads here", 7, 3)])
        refused("openslo-unknown-top-level-field", "status: ready\n" + base,
                [("openslo.status", "'status' is not a field infragen reads here", 1, 1)])
        refused("openslo-wrong-kind", replaced("kind: SLO", "kind: Service"),
                [("openslo.kind", "the kind 'Service' is not one infragen maps", 2, 7)])
        refused("openslo-wrong-api-version", replaced("openslo/v1", "openslo/v1alpha"),
                [("openslo.apiVersion", "'openslo/v1alpha' is not an apiVersion infragen reads", 1, 13)])
        refused("openslo-no-slo-in-the-file", replaced("kind: SLO", "kind: SLI"),
                [("openslo.kind", "the file holds no SLO document", 1, 1)])
        refused("openslo-duplicate-names", base + "---\n" + base,
                [("openslo.metadata.name", "SLO 'checkout' is also declared at slo/openslo-duplicate-names.yaml:4:9", 30, 9)])
        refused("openslo-wrong-service", replaced("service: api", "service: orders"),
                [("openslo.spec.service", "the SLO is for service 'orders', and the file is imported into 'api'", 6, 12)])

        // The objective.
        for (id, target) in [("zero", "0"), ("one", "1"), ("one-and-a-half", "1.5")] {
            refused("openslo-target-\(id)", replaced("target: 0.999", "target: \(target)"),
                    [("\(objective).target", "the target \(target) is not between 0 and 1", 12, 15)])
        }
        for (id, target) in [("huge", "99999999999999999999"), ("exponent", "1e309"), ("too-precise", "0.99999999"),
                             ("text", "high")] {
            refused("openslo-target-\(id)", replaced("target: 0.999", "target: \(target)"),
                    [("\(objective).target", "is not a decimal number infragen can use", 12, 15)])
        }
        refused("openslo-target-percent-over-100", replaced("target: 0.999", "targetPercent: 100.5"),
                [("\(objective).targetPercent", "the target 100.5 % is not between 0 and 100", 12, 22)])
        refused("openslo-two-objectives", replaced("    - target: 0.999\n", "    - target: 0.999\n    - target: 0.99\n"),
                [("openslo.spec.objectives", "the SLO has 2 objectives", 13, 7)])
        refused("openslo-time-slices", replaced("    - target: 0.999\n", "    - target: 0.999\n      timeSliceTarget: 0.95\n"),
                [("\(objective).timeSliceTarget", "time slices belong to budgetingMethod: Timeslices", 13, 24)])
        // A check of the model, after the import, at the target's line and column.
        refused("openslo-target-too-strict-for-the-tests", replaced("target: 0.999", "target: 0.999999"),
                [("slo[checkout].availability", "less than one request in a million", 12, 15)])

        // The window and the budgeting method.
        refused("openslo-calendar-window", replaced("isRolling: true", "isRolling: false"),
                [("openslo.spec.timeWindow[0].isRolling", "a calendar-aligned window (isRolling: false)", 10, 18)])
        refused("openslo-calendar", replaced("      isRolling: true\n",
                                             "      isRolling: true\n      calendar: {startTime: 2024-01-01, timeZone: UTC}\n"),
                [("openslo.spec.timeWindow[0].calendar", "a calendar window (from a start date", 11, 17)])
        refused("openslo-window-in-hours", replaced("duration: 28d", "duration: 12h"),
                [("openslo.spec.timeWindow[0].duration", "'12h' is not a whole number of days", 9, 17)])
        refused("openslo-window-huge", replaced("duration: 28d", "duration: 999999d"),
                [("openslo.spec.timeWindow[0].duration", "the window 999999d is outside 1d-365d", 9, 17)])
        refused("openslo-window-beyond-int", replaced("duration: 28d", "duration: 99999999999999999999d"),
                [("openslo.spec.timeWindow[0].duration", "is not an OpenSLO duration", 9, 17)])
        refused("openslo-timeslices-budgeting", replaced("budgetingMethod: Occurrences", "budgetingMethod: Timeslices"),
                [("openslo.spec.budgetingMethod", "the budgeting method 'Timeslices' is not infragen's", 7, 20)])

        // The indicator and its queries.
        refused("openslo-missing-indicator-ref", base.replacingOccurrences(of: openSLOIndicator, with: "  indicatorRef: nope\n"),
                [("openslo.spec.indicatorRef", "no SLI named 'nope' in slo/openslo-missing-indicator-ref.yaml", 13, 17)])
        refused("openslo-threshold-metric", replaced("ratioMetric:", "thresholdMetric:"),
                [("openslo.spec.indicator.spec.thresholdMetric", "a threshold metric (one value compared with a threshold)",
                  16, 9)])
        refused("openslo-datadog-source", replaced("type: Prometheus", "type: Datadog"),
                [("\(badQuery).type", "the metric source 'Datadog' is not Prometheus", 18, 19),
                 ("\(totalQuery).type", "the metric source 'Datadog' is not Prometheus", 23, 19)])
        refused("openslo-query-does-not-parse", replaced(#",code=~"5.."}"#, #",code=~"5..""#),
                [("\(badQuery).spec.query", "is not a PromQL expression infragen can use: unexpected '['", 20, 22)])
        refused("openslo-query-fixed-range", replaced(#"http_requests_total{namespace="$namespace"}[$window]"#, #"http_requests_total{namespace="$namespace"}[5m]"#),
                [("\(totalQuery).spec.query", "every range must be the placeholder [$window]", 25, 22)])
        refused("openslo-query-huge", replaced(#"http_requests_total{namespace="$namespace"}[$window]"#,
                                               #"http_requests_total{x=""# + String(repeating: "x", count: 5000) + #""}[$window]"#),
                [("\(totalQuery).spec.query", "the query is 5045 bytes long, over 4096", 25, 22)])

        // Alert policies: only infragen's own conditions, no notification targets, names that exist.
        refused("openslo-alert-condition-not-infragens", base + openSLOPolicy(severity: "page", threshold: "5", lookback: "1h"),
                [("openslo.spec.condition", "the page condition (burn rate 5 over 1h) is not one of infragen's", 38, 17)])
        refused("openslo-alert-severity-critical", base + openSLOPolicy(severity: "critical", threshold: "13.44", lookback: "1h"),
                [("openslo.spec.severity", "the severity 'critical' is not one of infragen's alerts", 36, 25)])
        refused("openslo-notification-targets",
                base + openSLOPolicy(severity: "ticket", threshold: "2.8", lookback: "1d",
                                     extra: "        notificationTargets:\n          - targetRef: slack\n"),
                [("openslo.spec.notificationTargets", "infragen routes alerts with the blueprint's AlertRouting", 42, 11)])
        refused("openslo-missing-alert-policy", base + "  alertPolicies: [nope]\n",
                [("openslo.spec.alertPolicies[0]", "no AlertPolicy named 'nope'", 26, 19)])

        // Labels and annotations.
        refused("openslo-label-with-two-values", replaced("  name: checkout\n", "  name: checkout\n  labels:\n    team: [a, b]\n"),
                [("openslo.metadata.labels.team", "the label has 2 values, and a Prometheus label has one", 6, 11)])
        refused("openslo-label-infragen-sets", replaced("  name: checkout\n", "  name: checkout\n  labels:\n    severity: low\n"),
                [("slo[checkout].alertLabels", "the label 'severity' is set by infragen on every alert", 4, 9)])
        refused("openslo-annotation-unknown",
                replaced("  name: checkout\n", "  name: checkout\n  annotations:\n    openslo.com/service-folder: ./x\n"),
                [("openslo.metadata.annotations.openslo.com/service-folder", "is not a field infragen reads here", 6, 5)])

        // The YAML itself.
        refused("openslo-invalid-yaml", replaced("  service: api\n", "  service: [api\n"),
                [("openslo", "the file is not YAML infragen reads", 7, 18)])
        refused("openslo-anchor", replaced("service: api", "service: &name api"),
                [("openslo", "anchors (&name) are not supported", 6, 12)])
        refused("openslo-repeated-key", replaced("  service: api\n", "  service: api\n  service: api\n"),
                [("openslo", "the key 'service' is written twice in one mapping", 7, 3)])

        // The file: missing, outside the package, through a link.
        refused("openslo-file-missing", nil, import: "slo/none.yaml",
                [("openslo", "the file 'slo/none.yaml' does not exist in the package", 10, nil)])
        refused("openslo-file-outside-the-package", nil, import: "../outside.yaml",
                [("openslo", "the path '../outside.yaml' is not a relative path inside the package", 10, nil)])
        refused("openslo-file-absolute", nil, import: "/etc/passwd",
                [("openslo", "the path '/etc/passwd' is not a relative path inside the package", 10, nil)])
        refused("openslo-file-linked-outside", nil, import: "slo/link.yaml", links: ["slo/link.yaml": "/etc/passwd"],
                [("openslo", "the file 'slo/link.yaml' leads outside the package (through a link)", 10, nil)])

        // Legal: two documents, one a list, Sloth's {{.window}}, targetPercent, a good/total ratio, alert policies.
        let id = "openslo-legal-file", f = file(id)
        let second = """
            - apiVersion: openslo/v1
              kind: SLO
              metadata:
                name: checkout-good
                labels: {tier: "1"}
              spec:
                service: api
                budgetingMethod: Occurrences
                timeWindow: [{duration: 4w, isRolling: true}]
                objectives: [{targetPercent: 99.5}]
                indicator:
                  spec:
                    ratioMetric:
                      good: {metricSource: {type: Prometheus, spec: {query: 'sum(rate(ok_total{namespace="$namespace"}[{{.window}}]))'}}}
                      total: {metricSource: {type: Prometheus, spec: {query: 'sum(rate(all_total{namespace="$namespace"}[{{.window}}]))'}}}

            """
        var legal = HostileCase.legal(
            id, blueprint(f, service: { ImportOpenSLO("./slo//legal.yaml", fileID: f, line: 10) }),
            PromtoolRules(folder: "hostile/prod/prometheus",
                          contains: #"(sum(rate(all_total{namespace="hostile-prod"}[1h]))) - (sum(rate(ok_total{namespace="hostile-prod"}[1h])))"#))
        legal.packageFiles = [
            "slo/legal.yaml": base + openSLOPolicy(severity: "ticket", threshold: "0.9333", lookback: "3d") + "---\n" + second,
        ]
        cases.append(legal)
        return cases
    }
}
