/// Renders YAML as libyaml's emitter writes it: block style, 2-space indentation, no line folding, UTF-8.
public enum YAML {
    /// Renders a stream of documents. Every document starts with an explicit `---`, so a file can begin with a
    /// comment header and still be read as a stream; the text ends with exactly one newline.
    ///
    /// The bytes are libyaml's: ``YAMLWriter`` writes what libyaml's emitter writes for the same events (proven by
    /// differential tests and a fuzz target against libyaml), and hands a tree it does not cover to libyaml itself.
    public static func render(_ documents: [YAMLNode]) throws(YAMLError) -> String {
        var writer = YAMLWriter()
        do {
            try writer.write(documents)
        } catch {
            return try LibYAMLEmitter.render(documents)
        }
        return writer.text
    }

    /// Renders a single document.
    public static func render(_ document: YAMLNode) throws(YAMLError) -> String {
        try render([document])
    }

    /// Renders the document `{key: [item(0), …, item(count - 1)]}` as ``render(_:)`` would, building each item only
    /// when it is written: a long list (a rule file's thousands of groups) never exists as one tree.
    public static func render(
        mappingOf key: String, sequenceOf count: Int, item: (Int) -> YAMLNode
    ) throws(YAMLError) -> String {
        try render(mappingOf: key, sequence: (0..<count).lazy.map(item))
    }

    /// Renders the document `{key: [items…]}` as ``render(_:)`` would, taking each item from `items` only when it is
    /// written (a lazy collection never holds the whole list). In the rare case the writer hands the document to
    /// libyaml, `items` is read a second time.
    public static func render(
        mappingOf key: String, sequence items: some Collection<YAMLNode>
    ) throws(YAMLError) -> String {
        var writer = YAMLWriter()
        do {
            try writer.write(mappingOf: key, sequence: items)
        } catch {
            return try LibYAMLEmitter.render(mappingOf: key, sequence: items)
        }
        return writer.text
    }
}
