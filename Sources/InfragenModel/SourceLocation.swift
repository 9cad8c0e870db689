/// Where in a blueprint something was declared, captured by the DSL from `#filePath` (shown as its path from the package
/// root, else `#fileID`) and `#line`; or where in a file the
/// blueprint imports (an OpenSLO document) a value was written, with its column.
public struct SourceLocation: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let fileID: String
    public let line: Int
    /// The column, counted from 1, where it is known (a YAML file read with libyaml); nil for a Swift declaration,
    /// which `#line` places on its line only.
    public let column: Int?

    public init(fileID: String, line: Int, column: Int? = nil) {
        self.fileID = fileID
        self.line = line
        self.column = column
    }

    /// `Blueprints/Shop.swift:42`, or `Blueprints/slo/checkout.yaml:12:7` where the column is known.
    public var description: String { column.map { "\(fileID):\(line):\($0)" } ?? "\(fileID):\(line)" }

    /// The file alone, as file headers name it.
    public var file: String { fileID }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.fileID, lhs.line, lhs.column ?? 0) < (rhs.fileID, rhs.line, rhs.column ?? 0)
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
