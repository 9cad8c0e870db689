/// A small Markdown document: headings, paragraphs, tables, lists and fenced blocks, with the escaping each needs.
struct Markdown {
    private(set) var text = ""

    mutating func heading(_ level: Int, _ title: String) {
        separate()
        text += String(repeating: "#", count: level) + " " + Self.inline(title) + "\n"
    }

    mutating func paragraph(_ line: String) {
        separate()
        text += Self.inline(line, startsBlock: true) + "\n"
    }

    /// A table; cells are escaped so that a `|` or a line break in a value cannot break the row.
    mutating func table(_ header: [String], _ rows: [[String]]) {
        separate()
        text += "| " + header.map(Self.cell).joined(separator: " | ") + " |\n"
        text += "|" + header.map { _ in "---|" }.joined() + "\n"
        for row in rows {
            precondition(row.count == header.count, "a table row must have one cell per column")
            text += "| " + row.map(Self.cell).joined(separator: " | ") + " |\n"
        }
    }

    mutating func list(_ items: [String]) {
        separate()
        for item in items { text += "- \(item)\n" }
    }

    /// A fenced block (e.g. `mermaid`); the body is generated, never user text.
    mutating func fenced(_ language: String, _ body: String) {
        separate()
        text += "```\(language)\n\(body)```\n"
    }

    /// A relative link whose target is a generated path (no spaces or parentheses in it by construction).
    static func link(_ title: String, _ target: String) -> String { "[\(inline(title))](\(target))" }

    /// Inline code, for names and values.
    static func code(_ value: String) -> String {
        value.contains("`") ? "``" + value + "``" : "`" + value + "`"
    }

    private mutating func separate() {
        if !text.isEmpty { text += "\n" }
    }

    /// One line of text that a Markdown reader renders back to exactly `value` (validation keeps line breaks and
    /// other controls out; a stray one becomes a space):
    /// - every character CommonMark or GitHub reads as markup is backslash-escaped (`` \ ` * _ [ ] < > | # & ~ $ ``),
    /// - in a paragraph (`startsBlock`), a start that would open another block (`-`, `+`, `=`, `1. `, `1) `) is
    ///   escaped,
    /// - whitespace at either end, which a reader trims (and four leading spaces make a code block), is written as a
    ///   character reference (`&#x20;`).
    static func inline(_ value: String, startsBlock: Bool = false) -> String {
        let scalars = Array(value.unicodeScalars)
        let leading = scalars.prefix { $0.properties.isWhitespace }.count
        let trailing = leading == scalars.count ? 0 : scalars.reversed().prefix { $0.properties.isWhitespace }.count
        var result = ""
        for (index, scalar) in scalars.enumerated() {
            if index < leading || index >= scalars.count - trailing {
                result += "&#x\(String(scalar.value, radix: 16, uppercase: true));"
                continue
            }
            let opensBlock = startsBlock && index == leading && "-+=".unicodeScalars.contains(scalar)
            let endsListNumber = startsBlock && (scalar == "." || scalar == ")") && index > leading
                && scalars[leading..<index].allSatisfy { ("0"..."9").contains($0) }
                && (index + 1 == scalars.count || scalars[index + 1] == " " || scalars[index + 1] == "\t")
            if scalar == "\n" || scalar == "\r" {
                result += " "
            } else if "\\`*_[]<>|#&~$".unicodeScalars.contains(scalar) || opensBlock || endsListNumber {
                result += "\\\(scalar)"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A table cell; values that are already Markdown (links, code) go through ``rawCell(_:)``.
    private static func cell(_ value: String) -> String {
        if value.hasPrefix(Self.rawMarker) { return String(value.dropFirst(Self.rawMarker.count)).replacingPipes() }
        return inline(value)
    }

    static let rawMarker = "\u{1}raw:"

    /// Marks a cell as Markdown already (a link or code span); only pipes are escaped.
    static func rawCell(_ markdown: String) -> String { rawMarker + markdown }
}

extension String {
    fileprivate func replacingPipes() -> String {
        var result = ""
        for character in self {
            if character == "|" { result += "\\|" } else { result.append(character) }
        }
        return result
    }
}
