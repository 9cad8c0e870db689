extension TextRules {
    /// How many of a text's unusual characters ``quoted(_:)`` names before it only counts the rest.
    static let namedCharactersShown = 3

    /// A name the blueprint gave, as a diagnostic prints it: `'order-service'`. A name that holds a character other
    /// than printable ASCII (an invisible one, a control, a look-alike such as Cyrillic а) would print like a valid
    /// one, so each such character is named after it, with its position:
    /// `'ap\u{200B}i' (U+200B ZERO WIDTH SPACE at character 3)` (the quotes hold the character itself).
    public static func quoted(_ text: String) -> String {
        var named: [String] = []
        var more = 0
        for (offset, character) in text.enumerated() {
            for scalar in character.unicodeScalars where !(0x20...0x7E).contains(scalar.value) {
                if named.count < namedCharactersShown {
                    named.append(describe(scalar, atCharacter: offset + 1))
                } else {
                    more += 1
                }
            }
        }
        guard !named.isEmpty else { return "'\(text)'" }
        return "'\(text)' (" + named.joined(separator: "; ") + (more > 0 ? "; and \(more) more" : "") + ")"
    }

    /// `U+200B ZERO WIDTH SPACE at character 3`: the code point, its Unicode name, and its position in the text,
    /// counted in characters (grapheme clusters) from 1.
    public static func describe(_ scalar: Unicode.Scalar, atCharacter position: Int) -> String {
        "\(codePoint(scalar)) \(name(of: scalar)) at character \(position)"
    }

    /// The scalar's Unicode name, or for one without a name (controls, private use …) its code point label as
    /// Unicode 4.8 forms it: `<control-0009>`.
    public static func name(of scalar: Unicode.Scalar) -> String {
        if let name = scalar.properties.name ?? scalar.properties.nameAlias { return name }
        let kind: String
        switch scalar.properties.generalCategory {
        case .control: kind = "control"
        case .privateUse: kind = "private-use"
        case .surrogate: kind = "surrogate"
        default: kind = scalar.properties.isNoncharacterCodePoint ? "noncharacter" : "reserved"
        }
        return "<\(kind)-\(codePoint(scalar).dropFirst(2))>"
    }
}

extension String {
    /// This text as a diagnostic quotes it (``TextRules/quoted(_:)``).
    var quoted: String { TextRules.quoted(self) }
}
