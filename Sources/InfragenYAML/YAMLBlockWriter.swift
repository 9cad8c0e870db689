/// Writes the YAML that libyaml's emitter writes, byte for byte, for the documents generators produce almost always,
/// in one pass over the tree and without a C call per event; ``YAML/render(_:)`` uses libyaml for everything else.
///
/// It follows libyaml 0.2.5's emitter (block style, indentation 2, unlimited width, explicit `---`, implicit
/// document ends) with the same column, whitespace and indention flags, the same indentation stack and the same
/// scalar analysis, restricted to what it can prove it writes the same way:
///
/// - every document is a mapping or a sequence (a scalar at the root can make libyaml write `...`);
/// - every scalar, key or value, is printable ASCII (0x20–0x7E): no line break, no tab, no other control character,
///   nothing libyaml would write double-quoted or as a block scalar;
/// - every key is at most 128 bytes (a longer one is a complex key, `? …`).
///
/// Anything else makes ``render(_:)`` return nil. A differential test holds it to libyaml on random trees.
struct YAMLBlockWriter {
    private var output: [UInt8] = []
    private var column = 0
    private var whitespace = true
    private var indention = true
    private var indent = -1
    private var indents: [Int] = []

    /// The YAML text of the documents, or nil when one of them is outside what this writer handles.
    static func render(_ documents: [YAMLNode]) -> String? {
        guard !documents.isEmpty else { return nil }
        var writer = YAMLBlockWriter()
        writer.output.reserveCapacity(4096)
        for document in documents {
            guard writer.document(document) else { return nil }
        }
        return String(decoding: writer.output, as: UTF8.self)
    }

    // MARK: - Structure

    private mutating func document(_ root: YAMLNode) -> Bool {
        if case .scalar = root { return false }
        writeIndent()
        writeIndicator("---", needWhitespace: true, isWhitespace: false, isIndention: false)
        guard node(root, mappingContext: false) else { return false }
        // The implicit document end.
        writeIndent()
        return true
    }

    private mutating func node(_ node: YAMLNode, mappingContext: Bool) -> Bool {
        switch node {
        case .scalar(let scalar):
            return self.scalar(scalar, simpleKey: false)
        case .mapping(let mapping) where mapping.isEmpty:
            writeIndicator("{", needWhitespace: true, isWhitespace: true, isIndention: false)
            writeIndicator("}", needWhitespace: false, isWhitespace: false, isIndention: false)
            return true
        case .sequence(let items) where items.isEmpty:
            writeIndicator("[", needWhitespace: true, isWhitespace: true, isIndention: false)
            writeIndicator("]", needWhitespace: false, isWhitespace: false, isIndention: false)
            return true
        case .mapping(let mapping):
            increaseIndent(indentless: false)
            for pair in mapping.pairs {
                writeIndent()
                guard pair.key.utf8.count <= 128, scalar(YAMLScalar(string: pair.key), simpleKey: true) else { return false }
                writeIndicator(":", needWhitespace: false, isWhitespace: false, isIndention: false)
                guard self.node(pair.value, mappingContext: true) else { return false }
            }
            indent = indents.removeLast()
            return true
        case .sequence(let items):
            increaseIndent(indentless: mappingContext && !indention)
            for item in items {
                writeIndent()
                writeIndicator("-", needWhitespace: true, isWhitespace: false, isIndention: true)
                guard self.node(item, mappingContext: false) else { return false }
            }
            indent = indents.removeLast()
            return true
        }
    }

    private mutating func increaseIndent(indentless: Bool) {
        indents.append(indent)
        if indent < 0 {
            indent = 0
        } else if !indentless {
            indent += 2
        }
    }

    // MARK: - Scalars

    private mutating func scalar(_ scalar: YAMLScalar, simpleKey: Bool) -> Bool {
        var text = scalar.text
        return text.withUTF8 { bytes in
            guard let analysis = Analysis(bytes) else { return false }
            // The style the libyaml emitter is asked for: strings that would read back as something else are
            // single-quoted; other strings may be plain; numbers, booleans and null are plain.
            var plain = scalar.kind != .string || !YAMLScalarResolution.needsQuoting(scalar.text)
            if plain && (!analysis.blockPlainAllowed || (bytes.isEmpty && simpleKey)) { plain = false }
            if plain {
                if !whitespace && !bytes.isEmpty { put(UInt8(ascii: " ")) }
                append(bytes)
                whitespace = false
                indention = false
            } else {
                writeIndicator("'", needWhitespace: true, isWhitespace: false, isIndention: false)
                for byte in bytes {
                    if byte == UInt8(ascii: "'") { put(byte) }
                    put(byte)
                }
                writeIndicator("'", needWhitespace: false, isWhitespace: false, isIndention: false)
            }
            return true
        }
    }

    /// libyaml's scalar analysis, for printable ASCII (nil for anything else).
    struct Analysis {
        let blockPlainAllowed: Bool

        init?(_ bytes: UnsafeBufferPointer<UInt8>) {
            var blockIndicators = false
            for byte in bytes where byte < 0x20 || byte > 0x7E { return nil }
            guard let first = bytes.first, let last = bytes.last else {
                blockPlainAllowed = true
                return
            }
            func at(_ index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }
            /// Whether the byte after `index` is a space or the end (libyaml reads the NUL after the copy).
            func followedByWhitespace(_ index: Int) -> Bool { at(index + 1).map { $0 == UInt8(ascii: " ") } ?? true }

            if bytes.count >= 3,
               (first == UInt8(ascii: "-") && bytes[1] == UInt8(ascii: "-") && bytes[2] == UInt8(ascii: "-"))
                || (first == UInt8(ascii: ".") && bytes[1] == UInt8(ascii: ".") && bytes[2] == UInt8(ascii: ".")) {
                blockIndicators = true
            }
            switch first {
            case UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
                 UInt8(ascii: "}"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
                 UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
                 UInt8(ascii: "`"):
                blockIndicators = true
            case UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: "-"):
                if followedByWhitespace(0) { blockIndicators = true }
            default:
                break
            }
            if !blockIndicators {
                for index in 1..<bytes.count {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: ":") && followedByWhitespace(index) { blockIndicators = true; break }
                    if byte == UInt8(ascii: "#") && bytes[index - 1] == UInt8(ascii: " ") { blockIndicators = true; break }
                }
            }
            let space = UInt8(ascii: " ")
            blockPlainAllowed = !blockIndicators && first != space && last != space
        }
    }

    // MARK: - Writing, as libyaml's emitter does

    private mutating func put(_ byte: UInt8) {
        output.append(byte)
        column += 1
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        output.append(contentsOf: bytes)
        column += bytes.count
    }

    private mutating func writeIndent() {
        let indent = max(self.indent, 0)
        if !indention || column > indent || (column == indent && !whitespace) {
            output.append(UInt8(ascii: "\n"))
            column = 0
        }
        while column < indent { put(UInt8(ascii: " ")) }
        whitespace = true
        indention = true
    }

    private mutating func writeIndicator(_ indicator: StaticString, needWhitespace: Bool, isWhitespace: Bool,
                                         isIndention: Bool) {
        if needWhitespace && !whitespace { put(UInt8(ascii: " ")) }
        indicator.withUTF8Buffer { append($0) }
        whitespace = isWhitespace
        indention = indention && isIndention
    }
}
