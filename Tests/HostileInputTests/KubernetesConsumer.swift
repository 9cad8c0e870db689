import Foundation
import InfragenTestSupport
import InfragenYAML

/// What Kubernetes makes of a manifest: the objects as libyaml parses them, and the environment a container gets.
enum KubernetesConsumer {
    /// The documents of one generated file, parsed with libyaml.
    static func documents(_ files: [String: String], _ path: String) throws -> [YAMLNode] {
        guard let text = files[path] else { throw ReadBackFailed("\(path) was not generated") }
        return try YAML.parse(text)
    }

    /// The documents of a folder of manifests as `kubectl kustomize` writes them after reading them with Go's YAML.
    static func kustomized(_ files: [String: String], folder: String) throws -> [YAMLNode] {
        let kubectl = try ExternalTool.path("kubectl")
        return try withTemporaryFolder { root in
            for (path, contents) in files where path.hasPrefix(folder + "/") {
                try Data(contents.utf8).write(to: root.appendingPathComponent(String(path.dropFirst(folder.count + 1))))
            }
            let result = try runProcess(kubectl, ["kustomize", root.path], timeout: .seconds(120))
            guard result.status == 0 else { throw ReadBackFailed("kubectl kustomize failed: \(result)") }
            return try YAML.parse(result.stdout)
        }
    }

    /// The Deployment of a service in an environment.
    static func deployment(
        _ files: [String: String], system: String, environment: String, service: String
    ) throws -> YAMLNode {
        let path = "\(system)/\(environment)/kubernetes/\(service).yaml"
        guard let deployment = try documents(files, path).first(where: { $0["kind"]?.scalarText == "Deployment" })
        else {
            throw ReadBackFailed("\(path) has no Deployment")
        }
        return deployment
    }

    /// The first container of a Deployment.
    static func container(_ deployment: YAMLNode) throws -> YAMLNode {
        guard let container = deployment["spec"]?["template"]?["spec"]?["containers"]?[0] else {
            throw ReadBackFailed("the Deployment has no container")
        }
        return container
    }

    /// The container's `env` entries as written: name and literal value (nil for `valueFrom`).
    static func writtenEnvironment(_ container: YAMLNode) -> [(name: String, value: String?)] {
        guard case .sequence(let entries)? = container["env"] else { return [] }
        return entries.compactMap { entry in
            guard let name = entry["name"]?.scalarText else { return nil }
            return (name, entry["value"]?.scalarText)
        }
    }

    /// The environment the process in the container sees: each literal value with `$(VAR)` references to earlier
    /// variables expanded, as the kubelet does.
    static func containerEnvironment(_ container: YAMLNode) -> [String: String] {
        var seen: [String: String] = [:]
        for (name, value) in writtenEnvironment(container) {
            guard let value else { continue }
            seen[name] = KubernetesExpansion.expand(value) { reference in seen[reference] }
        }
        return seen
    }
}

/// The kubelet's `$(VAR)` expansion of env values, commands and arguments, byte for byte as Kubernetes does it
/// (k8s.io/kubernetes third_party/forked/golang/expansion, `Expand` and `tryReadVariableName`), including its
/// quirks: `$$` becomes `$`; an unknown `$(NAME)` stays as written; and a `$` before a non-ASCII character turns that
/// character's first byte into a code point of its own (Go's `string(input[0])` on a byte), which corrupts it. A
/// value reaches the container unchanged only when every `$` in it is written as `$$`.
enum KubernetesExpansion {
    static func expand(_ input: String, _ lookup: (String) -> String?) -> String {
        let bytes = Array(input.utf8)
        var buffer: [UInt8] = []
        var checkpoint = 0
        var cursor = 0
        while cursor < bytes.count {
            if bytes[cursor] == UInt8(ascii: "$") && cursor + 1 < bytes.count {
                buffer += bytes[checkpoint..<cursor]
                let (read, isVariable, advance) = readVariableName(bytes[(cursor + 1)...])
                if isVariable {
                    let name = String(decoding: read, as: UTF8.self)
                    buffer += Array((lookup(name) ?? "$(\(name))").utf8)
                } else {
                    buffer += read
                }
                cursor += advance
                checkpoint = cursor + 1
            }
            cursor += 1
        }
        buffer += bytes[min(checkpoint, bytes.count)...]
        return String(decoding: buffer, as: UTF8.self)
    }

    private static func readVariableName(_ input: ArraySlice<UInt8>) -> ([UInt8], Bool, Int) {
        let first = input[input.startIndex]
        switch first {
        case UInt8(ascii: "$"):
            return ([first], false, 1)
        case UInt8(ascii: "("):
            var index = input.startIndex + 1
            while index < input.endIndex {
                if input[index] == UInt8(ascii: ")") {
                    return (Array(input[(input.startIndex + 1)..<index]), true, index - input.startIndex + 1)
                }
                index += 1
            }
            return (Array("$(".utf8), false, 1)
        default:
            // Go: string(operator) + string(input[0]) — the byte becomes the code point U+00xx.
            return (Array("$".utf8) + Array(String(Character(Unicode.Scalar(first))).utf8), false, 1)
        }
    }
}

/// A Kubernetes resource quantity read as an exact number: `250m`, `2`, `128Mi`, `1G`, `1.5`.
enum KubernetesQuantity {
    /// The quantity in thousandths (millicores for CPU), or nil when it is not a quantity or not exact.
    static func thousandths(_ text: String) -> Int64? {
        var number = Substring(text)
        var perUnit: Int64 = 1000  // thousandths per unit of the number
        for (suffix, factor) in suffixes where text.hasSuffix(suffix) {
            number = number.dropLast(suffix.count)
            perUnit = factor
            break
        }
        let parts = number.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return nil
        }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.allSatisfy({ $0.isASCII && $0.isNumber }), let digits = Int64(whole + fraction) else {
            return nil
        }
        var divisor: Int64 = 1
        for _ in 0..<fraction.count { divisor *= 10 }
        let (product, overflow) = digits.multipliedReportingOverflow(by: perUnit)
        guard !overflow, product % divisor == 0 else { return nil }
        return product / divisor
    }

    /// The quantity in whole units (bytes for memory), or nil.
    static func units(_ text: String) -> Int64? {
        guard let value = thousandths(text), value % 1000 == 0 else { return nil }
        return value / 1000
    }

    /// Suffixes and the thousandths of a unit each stands for (binary first, so `Mi` is not read as `M` + `i`).
    private static let suffixes: [(String, Int64)] = [
        ("Ki", 1000 << 10), ("Mi", 1000 << 20), ("Gi", 1000 << 30), ("Ti", 1000 << 40), ("Pi", 1000 << 50),
        ("m", 1), ("k", 1_000_000), ("M", 1_000_000_000), ("G", 1_000_000_000_000), ("T", 1_000_000_000_000_000),
    ]
}
