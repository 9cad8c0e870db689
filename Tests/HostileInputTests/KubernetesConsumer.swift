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
    static func deployment(_ files: [String: String], system: String, environment: String, service: String) throws -> YAMLNode {
        let path = "\(system)/\(environment)/kubernetes/\(service).yaml"
        guard let deployment = try documents(files, path).first(where: { $0["kind"]?.scalarText == "Deployment" }) else {
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

/// A Kubernetes resource quantity read as a number: `250m`, `2`, `128Mi`, `1G`, `1.5`.
enum KubernetesQuantity {
    /// The quantity in thousandths (millicores for CPU), or nil when it is not a quantity.
    static func thousandths(_ text: String) -> Int64? {
        guard let (mantissa, scale) = split(text) else { return nil }
        return mantissa.multiplied(byThousandthsScale: scale)
    }

    /// The quantity in whole units (bytes for memory), or nil.
    static func units(_ text: String) -> Int64? {
        guard let value = thousandths(text), value % 1000 == 0 else { return nil }
        return value / 1000
    }

    private static let suffixes: [(String, Double)] = [
        ("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776), ("Pi", 1_125_899_906_842_624),
        ("Ei", 1_152_921_504_606_846_976), ("m", 0.001), ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12), ("P", 1e15),
        ("E", 1e18),
    ]

    private static func split(_ text: String) -> (Decimal, Double)? {
        var number = text
        var scale = 1.0
        for (suffix, factor) in suffixes where text.hasSuffix(suffix) {
            number = String(text.dropLast(suffix.count))
            scale = factor
            break
        }
        guard let decimal = Decimal(number) else { return nil }
        return (decimal, scale)
    }

    struct Decimal {
        let digits: Int64
        let fractionDigits: Int

        init?(_ text: String) {
            let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isNumber) else { return nil }
            let fraction = parts.count == 2 ? parts[1] : ""
            guard fraction.allSatisfy(\.isNumber), let value = Int64(whole + fraction) else { return nil }
            digits = value
            fractionDigits = fraction.count
        }

        func multiplied(byThousandthsScale scale: Double) -> Int64? {
            // Exact for the binary suffixes (integers) and for m/k/M…: value × scale × 1000 / 10^fractionDigits.
            var result = Double(digits) * scale * 1000
            for _ in 0..<fractionDigits { result /= 10 }
            guard result.isFinite, result.rounded() == result, abs(result) < 9e18 else { return nil }
            return Int64(result)
        }
    }
}
