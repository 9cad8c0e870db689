internal import CInfragenYAML

/// A place in a YAML text: line and column, both counted from 1 (columns in characters, as libyaml counts them).
public struct YAMLMark: Sendable, Hashable, CustomStringConvertible {
    public let line: Int
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}

/// A parsed YAML node that knows where it was written: for readers of user-written YAML (OpenSLO documents) whose
/// errors must point at the file's line and column. ``YAMLNode`` stays mark-free, so that rendering and the round-trip
/// tests compare values only.
public struct MarkedYAMLNode: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        case scalar(YAMLScalar)
        case sequence([MarkedYAMLNode])
        case mapping([Entry])
    }

    /// One key and its value, with the key's own place.
    public struct Entry: Sendable, Hashable {
        public let key: String
        public let keyMark: YAMLMark
        public let value: MarkedYAMLNode
    }

    public let value: Value
    /// Where the node begins.
    public let mark: YAMLMark

    /// The value under `key` when this node is a mapping.
    public subscript(key: String) -> MarkedYAMLNode? {
        guard case .mapping(let entries) = value else { return nil }
        return entries.first { $0.key == key }?.value
    }

    /// The entries of a mapping, nil for another node.
    public var entries: [Entry]? {
        guard case .mapping(let entries) = value else { return nil }
        return entries
    }

    /// The items of a sequence, nil for another node.
    public var items: [MarkedYAMLNode]? {
        guard case .sequence(let items) = value else { return nil }
        return items
    }

    /// The scalar, nil for a collection.
    public var scalar: YAMLScalar? {
        guard case .scalar(let scalar) = value else { return nil }
        return scalar
    }

    /// The node without marks.
    public var unmarked: YAMLNode {
        switch value {
        case .scalar(let scalar): .scalar(scalar)
        case .sequence(let items): .sequence(items.map(\.unmarked))
        case .mapping(let entries): .mapping(YAMLMapping(entries.map { YAMLMapping.Pair($0.key, $0.value.unmarked) }))
        }
    }
}

extension YAML {
    /// The deepest nesting ``parseMarked(_:)`` reads: deeper input is refused before it can exhaust the stack.
    public static let maximumMarkedDepth = 64

    /// Parses a stream of documents written by people, keeping each node's line and column. Stricter than
    /// ``parse(_:)``: a key written twice in one mapping, an anchor, an alias (and so every "billion laughs" bomb), a
    /// non-scalar key and nesting deeper than ``maximumMarkedDepth`` are refused, each at its place.
    public static func parseMarked(_ text: String) throws(YAMLError) -> [MarkedYAMLNode] {
        let parser = MarkedParser(text)
        return try parser.documents()
    }
}

private final class MarkedParser {
    private var parser = yaml_parser_t()
    private let input: [UInt8]

    init(_ text: String) {
        input = Array(text.utf8)
        yaml_parser_initialize(&parser)
    }

    deinit { yaml_parser_delete(&parser) }

    private enum Kind {
        case streamStart, streamEnd, documentStart, documentEnd
        case scalar(String, plain: Bool)
        case sequenceStart, sequenceEnd, mappingStart, mappingEnd
        case alias
    }

    private struct Event {
        var kind: Kind
        var mark: YAMLMark
        var anchored: Bool
    }

    func documents() throws(YAMLError) -> [MarkedYAMLNode] {
        try input.withUnsafeBufferPointer { (buffer) throws(YAMLError) -> [MarkedYAMLNode] in
            var empty: UInt8 = 0
            let base = buffer.baseAddress ?? withUnsafePointer(to: &empty) { $0 }
            yaml_parser_set_input_string(&parser, base, buffer.count)
            var documents: [MarkedYAMLNode] = []
            loop: while true {
                let event = try next()
                switch event.kind {
                case .streamStart, .documentEnd: continue
                case .streamEnd: break loop
                case .documentStart: documents.append(try node(after: try next(), depth: 1))
                default: throw error("unexpected content", at: event.mark)
                }
            }
            return documents
        }
    }

    private func error(_ problem: String, at mark: YAMLMark) -> YAMLError {
        YAMLError(stage: .parsing, problem: problem, line: mark.line, column: mark.column)
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
        let mark = YAMLMark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_STREAM_START_EVENT: return Event(kind: .streamStart, mark: mark, anchored: false)
        case YAML_STREAM_END_EVENT: return Event(kind: .streamEnd, mark: mark, anchored: false)
        case YAML_DOCUMENT_START_EVENT: return Event(kind: .documentStart, mark: mark, anchored: false)
        case YAML_DOCUMENT_END_EVENT: return Event(kind: .documentEnd, mark: mark, anchored: false)
        case YAML_SEQUENCE_START_EVENT:
            return Event(kind: .sequenceStart, mark: mark, anchored: event.data.sequence_start.anchor != nil)
        case YAML_SEQUENCE_END_EVENT: return Event(kind: .sequenceEnd, mark: mark, anchored: false)
        case YAML_MAPPING_START_EVENT:
            return Event(kind: .mappingStart, mark: mark, anchored: event.data.mapping_start.anchor != nil)
        case YAML_MAPPING_END_EVENT: return Event(kind: .mappingEnd, mark: mark, anchored: false)
        case YAML_ALIAS_EVENT: return Event(kind: .alias, mark: mark, anchored: false)
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            return Event(kind: .scalar(text, plain: scalar.style == YAML_PLAIN_SCALAR_STYLE && scalar.tag == nil),
                         mark: mark, anchored: scalar.anchor != nil)
        default:
            throw error("unsupported YAML event", at: mark)
        }
    }

    private func node(after event: Event, depth: Int) throws(YAMLError) -> MarkedYAMLNode {
        if event.anchored {
            throw error("anchors (&name) are not supported: write the value out where it is used", at: event.mark)
        }
        guard depth <= YAML.maximumMarkedDepth else {
            throw error("nested deeper than \(YAML.maximumMarkedDepth) levels", at: event.mark)
        }
        switch event.kind {
        case .scalar(let text, let plain):
            let kind = plain ? YAMLScalarResolution.kind(ofPlain: text) : .string
            return MarkedYAMLNode(value: .scalar(YAMLScalar(text: text, kind: kind)), mark: event.mark)
        case .sequenceStart:
            var items: [MarkedYAMLNode] = []
            while true {
                let next = try next()
                if case .sequenceEnd = next.kind { return MarkedYAMLNode(value: .sequence(items), mark: event.mark) }
                items.append(try node(after: next, depth: depth + 1))
            }
        case .mappingStart:
            var entries: [MarkedYAMLNode.Entry] = []
            var seen = Set<String>()
            while true {
                let next = try next()
                if case .mappingEnd = next.kind { return MarkedYAMLNode(value: .mapping(entries), mark: event.mark) }
                guard case .scalar(let key, _) = next.kind, !next.anchored else {
                    if case .alias = next.kind { throw error("aliases (*name) are not supported", at: next.mark) }
                    throw error("only plain scalar mapping keys are supported", at: next.mark)
                }
                guard seen.insert(key).inserted else {
                    throw error("the key '\(key)' is written twice in one mapping", at: next.mark)
                }
                entries.append(MarkedYAMLNode.Entry(
                    key: key, keyMark: next.mark, value: try node(after: try self.next(), depth: depth + 1)))
            }
        case .alias:
            throw error("aliases (*name) are not supported: write the value out where it is used", at: event.mark)
        default:
            throw error("unexpected content", at: event.mark)
        }
    }
}
