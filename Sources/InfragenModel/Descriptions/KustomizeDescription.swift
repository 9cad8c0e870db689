/// A Kubernetes object the model has no word for (a PriorityClass, a ServiceMonitor, an ExternalSecret …), added to
/// an environment's folder as the blueprint writes it: `kubernetes/extra-<name>.yaml`, listed in the kustomization.
public struct RawObjectDescription: Sendable, Hashable, Codable {
    /// The file's stem: `extra-<name>.yaml`.
    public var name: String
    /// One YAML document with `apiVersion`, `kind` and `metadata.name` (checked by the Kubernetes generator).
    public var yaml: String
    public var location: SourceLocation

    public init(name: String, yaml: String, location: SourceLocation) {
        self.name = name
        self.yaml = yaml
        self.location = location
    }
}

/// A kustomize patch on an object of an environment's folder: a strategic merge patch or a JSON 6902 patch.
public struct PatchDescription: Sendable, Hashable, Codable {
    public enum Format: String, Sendable, Hashable, Codable {
        /// A partial object, merged the way `kubectl apply` merges (lists of containers by name …).
        case strategicMerge = "strategic-merge"
        /// A list of RFC 6902 operations (`op`, `path`, `value`).
        case json6902 = "json6902"
    }

    /// The object it patches: its kind and name (`Deployment` `api`).
    public var kind: String
    public var name: String
    public var format: Format
    public var yaml: String
    public var location: SourceLocation

    public init(kind: String, name: String, format: Format, yaml: String, location: SourceLocation) {
        self.kind = kind
        self.name = name
        self.format = format
        self.yaml = yaml
        self.location = location
    }
}

extension SystemDescription {
    /// The form of raw objects and patches (their content is the Kubernetes generator's to check, as YAML).
    func checkKustomize(
        _ objects: [RawObjectDescription], _ patches: [PatchDescription], _ path: DiagnosticPath,
        _ c: inout DiagnosticCollector
    ) {
        for object in objects {
            let field = "rawObjects[\(object.name)]"
            if !TextRules.isDNSLabel(object.name) || object.name.utf8.count > 57 {
                c.error(path, field: field, "\(object.name.quoted) cannot name the file extra-<name>.yaml",
                        hint: "use at most 57 lower-case letters, digits and '-'", at: object.location)
            }
            if object.yaml.isEmpty || !TextRules.isMultiLineText(object.yaml) {
                c.error(path, field: field, "the object is empty or contains a control character",
                        hint: "write the object as YAML, with line breaks and spaces only", at: object.location)
            }
        }
        for (name, duplicates) in duplicates(objects.map { ($0.name, $0.location) }) {
            c.error(path, field: "rawObjects", "raw object \(name.quoted) is declared \(duplicates.count) times",
                    hint: "give each raw object its own name", at: duplicates[1])
        }
        for patch in patches {
            let field = "patches[\(patch.kind)/\(patch.name)]"
            if !TextRules.isKubernetesKind(patch.kind) {
                c.error(path, field: field, "\(patch.kind.quoted) is not a Kubernetes kind",
                        hint: "write the kind as the API names it, e.g. Deployment", at: patch.location)
            }
            if !TextRules.isDNSSubdomain(patch.name) {
                c.error(path, field: field, "\(patch.name.quoted) is not an object name",
                        hint: "name the object the patch changes, e.g. api", at: patch.location)
            }
            if patch.yaml.isEmpty || !TextRules.isMultiLineText(patch.yaml) {
                c.error(path, field: field, "the patch is empty or contains a control character",
                        hint: "write the patch as YAML, with line breaks and spaces only", at: patch.location)
            }
        }
    }
}

extension TextRules {
    /// `Deployment`, `PriorityClass`: a letter, then letters and digits, at most 63.
    public static func isKubernetesKind(_ text: String) -> Bool {
        guard let first = text.utf8.first, text.utf8.count <= 63,
              (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) else { return false }
        return text.utf8.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
        }
    }
}
