import InfragenYAML

/// An object infragen writes into a Kubernetes file: a Kubernetes API object, or kustomize's Kustomization.
///
/// Each is a plain struct whose stored properties are the API's fields, declared in the order the file lists them:
/// `apiVersion` and `kind` first (constants of the type), then `metadata`, then the object's own fields; its
/// ``YAMLObject`` conformance writes them in that order, each left out when nil (a test holds every type to its
/// declaration). `yamlNode` is the object as a YAML document.
protocol KubernetesObject: YAMLObject, Sendable {
    var apiVersion: String { get }
    var kind: String { get }
}

/// The Kubernetes API types infragen writes, named as the API names them (`K8s.Deployment` is `apps/v1`
/// Deployment); only the fields infragen sets.
enum K8s {}

extension K8s {
    /// `ObjectMeta`: a name, a namespace, labels and annotations, each left out when nil.
    struct ObjectMeta: YAMLObject, Sendable {
        var name: String?
        var namespace: String?
        var labels: StringMap?
        var annotations: StringMap?

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("name", name)
            yaml.add("namespace", namespace)
            yaml.add("labels", labels)
            yaml.add("annotations", annotations)
        }
    }

    /// A `map[string]string` (labels, annotations, selectors, ConfigMap data) that keeps the order its keys were
    /// given in: files list labels in the order people know, not sorted.
    struct StringMap: YAMLRepresentable, Sendable, ExpressibleByDictionaryLiteral {
        var pairs: [(key: String, value: String)]

        init(_ pairs: [(key: String, value: String)]) { self.pairs = pairs }

        init(dictionaryLiteral elements: (String, String)...) { self.pairs = elements.map { (key: $0.0, value: $0.1) } }

        /// Nil when there are no pairs, so that an empty map is left out.
        var nonEmpty: StringMap? { pairs.isEmpty ? nil : self }

        static func + (lhs: StringMap, rhs: StringMap) -> StringMap { StringMap(lhs.pairs + rhs.pairs) }

        var yamlNode: YAMLNode { .mapping(YAMLMapping(pairs.map { YAMLMapping.Pair($0.key, .string($0.value)) })) }
    }

    /// A `LabelSelector` by labels; with no labels it selects every pod (`{}`).
    struct LabelSelector: YAMLObject, Sendable {
        var matchLabels: StringMap?

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("matchLabels", matchLabels)
        }
    }

    /// An `IntOrString`: a count or port number, or a percentage or port name.
    enum IntOrString: YAMLRepresentable, Sendable {
        case int(Int)
        case string(String)

        var yamlNode: YAMLNode {
            switch self {
            case .int(let value): .integer(value)
            case .string(let value): .string(value)
            }
        }
    }
}

extension Array {
    /// Nil when empty, so that an empty list is left out of a file.
    var nonEmpty: [Element]? { isEmpty ? nil : self }
}
