/// What libyaml's `yaml_emitter_analyze_scalar` learns about a scalar's text: which styles can write it in block
/// context (the writer never writes a scalar in a flow collection, so libyaml's flow-plain flag is not kept).
///
/// ASCII text, nearly all of what infragen writes (rule expressions, configurations, names), is analysed in one pass
/// over the bytes with a table of byte classes; only text with a byte above 0x7F takes libyaml's own
/// character-by-character analysis. Both give libyaml's flags (`YAMLWriterDifferentialTests` and the `yaml-writer`
/// fuzz target compare the writer's bytes with libyaml's).
struct ScalarAnalysis: Equatable {
    var multiline = false
    var blockPlainAllowed = true
    var singleQuotedAllowed = true
    var blockAllowed = false
    /// The number of characters (Unicode scalars), libyaml's column count for the text.
    var characters = 0
    /// Whether every byte is ASCII (then ``lineFeedCharacter`` is known).
    var isASCII = true
    /// For ASCII text: whether it holds a "\n" character, an LF not preceded by CR (what ``RequestedScalarStyle``
    /// asks).
    var lineFeedCharacter = false

    init(_ s: UnsafeBufferPointer<UInt8>) {
        guard !s.isEmpty else { return }
        if !analyzeASCII(s) {
            isASCII = false
            analyzeCharacters(s)
        }
    }

    /// libyaml's character-by-character analysis whatever the text (what the tests compare the ASCII pass with).
    init(characterByCharacter s: UnsafeBufferPointer<UInt8>) {
        guard !s.isEmpty else { return }
        isASCII = false
        analyzeCharacters(s)
    }

    // MARK: - ASCII text, one pass

    /// Byte classes: 0 for a printable ASCII byte that matters nowhere but as the first character (everything from
    /// `!` to `~` but `:` and `#`), bits for the rest; a space is only blank (the space-break test is made at the
    /// break).
    private static let lineBreak: UInt8 = 2, special: UInt8 = 4, colon: UInt8 = 8, hash: UInt8 = 16
    private static let blank: UInt8 = 32, nonASCII: UInt8 = 128
    private static let classes: [UInt8] = (0...255).map { (b: Int) -> UInt8 in
        switch b {
        case 0x20: return blank
        case 0x0A: return lineBreak | blank
        // CR is a line break and, unlike LF, not printable; NUL reads as the end of the text (blank) and TAB is blank.
        case 0x0D: return lineBreak | blank | special
        case 0x00, 0x09: return blank | special
        case 0x3A: return colon
        case 0x23: return hash
        case 0x21...0x7E: return 0
        case 0x80...0xFF: return nonASCII
        default: return special
        }
    }

    /// libyaml's analysis for ASCII text; false (and nothing set) at the first byte above 0x7F.
    private mutating func analyzeASCII(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = s.count
        var blockIndicators = false, lineBreaks = false, specialCharacters = false, lineFeed = false
        var breakSpace = false, spaceBreak = false
        let done: Bool = Self.classes.withUnsafeBufferPointer { classes in
            // libyaml reads its copy of the text, which ends with a NUL: past the end is blank.
            @inline(__always) func blankAt(_ j: Int) -> Bool { j >= n || classes[Int(s[j])] & Self.blank != 0 }
            var i = 0
            while i < n {
                // Eight bytes at a time while none needs a look; else straight to the first one that does.
                if i &+ 8 <= n {
                    let mask = Self.needingALook(Self.word(s, i))
                    if mask == 0 {
                        i &+= 8
                        continue
                    }
                    i &+= mask.trailingZeroBitCount >> 3
                }
                let c = classes[Int(s[i])]
                if c & ~Self.blank == 0 {
                    i += 1
                    continue
                }
                if c & Self.nonASCII != 0 { return false }
                if c & Self.special != 0 { specialCharacters = true }
                if c & Self.lineBreak != 0 {
                    lineBreaks = true
                    if s[i] == 0x0A && (i == 0 || s[i - 1] != 0x0D) { lineFeed = true }
                    if i > 0 && s[i - 1] == 0x20 { spaceBreak = true }
                    if i + 1 < n && s[i + 1] == 0x20 { breakSpace = true }
                } else if c & Self.colon != 0 {
                    if blankAt(i + 1) { blockIndicators = true }
                } else if c & Self.hash != 0 {
                    if i == 0 || blankAt(i - 1) { blockIndicators = true }
                }
                i += 1
            }
            return true
        }
        guard done else { return false }

        // The first character's indicators (`#` and `:` are found by the loop).
        let first = s[0]
        switch first {
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
             UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"),
             UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
            blockIndicators = true
        case UInt8(ascii: "?"), UInt8(ascii: "-"):
            if n == 1 || Self.classes[Int(s[1])] & Self.blank != 0 { blockIndicators = true }
            if n >= 3 && first == UInt8(ascii: "-") && s[1] == first && s[2] == first { blockIndicators = true }
        case UInt8(ascii: "."):
            if n >= 3 && s[1] == first && s[2] == first { blockIndicators = true }
        default: break
        }
        let last = s[n - 1]
        let leadingSpace = first == 0x20, trailingSpace = last == 0x20
        let leadingBreak = first == 0x0A || first == 0x0D, trailingBreak = last == 0x0A || last == 0x0D

        characters = n
        multiline = lineBreaks
        lineFeedCharacter = lineFeed
        blockPlainAllowed = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak || breakSpace
            || spaceBreak || specialCharacters || lineBreaks || blockIndicators)
        singleQuotedAllowed = !(breakSpace || spaceBreak || specialCharacters)
        blockAllowed = !(trailingSpace || spaceBreak || specialCharacters)
        return true
    }

    /// The eight bytes from `i` as a word, the first in the lowest bits.
    @inline(__always) static func word(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(s.baseAddress! + i).loadUnaligned(as: UInt64.self))
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `word` that is below a space, above `~`, `:` or `#`. Exact up to the lowest bit
    /// set (a borrow or carry moves only to higher bytes, and only from a byte flagged itself), so that bit is the
    /// first such byte.
    @inline(__always) static func needingALook(_ word: UInt64) -> UInt64 {
        let colons = word ^ (ones &* 0x3A), hashes = word ^ (ones &* 0x23)
        return ((word &- ones &* 0x20) & ~word | (word &+ ones) | word | (colons &- ones) & ~colons
            | (hashes &- ones) & ~hashes) & highs
    }

    /// The index of the first LF or CR in ASCII `s` from `i`, or its end.
    @inline(__always) static func lineEnd(_ s: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
        let n = s.count
        var i = i
        while i &+ 8 <= n {
            let w = word(s, i)
            let lf = w ^ (ones &* 0x0A), cr = w ^ (ones &* 0x0D)
            let mask = ((lf &- ones) & ~lf | (cr &- ones) & ~cr) & highs
            if mask != 0 { return i &+ mask.trailingZeroBitCount >> 3 }
            i &+= 8
        }
        while i < n && s[i] != 0x0A && s[i] != 0x0D { i += 1 }
        return i
    }

    // MARK: - Any text, character by character (emitter.c: yaml_emitter_analyze_scalar)

    private mutating func analyzeCharacters(_ s: UnsafeBufferPointer<UInt8>) {
        let n = s.count
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

        var blockIndicators = false, lineBreaks = false, specialCharacters = false
        var leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false
        var breakSpace = false, spaceBreak = false
        var previousSpace = false, previousBreak = false

        if (at(0) == 0x2D && at(1) == 0x2D && at(2) == 0x2D) || (at(0) == 0x2E && at(1) == 0x2E && at(2) == 0x2E) {
            blockIndicators = true
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
                    blockIndicators = true
                case UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: "-"):
                    if followedByWhitespace { blockIndicators = true }
                default: break
                }
            } else if b == UInt8(ascii: ":") {
                if followedByWhitespace { blockIndicators = true }
            } else if b == UInt8(ascii: "#") {
                if precededByWhitespace { blockIndicators = true }
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
        blockPlainAllowed = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak || breakSpace
            || spaceBreak || specialCharacters || lineBreaks || blockIndicators)
        singleQuotedAllowed = !(breakSpace || spaceBreak || specialCharacters)
        blockAllowed = !(trailingSpace || spaceBreak || specialCharacters)
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
