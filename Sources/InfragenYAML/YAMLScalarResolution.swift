/// Which plain (unquoted) scalars a YAML reader would take for something other than a string.
///
/// The rules are the union of YAML 1.1 (what Kubernetes' and many other Go readers still apply: `yes`, `on`, `y`,
/// sexagesimal `12:30`, `0777` as octal, `0b1010`, `1_000`, timestamps) and YAML 1.2's core schema. The emitter
/// quotes every string that matches, so that it reads back as a string in either; the parser uses the same rules
/// to type plain scalars, so a round trip compares like with like.
public enum YAMLScalarResolution {
    private static let nullWords: Set<String> = ["", "~", "null", "Null", "NULL"]
    private static let boolWords: Set<String> = [
        "true", "True", "TRUE", "false", "False", "FALSE",
        "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
        "y", "Y", "n", "N",
    ]
    private static let specialFloats: Set<String> = [
        ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN",
    ]

    /// The type a plain scalar with this text resolves to.
    public static func kind(ofPlain text: String) -> YAMLScalar.Kind {
        if nullWords.contains(text) { return .null }
        if boolWords.contains(text) { return .boolean }
        if isInteger(text) { return .integer }
        if isDecimal(text) { return .decimal }
        if specialFloats.contains(text) || looksNumericOrTemporal(text) || text == "<<" || text == "=" {
            // Other numbers (1e3, 0x1F, 1_000, 12:30), timestamps, the merge key and the YAML 1.1 value key:
            // never a string when plain. Reported as decimal, meaning "not a string".
            return .decimal
        }
        return .string
    }

    /// Whether a string must be quoted to read back as a string: `kind(ofPlain: text) != .string`, decided on the
    /// first two UTF-8 bytes and, for texts of at most five bytes, a comparison with the reserved words of the same
    /// first byte (the emitter asks this of every key and value, so it must not walk characters).
    ///
    /// Every integer and decimal starts with a digit, or with a sign followed by a digit, which is also what
    /// ``looksNumericOrTemporal(_:)`` refuses; the remaining non-strings are the short reserved words.
    public static func needsQuoting(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { needsQuoting(utf8: $0) }
    }

    /// ``needsQuoting(_:)`` of UTF-8 bytes.
    static func needsQuoting(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first else { return true }
        if isDigitByte(first) { return true }
        if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: ".") {
            if bytes.count > 1, isDigitByte(bytes[1]) || bytes[1] == UInt8(ascii: ".") { return true }
        }
        guard bytes.count <= reservedWordLength else { return false }
        return reservedWordsByFirstByte[Int(first)].contains { $0.elementsEqual(bytes) }
    }

    /// The plain words that are never strings (null, booleans, special floats, the merge and value keys).
    private static let reservedWords: Set<String> = nullWords.union(boolWords).union(specialFloats).union(["<<", "="])
    private static let reservedWordLength = reservedWords.map(\.utf8.count).max() ?? 0
    /// The non-empty reserved words as bytes, by their first byte.
    private static let reservedWordsByFirstByte: [[[UInt8]]] = {
        var table = Array(repeating: [[UInt8]](), count: 256)
        for word in reservedWords where !word.isEmpty { table[Int(word.utf8.first!)].append(Array(word.utf8)) }
        return table
    }()

    private static func isDigitByte(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// `-12`, `0`, `42` (no leading zeros, which YAML 1.1 reads as octal).
    public static func isInteger(_ text: String) -> Bool {
        var digits = Substring(text)
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { return false }
        return digits == "0" || digits.first != "0"
    }

    /// `0.995`, `-1.5`, `14.4`: what ``YAMLScalar/init(decimal:)`` accepts and the printers emit.
    public static func isDecimal(_ text: String) -> Bool {
        var rest = Substring(text)
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit) else { return false }
        if parts.count == 1 { return true }
        let fraction = parts[1]
        return !fraction.isEmpty && fraction.allSatisfy(\.isASCIIDigit)
    }

    /// Conservative: anything that starts like a number (a digit, or a sign or dot followed by a digit or dot) may be
    /// a number, a base-60 number or a timestamp in some reader, so it is never written plain.
    private static func looksNumericOrTemporal(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        if first.properties.numericType != nil && first.isASCII { return true }
        guard "+-.".unicodeScalars.contains(first) else { return false }
        let second = text.unicodeScalars.dropFirst().first
        guard let second else { return false }
        return ("0"..."9").contains(second) || second == "."
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
