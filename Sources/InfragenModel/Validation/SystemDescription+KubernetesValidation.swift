/// Checks of what only the cluster reads: the service's role and health command, the namespace's Pod Security
/// version (the cluster's settings check themselves: ``SettingKey``).
extension SystemDescription {
    func checkKubernetesService(_ service: ServiceDescription, _ path: DiagnosticPath, _ c: inout DiagnosticCollector) {
        if let role = service.role, role.value.isEmpty || !TextRules.isLabelValue(role.value) {
            c.error(path, field: "role", "\(role.value.quoted) is not a valid label value",
                    hint: "use at most 63 letters, digits, '-', '_' and '.', e.g. frontend", at: role.location)
        }
        guard let check = service.healthCommand else { return }
        if check.command.isEmpty || check.command[0].isEmpty {
            c.error(path, field: "healthCommand", "the health command is empty",
                    hint: "name the program and its arguments, e.g. HealthCommand(\"/app/worker\", \"-healthcheck\")",
                    at: check.location)
        }
        if check.command.contains(where: { !TextRules.isSingleLineText($0) || $0.unicodeScalars.contains("\0") }) {
            c.error(path, field: "healthCommand", "an argument contains a control character or line break",
                    hint: "write each argument on one line", at: check.location)
        }
        if let health = service.health {
            let http = [health.liveness, health.readiness].allSatisfy { if case .http = $0 { true } else { false } }
            c.error(path, field: "healthCommand",
                    "the service has both \(http ? "HTTP health checks" : "Health(…) checks") and a health command",
                    hint: http
                        ? "keep Health(…) for a service that serves HTTP, HealthCommand(…) for one that does not"
                        : "keep one of them; Health(.exec([…])) runs a command too",
                    at: check.location)
        }
    }

    func checkKubernetesEnvironment(
        _ environment: EnvironmentDescription, _ path: DiagnosticPath, _ c: inout DiagnosticCollector
    ) {
        guard let version = environment.podSecurityVersion else { return }
        let text = version.value
        let parts = text.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
        let isVersion = text.hasPrefix("v") && parts.count == 2
            && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        if text != "latest" && !isVersion {
            c.error(path, field: "podSecurity", "\(text.quoted) is not a Pod Security Standards version",
                    hint: "write it like v1.30, or latest", at: version.location)
        }
    }
}
