/// The tokens of a PromQL expression, as Prometheus's lexer (promql/parser/lex.go) reads them: identifiers, keywords,
/// strings with Go's escapes, numbers, durations, operators and brackets, and infragen's `$window` placeholder.
extension PromQLSyntax {
    struct Token: Equatable {
        enum Kind: Equatable {
            case identifier(String)
            case string(String)
            case number
            case duration
            case window
            case op(String)
            case leftParen, rightParen, leftBrace, rightBrace, leftBracket, rightBracket, comma, colon, at
            case end
        }

        var kind: Kind
        /// The byte offset in the query, for the error.
        var offset: Int
        /// Where a string's quoted text ends (the byte after its closing quote); the offset for other tokens.
        var end = 0
    }

    /// The query's tokens; throws at the first that Prometheus's lexer would refuse.
    static func tokens(_ query: String) throws(PromQLSyntaxError) -> [Token] {
        let bytes = Array(query.utf8)
        var tokens: [Token] = []
        var i = 0
        func fail(_ message: String, _ at: Int) -> PromQLSyntaxError { PromQLSyntaxError(message: message, offset: at) }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        func isAlpha(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F }
        func isHex(_ b: UInt8) -> Bool { isDigit(b) || (b >= 0x61 && b <= 0x66) || (b >= 0x41 && b <= 0x46) }
        var bracketDepth = 0
        while i < bytes.count {
            let b = bytes[i], start = i
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D:
                i += 1
            case UInt8(ascii: "#"):
                while i < bytes.count, bytes[i] != 0x0A { i += 1 }
            case UInt8(ascii: "("): tokens.append(Token(kind: .leftParen, offset: i)); i += 1
            case UInt8(ascii: ")"): tokens.append(Token(kind: .rightParen, offset: i)); i += 1
            case UInt8(ascii: "{"): tokens.append(Token(kind: .leftBrace, offset: i)); i += 1
            case UInt8(ascii: "}"): tokens.append(Token(kind: .rightBrace, offset: i)); i += 1
            case UInt8(ascii: "["):
                tokens.append(Token(kind: .leftBracket, offset: i)); i += 1; bracketDepth += 1
            case UInt8(ascii: "]"):
                tokens.append(Token(kind: .rightBracket, offset: i)); i += 1; bracketDepth -= 1
            case UInt8(ascii: ","): tokens.append(Token(kind: .comma, offset: i)); i += 1
            case UInt8(ascii: ":") where bracketDepth > 0: tokens.append(Token(kind: .colon, offset: i)); i += 1
            case UInt8(ascii: "@"): tokens.append(Token(kind: .at, offset: i)); i += 1
            case UInt8(ascii: "$"):
                let word = Array("$window".utf8)
                guard bytes.count - i >= word.count, Array(bytes[i..<(i + word.count)]) == word,
                      !(i + word.count < bytes.count && (isAlpha(bytes[i + word.count]) || isDigit(bytes[i + word.count])))
                else { throw fail("unexpected character '$' (the placeholders are [$window], and $namespace inside a string)", i) }
                tokens.append(Token(kind: .window, offset: i)); i += word.count
            case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"):
                let (value, next) = try string(bytes, from: i)
                tokens.append(Token(kind: .string(value), offset: start, end: next)); i = next
            case UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "<"), UInt8(ascii: ">"):
                let next = i + 1 < bytes.count ? bytes[i + 1] : 0
                let two: String? = switch (b, next) {
                case (UInt8(ascii: "="), UInt8(ascii: "=")): "=="
                case (UInt8(ascii: "="), UInt8(ascii: "~")): "=~"
                case (UInt8(ascii: "!"), UInt8(ascii: "=")): "!="
                case (UInt8(ascii: "!"), UInt8(ascii: "~")): "!~"
                case (UInt8(ascii: "<"), UInt8(ascii: "=")): "<="
                case (UInt8(ascii: ">"), UInt8(ascii: "=")): ">="
                default: nil
                }
                if let two {
                    tokens.append(Token(kind: .op(two), offset: i)); i += 2
                } else if b == UInt8(ascii: "!") {
                    throw fail("unexpected character after '!': a matcher is != or !~", i)
                } else {
                    tokens.append(Token(kind: .op(String(UnicodeScalar(b))), offset: i)); i += 1
                }
            case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "%"),
                 UInt8(ascii: "^"):
                tokens.append(Token(kind: .op(String(UnicodeScalar(b))), offset: i)); i += 1
            case _ where isDigit(b) || (b == UInt8(ascii: ".") && i + 1 < bytes.count && isDigit(bytes[i + 1])):
                // A number (decimal, hexadecimal, with an exponent) or a duration (`5m`, `1h30m`, `500ms`).
                var j = i
                if b == UInt8(ascii: "0"), j + 1 < bytes.count, bytes[j + 1] | 0x20 == UInt8(ascii: "x") {
                    j += 2
                    while j < bytes.count, isHex(bytes[j]) { j += 1 }
                } else {
                    while j < bytes.count, isDigit(bytes[j]) { j += 1 }
                    var isDuration = false
                    while j < bytes.count, "smhdwy".utf8.contains(bytes[j]) {
                        isDuration = true
                        if bytes[j] == UInt8(ascii: "m"), j + 1 < bytes.count, bytes[j + 1] == UInt8(ascii: "s") { j += 1 }
                        j += 1
                        guard j < bytes.count, isDigit(bytes[j]) else { break }
                        while j < bytes.count, isDigit(bytes[j]) { j += 1 }
                        guard j < bytes.count, "smhdwy".utf8.contains(bytes[j]) else {
                            throw fail("bad duration syntax", start)
                        }
                    }
                    if isDuration {
                        if j < bytes.count, isAlpha(bytes[j]) || isDigit(bytes[j]) {
                            throw fail("bad duration syntax", start)
                        }
                        tokens.append(Token(kind: .duration, offset: start)); i = j
                        continue
                    }
                    if j < bytes.count, bytes[j] == UInt8(ascii: ".") {
                        j += 1
                        while j < bytes.count, isDigit(bytes[j]) { j += 1 }
                    }
                    if j < bytes.count, bytes[j] | 0x20 == UInt8(ascii: "e") {
                        j += 1
                        if j < bytes.count, bytes[j] == UInt8(ascii: "+") || bytes[j] == UInt8(ascii: "-") { j += 1 }
                        guard j < bytes.count, isDigit(bytes[j]) else { throw fail("bad number syntax", start) }
                        while j < bytes.count, isDigit(bytes[j]) { j += 1 }
                    }
                }
                if j < bytes.count, isAlpha(bytes[j]) || isDigit(bytes[j]) { throw fail("bad number or duration syntax", start) }
                tokens.append(Token(kind: .number, offset: start)); i = j
            case _ where isAlpha(b):
                var j = i
                while j < bytes.count, isAlpha(bytes[j]) || isDigit(bytes[j]) || (bytes[j] == UInt8(ascii: ":") && bracketDepth == 0) {
                    j += 1
                }
                let word = String(decoding: bytes[i..<j], as: UTF8.self)
                tokens.append(Token(kind: .identifier(word), offset: start)); i = j
            default:
                if b < 0x20 || b == 0x7F {
                    throw fail("a control character (byte 0x\(String(b, radix: 16))) is not PromQL", i)
                }
                let character = String(decoding: bytes[i...].prefix(4), as: UTF8.self).prefix(1)
                throw fail("unexpected character '\(character)'", i)
            }
        }
        tokens.append(Token(kind: .end, offset: bytes.count))
        return tokens
    }

    /// A quoted string from `start` (its quote) with Go's escapes (strconv.Unquote): its value and the offset after it.
    static func string(_ bytes: [UInt8], from start: Int) throws(PromQLSyntaxError) -> (String, Int) {
        let quote = bytes[start]
        var value: [UInt8] = []
        var i = start + 1
        func isHex(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x66) }
        func hexValue(_ b: UInt8) -> UInt32 { b <= 0x39 ? UInt32(b - 0x30) : UInt32((b | 0x20) - 0x61 + 10) }
        while i < bytes.count {
            let b = bytes[i]
            if b == quote { return (String(decoding: value, as: UTF8.self), i + 1) }
            if quote == UInt8(ascii: "`") { value.append(b); i += 1; continue }
            if b == 0x0A { throw PromQLSyntaxError(message: "unterminated quoted string (a line break inside)", offset: start) }
            guard b == UInt8(ascii: "\\") else { value.append(b); i += 1; continue }
            guard i + 1 < bytes.count else { break }
            let e = bytes[i + 1]
            switch e {
            case UInt8(ascii: "a"): value.append(0x07); i += 2
            case UInt8(ascii: "b"): value.append(0x08); i += 2
            case UInt8(ascii: "f"): value.append(0x0C); i += 2
            case UInt8(ascii: "n"): value.append(0x0A); i += 2
            case UInt8(ascii: "r"): value.append(0x0D); i += 2
            case UInt8(ascii: "t"): value.append(0x09); i += 2
            case UInt8(ascii: "v"): value.append(0x0B); i += 2
            case UInt8(ascii: "\\"): value.append(e); i += 2
            case _ where e == quote: value.append(e); i += 2
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                guard i + 3 < bytes.count, (0x30...0x37).contains(bytes[i + 2]), (0x30...0x37).contains(bytes[i + 3])
                else { throw PromQLSyntaxError(message: "invalid escape sequence in a string", offset: i) }
                let code = UInt32(e - 0x30) * 64 + UInt32(bytes[i + 2] - 0x30) * 8 + UInt32(bytes[i + 3] - 0x30)
                guard code <= 255 else { throw PromQLSyntaxError(message: "octal escape value > 255", offset: i) }
                value.append(UInt8(code)); i += 4
            case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                let count = e == UInt8(ascii: "x") ? 2 : e == UInt8(ascii: "u") ? 4 : 8
                guard i + 1 + count < bytes.count, bytes[(i + 2)...(i + 1 + count)].allSatisfy(isHex) else {
                    throw PromQLSyntaxError(message: "invalid escape sequence in a string", offset: i)
                }
                let code = bytes[(i + 2)...(i + 1 + count)].reduce(UInt32(0)) { $0 * 16 + hexValue($1) }
                if e == UInt8(ascii: "x") {
                    value.append(UInt8(code))
                } else {
                    guard let scalar = Unicode.Scalar(code) else {
                        throw PromQLSyntaxError(message: "escape sequence is an invalid Unicode code point", offset: i)
                    }
                    value.append(contentsOf: Array(String(scalar).utf8))
                }
                i += 2 + count
            default:
                throw PromQLSyntaxError(message: "unknown escape sequence '\\\(UnicodeScalar(e))' in a string", offset: i)
            }
        }
        throw PromQLSyntaxError(message: "unterminated quoted string", offset: start)
    }
}
