/// A regular expression as Prometheus reads a label matcher's (`=~`, `!~`): Go's RE2 syntax, anchored at both ends.
///
/// Parsing follows Go's `regexp/syntax` (Perl flags): what it refuses — a backreference, a lookaround, a nested
/// repetition such as `a**`, a repeat count over 1000, an unclosed group or class — is refused here with Go's words and
/// the offset. The parsed pattern can also match a value (fully anchored, as Prometheus does), find a value it matches
/// and one it does not: the generated tests feed such values. `\p{…}` takes the Unicode general categories (`L`, `Lu`,
/// `Nd` …); scripts (`\p{Greek}`) are refused, since infragen could not check them.
///
/// ```swift
/// let pattern = try RE2Pattern("/api/(orders|carts)")
/// pattern.matches("/api/orders")   // true
/// pattern.matches("/api/orders/1") // false: anchored
/// ```
public struct RE2Pattern: Sendable, Hashable {
    /// Why a pattern does not parse, and where (in Unicode scalars from its start).
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var offset: Int
        public var description: String { "\(message) at offset \(offset)" }
    }

    indirect enum Node: Sendable, Hashable {
        case empty
        case literal(Unicode.Scalar, foldCase: Bool)
        case set(ranges: [ClosedRange<UInt32>], negated: Bool, foldCase: Bool)
        case any(dotNewline: Bool)
        case concat([Node])
        case alternate([Node])
        case `repeat`(Node, min: Int, max: Int?)
        case lineStart(multiLine: Bool), lineEnd(multiLine: Bool), textStart, textEnd
        case wordBoundary(Bool)
    }

    public let source: String
    let root: Node

    /// The longest pattern infragen takes in a matcher: it checks what a pattern selects by matching values against
    /// it, and a longer one (a list of hundreds of routes) says what a shorter label or a route prefix says better.
    public static let maxBytes = 1_024

    public init(_ source: String) throws(ParseError) {
        self.source = source
        var parser = Parser(scalars: Array(source.unicodeScalars))
        root = try parser.parseWhole()
    }
}
