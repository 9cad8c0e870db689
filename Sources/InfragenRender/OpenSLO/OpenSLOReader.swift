import InfragenModel
import InfragenYAML

/// Reads the nodes of one OpenSLO file strictly, gathering a located diagnostic for everything it cannot use: a
/// value of the wrong type, a key it does not know, a required key that is missing. Each refusal names the field as
/// a path in the document (`openslo.spec.objectives[0].target`) and the file's line and column.
struct OpenSLOReader {
    /// The file, relative to the package root, as locations name it.
    let file: String
    let path: DiagnosticPath
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String, path: DiagnosticPath) {
        self.file = file
        self.path = path
    }

    func location(_ mark: YAMLMark) -> SourceLocation {
        SourceLocation(fileID: file, line: mark.line, column: mark.column)
    }

    mutating func refuse(_ field: String, _ message: String, hint: String, at mark: YAMLMark) {
        diagnostics.append(.error(path, field: "openslo.\(field)", message, hint: hint, at: location(mark)))
    }

    /// A mapping's values by key, after refusing every key not in `known` (at the key). Nil, refused, for another
    /// node.
    mutating func mapping(_ node: MarkedYAMLNode, _ field: String, known: [String], hint: String)
        -> [String: MarkedYAMLNode]? {
        guard let entries = node.entries else {
            refuse(field, "\(what(node)) where a mapping belongs", hint: hint, at: node.mark)
            return nil
        }
        var values: [String: MarkedYAMLNode] = [:]
        for entry in entries {
            guard known.contains(entry.key) else {
                let shown = TextRules.quoted(String(entry.key.prefix(100)))
                refuse(join(field, entry.key), "\(shown) is not a field infragen reads here",
                       hint: "remove it; infragen reads \(known.joined(separator: ", ")) here", at: entry.keyMark)
                continue
            }
            values[entry.key] = entry.value
        }
        return values
    }

    /// The value of a required key, refused at the mapping when it is missing.
    mutating func required(
        _ values: [String: MarkedYAMLNode], _ key: String, in node: MarkedYAMLNode, _ field: String, hint: String
    ) -> MarkedYAMLNode? {
        if let value = values[key] { return value }
        refuse(join(field, key), "the required field '\(key)' is missing", hint: hint, at: node.mark)
        return nil
    }

    /// A sequence's items, refused for another node.
    mutating func sequence(_ node: MarkedYAMLNode, _ field: String, hint: String) -> [MarkedYAMLNode]? {
        guard let items = node.items else {
            refuse(field, "\(what(node)) where a list belongs", hint: hint, at: node.mark)
            return nil
        }
        return items
    }

    /// A non-empty, single-line text of at most `limit` bytes.
    mutating func text(_ node: MarkedYAMLNode, _ field: String, limit: Int = 4096, hint: String) -> String? {
        guard let scalar = node.scalar, scalar.kind != .null else {
            refuse(field, "\(what(node)) where a text belongs", hint: hint, at: node.mark)
            return nil
        }
        guard !scalar.text.isEmpty, scalar.text.utf8.count <= limit else {
            refuse(field, scalar.text.isEmpty ? "the text is empty" : "the text is \(scalar.text.utf8.count) bytes long, over \(limit)",
                   hint: hint, at: node.mark)
            return nil
        }
        return scalar.text
    }

    /// `true` or `false`, as YAML 1.2's core schema writes them.
    mutating func bool(_ node: MarkedYAMLNode, _ field: String) -> Bool? {
        guard let scalar = node.scalar, scalar.kind == .boolean else {
            refuse(field, "\(what(node)) where true or false belongs", hint: "write true or false", at: node.mark)
            return nil
        }
        return scalar.text.lowercased() == "true"
    }

    /// A plain decimal number, exact to `decimals` places, as an integer count of 10^-decimals: `0.995` with 6
    /// decimals is 995000. Refused when it is not a plain decimal, more precise, or over 10^12.
    mutating func fixedPoint(_ node: MarkedYAMLNode, _ field: String, decimals: Int, hint: String) -> Int? {
        guard let scalar = node.scalar, scalar.kind == .integer || scalar.kind == .decimal,
              let value = Self.fixedPoint(scalar.text, decimals: decimals) else {
            let shown = node.scalar.map { TextRules.quoted(String($0.text.prefix(100))) } ?? what(node)
            refuse(field, "\(shown) is not a decimal number infragen can use (at most 12 digits before the point and "
                   + "\(decimals) after it)", hint: hint, at: node.mark)
            return nil
        }
        return value
    }

    static func fixedPoint(_ text: String, decimals: Int) -> Int? {
        var text = Substring(text)
        if text.hasPrefix("+") { text = text.dropFirst() }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0], fraction = parts.count > 1 ? parts[1] : ""
        let digits = Set("0123456789")
        guard !whole.isEmpty, whole.count <= 12, whole.allSatisfy(digits.contains), fraction.allSatisfy(digits.contains),
              parts.count == 1 || !fraction.isEmpty else { return nil }
        let significant = fraction.reversed().drop { $0 == "0" }.count
        guard significant <= decimals else { return nil }
        let padded = String(fraction.prefix(decimals)) + String(repeating: "0", count: decimals - min(decimals, fraction.count))
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        return Int(whole)! * scale + (Int(padded) ?? 0)
    }

    func join(_ field: String, _ key: String) -> String { field.isEmpty ? key : "\(field).\(key)" }

    private func what(_ node: MarkedYAMLNode) -> String {
        switch node.value {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let scalar) where scalar.kind == .null: "nothing"
        case .scalar(let scalar): TextRules.quoted(String(scalar.text.prefix(100)))
        }
    }
}
