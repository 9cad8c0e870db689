/// The fuzzer's bytes, read as a stream of choices: a byte, a bounded integer, a string of Unicode scalars.
///
/// When the bytes run out every read returns zero, so each input decodes to exactly one value and libFuzzer's
/// mutations stay meaningful (a changed byte changes one choice).
struct FuzzInput {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isExhausted: Bool { index >= bytes.count }

    /// All bytes not read yet.
    mutating func rest() -> [UInt8] {
        defer { index = bytes.count }
        return index < bytes.count ? Array(bytes[index...]) : []
    }

    mutating func byte() -> UInt8 {
        guard index < bytes.count else { return 0 }
        defer { index += 1 }
        return bytes[index]
    }

    /// An integer in `0..<bound` (bound at most 65536).
    mutating func int(below bound: Int) -> Int {
        precondition(bound > 0 && bound <= 65536)
        let value = bound <= 256 ? Int(byte()) : Int(byte()) << 8 | Int(byte())
        return value % bound
    }

    mutating func bool() -> Bool { byte() & 1 == 1 }

    /// A string of up to `maxLength` Unicode scalars. Most come from an alphabet that hits YAML, Nginx, shell and
    /// Markdown syntax; the rest are any valid scalar, so every plane (controls, non-characters, private use) is met.
    mutating func string(maxLength: Int = 40) -> String {
        let length = int(below: maxLength + 1)
        var scalars = String.UnicodeScalarView()
        for _ in 0..<length {
            let choice = byte()
            if choice < 200 {
                scalars.append(Self.alphabet[Int(choice) % Self.alphabet.count])
            } else {
                let raw = UInt32(byte()) << 16 | UInt32(byte()) << 8 | UInt32(byte())
                scalars.append(Unicode.Scalar(raw % 0x11_0000) ?? "\u{FFFD}")
            }
        }
        return String(scalars)
    }

    static let alphabet: [Unicode.Scalar] =
        Array(
            "abcXYZ0189 -:#&*!|>'\"%@`,[]{}?.~_+=\\/;$()<>^\t\n\r".unicodeScalars)
        + [
            "\u{0}", "\u{7}", "\u{1B}", "\u{7F}", "\u{85}", "\u{A0}", "\u{FEFF}", "\u{2028}", "\u{2029}", "\u{202E}",
            "\u{FFFE}", "\u{FFFF}", "\u{1FFFE}", "é", "中", "🚀", "\u{10FFFF}",
        ]
}
