internal import CInfragenYAML

extension YAML {
    /// Parses a stream of documents with libyaml's parser. Plain scalars are typed by ``YAMLScalarResolution``;
    /// quoted and block scalars are strings. Anchors and aliases are refused: infragen never writes them.
    public static func parse(_ text: String) throws(YAMLError) -> [YAMLNode] {
        let parser = Parser(text)
        return try parser.documents()
    }
}

private final class Parser {
    private var parser = yaml_parser_t()
    private let input: [UInt8]

    init(_ text: String) {
        input = Array(text.utf8)
        yaml_parser_initialize(&parser)
    }

    deinit { yaml_parser_delete(&parser) }

    func documents() throws(YAMLError) -> [YAMLNode] {
        try input.withUnsafeBufferPointer { (buffer) throws(YAMLError) -> [YAMLNode] in
            var empty: UInt8 = 0
            let base = buffer.baseAddress ?? withUnsafePointer(to: &empty) { $0 }
            yaml_parser_set_input_string(&parser, base, buffer.count)
            var documents: [YAMLNode] = []
            loop: while true {
                let event = try next()
                switch event {
                case .streamStart, .documentEnd: continue
                case .streamEnd: break loop
                case .documentStart: documents.append(try node(after: try next()))
                default: throw YAMLError(stage: .parsing, problem: "unexpected event \(event)")
                }
            }
            return documents
        }
    }

    private enum Event: CustomStringConvertible {
        case streamStart, streamEnd, documentStart, documentEnd
        case scalar(String, plain: Bool)
        case sequenceStart, sequenceEnd, mappingStart, mappingEnd
        case alias

        var description: String {
            switch self {
            case .scalar(let text, _): "scalar \(text)"
            default: "\(Mirror(reflecting: self).children.first?.label ?? "")"
            }
        }
    }

    private func next() throws(YAMLError) -> Event {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else {
            let problem = parser.problem.map { String(cString: $0) } ?? "unknown parser error"
            throw YAMLError(
                stage: .parsing, problem: problem,
                line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
        }
        defer { yaml_event_delete(&event) }
        switch event.type {
        case YAML_STREAM_START_EVENT: return .streamStart
        case YAML_STREAM_END_EVENT: return .streamEnd
        case YAML_DOCUMENT_START_EVENT: return .documentStart
        case YAML_DOCUMENT_END_EVENT: return .documentEnd
        case YAML_SEQUENCE_START_EVENT: return .sequenceStart
        case YAML_SEQUENCE_END_EVENT: return .sequenceEnd
        case YAML_MAPPING_START_EVENT: return .mappingStart
        case YAML_MAPPING_END_EVENT: return .mappingEnd
        case YAML_ALIAS_EVENT: return .alias
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            return .scalar(text, plain: scalar.style == YAML_PLAIN_SCALAR_STYLE && scalar.tag == nil)
        default:
            throw YAMLError(stage: .parsing, problem: "unsupported event")
        }
    }

    private func node(after event: Event) throws(YAMLError) -> YAMLNode {
        switch event {
        case .scalar(let text, let plain):
            let kind = plain ? YAMLScalarResolution.kind(ofPlain: text) : .string
            return .scalar(YAMLScalar(text: text, kind: kind))
        case .sequenceStart:
            var items: [YAMLNode] = []
            while true {
                let next = try next()
                if case .sequenceEnd = next { return .sequence(items) }
                items.append(try node(after: next))
            }
        case .mappingStart:
            var mapping = YAMLMapping()
            while true {
                let next = try next()
                if case .mappingEnd = next { return .mapping(mapping) }
                guard case .scalar(let key, _) = next else {
                    throw YAMLError(stage: .parsing, problem: "only scalar mapping keys are supported")
                }
                mapping.append(key, try node(after: try self.next()))
            }
        case .alias:
            throw YAMLError(stage: .parsing, problem: "aliases are not supported")
        default:
            throw YAMLError(stage: .parsing, problem: "unexpected \(event)")
        }
    }
}
