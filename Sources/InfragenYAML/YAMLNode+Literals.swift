extension YAMLNode: ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension YAMLNode: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self = .integer(value) }
}

extension YAMLNode: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
}

extension YAMLNode: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: YAMLNode...) { self = .sequence(elements) }
}

extension YAMLNode: ExpressibleByDictionaryLiteral {
    /// A mapping literal keeps the order in which its keys are written.
    public init(dictionaryLiteral elements: (String, YAMLNode)...) {
        self = .mapping(YAMLMapping(elements.map { YAMLMapping.Pair($0.0, $0.1) }))
    }
}
