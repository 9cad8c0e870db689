/// Where in a blueprint something was declared, captured by the DSL from `#fileID` and `#line`.
public struct SourceLocation: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let fileID: String
    public let line: Int

    public init(fileID: String, line: Int) {
        self.fileID = fileID
        self.line = line
    }

    /// `Blueprints/Shop.swift:42`.
    public var description: String { "\(fileID):\(line)" }

    /// The file alone, as file headers name it.
    public var file: String { fileID }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.fileID, lhs.line) < (rhs.fileID, rhs.line)
    }
}

/// A value and where the blueprint set it.
public struct Setting<Value: Sendable & Hashable & Encodable>: Sendable, Hashable, Encodable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

extension Setting: Decodable where Value: Decodable {}
