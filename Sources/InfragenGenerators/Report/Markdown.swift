/// A small Markdown document: headings, paragraphs, tables, lists and fenced blocks, with the escaping each needs.
struct Markdown {
    private(set) var text = ""

    mutating func heading(_ level: Int, _ title: String) {
        separate()
        text += String(repeating: "#", count: level) + " " + Self.inline(title) + "\n"
    }

    mutating func paragraph(_ line: String) {
        separate()
        text += Self.inline(line) + "\n"
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

    /// One line of text: line breaks become spaces; characters Markdown would read as markup are escaped.
    static func inline(_ value: String) -> String {
        var result = ""
        for character in value {
            switch character {
            case "\n", "\r": result += " "
            case "\\", "*", "_", "[", "]", "<", ">", "|", "#": result += "\\\(character)"
            default: result.append(character)
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
