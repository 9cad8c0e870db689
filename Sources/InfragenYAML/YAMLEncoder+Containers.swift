// The three containers of ``NodeEncoder``. Each primitive becomes a scalar of its own type (the printer's string or
// number decision); a nested value becomes a finished node; floating-point numbers are refused.

struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: NodeEncoder
    let buffer: MappingBuffer

    var codingPath: [any CodingKey] { encoder.codingPath }

    private func append(_ node: YAMLNode, _ key: Key) { buffer.pairs.append((key.stringValue, .done(node))) }

    mutating func encodeNil(forKey key: Key) throws { append(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { append(.boolean(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { append(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { throw encoder.refuse(value, at: key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { throw encoder.refuse(value, at: key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { append(.integer(value), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { append(.scalar(YAMLScalar(exactly: value)), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { append(.scalar(YAMLScalar(exactly: value)), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { append(.scalar(YAMLScalar(exactly: value)), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { append(.scalar(YAMLScalar(exactly: value)), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { append(.scalar(YAMLScalar(exactly: value)), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { append(.scalar(YAMLScalar(exactly: value)), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { append(.scalar(YAMLScalar(exactly: value)), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { append(.scalar(YAMLScalar(exactly: value)), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { append(.scalar(YAMLScalar(exactly: value)), key) }

    mutating func encode<Value: Encodable>(_ value: Value, forKey key: Key) throws {
        append(try encoder.node(of: value, at: key), key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = NodeEncoder(parent: encoder, key: key)
        buffer.pairs.append((key.stringValue, .encoder(nested)))
        return nested.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = NodeEncoder(parent: encoder, key: key)
        buffer.pairs.append((key.stringValue, .encoder(nested)))
        return nested.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }

    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue) }

    private func superEncoder(named name: String) -> any Encoder {
        let nested = NodeEncoder(parent: encoder, key: IndexKey(name))
        buffer.pairs.append((name, .encoder(nested)))
        return nested
    }
}

struct UnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: NodeEncoder
    let buffer: SequenceBuffer

    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { buffer.items.count }

    private func append(_ node: YAMLNode) { buffer.items.append(.done(node)) }
    private var nextKey: IndexKey { IndexKey(buffer.items.count) }

    mutating func encodeNil() throws { append(.null) }
    mutating func encode(_ value: Bool) throws { append(.boolean(value)) }
    mutating func encode(_ value: String) throws { append(.string(value)) }
    mutating func encode(_ value: Double) throws { throw encoder.refuse(value, at: nextKey) }
    mutating func encode(_ value: Float) throws { throw encoder.refuse(value, at: nextKey) }
    mutating func encode(_ value: Int) throws { append(.integer(value)) }
    mutating func encode(_ value: Int8) throws { append(.scalar(YAMLScalar(exactly: value))) }
    mutating func encode(_ value: Int16) throws { append(.scalar(YAMLScalar(exactly: value))) }
    mutating func encode(_ value: Int32) throws { append(.scalar(YAMLScalar(exactly: value))) }
    mutating func encode(_ value: Int64) throws { append(.scalar(YAMLScalar(exactly: value))) }
    mutating func encode(_ value: UInt) throws { append(.scalar(YAMLScalar(exactly: value))) }
    mutating func encode(_ value: UInt8) throws { append(.scalar(YAMLScalar(exactly: value))) }
    mutating func encode(_ value: UInt16) throws { append(.scalar(YAMLScalar(exactly: value))) }
    mutating func encode(_ value: UInt32) throws { append(.scalar(YAMLScalar(exactly: value))) }
    mutating func encode(_ value: UInt64) throws { append(.scalar(YAMLScalar(exactly: value))) }

    mutating func encode<Value: Encodable>(_ value: Value) throws {
        append(try encoder.node(of: value, at: nextKey))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = NodeEncoder(parent: encoder, key: nextKey)
        buffer.items.append(.encoder(nested))
        return nested.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = NodeEncoder(parent: encoder, key: nextKey)
        buffer.items.append(.encoder(nested))
        return nested.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let nested = NodeEncoder(parent: encoder, key: nextKey)
        buffer.items.append(.encoder(nested))
        return nested
    }
}

struct SingleValueContainer: SingleValueEncodingContainer {
    let encoder: NodeEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.setScalar(.null) }
    mutating func encode(_ value: Bool) throws { encoder.setScalar(.boolean(value)) }
    mutating func encode(_ value: String) throws { encoder.setScalar(.string(value)) }
    mutating func encode(_ value: Double) throws { throw encoder.refuse(value, at: nil) }
    mutating func encode(_ value: Float) throws { throw encoder.refuse(value, at: nil) }
    mutating func encode(_ value: Int) throws { encoder.setScalar(.integer(value)) }
    mutating func encode(_ value: Int8) throws { encoder.setScalar(.scalar(YAMLScalar(exactly: value))) }
    mutating func encode(_ value: Int16) throws { encoder.setScalar(.scalar(YAMLScalar(exactly: value))) }
    mutating func encode(_ value: Int32) throws { encoder.setScalar(.scalar(YAMLScalar(exactly: value))) }
    mutating func encode(_ value: Int64) throws { encoder.setScalar(.scalar(YAMLScalar(exactly: value))) }
    mutating func encode(_ value: UInt) throws { encoder.setScalar(.scalar(YAMLScalar(exactly: value))) }
    mutating func encode(_ value: UInt8) throws { encoder.setScalar(.scalar(YAMLScalar(exactly: value))) }
    mutating func encode(_ value: UInt16) throws { encoder.setScalar(.scalar(YAMLScalar(exactly: value))) }
    mutating func encode(_ value: UInt32) throws { encoder.setScalar(.scalar(YAMLScalar(exactly: value))) }
    mutating func encode(_ value: UInt64) throws { encoder.setScalar(.scalar(YAMLScalar(exactly: value))) }

    /// A single value is the value itself: it encodes into this encoder.
    mutating func encode<Value: Encodable>(_ value: Value) throws { try value.encode(to: encoder) }
}

/// A key for a position in a sequence, or a name that is not a coding key of the value (a super encoder). The text
/// of a position is only made when asked for, so a sequence's elements cost no strings.
struct IndexKey: CodingKey {
    private let name: String?
    let intValue: Int?

    init(_ index: Int) {
        self.name = nil
        self.intValue = index
    }

    init(_ name: String) {
        self.name = name
        self.intValue = nil
    }

    var stringValue: String { name ?? intValue.map { String($0) } ?? "" }

    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { self.init(intValue) }
}
