/// Turns `Encodable` values into ``YAMLNode`` trees, for ``YAML/render(_:)`` to print.
///
/// Typed documents (the Kubernetes objects, say) are plain `Encodable` structs; this encoder is the one way they become
/// YAML trees. It keeps the order in which a value encodes its keys (synthesized conformances encode stored
/// properties in declaration order), leaves out optional properties that are nil (synthesized conformances skip them),
/// and makes the type decision the printer relies on: a `String` is a string scalar (quoted when a reader would take
/// it for something else, as `"8080"` is), an integer is an integer, a `Bool` a boolean.
///
/// Floating-point numbers are refused: they have no exact text. Encode a whole number, or a decimal as its text.
///
/// ```swift
/// struct Port: Encodable { var name: String; var port: Int; var appProtocol: String? }
/// let node = try YAMLEncoder().encode(Port(name: "http", port: 8080, appProtocol: nil))
/// // node == ["name": "http", "port": 8080]
/// ```
public struct YAMLEncoder: Sendable {
    public init() {}

    /// The tree of one value; a value that encodes nothing is an empty mapping.
    public func encode<Value: Encodable>(_ value: Value) throws(YAMLError) -> YAMLNode {
        let encoder = NodeEncoder(parent: nil, key: nil)
        do {
            try value.encode(to: encoder)
        } catch {
            throw YAMLError(stage: .encoding, problem: Self.describe(error))
        }
        return encoder.finish()
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? EncodingError, case .invalidValue(_, let context) = error else {
            return String(describing: error)
        }
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return "\(context.debugDescription) at \(path.isEmpty ? "the top level" : path)"
    }
}

/// The encoder of one value. Its containers append to a buffer in call order; ``finish()`` turns the buffers into
/// the node tree. A nested value gets an encoder of its own, finished as soon as it is encoded, so the buffers hold
/// finished nodes except where a container was asked for a nested container or a super encoder.
final class NodeEncoder: Encoder {
    /// What the value has encoded so far.
    enum Storage {
        case empty
        case node(YAMLNode)
        case mapping(MappingBuffer)
        case sequence(SequenceBuffer)
    }

    private(set) var storage: Storage = .empty
    /// The path is only built when someone asks (an error message, a custom conformance): encoders link to their
    /// parent instead of copying it for every nested value.
    private let parent: NodeEncoder?
    private let key: (any CodingKey)?

    init(parent: NodeEncoder?, key: (any CodingKey)?) {
        self.parent = parent
        self.key = key
    }

    var codingPath: [any CodingKey] {
        var path: [any CodingKey] = []
        var encoder: NodeEncoder? = self
        while let current = encoder {
            if let key = current.key { path.append(key) }
            encoder = current.parent
        }
        return path.reversed()
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedContainer<Key>(encoder: self, buffer: mappingBuffer()))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedContainer(encoder: self, buffer: sequenceBuffer())
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValueContainer(encoder: self) }

    /// The tree of what was encoded.
    func finish() -> YAMLNode {
        switch storage {
        case .empty: .mapping(YAMLMapping())
        case .node(let node): node
        case .mapping(let buffer): buffer.finish()
        case .sequence(let buffer): buffer.finish()
        }
    }

    /// The mapping this encoder writes into: a second keyed container adds to the first one's keys.
    private func mappingBuffer() -> MappingBuffer {
        switch storage {
        case .mapping(let buffer):
            return buffer
        case .empty:
            let buffer = MappingBuffer()
            storage = .mapping(buffer)
            return buffer
        case .node, .sequence:
            preconditionFailure("a keyed container asked of a value that already encoded a scalar or a sequence")
        }
    }

    private func sequenceBuffer() -> SequenceBuffer {
        switch storage {
        case .sequence(let buffer):
            return buffer
        case .empty:
            let buffer = SequenceBuffer()
            storage = .sequence(buffer)
            return buffer
        case .node, .mapping:
            preconditionFailure("an unkeyed container asked of a value that already encoded a scalar or a mapping")
        }
    }

    func setScalar(_ node: YAMLNode) {
        guard case .empty = storage else {
            preconditionFailure("a single value encoded twice, or after a container")
        }
        storage = .node(node)
    }

    /// The tree of a nested value, encoded by an encoder of its own.
    func node<Value: Encodable>(of value: Value, at key: any CodingKey) throws -> YAMLNode {
        let encoder = NodeEncoder(parent: self, key: key)
        try value.encode(to: encoder)
        return encoder.finish()
    }

    func refuse(_ value: some Any, at key: (any CodingKey)?) -> EncodingError {
        let path = key.map { codingPath + [$0] } ?? codingPath
        return .invalidValue(value, EncodingError.Context(
            codingPath: path, debugDescription: "a floating-point number has no exact text; encode an integer or text"))
    }
}

/// One element of a buffer: finished, or a container or encoder still being written.
enum PendingNode {
    case done(YAMLNode)
    case mapping(MappingBuffer)
    case sequence(SequenceBuffer)
    case encoder(NodeEncoder)

    func finish() -> YAMLNode {
        switch self {
        case .done(let node): node
        case .mapping(let buffer): buffer.finish()
        case .sequence(let buffer): buffer.finish()
        case .encoder(let encoder): encoder.finish()
        }
    }
}

final class MappingBuffer {
    var pairs: [(key: String, value: PendingNode)] = []

    func finish() -> YAMLNode { .mapping(YAMLMapping(pairs.map { YAMLMapping.Pair($0.key, $0.value.finish()) })) }
}

final class SequenceBuffer {
    var items: [PendingNode] = []

    func finish() -> YAMLNode { .sequence(items.map { $0.finish() }) }
}

extension YAMLScalar {
    /// Any integer, written exactly (`UInt64.max` too).
    init(exactly value: some BinaryInteger) {
        self.init(text: String(value), kind: .integer)
    }
}
