/// Every setting of a service in one environment, resolved: the built-in value, overlaid by the layers in order
/// (defaults < service < environment < the service's override). Reading a key gives its value; ``location(of:)``
/// the place of the last layer that set it.
public struct ResolvedSettings: Sendable, Hashable, Encodable {
    private let layers: ServiceSettings
    /// Values read or set once resolved (a decision of resolution, such as the run-as user that follows the image).
    private var decided: ServiceSettings

    /// Where a decided value is said to be set (the service's declaration).
    private let declaration: SourceLocation

    /// The layers merged, lowest first; `declaration` locates values decided later.
    public init(layers: [ServiceSettings], declaredAt declaration: SourceLocation) {
        self.layers = layers.dropFirst().reduce(layers.first ?? ServiceSettings()) { $0.merging($1) }
        self.declaration = declaration
        decided = ServiceSettings()
    }

    /// The resolved value of `key`.
    public subscript<Value>(key: SettingKey<Value>) -> Value {
        get {
            if let decided = decided[key] { return decided.value }
            let builtIn = key.builtIn(self)
            return layers[key].map { builtIn.overlaid(by: $0.value) } ?? builtIn
        }
        set { decided[key] = Setting(newValue, at: location(of: key) ?? declaration) }
    }

    /// Sets `key` to a value resolution decided from another setting, located where the blueprint set that one (a
    /// prebuilt image's tag is the image tag, at the `Image` that names it).
    public mutating func decide<Value>(_ key: SettingKey<Value>, _ value: Value, at location: SourceLocation) {
        decided[key] = Setting(value, at: location)
    }

    /// Where the blueprint set `key` (its last layer, or what resolution decided it from), or nil when the built-in
    /// value holds.
    public func location<Value>(of key: SettingKey<Value>) -> SourceLocation? {
        decided[key]?.location ?? layers[key]?.location
    }

    /// Whether some layer set `key`.
    public func isSet<Value>(_ key: SettingKey<Value>) -> Bool { layers[key] != nil }

    public func encode(to encoder: any Encoder) throws { try layers.merging(decided).encode(to: encoder) }
}
