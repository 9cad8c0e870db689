/// A YAML document tree whose mappings keep the order in which keys were written.
///
/// Generators build `YAMLNode`s and hand them to ``YAML/render(_:)``; nothing else in infragen writes YAML text.
/// A scalar says what it *is* (a string, an integer, a decimal, a boolean or null), and the emitter decides how it
/// must be written so that a YAML reader gets exactly that value back: `"8080"` as a string is quoted, `8080` as an
/// integer is not.
public enum YAMLNode: Sendable, Hashable {
    case scalar(YAMLScalar)
    case sequence([YAMLNode])
    case mapping(YAMLMapping)
}

/// One scalar value and its type.
public struct YAMLScalar: Sendable, Hashable, CustomStringConvertible {
    /// The type a YAML reader must see.
    public enum Kind: Sendable, Hashable {
        case string, integer, decimal, boolean, null
    }

    public let text: String
    public let kind: Kind

    public init(string: String) {
        self.text = string
        self.kind = .string
    }

    public init(integer: Int) {
        self.text = String(integer)
        self.kind = .integer
    }

    /// A decimal number written as text (for example `"0.995"`), so that exact values stay exact.
    /// - Precondition: `text` is a decimal literal: optional sign, digits, optional fraction.
    public init(decimal text: String) {
        precondition(YAMLScalarResolution.isDecimal(text), "not a decimal literal: \(text)")
        self.text = text
        self.kind = .decimal
    }

    public init(boolean: Bool) {
        self.text = boolean ? "true" : "false"
        self.kind = .boolean
    }

    public static let null = YAMLScalar(text: "null", kind: .null)

    /// A scalar as a YAML reader resolved it (used by the parser).
    init(text: String, kind: Kind) {
        self.text = text
        self.kind = kind
    }

    public var description: String { kind == .string ? "\"\(text)\"" : text }
}

/// The pairs of a YAML mapping, in the order they were added.
public struct YAMLMapping: Sendable, Hashable, Sequence {
    public struct Pair: Sendable, Hashable {
        public var key: String
        public var value: YAMLNode

        public init(_ key: String, _ value: YAMLNode) {
            self.key = key
            self.value = value
        }
    }

    public private(set) var pairs: [Pair]

    public init(_ pairs: [Pair] = []) {
        self.pairs = pairs
    }

    public var isEmpty: Bool { pairs.isEmpty }
    public var count: Int { pairs.count }
    public var keys: [String] { pairs.map(\.key) }

    /// The value of the first pair with this key.
    public subscript(key: String) -> YAMLNode? {
        pairs.first { $0.key == key }?.value
    }

    /// Appends a pair; a `nil` value adds nothing, which keeps optional fields out of documents.
    public mutating func append(_ key: String, _ value: YAMLNode?) {
        guard let value else { return }
        pairs.append(Pair(key, value))
    }

    public func makeIterator() -> IndexingIterator<[Pair]> { pairs.makeIterator() }
}

extension YAMLNode {
    public static func string(_ value: String) -> YAMLNode { .scalar(YAMLScalar(string: value)) }
    public static func integer(_ value: Int) -> YAMLNode { .scalar(YAMLScalar(integer: value)) }
    public static func decimal(_ text: String) -> YAMLNode { .scalar(YAMLScalar(decimal: text)) }
    public static func boolean(_ value: Bool) -> YAMLNode { .scalar(YAMLScalar(boolean: value)) }
    public static var null: YAMLNode { .scalar(.null) }

    /// A mapping from ordered pairs; pairs whose value is `nil` are left out.
    public static func mapping(_ pairs: [(String, YAMLNode?)]) -> YAMLNode {
        var kept: [YAMLMapping.Pair] = []
        kept.reserveCapacity(pairs.count)
        for (key, value) in pairs {
            if let value { kept.append(YAMLMapping.Pair(key, value)) }
        }
        return .mapping(YAMLMapping(kept))
    }

    /// The value under `key` when this node is a mapping.
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let mapping) = self else { return nil }
        return mapping[key]
    }

    /// The element at `index` when this node is a sequence.
    public subscript(index: Int) -> YAMLNode? {
        guard case .sequence(let items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// The text of a scalar node.
    public var scalarText: String? {
        guard case .scalar(let scalar) = self else { return nil }
        return scalar.text
    }
}
