/// A typed value with one YAML form: how typed documents (the Kubernetes objects) become ``YAMLNode`` trees for
/// ``YAML/render(_:)``.
///
/// The Swift type decides the YAML type, which is the decision the printer relies on: a `String` is a string scalar
/// (quoted when a reader would take it for something else, as `"8080"` is), an `Int` an integer, a `Bool` a boolean,
/// an array a sequence, and a ``YAMLObject`` a mapping of its fields.
public protocol YAMLRepresentable {
    var yamlNode: YAMLNode { get }
}

/// A typed value written as a YAML mapping: its fields, in the order ``writeFields(to:)`` adds them, each left out
/// when nil.
///
/// ```swift
/// struct ServicePort: YAMLObject {
///     var name: String
///     var port: Int
///     var appProtocol: String?
///
///     func writeFields(to yaml: inout YAMLFields) {
///         yaml.add("name", name)
///         yaml.add("port", port)
///         yaml.add("appProtocol", appProtocol)
///     }
/// }
/// // ServicePort(name: "http", port: 8080, appProtocol: nil).yamlNode == ["name": "http", "port": 8080]
/// ```
///
/// The conformance is written out, field by field, rather than derived from `Encodable`: building trees through
/// `Encoder` containers (an existential box and a generic metadata lookup per nested value) measured five times
/// slower, and every object of every file goes through here. Declare the stored properties in the order the fields
/// are written, so that the type reads as its document does.
public protocol YAMLObject: YAMLRepresentable {
    func writeFields(to yaml: inout YAMLFields)
}

extension YAMLObject {
    @inlinable
    public var yamlNode: YAMLNode {
        var fields = YAMLFields()
        writeFields(to: &fields)
        return .mapping(YAMLMapping(fields.pairs))
    }
}

/// The fields of a mapping being written, in order.
public struct YAMLFields {
    @usableFromInline var pairs: [YAMLMapping.Pair]

    @inlinable
    init() {
        pairs = []
        pairs.reserveCapacity(8)
    }

    /// Adds a field; a nil value adds nothing, which keeps optional fields out of documents.
    @inlinable
    public mutating func add<Value: YAMLRepresentable>(_ key: String, _ value: Value?) {
        guard let value else { return }
        pairs.append(YAMLMapping.Pair(key, value.yamlNode))
    }
}

extension String: YAMLRepresentable {
    @inlinable public var yamlNode: YAMLNode { .string(self) }
}

extension Int: YAMLRepresentable {
    @inlinable public var yamlNode: YAMLNode { .integer(self) }
}

extension Bool: YAMLRepresentable {
    @inlinable public var yamlNode: YAMLNode { .boolean(self) }
}

/// A tree built elsewhere (a Prometheus rule group) inside a typed object.
extension YAMLNode: YAMLRepresentable {
    @inlinable public var yamlNode: YAMLNode { self }
}

extension Array: YAMLRepresentable where Element: YAMLRepresentable {
    @inlinable public var yamlNode: YAMLNode { .sequence(map(\.yamlNode)) }
}
