/// Prints an ``NginxNode`` tree as Nginx configuration text: four spaces per level, one directive per line, LF line
/// ends, lines kept within 120 columns where arguments allow.
///
/// The printer is the last guard: an argument that the Nginx tokenizer could read as something else (a `;` or a
/// brace ending the directive, a quote, a line break splitting a header, a `$` starting a variable, a `#` starting
/// a comment) throws ``Refused`` instead of being printed. Validation keeps such values out of the model; the
/// printer makes sure a mistake in a generator cannot turn into a broken or injected file.
public enum NginxPrinter {
    /// An argument or name the printer will not write.
    public struct Refused: Error, CustomStringConvertible, Equatable {
        public let value: String
        public let reason: String
        public var description: String { "nginx printer refused \(value.debugDescription): \(reason)" }
    }

    public static let width = 120

    /// The nodes as text, ending with one line feed.
    public static func print(_ nodes: [NginxNode]) throws -> String {
        var lines: [String] = []
        try append(nodes, depth: 0, to: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    /// One argument as it appears in the file.
    public static func render(_ argument: NginxArgument) throws -> String {
        switch argument {
        case .word(let word):
            try checkWord(word)
            return word
        case .text(let text):
            try checkText(text, allowLineFeed: false)
            return quote(text)
        case .body(let text):
            try checkText(text, allowLineFeed: true)
            return quote(text).replacingLineFeeds()
        case .expression(let parts):
            return try render(parts)
        case .regex(let pattern):
            try checkRegex(pattern)
            return "\"\(pattern)\""
        }
    }

    // MARK: - Layout

    private static func append(_ nodes: [NginxNode], depth: Int, to lines: inout [String]) throws {
        let indent = String(repeating: " ", count: depth * 4)
        var pendingBlank = false
        var wroteAny = false
        for node in nodes {
            switch node {
            case .blank:
                pendingBlank = wroteAny
            case .comment(let text):
                try checkComment(text)
                if pendingBlank { lines.append("") }
                pendingBlank = false
                lines.append(text.isEmpty ? "\(indent)#" : "\(indent)# \(text)")
                wroteAny = true
            case .directive(let directive):
                if pendingBlank { lines.append("") }
                pendingBlank = false
                try append(directive, indent: indent, depth: depth, to: &lines)
                wroteAny = true
            }
        }
    }

    private static func append(
        _ directive: NginxDirective, indent: String, depth: Int, to lines: inout [String]
    ) throws {
        try checkWord(directive.name)
        let arguments = try directive.arguments.map(render)
        let end = directive.children == nil ? ";" : " {"
        switch directive.wrap {
        case .onePerLine(let keep):
            let head = [directive.name] + arguments.prefix(keep)
            let rest = arguments.dropFirst(keep)
            if rest.isEmpty {
                lines.append(indent + head.joined(separator: " ") + end)
            } else {
                lines.append(indent + head.joined(separator: " "))
                for (index, argument) in rest.enumerated() {
                    lines.append(indent + "    " + argument + (index == rest.count - 1 ? end : ""))
                }
            }
        case .fill:
            var line = indent + directive.name
            for (index, argument) in arguments.enumerated() {
                let limit = width - (index == arguments.count - 1 ? end.count : 0)
                if line.count + 1 + argument.count > limit && line.count > indent.count + directive.name.count {
                    lines.append(line)
                    line = indent + "    " + argument
                } else {
                    line += " " + argument
                }
            }
            lines.append(line + end)
        }
        if let children = directive.children {
            try append(children, depth: depth + 1, to: &lines)
            lines.append(indent + "}")
        }
    }

    // MARK: - Rules

    /// Characters of a bare token: nothing the tokenizer treats specially.
    private static let wordBytes = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._~/:=+,@%*^![]-".utf8)

    private static func checkWord(_ word: String) throws {
        guard !word.isEmpty else { throw Refused(value: word, reason: "an empty token must be quoted text") }
        // The parentheses of an `if` condition, each a token of its own.
        if word == "(" || word == ")" { return }
        if let byte = word.utf8.first(where: { !wordBytes.contains($0) }) {
            throw Refused(value: word, reason: "\(describe(byte)) is not allowed in a bare token")
        }
    }

    private static func checkText(_ text: String, allowLineFeed: Bool) throws {
        for byte in text.utf8 {
            if byte == 0x0A && allowLineFeed { continue }
            guard (0x20...0x7E).contains(byte) else {
                throw Refused(value: text, reason: "\(describe(byte)) is not allowed in quoted text")
            }
            if byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "$") {
                throw Refused(value: text, reason: "\(describe(byte)) is not allowed in quoted text")
            }
        }
    }

    private static func checkRegex(_ pattern: String) throws {
        guard !pattern.isEmpty else { throw Refused(value: pattern, reason: "an empty regular expression") }
        for (index, byte) in pattern.utf8.enumerated() {
            guard (0x20...0x7E).contains(byte), byte != UInt8(ascii: "\""), byte != UInt8(ascii: "'") else {
                throw Refused(value: pattern, reason: "\(describe(byte)) is not allowed in a regular expression")
            }
            if byte == UInt8(ascii: "$") && index != pattern.utf8.count - 1 {
                throw Refused(value: pattern, reason: "'$' is allowed only as the final anchor of a regular expression")
            }
        }
        if pattern.hasSuffix("\\") {
            throw Refused(value: pattern, reason: "a regular expression may not end with '\\'")
        }
    }

    private static func checkComment(_ text: String) throws {
        if let scalar = text.unicodeScalars.first(where: {
            $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{2028}" || $0 == "\u{2029}"
        }) {
            throw Refused(value: text, reason: "U+\(String(scalar.value, radix: 16, uppercase: true)) would end the comment")
        }
    }

    private static func render(_ parts: [NginxExpressionPart]) throws -> String {
        var text = ""
        for (index, part) in parts.enumerated() {
            switch part {
            case .literal(let literal):
                try checkText(literal, allowLineFeed: false)
                text += literal
            case .variable(let name):
                try checkVariable(name)
                var next: UInt8?
                if index + 1 < parts.count, case .literal(let following) = parts[index + 1] {
                    next = following.utf8.first
                }
                let isCapture = name.utf8.count == 1 && name.utf8.first.map(isDigit) == true
                if !isCapture, let next, isIdentifierByte(next) {
                    text += "${\(name)}"
                } else {
                    text += "$\(name)"
                }
            }
        }
        let bare = !text.isEmpty && text.utf8.allSatisfy { wordBytes.contains($0) || $0 == UInt8(ascii: "$") }
        if bare { return text }
        if text.contains("\"") && !text.contains("'") { return "'\(text)'" }
        return quote(text)
    }

    private static func checkVariable(_ name: String) throws {
        let bytes = Array(name.utf8)
        if bytes.count == 1, let only = bytes.first, (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(only) { return }
        guard let first = bytes.first, !isDigit(first), bytes.allSatisfy(isIdentifierByte) else {
            throw Refused(value: name, reason: "not a variable name")
        }
    }

    private static func quote(_ text: String) -> String {
        "\"" + text.replacingQuotes() + "\""
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || byte == UInt8(ascii: "_")
    }

    private static func describe(_ byte: UInt8) -> String {
        if (0x21...0x7E).contains(byte) { return "'\(Character(Unicode.Scalar(byte)))'" }
        if byte == 0x20 { return "a space" }
        if byte >= 0x80 { return "a non-ASCII character" }
        return "the control character 0x" + String(byte, radix: 16, uppercase: true)
    }
}

extension String {
    fileprivate func replacingQuotes() -> String {
        var out = ""
        for character in self { out += character == "\"" ? "\\\"" : String(character) }
        return out
    }

    fileprivate func replacingLineFeeds() -> String {
        var out = ""
        for character in self { out += character == "\n" ? "\\n" : String(character) }
        return out
    }
}
