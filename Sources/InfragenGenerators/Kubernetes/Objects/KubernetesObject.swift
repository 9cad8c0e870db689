import InfragenYAML

/// An object of the Kubernetes API that infragen writes into a file.
///
/// Each is a plain struct whose stored properties are the API's fields, declared in the order the file lists them,
/// after `apiVersion`, `kind` (constants of the type) and `metadata`, which every object writes first; optional
/// fields are left out when nil. Its ``YAMLObject`` conformance writes them in that order (a test holds every type to
/// its declaration); `yamlNode` is the object as a YAML document.
protocol KubernetesObject: YAMLObject, Sendable {
    static var apiVersion: String { get }
    static var kind: String { get }
    var metadata: K8s.ObjectMeta { get }

    /// Writes the object's own fields, after `apiVersion`, `kind` and `metadata`.
    func writeOwnFields(to yaml: inout YAMLFields)
}

extension KubernetesObject {
    func writeFields(to yaml: inout YAMLFields) {
        yaml.add("apiVersion", Self.apiVersion)
        yaml.add("kind", Self.kind)
        yaml.add("metadata", metadata)
        writeOwnFields(to: &yaml)
    }
}

/// The spec of an object of the usual shape, ``K8s/Object``: it names the API version and kind it is the spec of.
protocol ObjectSpec: YAMLObject, Sendable {
    static var apiVersion: String { get }
    static var kind: String { get }
}

/// The Kubernetes API types infragen writes, named as the API names them (`K8s.Deployment` is `apps/v1`
/// Deployment); only the fields infragen sets.
enum K8s {}

extension K8s {
    /// An object of the usual shape: `apiVersion` and `kind` (its spec's), `metadata`, `spec`. `K8s.Deployment` is
    /// `Object<DeploymentSpec>`.
    struct Object<Spec: ObjectSpec>: KubernetesObject {
        static var apiVersion: String { Spec.apiVersion }
        static var kind: String { Spec.kind }
        var metadata: ObjectMeta
        var spec: Spec

        func writeOwnFields(to yaml: inout YAMLFields) {
            yaml.add("spec", spec)
        }
    }

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
