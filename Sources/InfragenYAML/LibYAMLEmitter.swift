internal import CInfragenYAML

/// libyaml's emitter, event by event, with infragen's settings: block style, 2-space indentation, no line folding,
/// UTF-8, LF. It wrote every YAML byte before ``YAMLWriter``; it stays as the writer's oracle (the differential
/// tests and the `yaml-writer` fuzz target compare the two) and as its fallback for what the writer leaves out.
enum LibYAMLEmitter {
    static func render(_ documents: [YAMLNode]) throws(YAMLError) -> String {
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

    static func render(mappingOf key: String, sequence items: some Sequence<YAMLNode>) throws(YAMLError) -> String {
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

/// Owns one libyaml emitter for the length of one ``LibYAMLEmitter/render(_:)`` call.
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
        let requested = RequestedScalarStyle.of(scalar)
        let style: yaml_scalar_style_t = switch requested.style {
        case .any: YAML_ANY_SCALAR_STYLE
        case .plain: YAML_PLAIN_SCALAR_STYLE
        case .singleQuoted: YAML_SINGLE_QUOTED_SCALAR_STYLE
        case .doubleQuoted: YAML_DOUBLE_QUOTED_SCALAR_STYLE
        case .literal: YAML_LITERAL_SCALAR_STYLE
        }
        let plainImplicit: Int32 = requested.plainImplicit ? 1 : 0
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
