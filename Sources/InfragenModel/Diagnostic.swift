/// One problem found in a blueprint: where it is, what is wrong, and what to do.
///
/// Rendered like a compiler message, so editors and CI logs make the location clickable:
///
///     Blueprints/Shop.swift:42: error: shop/prod/order-service: limits.cpu: the cpu limit 100m is below the
///     request 250m; raise the limit or lower the request
public struct Diagnostic: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        case warning, error

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }
    }

    public var severity: Severity
    public var path: DiagnosticPath
    /// The field, in the blueprint's own words: `limits.cpu`, `ports[http].number`, `slo[order-creation].window`.
    public var field: String?
    /// What is wrong, lower-case, no trailing period.
    public var message: String
    /// What to do about it.
    public var hint: String?
    public var location: SourceLocation?
    /// What kind of warning this is, for `Acknowledge(code, because:)`; nil for errors and for warnings that cannot
    /// be acknowledged.
    public var code: WarningCode?

    public init(
        _ severity: Severity, _ path: DiagnosticPath, field: String? = nil, _ message: String,
        hint: String? = nil, at location: SourceLocation? = nil, code: WarningCode? = nil
    ) {
        self.severity = severity
        self.path = path
        self.field = field
        self.message = message
        self.hint = hint
        self.location = location
        self.code = code
    }

    public static func error(
        _ path: DiagnosticPath, field: String? = nil, _ message: String, hint: String? = nil,
        at location: SourceLocation? = nil
    ) -> Diagnostic {
        Diagnostic(.error, path, field: field, message, hint: hint, at: location)
    }

    public static func warning(
        _ path: DiagnosticPath, field: String? = nil, _ message: String, hint: String? = nil,
        at location: SourceLocation? = nil, code: WarningCode? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, path, field: field, message, hint: hint, at: location, code: code)
    }

    public var description: String {
        var text = ""
        if let location { text += "\(location): " }
        text += "\(severity.rawValue): \(path)"
        if let field { text += ": \(field)" }
        text += ": \(message)"
        if let hint { text += "; \(hint)" }
        if let code, severity == .warning { text += " [Acknowledge(.\(code.rawValue), because: …)]" }
        return text
    }

    /// Sorted by place in the blueprint, then by path, so the report reads top to bottom.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        func key(_ d: Diagnostic) -> (String, Int, Int, String, String, String) {
            (d.location?.fileID ?? "~", d.location?.line ?? 0, d.location?.column ?? 0, d.path.description,
             d.field ?? "", d.message)
        }
        return key(lhs) < key(rhs)
    }
}

/// The place of a diagnostic in the model: system, then environment and service where they apply.
public struct DiagnosticPath: Sendable, Hashable, Codable, CustomStringConvertible {
    public var system: String
    public var environment: String?
    public var service: String?

    public init(system: String, environment: String? = nil, service: String? = nil) {
        self.system = system
        self.environment = environment
        self.service = service
    }

    /// `shop`, `shop/prod`, `shop/order-service`, `shop/prod/order-service`.
    public var description: String {
        [system, environment, service].compactMap { $0 }.joined(separator: "/")
    }
}

extension Array where Element == Diagnostic {
    public var errors: [Diagnostic] { filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { filter { $0.severity == .warning } }
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
