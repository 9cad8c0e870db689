/// `\p{…}` classes: the Unicode general categories Go knows, by name.
extension RE2Pattern.Parser {
    /// The scalars up to U+02FF of a Unicode general category (`L`, `Lu`, `Nd` …): enough to find the values the
    /// generated tests feed; nil for a name Go would not know (or a script, which infragen does not check).
    static func generalCategory(_ name: String) -> [ClosedRange<UInt32>]? {
        let known: Set<String> = ["C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me",
                                  "Mn", "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S",
                                  "Sc", "Sk", "Sm", "So", "Z", "Zl", "Zp", "Zs", "Any"]
        guard known.contains(name) else { return nil }
        if name == "Any" { return [0...0x10FFFF] }
        var ranges: [ClosedRange<UInt32>] = []
        var open: UInt32?
        for v in UInt32(0)...0x2FF {
            let inside = Unicode.Scalar(v).map { abbreviation($0.properties.generalCategory).hasPrefix(name) } ?? false
            if inside, open == nil { open = v }
            if !inside, let o = open { ranges.append(o...(v - 1)); open = nil }
        }
        if let o = open { ranges.append(o...0x2FF) }
        return ranges
    }

    static func abbreviation(_ category: Unicode.GeneralCategory) -> String {
        switch category {
        case .uppercaseLetter: "Lu"
        case .lowercaseLetter: "Ll"
        case .titlecaseLetter: "Lt"
        case .modifierLetter: "Lm"
        case .otherLetter: "Lo"
        case .nonspacingMark: "Mn"
        case .spacingMark: "Mc"
        case .enclosingMark: "Me"
        case .decimalNumber: "Nd"
        case .letterNumber: "Nl"
        case .otherNumber: "No"
        case .connectorPunctuation: "Pc"
        case .dashPunctuation: "Pd"
        case .openPunctuation: "Ps"
        case .closePunctuation: "Pe"
        case .initialPunctuation: "Pi"
        case .finalPunctuation: "Pf"
        case .otherPunctuation: "Po"
        case .mathSymbol: "Sm"
        case .currencySymbol: "Sc"
        case .modifierSymbol: "Sk"
        case .otherSymbol: "So"
        case .spaceSeparator: "Zs"
        case .lineSeparator: "Zl"
        case .paragraphSeparator: "Zp"
        case .control: "Cc"
        case .format: "Cf"
        case .surrogate: "Cs"
        case .privateUse: "Co"
        case .unassigned: "Cn"
        @unknown default: "Cn"
        }
    }
}
