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

    public init(_ source: String) throws(ParseError) {
        self.source = source
        var parser = Parser(scalars: Array(source.unicodeScalars))
        root = try parser.parseWhole()
    }

    // MARK: - Matching

    /// Whether the whole value matches, as Prometheus's `=~` reads it. Nil when the search gave up (a pattern whose
    /// backtracking explodes on this value).
    public func matches(_ value: String) -> Bool? {
        let matcher = Matcher(text: Array(value.unicodeScalars))
        let result = matcher.match(root, 0) { $0 == matcher.text.count }
        return matcher.steps > Matcher.budget ? nil : result
    }

    /// Short values the pattern might match: the first branch of each alternation, each repetition at its minimum
    /// (and at one), the first character of each class.
    static func witnesses(_ node: Node) -> [String] {
        switch node {
        case .empty, .lineStart, .lineEnd, .textStart, .textEnd, .wordBoundary: return [""]
        case .literal(let scalar, _): return [String(scalar)]
        case .any: return ["a"]
        case .set(let ranges, let negated, _):
            if !negated { return ranges.first.flatMap { Unicode.Scalar($0.lowerBound) }.map { [String($0)] } ?? [] }
            let probes: [Unicode.Scalar] = ["a", "0", "x", "Z", "-", "_", " ", "~", "é"]
            return probes.filter { probe in !ranges.contains { $0.contains(probe.value) } }.prefix(1).map { String($0) }
        case .concat(let parts):
            var results = [""]
            for part in parts {
                let options = witnesses(part)
                results = results.flatMap { prefix in options.map { prefix + $0 } }
                if results.count > 16 { results = Array(results.prefix(16)) }
                if results.isEmpty { return [] }
            }
            return results
        case .alternate(let branches): return Array(branches.flatMap(witnesses).prefix(16))
        case .repeat(let inner, let min, _):
            let options = witnesses(inner)
            return options.map { String(repeating: $0, count: min) } + options.map { String(repeating: $0, count: Swift.max(min, 1)) }
        }
    }

    /// A backtracking matcher with a step budget (a class: its continuations re-enter it).
    final class Matcher {
        let text: [Unicode.Scalar]
        var steps = 0

        init(text: [Unicode.Scalar]) { self.text = text }
        static let budget = 200_000

        func match(_ node: Node, _ i: Int, _ next: (Int) -> Bool) -> Bool {
            steps += 1
            if steps > Self.budget { return false }
            switch node {
            case .empty: return next(i)
            case .literal(let scalar, let fold):
                guard i < text.count, Self.equal(text[i], scalar, fold) else { return false }
                return next(i + 1)
            case .set(let ranges, let negated, let fold):
                guard i < text.count else { return false }
                let c = text[i]
                var inside = ranges.contains { $0.contains(c.value) }
                if fold, !inside {
                    inside = Self.caseVariants(c).contains { v in ranges.contains { $0.contains(v.value) } }
                }
                return inside != negated ? next(i + 1) : false
            case .any(let dotNewline):
                guard i < text.count, dotNewline || text[i] != "\n" else { return false }
                return next(i + 1)
            case .concat(let parts): return matchSequence(parts[...], i, next)
            case .alternate(let branches):
                for branch in branches where match(branch, i, next) { return true }
                return false
            case .repeat(let inner, let min, let max): return matchRepeat(inner, min, max, 0, i, next)
            case .lineStart(let multi):
                return (i == 0 || (multi && text[i - 1] == "\n")) ? next(i) : false
            case .lineEnd(let multi):
                return (i == text.count || (multi && text[i] == "\n")) ? next(i) : false
            case .textStart: return i == 0 ? next(i) : false
            case .textEnd: return i == text.count ? next(i) : false
            case .wordBoundary(let at):
                let before = i > 0 && Self.isWord(text[i - 1]), after = i < text.count && Self.isWord(text[i])
                return ((before != after) == at) ? next(i) : false
            }
        }

        func matchSequence(_ parts: ArraySlice<Node>, _ i: Int, _ next: (Int) -> Bool) -> Bool {
            guard let first = parts.first else { return next(i) }
            let rest = parts.dropFirst()
            return match(first, i) { j in matchSequence(rest, j, next) }
        }

        func matchRepeat(
            _ inner: Node, _ min: Int, _ max: Int?, _ count: Int, _ i: Int, _ next: (Int) -> Bool
        ) -> Bool {
            if let max, count >= max { return next(i) }
            // Greedy: one more first; an iteration that consumes nothing ends the loop.
            let more = match(inner, i) { j in
                (j == i && count >= min) ? false : matchRepeat(inner, min, max, count + 1, j, next)
            }
            if more { return true }
            return count >= min ? next(i) : false
        }

        static func isWord(_ c: Unicode.Scalar) -> Bool {
            c == "_" || ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
        }

        static func caseVariants(_ c: Unicode.Scalar) -> [Unicode.Scalar] {
            (c.properties.lowercaseMapping + c.properties.uppercaseMapping).unicodeScalars.map { $0 }
        }

        static func equal(_ a: Unicode.Scalar, _ b: Unicode.Scalar, _ fold: Bool) -> Bool {
            a == b || (fold && caseVariants(a).contains(b))
        }
    }

    // MARK: - Parsing (Go's regexp/syntax, Perl flags)

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
}

extension LabelMatcher {
    /// Whether the matcher selects a series whose label has this value (Prometheus reads a missing label as "").
    /// Nil when a regular expression does not parse or its search gives up.
    public func selects(_ candidate: String) -> Bool? {
        switch op {
        case .equal: return candidate == value
        case .matches: return (try? RE2Pattern(value))?.matches(candidate)
        case .doesNotMatch: return (try? RE2Pattern(value))?.matches(candidate).map { !$0 }
        }
    }

    /// For the matchers of one label: a value all of them select (the generated tests' series carry it) and, per
    /// matcher, a value it does not select that the others do (the decoys that prove the matcher is in the rules);
    /// nil where infragen finds none (`=~"a"` with `!~"a"`; `=~".*"` alone).
    public static func sampleValues(_ matchers: [LabelMatcher]) -> (selected: String?, rejected: [String?]) {
        var witnesses: [(op: Operator, values: [String])] = []
        var candidates: [String] = []
        for matcher in matchers {
            switch matcher.op {
            case .equal:
                candidates += [matcher.value, matcher.value + "-decoy"]
            case .matches, .doesNotMatch:
                guard let pattern = try? RE2Pattern(matcher.value) else { continue }
                let values = Array(RE2Pattern.witnesses(pattern.root).prefix(16))
                witnesses.append((matcher.op, values))
                candidates += values
            }
        }
        // A value one expression matches inside another's (`/api/orders` + `/api//export` for `=~"/api/(orders|…)
        // (/.*)?"` with `!~"/api/.*/export"`).
        for (i, first) in witnesses.enumerated() {
            for (j, second) in witnesses.enumerated() where i != j {
                for a in first.values.prefix(4) { for b in second.values.prefix(4) { candidates.append(a + b) } }
            }
        }
        candidates += ["x-decoy", "decoy-x", "infragen-decoy", "", "0", "_", "\u{1F4A5}"]
        let verdicts = candidates.map { value in matchers.map { $0.selects(value) } }
        let selected = zip(candidates, verdicts).first { $0.1.allSatisfy { $0 == true } }?.0
        let rejected = matchers.indices.map { index -> String? in
            let others = zip(candidates, verdicts).first { _, verdict in
                verdict[index] == false && verdict.indices.allSatisfy { $0 == index || verdict[$0] == true }
            }
            return others?.0 ?? zip(candidates, verdicts).first { $0.1[index] == false }?.0
        }
        return (selected, rejected)
    }
}
