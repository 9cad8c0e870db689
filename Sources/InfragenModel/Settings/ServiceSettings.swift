/// One layer of settings: a system's defaults, a service's own settings, an environment's settings for all of its
/// services, or a service's override for one environment. Values are held by key (``SettingKey``), each with the
/// place the blueprint set it; ``merging(_:)`` lays one layer over another, key by key, in one generic function.
public struct ServiceSettings: Sendable, Hashable, Encodable {
    private var values: [String: StoredSetting] = [:]
    /// The warnings this layer acknowledges (`Acknowledge`); not a setting, so no later layer replaces them: each
    /// covers the warnings of the place it is written in (``SystemDescription/acknowledgements``).
    public var acknowledgements: [WarningAcknowledgement] = []

    public init() {}

    /// The value this layer sets for `key`, with its place, or nil.
    public subscript<Value>(key: SettingKey<Value>) -> Setting<Value>? {
        get { values[key.name]?.setting(of: key) }
        set { values[key.name] = newValue.map { StoredSetting(key, $0) } }
    }

    /// Whether this layer sets nothing.
    public var isEmpty: Bool { values.isEmpty && acknowledgements.isEmpty }

    /// These settings with `other` laid over them, key by key (``SettingValue/overlaid(by:)``); a merged value is
    /// located where the later layer set it.
    public func merging(_ other: ServiceSettings) -> ServiceSettings {
        var merged = self
        merged.acknowledgements += other.acknowledgements
        for (name, later) in other.values {
            merged.values[name] = values[name].map { $0.overlaid(by: later) } ?? later
        }
        return merged
    }

    /// Runs every set value's rule (``SettingKey``), in key order, reporting at the value's place.
    public func check(_ path: DiagnosticPath, _ collector: inout DiagnosticCollector) {
        for name in values.keys.sorted() { values[name]?.check(path, &collector) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: NameKey.self)
        for (name, stored) in values { try container.encode(stored, forKey: NameKey(name)) }
        if !acknowledgements.isEmpty { try container.encode(acknowledgements, forKey: NameKey("acknowledge")) }
    }
}

/// A key name as a coding key, so that settings encode as `{ "limits.cpu": { "value": …, "location": … } }`.
struct NameKey: CodingKey {
    let stringValue: String
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    var intValue: Int? { nil }
    init?(intValue: Int) { nil }
}

/// A located value of some key, its type erased so that one layer holds values of every key.
struct StoredSetting: Sendable, Hashable, Encodable {
    private let box: any SettingBox

    init<Value>(_ key: SettingKey<Value>, _ setting: Setting<Value>) { box = TypedBox(key: key, setting: setting) }

    func setting<Value>(of key: SettingKey<Value>) -> Setting<Value>? { (box as? TypedBox<Value>)?.setting }

    func overlaid(by later: StoredSetting) -> StoredSetting {
        StoredSetting(box: box.overlaid(by: later.box) ?? later.box)
    }

    func check(_ path: DiagnosticPath, _ collector: inout DiagnosticCollector) { box.check(path, &collector) }

    private init(box: any SettingBox) { self.box = box }

    static func == (lhs: StoredSetting, rhs: StoredSetting) -> Bool { lhs.box.isEqual(to: rhs.box) }
    func hash(into hasher: inout Hasher) { box.hash(into: &hasher) }
    func encode(to encoder: any Encoder) throws { try box.encode(to: encoder) }
}

private protocol SettingBox: Sendable, Encodable {
    func overlaid(by later: any SettingBox) -> (any SettingBox)?
    func check(_ path: DiagnosticPath, _ collector: inout DiagnosticCollector)
    func isEqual(to other: any SettingBox) -> Bool
    func hash(into hasher: inout Hasher)
}

private struct TypedBox<Value: SettingValue>: SettingBox {
    let key: SettingKey<Value>
    let setting: Setting<Value>

    func overlaid(by later: any SettingBox) -> (any SettingBox)? {
        guard let later = later as? TypedBox<Value> else { return nil }
        return TypedBox(key: key, setting: Setting(setting.value.overlaid(by: later.setting.value), at: later.setting.location))
    }

    func check(_ path: DiagnosticPath, _ collector: inout DiagnosticCollector) {
        var check = SettingCheck(path: path, field: key.name, location: setting.location, collector: collector)
        key.rule(setting.value, &check)
        collector = check.collector
    }

    func isEqual(to other: any SettingBox) -> Bool {
        (other as? TypedBox<Value>).map { $0.key.name == key.name && $0.setting == setting } ?? false
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(key.name)
        hasher.combine(setting)
    }

    func encode(to encoder: any Encoder) throws { try setting.encode(to: encoder) }
}
