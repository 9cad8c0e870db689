/// One layered setting: its name (for diagnostics and provenance), its built-in value and its rule.
///
/// Every per-service setting is a key. A blueprint sets it in any layer — the system's `Defaults`, a service, an
/// environment (`Deploy(to:)`), a service's `Override` — and resolution lays the layers over the built-in value in
/// that order, with ``SettingValue/overlaid(by:)``: a later layer's value replaces the earlier one's, except for
/// values with parts (probe timings, security, environment variables), which merge part by part. Generators read
/// the result as `service[.key]`, and diagnostics point at the layer that set it: `service.location(of: .key)`.
///
/// Adding a setting (README, "Add a setting"): a key with its built-in value and rule (an extension of
/// `SettingKey` in `Sources/InfragenModel/Settings/`), a DSL word that sets it, its use in a generator, a test.
///
/// ```swift
/// extension SettingKey where Value == Int {
///     public static let replicas = SettingKey("replicas", builtIn: 1) { count, check in
///         if !(1...1000).contains(count) { check.error("…", hint: "…") }
///     }
/// }
/// ```
public struct SettingKey<Value: SettingValue>: Sendable {
    public let name: String
    /// The value when no layer sets one; it may follow other settings (a builder image follows the Go version).
    let builtIn: @Sendable (ResolvedSettings) -> Value
    /// The built-in value of a key whose built-in value follows no other setting.
    public let fixedBuiltIn: Value?
    /// What is wrong with a value, wherever a layer sets it.
    let rule: @Sendable (Value, inout SettingCheck) -> Void

    public init(
        _ name: String, builtIn: Value,
        rule: @escaping @Sendable (Value, inout SettingCheck) -> Void = { _, _ in }
    ) {
        self.name = name
        self.builtIn = { _ in builtIn }
        self.fixedBuiltIn = builtIn
        self.rule = rule
    }

    /// A key whose built-in value depends on other settings as resolved.
    public init(
        _ name: String, derivedFrom builtIn: @escaping @Sendable (ResolvedSettings) -> Value,
        rule: @escaping @Sendable (Value, inout SettingCheck) -> Void = { _, _ in }
    ) {
        self.name = name
        self.builtIn = builtIn
        self.fixedBuiltIn = nil
        self.rule = rule
    }
}

/// What a setting may hold: a plain value that says how a later layer's value lays over it.
public protocol SettingValue: Sendable, Hashable, Encodable {
    /// This value with a later layer's laid over it. By default the later one replaces it.
    func overlaid(by later: Self) -> Self
}

extension SettingValue {
    public func overlaid(by later: Self) -> Self { later }
}

extension Int: SettingValue {}
extension String: SettingValue {}
extension Optional: SettingValue where Wrapped: SettingValue {}

/// Where a key's rule reports what is wrong with a value: the place and field are known, the rule says what and how
/// to fix it.
public struct SettingCheck {
    public let path: DiagnosticPath
    /// The key's name, the diagnostic's field.
    public let field: String
    public let location: SourceLocation
    /// For rules that report at other places (each environment variable's line) or warn.
    public var collector: DiagnosticCollector

    /// Refuses the value; `part` names a part of it (`probes.liveness.periodSeconds`).
    public mutating func error(_ message: String, hint: String, part: String? = nil) {
        collector.error(path, field: part.map { "\(field).\($0)" } ?? field, message, hint: hint, at: location)
    }

    /// Refuses a name that its rule does not accept.
    mutating func check(_ name: String, is rule: NameRule, part: String? = nil) {
        collector.check(name, is: rule, path, field: part.map { "\(field).\($0)" } ?? field, at: location)
    }
}
