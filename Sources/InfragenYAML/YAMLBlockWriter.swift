/// Writes the YAML that libyaml's emitter writes, byte for byte, for the documents generators produce almost always,
/// in one pass over the tree and without a C call per event; ``YAML/render(_:)`` uses libyaml for everything else.
///
/// It follows libyaml 0.2.5's emitter (block style, indentation 2, unlimited width, explicit `---`, implicit
/// document ends) with the same column, whitespace and indention flags, the same indentation stack and the same
/// scalar analysis, restricted to what it can prove it writes the same way:
///
/// - every document is a mapping or a sequence (a scalar at the root can make libyaml write `...`);
/// - every scalar, key or value, is printable ASCII (0x20–0x7E): no tab, no other control character, nothing libyaml
///   would write double-quoted; a value may also hold line feeds, and is then a literal block (`|` or `|-`);
/// - every key is at most 128 bytes (a longer one is a complex key, `? …`).
///
/// Anything else makes ``render(_:)`` return nil. A differential test holds it to libyaml on random trees.
struct YAMLBlockWriter: ~Copyable {
    private var output = ByteBuffer()
    private var column = 0
    private var whitespace = true
    private var indention = true
    private var indent = -1
    private var indents: [Int] = []

    /// The YAML text of the documents, or nil when one of them is outside what this writer handles.
    static func render(_ documents: [YAMLNode]) -> String? {
        guard !documents.isEmpty else { return nil }
        var writer = YAMLBlockWriter()
        for document in documents {
            guard writer.document(document) else { return nil }
        }
        return writer.output.text
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
            if scalar.kind == .string && !simpleKey && bytes.contains(UInt8(ascii: "\n")) {
                return literal(bytes)
            }
            guard let blockPlainAllowed = Self.blockPlainAllowed(bytes) else { return false }
            // The style the libyaml emitter is asked for: strings that would read back as something else are
            // single-quoted; other strings may be plain; numbers, booleans and null are plain.
            var plain = scalar.kind != .string || !YAMLScalarResolution.needsQuoting(utf8: bytes)
            if plain && (!blockPlainAllowed || (bytes.isEmpty && simpleKey)) { plain = false }
            if plain {
                if !whitespace && !bytes.isEmpty { put(UInt8(ascii: " ")) }
                append(bytes)
                whitespace = false
                indention = false
            } else {
                writeIndicator("'", needWhitespace: true, isWhitespace: false, isIndention: false)
                var start = 0
                for index in bytes.indices where bytes[index] == UInt8(ascii: "'") {
                    append(UnsafeBufferPointer(rebasing: bytes[start...index]))
                    put(UInt8(ascii: "'"))
                    start = index + 1
                }
                append(UnsafeBufferPointer(rebasing: bytes[start...]))
                writeIndicator("'", needWhitespace: false, isWhitespace: false, isIndention: false)
            }
            return true
        }
    }

    /// A multi-line string as a literal block, `|` (ending in one line break) or `|-` (none), as libyaml writes it.
    /// False, for libyaml, when libyaml would write something else: a double-quoted string (a character outside
    /// printable ASCII and line feeds, a space before a line break or at the end), an indentation hint (a space or
    /// a line break first) or `|+` (more than one line break at the end, which can make it write `...`).
    private mutating func literal(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let newline = UInt8(ascii: "\n"), space = UInt8(ascii: " ")
        guard let first = bytes.first, let last = bytes.last, first != space, first != newline, last != space
        else { return false }
        for index in bytes.indices {
            let byte = bytes[index]
            if byte == newline {
                if index > 0 && bytes[index - 1] == space { return false }
            } else if byte < 0x20 || byte > 0x7E {
                return false
            }
        }
        let keepsOneBreak = last == newline
        if keepsOneBreak && bytes[bytes.count - 2] == newline { return false }

        writeIndicator("|", needWhitespace: true, isWhitespace: false, isIndention: false)
        if !keepsOneBreak { writeIndicator("-", needWhitespace: false, isWhitespace: false, isIndention: false) }
        output.append(newline)
        column = 0
        indention = true
        whitespace = true
        // libyaml indents every scalar one level deeper than where it stands.
        let outer = indent
        indent = indent < 0 ? 2 : indent + 2
        var lineStart = 0
        var breaks = true
        for index in bytes.indices where bytes[index] == newline || index == bytes.count - 1 {
            let end = bytes[index] == newline ? index : index + 1
            if end > lineStart {
                if breaks { writeIndent() }
                append(UnsafeBufferPointer(rebasing: bytes[lineStart..<end]))
                indention = false
                breaks = false
            }
            if bytes[index] == newline {
                output.append(newline)
                column = 0
                indention = true
                breaks = true
            }
            lineStart = index + 1
        }
        indent = outer
        return true
    }

    private enum ByteClass: UInt8 { case outside, ordinary, indicator }

    /// Printable ASCII is ordinary but for the indicators libyaml looks at (at the start, or `:` and `#` anywhere).
    private static let byteClasses: [ByteClass] = (0...255).map { byte in
        guard byte >= 0x20 && byte <= 0x7E else { return .outside }
        return "#,[]{}&*!|>'\"%@`?:-".utf8.contains(UInt8(byte)) ? .indicator : .ordinary
    }

    /// libyaml's scalar analysis, reduced to what block context asks of it: whether the scalar may be plain.
    /// Nil for anything but printable ASCII.
    static func blockPlainAllowed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        let count = bytes.count
        guard count > 0 else { return true }
        let space = UInt8(ascii: " ")
        var allowed = bytes[0] != space && bytes[count - 1] != space
        // `---` and `...` open a line like a document marker.
        if count >= 3, bytes[0] == bytes[1], bytes[1] == bytes[2],
           bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: ".") {
            allowed = false
        }
        return byteClasses.withUnsafeBufferPointer { classes in
            allowedPlain(bytes, classes, startingAs: allowed)
        }
    }

    private static func allowedPlain(
        _ bytes: UnsafeBufferPointer<UInt8>, _ classes: UnsafeBufferPointer<ByteClass>, startingAs start: Bool
    ) -> Bool? {
        let count = bytes.count
        let space = UInt8(ascii: " ")
        var allowed = start
        for index in 0..<count {
            let byte = bytes[index]
            switch classes[Int(byte)] {
            case .outside: return nil
            case .ordinary: continue
            case .indicator: break
            }
            guard allowed else { continue }
            // The byte after, or the end, which libyaml reads as the NUL after its copy: whitespace.
            let followedBySpace = index + 1 == count || bytes[index + 1] == space
            if index == 0 {
                switch byte {
                case UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
                     UInt8(ascii: "}"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
                     UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
                     UInt8(ascii: "`"):
                    allowed = false
                case UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: "-"):
                    if followedBySpace { allowed = false }
                default:
                    break
                }
            } else if byte == UInt8(ascii: ":") {
                if followedBySpace { allowed = false }
            } else if byte == UInt8(ascii: "#") {
                if bytes[index - 1] == space { allowed = false }
            }
        }
        return allowed
    }

    // MARK: - Writing, as libyaml's emitter does

    private mutating func put(_ byte: UInt8) {
        output.append(byte)
        column += 1
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        output.append(bytes)
        column += bytes.count
    }

    private mutating func writeIndent() {
        let indent = max(self.indent, 0)
        if !indention || column > indent || (column == indent && !whitespace) {
            output.append(UInt8(ascii: "\n"))
            column = 0
        }
        if column < indent {
            output.append(UInt8(ascii: " "), count: indent - column)
            column = indent
        }
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

/// A growable byte buffer for one render: appends are copies, no per-byte checks beyond the capacity.
private struct ByteBuffer: ~Copyable {
    private var base = UnsafeMutablePointer<UInt8>.allocate(capacity: 8192)
    private var capacity = 8192
    private var count = 0

    deinit { base.deallocate() }

    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        var newCapacity = capacity * 2
        while newCapacity < count + extra { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    mutating func append(_ byte: UInt8, count repeated: Int) {
        reserve(repeated)
        (base + count).initialize(repeating: byte, count: repeated)
        count += repeated
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    var text: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }
}
