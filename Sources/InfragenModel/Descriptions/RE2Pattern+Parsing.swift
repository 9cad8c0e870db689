/// Parsing as Go's `regexp/syntax` does (Perl flags), with its error words and offsets.
extension RE2Pattern {
    struct Flags {
        var foldCase = false, multiLine = false, dotNewline = false
    }

    struct Parser {
        let scalars: [Unicode.Scalar]
        var i = 0
        var flags = Flags()
        var depth = 0

        init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var peek: Unicode.Scalar? { i < scalars.count ? scalars[i] : nil }

        func error(_ message: String, _ at: Int? = nil) -> ParseError { ParseError(message: message, offset: at ?? i) }

        mutating func parseWhole() throws(ParseError) -> Node {
            let node = try parseAlternation()
            if i < scalars.count { throw error("unexpected )") }
            return node
        }

        mutating func parseAlternation() throws(ParseError) -> Node {
            var branches = [try parseConcat()]
            while peek == "|" {
                i += 1
                branches.append(try parseConcat())
            }
            return branches.count == 1 ? branches[0] : .alternate(branches)
        }

        mutating func parseConcat() throws(ParseError) -> Node {
            var parts: [Node] = []
            while let c = peek, c != "|", c != ")" {
                let start = i
                if let node = try parseAtom() {
                    parts.append(try parseRepeats(node, start))
                }
            }
            return parts.isEmpty ? .empty : parts.count == 1 ? parts[0] : .concat(parts)
        }

        /// A quantifier after an atom; a second one is Go's "invalid nested repetition operator".
        mutating func parseRepeats(_ atom: Node, _ start: Int) throws(ParseError) -> Node {
            guard let (min, max) = try parseQuantifier() else { return atom }
            if peek == "?" { i += 1 }
            let node = Node.repeat(atom, min: min, max: max)
            let after = i
            if try parseQuantifier() != nil {
                throw error("invalid nested repetition operator: `\(slice(start, i))`", start)
            }
            i = after
            return node
        }

        func slice(_ from: Int, _ to: Int) -> String {
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[from..<Swift.min(to, scalars.count)])
            return String(s)
        }

        /// `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` (a `{` that is none of these is a literal, as in Go).
        mutating func parseQuantifier() throws(ParseError) -> (Int, Int?)? {
            switch peek {
            case "*": i += 1; return (0, nil)
            case "+": i += 1; return (1, nil)
            case "?": i += 1; return (0, 1)
            case "{":
                let start = i
                var j = i + 1
                func number() -> Int? {
                    var value = 0, digits = 0
                    while j < scalars.count, ("0"..."9").contains(scalars[j]) {
                        value = Swift.min(value * 10 + Int(scalars[j].value - 48), 100_000)
                        digits += 1
                        j += 1
                    }
                    return digits > 0 ? value : nil
                }
                guard let min = number() else { return nil }
                var max: Int? = min
                if j < scalars.count, scalars[j] == "," {
                    j += 1
                    max = number()
                }
                guard j < scalars.count, scalars[j] == "}" else { return nil }
                i = j + 1
                if min > 1000 || (max ?? 0) > 1000 || (max.map { $0 < min } ?? false) {
                    throw error("invalid repeat count: `\(slice(start, i))`", start)
                }
                return (min, max)
            default: return nil
            }
        }

        mutating func parseAtom() throws(ParseError) -> Node? {
            guard let c = peek else { return nil }
            let start = i
            switch c {
            case "*", "+", "?":
                throw error("missing argument to repetition operator: `\(c)`")
            case "{":
                let saved = i
                if try parseQuantifier() != nil {
                    throw error("missing argument to repetition operator: `\(slice(saved, i))`", saved)
                }
                i = saved + 1
                return .literal("{", foldCase: flags.foldCase)
            case "(": return try parseGroup()
            case "[": return try parseClass()
            case ".": i += 1; return .any(dotNewline: flags.dotNewline)
            case "^": i += 1; return .lineStart(multiLine: flags.multiLine)
            case "$": i += 1; return .lineEnd(multiLine: flags.multiLine)
            case "\\":
                i += 1
                guard let e = peek else { throw error("trailing backslash at end of expression", start) }
                switch e {
                case "A": i += 1; return .textStart
                case "z": i += 1; return .textEnd
                case "b": i += 1; return .wordBoundary(true)
                case "B": i += 1; return .wordBoundary(false)
                case "Q":
                    i += 1
                    var parts: [Node] = []
                    while i < scalars.count {
                        if scalars[i] == "\\", i + 1 < scalars.count, scalars[i + 1] == "E" { i += 2; break }
                        parts.append(.literal(scalars[i], foldCase: flags.foldCase))
                        i += 1
                    }
                    return .concat(parts)
                default:
                    i = start
                    let (ranges, negated) = try parseEscape(inClass: false)
                    if ranges.count == 1, !negated, ranges[0].lowerBound == ranges[0].upperBound,
                       let scalar = Unicode.Scalar(ranges[0].lowerBound) {
                        return .literal(scalar, foldCase: flags.foldCase)
                    }
                    return .set(ranges: ranges, negated: negated, foldCase: flags.foldCase)
                }
            default:
                i += 1
                return .literal(c, foldCase: flags.foldCase)
            }
        }

        mutating func parseGroup() throws(ParseError) -> Node? {
            let start = i
            i += 1
            depth += 1
            if depth > 1000 { throw error("expression nests too deeply", start) }
            defer { depth -= 1 }
            var outerFlags = flags
            if peek == "?" {
                i += 1
                switch peek {
                case "P":
                    // `(?P<name>…)`; Go 1.22's `(?<name>…)` is refused, as the Go of promtool 2.42 refuses it.
                    i += 1
                    guard peek == "<" else { throw error("invalid or unsupported Perl syntax: `\(slice(start, i + 1))`", start) }
                    i += 1
                    let nameStart = i
                    while let c = peek, c != ">" {
                        guard Matcher.isWord(c) else {
                            throw error("invalid named capture: `\(slice(start, i + 1))`", start)
                        }
                        i += 1
                    }
                    guard peek == ">", i > nameStart else {
                        throw error("invalid named capture: `\(slice(start, i + 1))`", start)
                    }
                    i += 1
                default:
                    // Flags: (?i) for the rest of the group, (?i:…) for a group of its own.
                    var negate = false, sawFlag = false
                    while true {
                        guard let c = peek else { throw error("missing closing )", start) }
                        i += 1
                        switch c {
                        case "i": flags.foldCase = !negate; sawFlag = true
                        case "m": flags.multiLine = !negate; sawFlag = true
                        case "s": flags.dotNewline = !negate; sawFlag = true
                        case "U": sawFlag = true
                        case "-":
                            if negate { throw error("invalid or unsupported Perl syntax: `\(slice(start, i))`", start) }
                            negate = true
                            sawFlag = false
                        case ")":
                            if negate && !sawFlag {
                                throw error("invalid or unsupported Perl syntax: `\(slice(start, i))`", start)
                            }
                            // The flags hold until the enclosing group ends: parsed on by the caller.
                            return .empty
                        case ":":
                            if negate && !sawFlag {
                                throw error("invalid or unsupported Perl syntax: `\(slice(start, i))`", start)
                            }
                            let inner = try parseAlternation()
                            guard peek == ")" else { throw error("missing closing )", start) }
                            i += 1
                            flags = outerFlags
                            return inner
                        default:
                            throw error("invalid or unsupported Perl syntax: `\(slice(start, i))`", start)
                        }
                    }
                }
            }
            outerFlags = flags
            let inner = try parseAlternation()
            guard peek == ")" else { throw error("missing closing )", start) }
            i += 1
            flags = outerFlags
            return inner
        }

        static let namedClasses: [String: [ClosedRange<UInt32>]] = [
            "alnum": [48...57, 65...90, 97...122], "alpha": [65...90, 97...122], "ascii": [0...127],
            "blank": [9...9, 32...32], "cntrl": [0...31, 127...127], "digit": [48...57], "graph": [33...126],
            "lower": [97...122], "print": [32...126], "punct": [33...47, 58...64, 91...96, 123...126],
            "space": [9...13, 32...32], "upper": [65...90], "word": [48...57, 65...90, 95...95, 97...122],
            "xdigit": [48...57, 65...70, 97...102],
        ]

        static func complement(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
            var result: [ClosedRange<UInt32>] = [], next: UInt32 = 0
            for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
                if r.lowerBound > next { result.append(next...(r.lowerBound - 1)) }
                next = Swift.max(next, r.upperBound + 1)
            }
            if next <= 0x10FFFF { result.append(next...0x10FFFF) }
            return result
        }

        mutating func parseClass() throws(ParseError) -> Node {
            let start = i
            i += 1
            var negated = false
            if peek == "^" { negated = true; i += 1 }
            var ranges: [ClosedRange<UInt32>] = []
            var first = true
            while true {
                guard let c = peek else { throw error("missing closing ]: `\(slice(start, i))`", start) }
                if c == "]" && !first { i += 1; break }
                first = false
                let itemStart = i
                if c == "[", i + 1 < scalars.count, scalars[i + 1] == ":" {
                    var j = i + 2
                    var name = ""
                    while j < scalars.count, scalars[j] != ":" { name.unicodeScalars.append(scalars[j]); j += 1 }
                    if j + 1 < scalars.count, scalars[j + 1] == "]" {
                        let negate = name.hasPrefix("^")
                        guard let set = Self.namedClasses[negate ? String(name.dropFirst()) : name] else {
                            throw error("invalid character class range: `\(slice(i, j + 2))`", i)
                        }
                        ranges += negate ? Self.complement(set) : set
                        i = j + 2
                        continue
                    }
                }
                let lo = try classAtom()
                if case .single(let low) = lo, peek == "-", i + 1 < scalars.count, scalars[i + 1] != "]" {
                    i += 1
                    guard case .single(let high) = try classAtom() else {
                        throw error("invalid character class range: `\(slice(itemStart, i))`", itemStart)
                    }
                    guard low <= high else {
                        throw error("invalid character class range: `\(slice(itemStart, i))`", itemStart)
                    }
                    ranges.append(low...high)
                } else {
                    switch lo {
                    case .single(let v): ranges.append(v...v)
                    case .set(let set): ranges += set
                    }
                }
            }
            return .set(ranges: ranges, negated: negated, foldCase: flags.foldCase)
        }

        enum ClassAtom { case single(UInt32), set([ClosedRange<UInt32>]) }

        mutating func classAtom() throws(ParseError) -> ClassAtom {
            guard let c = peek else { throw error("missing closing ]") }
            if c != "\\" { i += 1; return .single(c.value) }
            let (ranges, negated) = try parseEscape(inClass: true)
            if !negated, ranges.count == 1, ranges[0].lowerBound == ranges[0].upperBound { return .single(ranges[0].lowerBound) }
            return .set(negated ? Self.complement(ranges) : ranges)
        }

        /// A backslash escape at `i`: a character, or a class (`\d`, `\pL`), with whether it is negated.
        mutating func parseEscape(inClass: Bool) throws(ParseError) -> ([ClosedRange<UInt32>], Bool) {
            let start = i
            i += 1
            guard let e = peek else { throw error("trailing backslash at end of expression", start) }
            i += 1
            func single(_ v: UInt32) -> ([ClosedRange<UInt32>], Bool) { ([v...v], false) }
            switch e {
            case "d", "D": return ([48...57], e == "D")
            case "s", "S": return ([9...10, 12...13, 32...32], e == "S")
            case "w", "W": return (Self.namedClasses["word"] ?? [], e == "W")
            case "a": return single(7)
            case "f": return single(12)
            case "t": return single(9)
            case "n": return single(10)
            case "r": return single(13)
            case "v": return single(11)
            case "p", "P":
                var name = ""
                if peek == "{" {
                    i += 1
                    while let c = peek, c != "}" { name.unicodeScalars.append(c); i += 1 }
                    guard peek == "}" else { throw error("invalid character class range: `\(slice(start, i))`", start) }
                    i += 1
                } else if let c = peek {
                    name = String(c)
                    i += 1
                }
                var negate = e == "P"
                if name.hasPrefix("^") { negate.toggle(); name.removeFirst() }
                guard let set = Self.generalCategory(name) else {
                    throw error("invalid character class range: `\(slice(start, i))` (infragen knows the general "
                                + "categories, not scripts)", start)
                }
                return (set, negate)
            case "x":
                var digits = ""
                if peek == "{" {
                    i += 1
                    while let c = peek, c != "}" { digits.unicodeScalars.append(c); i += 1 }
                    guard peek == "}" else { throw error("invalid escape sequence: `\(slice(start, i))`", start) }
                    i += 1
                } else {
                    for _ in 0..<2 { if let c = peek { digits.unicodeScalars.append(c); i += 1 } }
                }
                guard !digits.isEmpty, let v = UInt32(digits, radix: 16), v <= 0x10FFFF else {
                    throw error("invalid escape sequence: `\(slice(start, i))`", start)
                }
                return single(v)
            case "0"..."7":
                // A single non-zero digit would be a backreference, which RE2 does not have.
                let octal: ClosedRange<Unicode.Scalar> = "0"..."7"
                if e != "0", !(peek.map { octal.contains($0) } ?? false) {
                    throw error("invalid escape sequence: `\(slice(start, i))`", start)
                }
                var v = e.value - 48
                for _ in 0..<2 {
                    guard let c = peek, octal.contains(c) else { break }
                    v = v * 8 + c.value - 48
                    i += 1
                }
                return single(v)
            default:
                if e.value < 128, !Matcher.isWord(e) { return single(e.value) }
                throw error("invalid escape sequence: `\(slice(start, i))`", start)
            }
        }
    }
}
