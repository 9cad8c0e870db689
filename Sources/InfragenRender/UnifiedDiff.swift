/// A unified diff of two texts, as `diff -u` prints it, for `render --check`.
public enum UnifiedDiff {
    public static func diff(old: String?, new: String?, path: String, context: Int = 3) -> String {
        let a = lines(old), b = lines(new)
        let header = "--- \(old == nil ? "/dev/null" : "a/\(path)")\n+++ \(new == nil ? "/dev/null" : "b/\(path)")\n"
        let edits = script(a, b)
        var output = header
        var index = 0
        while index < edits.count {
            guard let firstChange = edits[index...].firstIndex(where: { $0.kind != .keep }) else { break }
            var start = max(index, firstChange - context)
            if start < index { start = index }
            var end = firstChange
            var lastChange = firstChange
            while end < edits.count {
                if edits[end].kind != .keep { lastChange = end }
                if end - lastChange > 2 * context { break }
                end += 1
            }
            end = min(edits.count, lastChange + context + 1)
            let hunk = edits[start..<end]
            let oldStart = hunk.first?.oldLine ?? 0, newStart = hunk.first?.newLine ?? 0
            let oldCount = hunk.filter { $0.kind != .insert }.count
            let newCount = hunk.filter { $0.kind != .delete }.count
            output += "@@ -\(oldCount == 0 ? oldStart : oldStart + 1),\(oldCount) +\(newCount == 0 ? newStart : newStart + 1),\(newCount) @@\n"
            for edit in hunk {
                switch edit.kind {
                case .keep: output += " \(edit.text)\n"
                case .delete: output += "-\(edit.text)\n"
                case .insert: output += "+\(edit.text)\n"
                }
            }
            index = end
        }
        return output
    }

    struct Edit {
        enum Kind { case keep, delete, insert }
        var kind: Kind
        var text: Substring
        var oldLine: Int
        var newLine: Int
    }

    static func lines(_ text: String?) -> [Substring] {
        guard let text, !text.isEmpty else { return [] }
        var result = text.split(separator: "\n", omittingEmptySubsequences: false)
        if result.last == "" { result.removeLast() }
        return result
    }

    /// A shortest edit script by longest common subsequence; very large pairs fall back to replace-all.
    static func script(_ a: [Substring], _ b: [Substring]) -> [Edit] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
            suffix += 1
        }
        let midA = Array(a[prefix..<(a.count - suffix)]), midB = Array(b[prefix..<(b.count - suffix)])
        var edits: [Edit] = (0..<prefix).map { Edit(kind: .keep, text: a[$0], oldLine: $0, newLine: $0) }
        var i = 0, j = 0
        if midA.count * midB.count <= 4_000_000 {
            var table = Array(repeating: Array(repeating: 0, count: midB.count + 1), count: midA.count + 1)
            for x in stride(from: midA.count - 1, through: 0, by: -1) {
                for y in stride(from: midB.count - 1, through: 0, by: -1) {
                    table[x][y] = midA[x] == midB[y] ? table[x + 1][y + 1] + 1 : max(table[x + 1][y], table[x][y + 1])
                }
            }
            while i < midA.count || j < midB.count {
                if i < midA.count, j < midB.count, midA[i] == midB[j] {
                    edits.append(Edit(kind: .keep, text: midA[i], oldLine: prefix + i, newLine: prefix + j)); i += 1; j += 1
                } else if i < midA.count, j == midB.count || table[i + 1][j] >= table[i][j + 1] {
                    // Deletions before insertions, as diff -u prints them.
                    edits.append(Edit(kind: .delete, text: midA[i], oldLine: prefix + i, newLine: prefix + j)); i += 1
                } else {
                    edits.append(Edit(kind: .insert, text: midB[j], oldLine: prefix + i, newLine: prefix + j)); j += 1
                }
            }
        } else {
            for x in midA.indices { edits.append(Edit(kind: .delete, text: midA[x], oldLine: prefix + x, newLine: prefix)) }
            for y in midB.indices { edits.append(Edit(kind: .insert, text: midB[y], oldLine: prefix + midA.count, newLine: prefix + y)) }
            i = midA.count; j = midB.count
        }
        for k in 0..<suffix {
            edits.append(Edit(kind: .keep, text: a[a.count - suffix + k], oldLine: a.count - suffix + k, newLine: b.count - suffix + k))
        }
        return edits
    }
}
