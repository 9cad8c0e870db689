/// What libyaml's `yaml_emitter_analyze_scalar` learns about a scalar's text: which styles can write it.
struct ScalarAnalysis {
    var multiline = false
    var flowPlainAllowed = false
    var blockPlainAllowed = true
    var singleQuotedAllowed = true
    var blockAllowed = false
    /// The number of characters (Unicode scalars), libyaml's column count for the text.
    var characters = 0

    init(_ s: UnsafeBufferPointer<UInt8>) {
        let n = s.count
        guard n > 0 else { return }
        if Self.isPlainASCII(s) {
            blockPlainAllowed = true
            blockAllowed = true
            characters = n
            return
        }
        // libyaml reads its own copy of the text, which ends with a NUL: a byte past the end reads as 0.
        @inline(__always) func at(_ j: Int) -> UInt8 { j < n ? s[j] : 0 }
        @inline(__always) func isBreak(_ j: Int) -> Bool {
            let b = at(j)
            if b == 0x0A || b == 0x0D { return true }
            if b == 0xC2 { return at(j + 1) == 0x85 }
            if b == 0xE2 { return at(j + 1) == 0x80 && (at(j + 2) == 0xA8 || at(j + 2) == 0xA9) }
            return false
        }
        @inline(__always) func isBlankZ(_ j: Int) -> Bool {
            let b = at(j)
            return b == 0x20 || b == 0x09 || b == 0 || isBreak(j)
        }

        var blockIndicators = false, flowIndicators = false, lineBreaks = false, specialCharacters = false
        var leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false
        var breakSpace = false, spaceBreak = false
        var previousSpace = false, previousBreak = false

        if (at(0) == 0x2D && at(1) == 0x2D && at(2) == 0x2D) || (at(0) == 0x2E && at(1) == 0x2E && at(2) == 0x2E) {
            blockIndicators = true
            flowIndicators = true
        }
        var precededByWhitespace = true
        var followedByWhitespace = isBlankZ(Self.width(s[0]))
        var i = 0
        var characters = 0
        while i < n {
            let b = s[i]
            let w = Self.width(b)
            if i == 0 {
                switch b {
                case UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
                     UInt8(ascii: "}"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
                     UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
                     UInt8(ascii: "`"):
                    flowIndicators = true
                    blockIndicators = true
                case UInt8(ascii: "?"), UInt8(ascii: ":"):
                    flowIndicators = true
                    if followedByWhitespace { blockIndicators = true }
                case UInt8(ascii: "-"):
                    if followedByWhitespace {
                        flowIndicators = true
                        blockIndicators = true
                    }
                default: break
                }
            } else {
                switch b {
                case UInt8(ascii: ","), UInt8(ascii: "?"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
                     UInt8(ascii: "}"):
                    flowIndicators = true
                case UInt8(ascii: ":"):
                    flowIndicators = true
                    if followedByWhitespace { blockIndicators = true }
                case UInt8(ascii: "#"):
                    if precededByWhitespace {
                        flowIndicators = true
                        blockIndicators = true
                    }
                default: break
                }
            }
            if !Self.isPrintable(b, at(i + 1), at(i + 2)) { specialCharacters = true }
            let breaking = isBreak(i)
            if breaking { lineBreaks = true }
            if b == 0x20 {
                if i == 0 { leadingSpace = true }
                if i + w == n { trailingSpace = true }
                if previousBreak { breakSpace = true }
                previousSpace = true
                previousBreak = false
            } else if breaking {
                if i == 0 { leadingBreak = true }
                if i + w == n { trailingBreak = true }
                if previousSpace { spaceBreak = true }
                previousSpace = false
                previousBreak = true
            } else {
                previousSpace = false
                previousBreak = false
            }
            precededByWhitespace = b == 0x20 || b == 0x09 || b == 0 || breaking
            i += w
            characters += 1
            if i < n { followedByWhitespace = isBlankZ(i + Self.width(s[i])) }
        }

        self.characters = characters
        multiline = lineBreaks
        flowPlainAllowed = true
        blockPlainAllowed = true
        singleQuotedAllowed = true
        blockAllowed = true
        if leadingSpace || leadingBreak || trailingSpace || trailingBreak {
            flowPlainAllowed = false
            blockPlainAllowed = false
        }
        if trailingSpace { blockAllowed = false }
        if breakSpace {
            flowPlainAllowed = false
            blockPlainAllowed = false
            singleQuotedAllowed = false
        }
        if spaceBreak || specialCharacters {
            flowPlainAllowed = false
            blockPlainAllowed = false
            singleQuotedAllowed = false
            blockAllowed = false
        }
        if lineBreaks {
            flowPlainAllowed = false
            blockPlainAllowed = false
        }
        if flowIndicators { flowPlainAllowed = false }
        if blockIndicators { blockPlainAllowed = false }
    }

    /// The common case, decided in one cheap pass: printable ASCII without a line break, not starting with an
    /// indicator, a space, `-` or `.`, not ending with a space, no `: ` or final `:`, no ` #`. libyaml's analysis
    /// then allows every style (plain in block context, single quotes, a literal block) and finds no line break;
    /// anything else takes the full analysis.
    @inline(__always) static func isPlainASCII(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = s.count
        let first = s[0]
        let isLetterOrDigit = (first >= 0x30 && first <= 0x39) || (first | 0x20 >= 0x61 && first | 0x20 <= 0x7A)
        guard isLetterOrDigit || first == UInt8(ascii: "/") || first == UInt8(ascii: "_") || first == UInt8(ascii: "$")
            || first == UInt8(ascii: "(") || first == UInt8(ascii: "="), s[n - 1] != 0x20
        else { return false }
        var i = 1
        while i < n {
            let b = s[i]
            if b < 0x20 || b > 0x7E { return false }
            if b == UInt8(ascii: ":") && (i + 1 == n || s[i + 1] == 0x20) { return false }
            if b == UInt8(ascii: "#") && s[i - 1] == 0x20 { return false }
            i += 1
        }
        return true
    }

    /// The length of the UTF-8 sequence that starts with `lead` (libyaml's WIDTH; 0 for a byte that starts none).
    @inline(__always) static func width(_ lead: UInt8) -> Int {
        lead & 0x80 == 0 ? 1 : lead & 0xE0 == 0xC0 ? 2 : lead & 0xF0 == 0xE0 ? 3 : lead & 0xF8 == 0xF0 ? 4 : 0
    }

    /// libyaml's IS_PRINTABLE of the character starting with `b`, followed by `b1` and `b2`: LF, printable ASCII,
    /// U+00A0–U+D7FF and U+E000–U+FFFD except the BOM; never anything outside the Basic Multilingual Plane.
    @inline(__always) static func isPrintable(_ b: UInt8, _ b1: UInt8, _ b2: UInt8) -> Bool {
        if b == 0x0A || (b >= 0x20 && b <= 0x7E) { return true }
        if b == 0xC2 { return b1 >= 0xA0 }
        if b > 0xC2 && b < 0xED { return true }
        if b == 0xED { return b1 < 0xA0 }
        if b == 0xEE { return true }
        if b == 0xEF { return !(b1 == 0xBB && b2 == 0xBF) && !(b1 == 0xBF && (b2 == 0xBE || b2 == 0xBF)) }
        return false
    }
}

extension YAMLWriter {
    private enum Style { case plain, singleQuoted, doubleQuoted, literal }

    /// emit_scalar: the style libyaml settles on (select_scalar_style), one indentation level deeper while it is
    /// written, then the writer of that style.
    mutating func writeScalar(
        _ scalar: YAMLScalar, _ s: UnsafeBufferPointer<UInt8>, _ analysis: ScalarAnalysis, simpleKey: Bool
    ) {
        let requested = RequestedScalarStyle.of(scalar)
        var style: Style = switch requested.style {
        case .any, .plain: .plain
        case .singleQuoted: .singleQuoted
        case .doubleQuoted: .doubleQuoted
        case .literal: .literal
        }
        if simpleKey && analysis.multiline { style = .doubleQuoted }
        if style == .plain {
            if !analysis.blockPlainAllowed { style = .singleQuoted }
            if s.isEmpty && simpleKey { style = .singleQuoted }
            if !requested.plainImplicit { style = .singleQuoted }
        }
        if style == .singleQuoted && !analysis.singleQuotedAllowed { style = .doubleQuoted }
        if style == .literal && (!analysis.blockAllowed || simpleKey) { style = .doubleQuoted }

        let saved = indent
        indent = indent < 0 ? 2 : indent + 2
        switch style {
        case .plain: writePlain(s, characters: analysis.characters)
        case .singleQuoted: writeSingleQuoted(s)
        case .doubleQuoted: writeDoubleQuoted(s)
        case .literal: writeLiteral(s)
        }
        indent = saved
    }

    /// write_plain_scalar: never a line break (those are never plain) and never folded, so the text as it is.
    private mutating func writePlain(_ s: UnsafeBufferPointer<UInt8>, characters: Int) {
        if !whitespace && !s.isEmpty { put(0x20) }
        bytes.append(contentsOf: s)
        column += characters
        whitespace = false
        indention = false
    }

    /// One character copied (WRITE).
    private mutating func writeCharacter(_ s: UnsafeBufferPointer<UInt8>, _ i: inout Int) {
        let b = s[i]
        if b < 0x80 {
            bytes.append(b)
            i += 1
        } else {
            let w = ScalarAnalysis.width(b)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: s[i..<(i + w)]))
            i += w
        }
        column += 1
    }

    /// One line break copied (WRITE_BREAK): LF as the configured break, CR, NEL, LS and PS as they are.
    private mutating func writeBreak(_ s: UnsafeBufferPointer<UInt8>, _ i: inout Int) {
        if s[i] == 0x0A {
            putBreak()
            i += 1
        } else {
            writeCharacter(s, &i)
            column = 0
        }
    }

    private static func isBreak(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let n = s.count
        let b = s[i]
        if b == 0x0A || b == 0x0D { return true }
        if b == 0xC2 { return i + 1 < n && s[i + 1] == 0x85 }
        if b == 0xE2 { return i + 2 < n && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9) }
        return false
    }

    private mutating func writeSingleQuoted(_ s: UnsafeBufferPointer<UInt8>) {
        writeIndicator("'", needWhitespace: true, isWhitespace: false, isIndention: false)
        var breaks = false
        var i = 0
        while i < s.count {
            if s[i] == 0x20 {
                writeCharacter(s, &i)
            } else if Self.isBreak(s, i) {
                if !breaks && s[i] == 0x0A { putBreak() }
                writeBreak(s, &i)
                indention = true
                breaks = true
            } else {
                if breaks { writeIndent() }
                if s[i] == UInt8(ascii: "'") { put(UInt8(ascii: "'")) }
                writeCharacter(s, &i)
                indention = false
                breaks = false
            }
        }
        if breaks { writeIndent() }
        writeIndicator("'", needWhitespace: false, isWhitespace: false, isIndention: false)
        whitespace = false
        indention = false
    }

    private mutating func writeDoubleQuoted(_ s: UnsafeBufferPointer<UInt8>) {
        writeIndicator("\"", needWhitespace: true, isWhitespace: false, isIndention: false)
        var i = 0
        let n = s.count
        while i < n {
            let b = s[i]
            let b1: UInt8 = i + 1 < n ? s[i + 1] : 0, b2: UInt8 = i + 2 < n ? s[i + 2] : 0
            let isBOM = b == 0xEF && b1 == 0xBB && b2 == 0xBF
            if !ScalarAnalysis.isPrintable(b, b1, b2) || isBOM || Self.isBreak(s, i)
                || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                let w = ScalarAnalysis.width(b)
                var value = UInt32(w == 1 ? b & 0x7F : w == 2 ? b & 0x1F : w == 3 ? b & 0x0F : b & 0x07)
                for k in 1..<max(w, 1) { value = value << 6 + UInt32(s[i + k] & 0x3F) }
                i += w
                put(UInt8(ascii: "\\"))
                switch value {
                case 0x00: put(UInt8(ascii: "0"))
                case 0x07: put(UInt8(ascii: "a"))
                case 0x08: put(UInt8(ascii: "b"))
                case 0x09: put(UInt8(ascii: "t"))
                case 0x0A: put(UInt8(ascii: "n"))
                case 0x0B: put(UInt8(ascii: "v"))
                case 0x0C: put(UInt8(ascii: "f"))
                case 0x0D: put(UInt8(ascii: "r"))
                case 0x1B: put(UInt8(ascii: "e"))
                case 0x22: put(UInt8(ascii: "\""))
                case 0x5C: put(UInt8(ascii: "\\"))
                case 0x85: put(UInt8(ascii: "N"))
                case 0xA0: put(UInt8(ascii: "_"))
                case 0x2028: put(UInt8(ascii: "L"))
                case 0x2029: put(UInt8(ascii: "P"))
                default:
                    let digits: Int
                    if value <= 0xFF {
                        put(UInt8(ascii: "x"))
                        digits = 2
                    } else if value <= 0xFFFF {
                        put(UInt8(ascii: "u"))
                        digits = 4
                    } else {
                        put(UInt8(ascii: "U"))
                        digits = 8
                    }
                    for k in stride(from: (digits - 1) * 4, through: 0, by: -4) {
                        let digit = UInt8((value >> UInt32(k)) & 0x0F)
                        put(digit + (digit < 10 ? UInt8(ascii: "0") : UInt8(ascii: "A") - 10))
                    }
                }
            } else {
                writeCharacter(s, &i)
            }
        }
        writeIndicator("\"", needWhitespace: false, isWhitespace: false, isIndention: false)
        whitespace = false
        indention = false
    }

    /// write_literal_scalar with write_block_scalar_hints: `|`, an indentation hint when the text starts with a
    /// space or a break, the chomping hint (`-` without a final break, `+` with more than one), then the lines.
    private mutating func writeLiteral(_ s: UnsafeBufferPointer<UInt8>) {
        writeIndicator("|", needWhitespace: true, isWhitespace: false, isIndention: false)
        if !s.isEmpty && (s[0] == 0x20 || Self.isBreak(s, 0)) {
            writeIndicator("2", needWhitespace: false, isWhitespace: false, isIndention: false)
        }
        openEnded = 0
        var chomp: StaticString? = nil
        if s.isEmpty {
            chomp = "-"
        } else {
            var last = s.count - 1
            while s[last] & 0xC0 == 0x80 { last -= 1 }
            if !Self.isBreak(s, last) {
                chomp = "-"
            } else if last == 0 {
                chomp = "+"
                openEnded = 2
            } else {
                var previous = last - 1
                while s[previous] & 0xC0 == 0x80 { previous -= 1 }
                if Self.isBreak(s, previous) {
                    chomp = "+"
                    openEnded = 2
                }
            }
        }
        if let chomp { writeIndicator(chomp, needWhitespace: false, isWhitespace: false, isIndention: false) }
        putBreak()
        indention = true
        whitespace = true
        var breaks = true
        var i = 0
        while i < s.count {
            if Self.isBreak(s, i) {
                writeBreak(s, &i)
                indention = true
                breaks = true
            } else {
                if breaks { writeIndent() }
                // The rest of the line at once: each character is copied as it is (WRITE), one column each.
                var end = i, characters = 0
                while end < s.count {
                    let b = s[end]
                    if b == 0x0A || b == 0x0D || ((b == 0xC2 || b == 0xE2) && Self.isBreak(s, end)) { break }
                    if b & 0xC0 != 0x80 { characters += 1 }
                    end += 1
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: s[i..<end]))
                column += characters
                i = end
                indention = false
                breaks = false
            }
        }
    }
}
