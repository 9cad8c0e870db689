import InfragenModel

/// Defaults a service turned off, as annotations on the objects they relax: the blueprint's reason under infragen's
/// own key (`security.infragen.io/<control>` for a security exemption, `health.infragen.io/no-health-check` for a
/// service without health checks), and the same reason as checkov's inline skip of each check the exemption fails
/// (`checkov.io/skipN: CKV_K8S_22=<reason>`), so that the scan reports it as skipped, with the reason. A workload
/// whose container reads Secret keys into environment variables (`Env(_:secret:key:)`) also skips `CKV_K8S_35`,
/// naming the variables; a service whose Secrets are files (`SecretFiles`) passes it and carries no skip.
enum Exemptions {
    static let annotationPrefix = "security.infragen.io/"
    /// The annotation that says why a service has no probes.
    static let noHealthCheckAnnotation = "health.infragen.io/no-health-check"
    /// The checkov checks a container without probes fails: no liveness probe, no readiness probe.
    static let noHealthCheckChecks = ["CKV_K8S_8", "CKV_K8S_9"]
    /// The checkov check a container fails when it reads a Secret into an environment variable.
    static let secretInEnvironmentCheck = "CKV_K8S_35"

    /// The checkov check an exemption fails.
    static func checkovCheck(_ control: SecurityExemption.Control) -> String {
        switch control {
        case .writableRootFilesystem: "CKV_K8S_22"
        case .serviceAccountToken: "CKV_K8S_38"
        }
    }

    /// A reason as checkov's skip can carry it: checkov splits the annotation at every `=` and stops with an error
    /// when there is more than one, so the reason's own are written as the full-width `＝` (U+FF1D). infragen's own
    /// annotation keeps the reason exactly.
    static func checkovText(_ reason: String) -> String {
        String(reason.map { $0 == "=" ? "\u{FF1D}" : $0 })
    }

    /// The exemptions of a service, once per control, in a fixed order.
    static func list(_ service: ResolvedService) -> [SecurityExemption] {
        SecurityExemption.Control.allCases.compactMap { control in
            service.security.exemptions.first { $0.control == control }
        }
    }

    /// The annotations for the exemptions among `controls`, and for the missing health checks when `health`; nil
    /// when there are none. infragen's keys first, then the checkov skips, numbered from 1 (with `checkovSkips`, on a
    /// workload, last the skip of `CKV_K8S_35` when the container reads Secret keys into environment variables; the
    /// init containers and sidecars have no environment of their own).
    static func annotations(
        _ service: ResolvedService, for controls: Set<SecurityExemption.Control>, health: Bool = false,
        checkovSkips: Bool
    ) -> K8s.StringMap? {
        var relaxed = list(service).filter { controls.contains($0.control) }.map { exemption in
            (key: "\(annotationPrefix)\(exemption.control.rawValue)", reason: exemption.reason,
             checks: [checkovCheck(exemption.control)])
        }
        if health, let none = service.noHealthCheck {
            relaxed.append((key: noHealthCheckAnnotation, reason: none.reason, checks: noHealthCheckChecks))
        }
        var pairs = relaxed.map { (key: $0.key, value: $0.reason) }
        if checkovSkips {
            var skips = relaxed.flatMap { item in item.checks.map { "\($0)=\(checkovText(item.reason))" } }
            if let reason = secretsInEnvironmentReason(service) {
                skips.append("\(secretInEnvironmentCheck)=\(reason)")
            }
            for (index, skip) in skips.enumerated() {
                pairs.append((key: "checkov.io/skip\(index + 1)", value: skip))
            }
        }
        return K8s.StringMap(pairs).nonEmpty
    }

    /// Why the workload skips `CKV_K8S_35`, naming the variables that read a Secret key (names are C identifiers, so
    /// the reason holds no `=`, which checkov's parsing of the annotation would split on); nil when none does.
    static func secretsInEnvironmentReason(_ service: ResolvedService) -> String? {
        let names = EnvironmentVariables.effective(service).compactMap { variable -> String? in
            if case .secret = variable.source { variable.name } else { nil }
        }
        guard !names.isEmpty else { return nil }
        return "the blueprint reads Secret keys into environment variables (\(names.joined(separator: ", "))); "
            + "SecretFiles would mount them as files"
    }
}
