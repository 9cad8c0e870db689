/// The name of an environment: `.dev`, `.staging`, `.prod`, or any other, such as `Environment("qa")`.
public struct Environment: Sendable, Hashable, Codable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let name: String

    public init(_ name: String) { self.name = name }
    public init(stringLiteral name: String) { self.name = name }

    public static let dev = Environment("dev")
    public static let staging = Environment("staging")
    public static let prod = Environment("prod")

    public static func < (lhs: Environment, rhs: Environment) -> Bool { lhs.name < rhs.name }

    public var description: String { name }
}
