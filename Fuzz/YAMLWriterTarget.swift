@testable import InfragenYAML

/// A tree built from the bytes (as `yaml-emit` builds it) is written by ``YAMLWriter`` and by libyaml's emitter: the
/// two texts must be the same bytes, as a stream of documents and as the streamed `{groups: [items…]}` document. The
/// writer may refuse only a tree with a key libyaml writes as `? key` (over 128 bytes, or with a line break).
func fuzzYAMLWriter(_ data: [UInt8]) {
    var input = FuzzInput(data)
    var documents: [YAMLNode] = []
    while !input.isExhausted && documents.count < 4 {
        documents.append(node(&input, depth: 0))
    }
    let complexKey = documents.contains(where: hasComplexKey)

    let expected: String, expectedStream: String
    do {
        expected = try LibYAMLEmitter.render(documents)
        expectedStream = try LibYAMLEmitter.render(mappingOf: "groups", sequence: documents)
    } catch {
        fuzzFailure("libyaml refused a tree: \(error)\ntree: \(documents)")
    }
    var writer = YAMLWriter()
    var stream = YAMLWriter()
    do {
        try writer.write(documents)
        try stream.write(mappingOf: "groups", sequence: documents)
    } catch {
        if !complexKey { fuzzFailure("the writer refused a tree without a complex key\ntree: \(documents)") }
        return
    }
    if complexKey { fuzzFailure("the writer wrote a complex key instead of leaving it to libyaml\ntree: \(documents)") }
    if writer.text != expected {
        fuzzFailure("the writer and libyaml differ\ntree: \(documents)\nlibyaml: \(expected.debugDescription)\n"
            + "writer:  \(writer.text.debugDescription)")
    }
    if stream.text != expectedStream {
        fuzzFailure("the writer and libyaml differ on the streamed document\ntree: \(documents)\n"
            + "libyaml: \(expectedStream.debugDescription)\nwriter:  \(stream.text.debugDescription)")
    }
}

/// A mapping key libyaml writes as `? key`: over 128 bytes, or with a line break (LF, CR, NEL, LS, PS).
private func hasComplexKey(_ node: YAMLNode) -> Bool {
    switch node {
    case .scalar: return false
    case .sequence(let items): return items.contains(where: hasComplexKey)
    case .mapping(let mapping):
        return mapping.pairs.contains { pair in
            pair.key.utf8.count > 128
                || pair.key.unicodeScalars.contains { "\r\n\u{85}\u{2028}\u{2029}".unicodeScalars.contains($0) }
                || hasComplexKey(pair.value)
        }
    }
}
