import InfragenModel

/// PromQL text: string literals, selectors and durations, written so that values from a blueprint can never change
/// the meaning of an expression.
enum PromQL {
    /// A double-quoted PromQL string literal. PromQL reads Go's escapes inside double quotes, so a backslash, a double
    /// quote and the control characters are escaped; everything else (UTF-8 included) stands as it is.
    ///
    ///     quoted(#"a"b\c"#)  →  "a\"b\\c"
    static func quoted(_ value: String) -> String {
        // Most values need no escape: one pass over the bytes decides.
        let backslash = UInt8(ascii: "\\"), quote = UInt8(ascii: "\"")
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == backslash || $0 == quote }) {
            return "\"" + value + "\""
        }
        var text = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": text += "\\\\"
            case "\"": text += "\\\""
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    text += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        return text + "\""
    }

    /// One label matcher: `name="value"`, or `name=~"regex"` when `regex` is true (`name!~"regex"` when also
    /// `negated`).
    struct Matcher: Hashable {
        var name: String
        var value: String
        var regex = false
        var negated = false

        var text: String { "\(name)\(regex ? (negated ? "!~" : "=~") : "=")\(PromQL.quoted(value))" }
    }

    /// `metric{a="1",b=~"2"}`, matchers in the order given.
    static func selector(_ metric: String, _ matchers: [Matcher]) -> String {
        "\(metric){\(matchers.map(\.text).joined(separator: ","))}"
    }

    /// A Prometheus duration from minutes, largest units first: `5m`, `1h`, `3d`, `1d12h`.
    static func duration(minutes: Int) -> String {
        if minutes == 0 { return "0s" }
        let days = minutes / 1440, hours = minutes % 1440 / 60, rest = minutes % 60
        return (days > 0 ? "\(days)d" : "") + (hours > 0 ? "\(hours)h" : "") + (rest > 0 ? "\(rest)m" : "")
    }
}
