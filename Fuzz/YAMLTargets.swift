@testable import InfragenYAML

/// Arbitrary bytes into the parser: never a crash. Whatever parses is put through a second trip, as a generator
/// would carry it (`canonical`), and must come back unchanged: parse(render(t)) == t for t = canonical(parse(x)).
func fuzzYAMLParse(_ data: [UInt8]) {
    let text = String(decoding: data, as: UTF8.self)
    guard let parsed = try? YAML.parse(text) else { return }
    let documents = parsed.map(canonical)
    let rendered: String
    do {
        rendered = try YAML.render(documents)
    } catch {
        fuzzFailure("a parsed tree could not be rendered: \(error)\ninput: \(text.debugDescription)")
    }
    do {
        let again = try YAML.parse(rendered).map(canonical)
        if again != documents {
            fuzzFailure("parse(render(parse(x))) differs\ninput: \(text.debugDescription)\nrendered:\n\(rendered)")
        }
    } catch {
        fuzzFailure("the rendering of a parsed tree does not parse: \(error)\nrendered:\n\(rendered)")
    }
}

/// A parsed tree in the terms of the public API: any null is `.null`, and a plain scalar that is neither a string
/// nor one of the literals a generator can build (`1e3`, `0x1F`, `12:30`) is carried as the string it reads as.
private func canonical(_ node: YAMLNode) -> YAMLNode {
    switch node {
    case .scalar(let scalar) where scalar.kind == .null: return .null
    case .scalar(let scalar) where scalar.kind == .decimal && !YAMLScalarResolution.isDecimal(scalar.text):
        return .string(scalar.text)
    case .scalar: return node
    case .sequence(let items): return .sequence(items.map(canonical))
    case .mapping(let mapping): return .mapping(YAMLMapping(mapping.pairs.map { .init($0.key, canonical($0.value)) }))
    }
}

/// A tree built from the bytes (strings of any scalars, integers, decimals, booleans, nulls, nested sequences and
/// mappings) must render, and parse back to exactly the same tree.
func fuzzYAMLEmit(_ data: [UInt8]) {
    var input = FuzzInput(data)
    var documents: [YAMLNode] = []
    repeat {
        documents.append(node(&input, depth: 0))
    } while !input.isExhausted && documents.count < 4
    let rendered: String
    do {
        rendered = try YAML.render(documents)
    } catch {
        fuzzFailure("a valid tree was refused: \(error)\ntree: \(documents)")
    }
    if let scalar = rendered.unicodeScalars.first(where: isUnclean) {
        fuzzFailure(
            "the stream holds a raw U+\(String(scalar.value, radix: 16)) (YAML 1.1 and 1.2 readers would differ)\n"
                + "rendered:\n\(rendered)")
    }
    do {
        let parsed = try YAML.parse(rendered)
        if parsed.map(normalized) != documents.map(normalized) {
            fuzzFailure("round trip differs\ntree:   \(documents)\nparsed: \(parsed)\nrendered:\n\(rendered)")
        }
    } catch {
        fuzzFailure("rendered YAML does not parse: \(error)\nrendered:\n\(rendered)")
    }
}

func node(_ input: inout FuzzInput, depth: Int) -> YAMLNode {
    switch input.int(below: depth >= 4 ? 5 : 7) {
    case 0, 1: return .string(input.string())
    case 2:
        return .integer(Int(truncatingIfNeeded: Int32(input.int(below: 65536)) - 32768) * (input.bool() ? 1 : 100_003))
    case 3:
        let whole = input.int(below: 65536)
        let fraction = input.int(below: 1000)
        return .decimal(input.bool() ? "\(whole).\(fraction)" : "-\(whole)")
    case 4: return input.bool() ? .boolean(input.bool()) : .null
    case 5: return .sequence((0..<input.int(below: 5)).map { _ in node(&input, depth: depth + 1) })
    default:
        var mapping = YAMLMapping()
        var keys = Set<String>()
        for _ in 0..<input.int(below: 5) {
            let key = input.string(maxLength: 12)
            let value = node(&input, depth: depth + 1)
            if keys.insert(key).inserted { mapping.append(key, value) }
        }
        return .mapping(mapping)
    }
}

/// A decimal written without a fraction (`.decimal("5")`) is an integer to every YAML reader, and means the same
/// number; the comparison treats the two alike.
private func normalized(_ node: YAMLNode) -> YAMLNode {
    switch node {
    case .scalar(let scalar) where scalar.kind == .decimal && YAMLScalarResolution.isInteger(scalar.text):
        return .scalar(YAMLScalar(text: scalar.text, kind: .integer))
    case .scalar: return node
    case .sequence(let items): return .sequence(items.map(normalized))
    case .mapping(let mapping): return .mapping(YAMLMapping(mapping.pairs.map { .init($0.key, normalized($0.value)) }))
    }
}

/// Outside YAML's printable set, or a line break other than LF: must be escaped, never written raw.
private func isUnclean(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    let printable =
        v == 0x9 || v == 0xA || (0x20...0x7E).contains(v) || (0xA0...0xD7FF).contains(v)
        || (0xE000...0xFFFD).contains(v) || (0x10000...0x10FFFF).contains(v)
    return !printable || v == 0x2028 || v == 0x2029
}
