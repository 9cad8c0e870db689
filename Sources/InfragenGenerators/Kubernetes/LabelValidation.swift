public import InfragenModel
import InfragenYAML

extension KubernetesGenerator {
    /// Every label value the manifests carry must be one Kubernetes accepts: at most 63 characters, letters, digits,
    /// `-`, `_` and `.`, starting and ending with a letter or digit. Values that are valid on their own can make an
    /// invalid label: `<service>-<environment>` beyond 63 characters, or an image tag (up to 128 characters, may
    /// start with `_`) as `app.kubernetes.io/version`. The labels are read from the very documents `generate`
    /// writes, so a new label is checked without a new rule.
    public func validate(_ system: ResolvedSystem) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for environment in system.environments {
            for service in environment.services {
                var labels: [(key: String, value: String)] = []
                for document in Manifests.documents(for: service, in: environment) {
                    Self.collectLabels(document, into: &labels)
                }
                let path = DiagnosticPath(system: system.name, environment: environment.name, service: service.name)
                for (key, value) in labels where !Self.isLabelValue(value) {
                    if key == "app.kubernetes.io/version" {
                        diagnostics.append(
                            .error(
                                path, field: "image.tag",
                                "the image tag '\(value)' is not a valid value for the label \(key)",
                                hint:
                                    "use a tag of at most 63 letters, digits, '-', '_' and '.', "
                                + "starting and ending with a letter or digit",
                                at: service.location(of: "image.tag")))
                    } else {
                        diagnostics.append(
                            .error(
                                path, field: "name",
                                "the label \(key) would be '\(value)', which is not a valid Kubernetes label value",
                                hint:
                                    "shorten the service or environment name: a label value has at most 63 characters",
                                at: service.description.location))
                    }
                }
            }
        }
        return diagnostics
    }

    /// The label maps of a document (`labels`, `matchLabels`, a Service's `selector`), each key once.
    static func collectLabels(_ node: YAMLNode, into labels: inout [(key: String, value: String)]) {
        switch node {
        case .scalar: return
        case .sequence(let items): for item in items { collectLabels(item, into: &labels) }
        case .mapping(let mapping):
            for pair in mapping {
                if ["labels", "matchLabels", "selector"].contains(pair.key), case .mapping(let map) = pair.value,
                    map.pairs.allSatisfy({ if case .scalar = $0.value { true } else { false } })
                {
                    for label in map where !labels.contains(where: { $0.key == label.key }) {
                        labels.append((label.key, label.value.scalarText ?? ""))
                    }
                } else {
                    collectLabels(pair.value, into: &labels)
                }
            }
        }
    }

    /// `(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?`, at most 63 characters.
    static func isLabelValue(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count <= 63 else { return false }
        guard let first = bytes.first, let last = bytes.last else { return true }
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        return isAlphanumeric(first) && isAlphanumeric(last)
            && bytes.allSatisfy { isAlphanumeric($0) || "-_.".utf8.contains($0) }
    }
}
