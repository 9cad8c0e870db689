/// The error codes of an availability SLO: a regular expression on the 3-digit HTTP status code, in the small form
/// infragen can read and so test: alternatives of exactly three positions, each a digit, `.`, `\d` or a class such
/// as `[45]` or `[0-4]`. `5..`, `5..|429` and `50[0-4]` are such patterns.
///
/// Prometheus anchors the expression (`code=~"5.."` is `^(?:5..)$`); so does ``matches(_:)``.
struct StatusCodePattern {
    /// Per alternative, the digits allowed at each of the three positions.
    let alternatives: [[Set<UInt8>]]

    init?(_ text: String) {
        var alternatives: [[Set<UInt8>]] = []
        for alternative in text.split(separator: "|", omittingEmptySubsequences: false) {
            var positions: [Set<UInt8>] = []
            var bytes = Array(alternative.utf8)[...]
            while let byte = bytes.popFirst() {
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    positions.append([byte - UInt8(ascii: "0")])
                case UInt8(ascii: "."):
                    positions.append(Set(0...9))
                case UInt8(ascii: "\\"):
                    guard bytes.popFirst() == UInt8(ascii: "d") else { return nil }
                    positions.append(Set(0...9))
                case UInt8(ascii: "["):
                    var digits = Set<UInt8>()
                    var previous: UInt8?
                    while let next = bytes.popFirst(), next != UInt8(ascii: "]") {
                        if next == UInt8(ascii: "-"), let low = previous, let high = bytes.first,
                           (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(high), low <= high - UInt8(ascii: "0") {
                            bytes.removeFirst()
                            digits.formUnion(low...(high - UInt8(ascii: "0")))
                            previous = nil
                        } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(next) {
                            previous = next - UInt8(ascii: "0")
                            digits.insert(next - UInt8(ascii: "0"))
                        } else {
                            return nil
                        }
                    }
                    guard !digits.isEmpty else { return nil }
                    positions.append(digits)
                default:
                    return nil
                }
            }
            guard positions.count == 3 else { return nil }
            alternatives.append(positions)
        }
        self.alternatives = alternatives
    }

    /// Whether the anchored pattern matches a status code (100–599).
    func matches(_ code: Int) -> Bool {
        let digits = [UInt8(code / 100), UInt8(code / 10 % 10), UInt8(code % 10)]
        return alternatives.contains { positions in zip(positions, digits).allSatisfy { $0.contains($1) } }
    }

    /// Status codes 100–599 that the pattern calls errors.
    var errorCodes: [Int] { (100...599).filter(matches) }

    /// The code the generated tests give bad requests: 500 when it is an error, else the first error code.
    var testErrorCode: Int? { matches(500) ? 500 : errorCodes.first }

    /// The code the generated tests give good requests: 200 unless that is an error, else the first good code.
    var testSuccessCode: Int? { !matches(200) ? 200 : (100...599).first { !matches($0) } }

    /// For a latency SLI over some codes (`Latency(…, codes: "2..")`): the code the generated tests give the requests
    /// that count (200 when it matches, else the first it matches) …
    var testIncludedCode: Int? { matches(200) ? 200 : errorCodes.first }
    /// … and the code of the decoys that must not count (500 unless it matches, else the first it does not).
    var testExcludedCode: Int? { !matches(500) ? 500 : (100...599).first { !matches($0) } }
}
