import Foundation

/// The review as Markdown for a pull-request comment: risks first (each a flagged line with its why), then the
/// changes per system and environment as tables, then what was already there. Sorted, and nothing of the machine
/// it ran on: the base is named as the user gave it (a git ref) or generically.
extension ReviewReport {
    public func markdown(base: String) -> String {
        var lines = ["## infragen review", ""]
        let count = risks.count
        lines.append("Compared with \(base): "
            + (count == 0 ? "no risk flagged" : "**\(count) risk\(count == 1 ? "" : "s") flagged**")
            + ", \(changes.count) change\(changes.count == 1 ? "" : "s") in meaning.")
        if !risks.isEmpty {
            lines += ["", "### Risks", ""]
            lines += risks.map { "- ⚠️ \($0.line)" }
        }
        lines += ["", "### Changes", ""]
        if changes.isEmpty {
            lines.append("No change in meaning.")
        } else {
            var first = true
            for scope in Array(Set(changes.map(\.scope))).sorted() {
                if !first { lines.append("") }
                first = false
                lines += ["#### \(scope)", "", "| service | what | before | after |", "| --- | --- | --- | --- |"]
                for change in changes where change.scope == scope {
                    lines.append("| " + [Self.cell(change.service), Self.text(change.what), Self.cell(change.before),
                                         Self.cell(change.after)].joined(separator: " | ") + " |")
                }
            }
        }
        if !present.isEmpty {
            lines += ["", "### Already present (not introduced by this change)", "", "<details>",
                      "<summary>\(present.count) risk\(present.count == 1 ? "" : "s") the base had already</summary>", ""]
            lines += present.map { "- \($0.presentLine)" }
            lines += ["", "</details>"]
        }
        if !unreadable.isEmpty {
            lines += ["", "### Not read", ""]
            lines += unreadable.map { "- \(Self.text($0))" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A value in a table cell: a code span long enough for the backticks inside, `|` escaped, on one line;
    /// a dash for nothing.
    static func cell(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return "–" }
        let flat = value.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
            .replacingOccurrences(of: "|", with: "\\|")
        var longest = 0, run = 0
        for character in flat {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return fence + pad + flat + pad + fence
    }

    /// Plain text in a cell or list item: Markdown's punctuation escaped, on one line.
    static func text(_ value: String) -> String {
        var out = ""
        for character in value {
            switch character {
            case "\n", "\r": out.append(" ")
            case "|", "`", "*", "_", "[", "]", "<", ">", "\\", "#": out += "\\\(character)"
            default: out.append(character)
            }
        }
        return out
    }
}
