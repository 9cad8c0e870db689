internal import CYAML

/// Renders YAML as libyaml's emitter writes it: block style, 2-space indentation, no line folding, UTF-8.
public enum YAML {
    /// Renders a stream of documents. Every document starts with an explicit `---`, so a file can begin with a
    /// comment header and still be read as a stream; the text ends with exactly one newline.
    ///
    /// Every byte comes from libyaml's emitter, event by event: one YAML writer, the one the project depends on.
    public static func render(_ documents: [YAMLNode]) throws(YAMLError) -> String {
        let emitter = Emitter()
        try emitter.emit { event in yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING) }
        for document in documents {
            try emitter.emit { event in yaml_document_start_event_initialize(&event, nil, nil, nil, 0) }
            try emitter.emit(document)
            try emitter.emit { event in yaml_document_end_event_initialize(&event, 1) }
        }
        try emitter.emit { event in yaml_stream_end_event_initialize(&event) }
        try emitter.flush()
        return emitter.output
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
    /// written (a lazy sequence never holds the whole list).
    public static func render(
        mappingOf key: String, sequence items: some Sequence<YAMLNode>
    ) throws(YAMLError) -> String {
        let emitter = Emitter()
        try emitter.emit { event in yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING) }
        try emitter.emit { event in yaml_document_start_event_initialize(&event, nil, nil, nil, 0) }
        try emitter.emit { event in yaml_mapping_start_event_initialize(&event, nil, nil, 1, YAML_BLOCK_MAPPING_STYLE) }
        try emitter.emit(.string(key))
        try emitter.emit { event in
            yaml_sequence_start_event_initialize(&event, nil, nil, 1, YAML_BLOCK_SEQUENCE_STYLE)
        }
        for item in items { try emitter.emit(item) }
        try emitter.emit { event in yaml_sequence_end_event_initialize(&event) }
        try emitter.emit { event in yaml_mapping_end_event_initialize(&event) }
        try emitter.emit { event in yaml_document_end_event_initialize(&event, 1) }
        try emitter.emit { event in yaml_stream_end_event_initialize(&event) }
        try emitter.flush()
        return emitter.output
    }
}

/// Owns one libyaml emitter for the length of one ``YAML/render(_:)`` call.
private final class Emitter {
    private var emitter = yaml_emitter_t()
    private var buffer: [UInt8] = []

    init() {
        yaml_emitter_initialize(&emitter)
        yaml_emitter_set_unicode(&emitter, 1)
        yaml_emitter_set_indent(&emitter, 2)
        yaml_emitter_set_width(&emitter, -1)
        yaml_emitter_set_break(&emitter, YAML_LN_BREAK)
        let context = Unmanaged.passUnretained(self).toOpaque()
        yaml_emitter_set_output(&emitter, { context, bytes, size in
            guard let context, let bytes else { return 0 }
            let me = Unmanaged<Emitter>.fromOpaque(context).takeUnretainedValue()
            me.buffer.append(contentsOf: UnsafeBufferPointer(start: bytes, count: size))
            return 1
        }, context)
    }

    deinit { yaml_emitter_delete(&emitter) }

    var output: String { String(decoding: buffer, as: UTF8.self) }

    func emit(_ initialize: (inout yaml_event_t) -> Int32) throws(YAMLError) {
        var event = yaml_event_t()
        guard initialize(&event) == 1 else {
            throw YAMLError(stage: .emitting, problem: "libyaml could not create an event")
        }
        // yaml_emitter_emit takes ownership of the event, also when it fails.
        guard yaml_emitter_emit(&emitter, &event) == 1 else { throw problem() }
    }

    func flush() throws(YAMLError) {
        guard yaml_emitter_flush(&emitter) == 1 else { throw problem() }
    }

    func emit(_ node: YAMLNode) throws(YAMLError) {
        switch node {
        case .scalar(let scalar):
            try emit(scalar)
        case .sequence(let items):
            try emit { event in yaml_sequence_start_event_initialize(&event, nil, nil, 1, YAML_BLOCK_SEQUENCE_STYLE) }
            for item in items { try emit(item) }
            try emit { event in yaml_sequence_end_event_initialize(&event) }
        case .mapping(let mapping):
            try emit { event in yaml_mapping_start_event_initialize(&event, nil, nil, 1, YAML_BLOCK_MAPPING_STYLE) }
            for pair in mapping.pairs {
                try emit(YAMLScalar(string: pair.key))
                try emit(pair.value)
            }
            try emit { event in yaml_mapping_end_event_initialize(&event) }
        }
    }

    private func emit(_ scalar: YAMLScalar) throws(YAMLError) {
        let style: yaml_scalar_style_t
        let plainImplicit: Int32
        switch scalar.kind {
        case .string:
            // One pass over the bytes: a possible NEL (C2 85 in UTF-8) or LS/PS (E2 80 A8/A9), a line feed, and the
            // quoting decision; the exact (slower) tests run only when a byte says they may be true.
            var bytes = scalar.text
            let (mayBreak, hasLineFeed, quote) = bytes.withUTF8 { buffer in
                var lead = false, lineFeed = false
                for byte in buffer {
                    if byte == 0xC2 || byte == 0xE2 { lead = true } else if byte == 0x0A { lineFeed = true }
                }
                return (lead, lineFeed, YAMLScalarResolution.needsQuoting(utf8: buffer))
            }
            if mayBreak,
               scalar.text.unicodeScalars.contains(where: { $0 == "\u{85}" || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
                // NEL, LS and PS are line breaks in YAML 1.1 and plain characters in YAML 1.2: libyaml would write them
                // raw, folded like line breaks, and the two kinds of reader would disagree. Escaped ("\N", "\L",
                // "\P") in double quotes, every reader gets the same string.
                style = YAML_DOUBLE_QUOTED_SCALAR_STYLE
                plainImplicit = 0
            } else if hasLineFeed && scalar.text.contains("\n") {
                // Byte test first; the character test decides (a CR LF pair is one character, not a "\n").
                // A literal block when libyaml allows it; libyaml falls back to a quoted style when it does not.
                style = YAML_LITERAL_SCALAR_STYLE
                plainImplicit = 0
            } else if quote {
                style = YAML_SINGLE_QUOTED_SCALAR_STYLE
                plainImplicit = 0
            } else {
                // Plain where libyaml's own analysis allows it (no indicators, no ": ", no " #", no edge spaces).
                style = YAML_ANY_SCALAR_STYLE
                plainImplicit = 1
            }
        case .integer, .decimal, .boolean, .null:
            style = YAML_PLAIN_SCALAR_STYLE
            plainImplicit = 1
        }
        var text = scalar.text
        // libyaml copies the value and never writes through the pointer; an empty text still needs a valid one.
        let status: (initialized: Bool, emitted: Bool) = text.withUTF8 { pointer in
            var empty: UInt8 = 0
            return withUnsafeMutablePointer(to: &empty) { emptyPointer in
                let base = pointer.baseAddress.map { UnsafeMutablePointer(mutating: $0) } ?? emptyPointer
                var event = yaml_event_t()
                guard yaml_scalar_event_initialize(
                    &event, nil, nil, base, Int32(pointer.count), plainImplicit, 1, style) == 1
                else { return (false, false) }
                // yaml_emitter_emit takes ownership of the event, also when it fails.
                return (true, yaml_emitter_emit(&emitter, &event) == 1)
            }
        }
        guard status.initialized else { throw YAMLError(stage: .emitting, problem: "libyaml could not create an event") }
        guard status.emitted else { throw problem() }
    }

    private func problem() -> YAMLError {
        let text = emitter.problem.map { String(cString: $0) } ?? "unknown emitter error"
        return YAMLError(stage: .emitting, problem: text)
    }
}
