/// The kinds of name a blueprint gives, each with its syntax and the one wording of its refusal:
/// `'<name>' is not a valid <kind>; <hint>`, the name quoted by ``TextRules/quoted(_:)`` so that an invisible or
/// look-alike character in it is named.
enum NameRule: Sendable, CaseIterable {
    case system, environment, namespace, service, port, slo, environmentVariable, configFile, secret, secretKey,
        configMap, configMapKey, receiver

    /// Whether `name` is a valid name of this kind.
    func accepts(_ name: String) -> Bool {
        switch self {
        case .system, .environment, .namespace, .service, .slo, .receiver: TextRules.isDNSLabel(name)
        case .port: TextRules.isPortName(name)
        case .environmentVariable: TextRules.isEnvironmentVariableName(name)
        case .configFile, .secretKey, .configMapKey: TextRules.isConfigKey(name)
        case .secret, .configMap: TextRules.isDNSSubdomain(name)
        }
    }

    /// What the name must be: `service name`, `Kubernetes namespace`.
    var kind: String {
        switch self {
        case .system: "system name"
        case .environment: "environment name"
        case .namespace: "Kubernetes namespace"
        case .service: "service name"
        case .port: "port name"
        case .slo: "SLO name"
        case .environmentVariable: "environment variable name"
        case .configFile: "config file name"
        case .secret: "Secret name"
        case .secretKey: "Secret key"
        case .configMap: "ConfigMap name"
        case .configMapKey: "ConfigMap key"
        case .receiver: "receiver name"
        }
    }

    /// How to write one.
    var hint: String {
        switch self {
        case .system, .environment, .namespace, .service, .slo, .receiver:
            "use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit"
        case .port: "use at most 15 lower-case letters, digits and '-', with at least one letter"
        case .environmentVariable: "use letters, digits and '_', not starting with a digit"
        case .configFile, .secretKey, .configMapKey: "use letters, digits, '-', '_' and '.'"
        case .secret, .configMap: "use lower-case letters, digits, '-' and '.'"
        }
    }
}

extension DiagnosticCollector {
    /// Refuses `name` at `location` when it is not a valid name of its kind; true when it is valid.
    @discardableResult
    mutating func check(
        _ name: String, is rule: NameRule, _ path: DiagnosticPath, field: String, at location: SourceLocation?
    ) -> Bool {
        guard !rule.accepts(name) else { return true }
        error(path, field: field, "\(name.quoted) is not a valid \(rule.kind)", hint: rule.hint, at: location)
        return false
    }
}
