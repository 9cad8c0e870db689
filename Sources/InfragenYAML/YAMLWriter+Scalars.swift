extension YAMLWriter {
    private enum Style { case plain, singleQuoted, doubleQuoted, literal }

    /// emit_scalar: the style libyaml settles on (select_scalar_style), one indentation level deeper while it is
    /// written, then the writer of that style.
    mutating func writeScalar(
        _ scalar: YAMLScalar, _ s: UnsafeBufferPointer<UInt8>, _ analysis: ScalarAnalysis, simpleKey: Bool
    ) {
        let requested = Self.request(scalar, s, analysis)
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
        case .literal: writeLiteral(s, ascii: analysis.isASCII)
        }
        indent = saved
    }

    /// ``RequestedScalarStyle/of(_:)`` of `scalar`, whose text is `s`. For ASCII text the analysis has found the "\n"
    /// characters, and NEL, LS and PS cannot occur: no second pass over the bytes.
    static func request(
        _ scalar: YAMLScalar, _ s: UnsafeBufferPointer<UInt8>, _ analysis: ScalarAnalysis
    ) -> (style: RequestedScalarStyle, plainImplicit: Bool) {
        guard analysis.isASCII && scalar.kind == .string else { return RequestedScalarStyle.of(scalar) }
        return RequestedScalarStyle.ofString(
            scalar.text, mayBreak: false, hasLineFeed: analysis.lineFeedCharacter,
            quote: YAMLScalarResolution.needsQuoting(utf8: s))
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
        let n = s.count
        while i < n {
            let b = s[i]
            if b == 0x20 {
                put(0x20)
                i += 1
            } else if b == 0x0A || b == 0x0D || ((b == 0xC2 || b == 0xE2) && Self.isBreak(s, i)) {
                if !breaks && b == 0x0A { putBreak() }
                writeBreak(s, &i)
                indention = true
                breaks = true
            } else {
                if breaks { writeIndent() }
                if b == UInt8(ascii: "'") {
                    put(UInt8(ascii: "'"))
                    put(UInt8(ascii: "'"))
                    i += 1
                } else {
                    // A run of characters and spaces copied at once: each is written as it is (WRITE), one column
                    // each; the run ends before a quote or a line break, which start with an ASCII or lead byte.
                    var end = i + 1, characters = 1
                    while end < n {
                        let c = s[end]
                        if c == UInt8(ascii: "'") || c == 0x0A || c == 0x0D { break }
                        if c >= 0x80 {
                            if (c == 0xC2 || c == 0xE2) && Self.isBreak(s, end) { break }
                            if c & 0xC0 != 0x80 { characters += 1 }
                        } else {
                            characters += 1
                        }
                        end += 1
                    }
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: s[i..<end]))
                    column += characters
                    i = end
                }
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
    private mutating func writeLiteral(_ s: UnsafeBufferPointer<UInt8>, ascii: Bool) {
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
                if ascii {
                    end = ScalarAnalysis.lineEnd(s, from: i)
                    characters = end - i
                } else {
                    while end < s.count {
                        let b = s[end]
                        if b == 0x0A || b == 0x0D || ((b == 0xC2 || b == 0xE2) && Self.isBreak(s, end)) { break }
                        if b & 0xC0 != 0x80 { characters += 1 }
                        end += 1
                    }
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
