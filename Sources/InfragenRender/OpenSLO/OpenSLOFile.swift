import InfragenModel
import InfragenYAML

/// The objects of one OpenSLO v1 file, by kind and name, and the SLOs of one service they map to.
///
/// A file holds one or more YAML documents (`---`), each an object or a list of objects, as the OpenSLO examples
/// write them. The kinds read are `SLO`, `SLI` (an `indicatorRef` names one of the same file), `AlertPolicy` and
/// `AlertCondition` (a policy's `conditionRef` names one); everything else is refused at its place.
struct OpenSLOFile {
    /// One object: its kind and name, where its name is written, its metadata and spec.
    struct Object {
        var kind: String
        var name: String
        var nameMark: YAMLMark
        var metadata: [String: MarkedYAMLNode]
        var spec: MarkedYAMLNode
    }

    static let apiVersion = "openslo/v1"
    static let kinds = ["SLO", "SLI", "AlertPolicy", "AlertCondition"]

    var reader: OpenSLOReader
    /// The service the file is imported into: every SLO's `spec.service` must name it.
    let service: String
    var slos: [Object] = []
    var slis: [String: Object] = [:]
    var policies: [String: Object] = [:]
    var conditions: [String: Object] = [:]

    /// The SLOs of the file, or the diagnostics of what cannot be mapped. An SLO with a problem is left out, so that
    /// validation does not report it again.
    static func slos(
        in documents: [MarkedYAMLNode], file: String, service: String, path: DiagnosticPath
    ) -> (slos: [SLODescription], diagnostics: [Diagnostic]) {
        var contents = OpenSLOFile(reader: OpenSLOReader(file: file, path: path), service: service)
        for document in documents {
            if let items = document.items {
                for item in items { contents.read(item) }
            } else {
                contents.read(document)
            }
        }
        if contents.slos.isEmpty && contents.reader.diagnostics.isEmpty {
            contents.reader.refuse(
                "kind", "the file holds no SLO document", hint: "add an object of kind: SLO, or remove the ImportOpenSLO",
                at: documents.first?.mark ?? YAMLMark(line: 1, column: 1))
        }
        var slos: [SLODescription] = []
        for object in contents.slos {
            if let slo = contents.slo(object) { slos.append(slo) }
        }
        // A broken SLI or policy that two SLOs name is reported once.
        var seen = Set<Diagnostic>()
        return (slos, contents.reader.diagnostics.filter { seen.insert($0).inserted })
    }

    /// Reads one top-level object and files it by kind.
    private mutating func read(_ node: MarkedYAMLNode) {
        let hint = "an OpenSLO object has apiVersion, kind, metadata and spec"
        guard let values = reader.mapping(node, "", known: ["apiVersion", "kind", "metadata", "spec"], hint: hint)
        else { return }
        var usable = true
        if let version = reader.required(values, "apiVersion", in: node, "", hint: "write apiVersion: openslo/v1") {
            if let text = reader.text(version, "apiVersion", hint: "write apiVersion: openslo/v1"), text != Self.apiVersion {
                reader.refuse("apiVersion", "\(TextRules.quoted(String(text.prefix(100)))) is not an apiVersion infragen reads",
                              hint: "infragen reads OpenSLO v1: write apiVersion: openslo/v1", at: version.mark)
                usable = false
            }
        } else {
            usable = false
        }
        let kindHint = "infragen reads the kinds \(Self.kinds.joined(separator: ", "))"
        var kind = ""
        if let node = reader.required(values, "kind", in: node, "", hint: kindHint),
           let text = reader.text(node, "kind", hint: kindHint) {
            if Self.kinds.contains(text) {
                kind = text
            } else {
                let what = text == "Service" ? "; the Service or ExternalService that imports the file is the service"
                    : text == "DataSource" ? "; write the Prometheus query inline in the SLI (metricSource.type: Prometheus)"
                    : text == "AlertNotificationTarget" ? "; the blueprint's AlertRouting says where alerts go" : ""
                reader.refuse("kind", "the kind \(TextRules.quoted(String(text.prefix(100)))) is not one infragen maps",
                              hint: kindHint + what, at: node.mark)
            }
        }
        guard let metadataNode = reader.required(values, "metadata", in: node, "", hint: "give the object metadata.name"),
              let spec = reader.required(values, "spec", in: node, "", hint: "give the object its spec"),
              usable, !kind.isEmpty,
              let (name, nameMark, metadata) = self.metadata(metadataNode, "metadata", labels: kind == "SLO")
        else { return }
        let object = Object(kind: kind, name: name, nameMark: nameMark, metadata: metadata, spec: spec)
        func register(_ table: inout [String: Object], _ reader: inout OpenSLOReader) {
            if let first = table[name] {
                reader.refuse("metadata.name", "\(kind) '\(name)' is also declared at \(reader.location(first.nameMark))",
                              hint: "give each \(kind) of the file its own name", at: nameMark)
            } else {
                table[name] = object
            }
        }
        switch kind {
        case "SLO":
            if let first = slos.first(where: { $0.name == name }) {
                reader.refuse("metadata.name", "SLO '\(name)' is also declared at \(reader.location(first.nameMark))",
                              hint: "give each SLO of the file its own name", at: nameMark)
            } else {
                slos.append(object)
            }
        case "SLI": register(&slis, &reader)
        case "AlertPolicy": register(&policies, &reader)
        default: register(&conditions, &reader)
        }
    }

    /// `metadata`: the name (required), a display name (read, not used), and, on an SLO, labels and annotations.
    mutating func metadata(_ node: MarkedYAMLNode, _ field: String, labels: Bool)
        -> (String, YAMLMark, [String: MarkedYAMLNode])? {
        let known = labels ? ["name", "displayName", "labels", "annotations"] : ["name", "displayName"]
        let hint = labels ? "an SLO's metadata has name, displayName, labels and annotations"
            : "metadata has name and displayName here; labels and annotations map only on the SLO"
        guard let values = reader.mapping(node, field, known: known, hint: hint),
              let nameNode = reader.required(values, "name", in: node, field, hint: "name the object"),
              let name = reader.text(nameNode, "\(field).name", limit: 253, hint: "name the object, e.g. checkout-availability")
        else { return nil }
        if let displayName = values["displayName"] {
            _ = reader.text(displayName, "\(field).displayName", hint: "write a display name, or leave it out")
        }
        return (name, nameNode.mark, values)
    }

    /// An object written inline (an indicator, a policy, a condition): `kind` (when given) must be `kind`.
    mutating func inline(_ node: MarkedYAMLNode, _ field: String, kind: String?) -> MarkedYAMLNode? {
        let known = kind == nil ? ["metadata", "spec"] : ["kind", "metadata", "spec"]
        guard let values = reader.mapping(node, field, known: known, hint: "write \(known.joined(separator: ", "))")
        else { return nil }
        if let kind, let kindNode = values["kind"], let text = reader.text(kindNode, "\(field).kind", hint: "write kind: \(kind)"),
           text != kind {
            reader.refuse("\(field).kind", "the kind \(TextRules.quoted(String(text.prefix(100)))) is not \(kind)",
                          hint: "write kind: \(kind)", at: kindNode.mark)
            return nil
        }
        if let metadata = values["metadata"], self.metadata(metadata, "\(field).metadata", labels: false) == nil {
            return nil
        }
        return reader.required(values, "spec", in: node, field, hint: "write the \(kind ?? "indicator")'s spec")
    }
}
