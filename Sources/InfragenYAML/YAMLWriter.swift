/// Writes YAML byte for byte as libyaml 0.2.5's emitter does with infragen's settings (unicode on, indentation 2,
/// width -1 so nothing is ever folded, LF breaks, UTF-8 without a BOM), for the events ``YAMLNode`` trees make: a
/// stream of explicit (`---`) documents ending implicitly, block mappings and sequences (empty ones in flow, `[]` and
/// `{}`, as libyaml writes them), no tags, no anchors, and scalars in the style ``RequestedScalarStyle`` asks for.
///
/// The code follows libyaml's `emitter.c` state by state: the same variables (column, whether the last character was
/// whitespace, whether the line so far is indentation, the indent, open-endedness) and the same functions
/// (`write_indent`, `write_indicator`, the four scalar writers), minus the paths infragen's settings never take
/// (folding, canonical output, flow items, tags, anchors). The one construct it leaves to libyaml is a mapping key
/// that cannot be a simple key (more than 128 bytes, or a line break in it: libyaml writes `? key` for those); it
/// throws ``Unsupported`` and ``YAML`` hands the whole stream to libyaml. Differential tests
/// (`YAMLWriterDifferentialTests`) and the `yaml-writer` fuzz target compare the two.
struct YAMLWriter {
    /// The writer met a construct it does not reproduce; nothing it wrote is to be used.
    struct Unsupported: Error {}

    var bytes: [UInt8] = []
    /// The column of the next character, counted in characters (libyaml's `column`).
    var column = 0
    /// Whether the last character written was whitespace (libyaml's `whitespace`).
    var whitespace = true
    /// Whether the current line holds only indentation (and indicators that count as such, like `- `).
    var indention = true
    /// The current indentation; -1 before the root node.
    var indent = -1
    /// 2 after a literal block that keeps its trailing line breaks (`|+`): the stream then ends with `...`.
    var openEnded = 0

    init() {
        bytes.reserveCapacity(4096)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The stream of `documents`.
    mutating func write(_ documents: [YAMLNode]) throws(Unsupported) {
        for document in documents {
            startDocument()
            try node(document, mappingContext: false)
            endDocument()
        }
        endStream()
    }

    /// The stream of the one document `{key: [items…]}`.
    mutating func write(mappingOf key: String, sequence items: some Collection<YAMLNode>) throws(Unsupported) {
        startDocument()
        let saved = indent
        indent = indent < 0 ? 0 : indent + 2
        try mappingKey(key)
        try sequence(items, mappingContext: true)
        indent = saved
        endDocument()
        endStream()
    }

    // MARK: - Documents and collections (emitter.c: emit_document_start/end, emit_block_*, emit_flow_* when empty)

    private mutating func startDocument() {
        openEnded = 0
        writeIndent()
        writeIndicator("---", needWhitespace: true, isWhitespace: false, isIndention: false)
        openEnded = 0
    }

    private mutating func endDocument() {
        writeIndent()
        if openEnded == 0 { openEnded = 1 }
    }

    private mutating func endStream() {
        if openEnded == 2 {
            writeIndicator("...", needWhitespace: true, isWhitespace: false, isIndention: false)
            openEnded = 0
            writeIndent()
        }
    }

    /// A node that is not a mapping key; `mappingContext` when it is a mapping's value.
    private mutating func node(_ node: YAMLNode, mappingContext: Bool) throws(Unsupported) {
        switch node {
        case .scalar(let scalar):
            scalarNode(scalar, simpleKey: false)
        case .sequence(let items):
            try sequence(items, mappingContext: mappingContext)
        case .mapping(let mapping):
            if mapping.isEmpty {
                emptyFlowCollection(open: "{", close: "}")
                return
            }
            let saved = indent
            indent = indent < 0 ? 0 : indent + 2
            for pair in mapping.pairs {
                try mappingKey(pair.key)
                try self.node(pair.value, mappingContext: true)
            }
            indent = saved
        }
    }

    private mutating func sequence(_ items: some Collection<YAMLNode>, mappingContext: Bool) throws(Unsupported) {
        if items.isEmpty {
            emptyFlowCollection(open: "[", close: "]")
            return
        }
        let saved = indent
        // increase_indent(flow: 0, indentless: mapping_context && !indention): a sequence that is a mapping's value
        // starts its items at the key's column.
        if indent < 0 {
            indent = 0
        } else if !(mappingContext && !indention) {
            indent += 2
        }
        for item in items {
            writeIndent()
            writeIndicator("-", needWhitespace: true, isWhitespace: false, isIndention: true)
            try node(item, mappingContext: false)
        }
        indent = saved
    }

    /// A key and its `:`, on a line of its own (emit_block_mapping_key with a simple key, then the simple value's
    /// indicator).
    private mutating func mappingKey(_ key: String) throws(Unsupported) {
        writeIndent()
        let keyScalar = YAMLScalar(string: key)
        var text = key
        let done: Bool = text.withUTF8 { utf8 in
            let analysis = ScalarAnalysis(utf8)
            // check_simple_key: a multi-line key or one longer than 128 bytes is written `? key`, left to libyaml.
            guard !analysis.multiline, utf8.count <= 128 else { return false }
            writeScalar(keyScalar, utf8, analysis, simpleKey: true)
            return true
        }
        guard done else { throw Unsupported() }
        writeIndicator(":", needWhitespace: false, isWhitespace: false, isIndention: false)
    }

    /// `[]` or `{}` (emit_flow_sequence_item / emit_flow_mapping_key, first and last at once).
    private mutating func emptyFlowCollection(open: StaticString, close: StaticString) {
        writeIndicator(open, needWhitespace: true, isWhitespace: true, isIndention: false)
        writeIndicator(close, needWhitespace: false, isWhitespace: false, isIndention: false)
    }

    private mutating func scalarNode(_ scalar: YAMLScalar, simpleKey: Bool) {
        var text = scalar.text
        text.withUTF8 { utf8 in
            writeScalar(scalar, utf8, ScalarAnalysis(utf8), simpleKey: simpleKey)
        }
    }

    // MARK: - Primitives (emitter.c: PUT, PUT_BREAK, write_indent, write_indicator)

    mutating func put(_ byte: UInt8) {
        bytes.append(byte)
        column += 1
    }

    mutating func putBreak() {
        bytes.append(0x0A)
        column = 0
    }

    mutating func writeIndent() {
        let indent = max(self.indent, 0)
        if !indention || column > indent || (column == indent && !whitespace) {
            putBreak()
        }
        if column < indent {
            var count = indent - column
            column = indent
            while count > 0 {
                let run = min(count, Self.spaces.utf8CodeUnitCount)
                Self.spaces.withUTF8Buffer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<run])) }
                count -= run
            }
        }
        whitespace = true
        indention = true
    }

    private static let spaces: StaticString = "                                                                "

    mutating func writeIndicator(
        _ indicator: StaticString, needWhitespace: Bool, isWhitespace: Bool, isIndention: Bool
    ) {
        if needWhitespace && !whitespace { put(0x20) }
        indicator.withUTF8Buffer { bytes.append(contentsOf: $0) }
        column += indicator.utf8CodeUnitCount
        whitespace = isWhitespace
        indention = indention && isIndention
    }
}
