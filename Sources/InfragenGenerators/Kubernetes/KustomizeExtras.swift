import InfragenModel
import InfragenYAML

/// An environment's raw objects and patches as files of its folder, and the checks that keep them from breaking
/// the folder: one object per raw file with a kind and a name of its own, patches (written inline in the
/// kustomization) that name an object of the folder and are well-formed, file names that clash with no service's.
enum KustomizeExtras {
    /// Why a raw object or a patch cannot be written (validation reports it first).
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    static func rawFileName(_ object: RawObjectDescription) -> String { "extra-\(object.name).yaml" }

    /// The raw object's one document, or why not.
    static func document(_ object: RawObjectDescription) -> Result<YAMLNode, Problem> {
        let documents: [YAMLNode]
        do { documents = try YAML.parse(object.yaml) } catch { return .failure(Problem(description: "the YAML does not parse: \(error)")) }
        guard documents.count == 1, let document = documents.first else {
            return .failure(Problem(description: "it holds \(documents.count) YAML documents, not one"))
        }
        guard case .mapping = document, document["apiVersion"]?.scalarText?.isEmpty == false,
              let kind = document["kind"]?.scalarText, TextRules.isKubernetesKind(kind),
              let name = document["metadata"]?["name"]?.scalarText, TextRules.isDNSSubdomain(name)
        else { return .failure(Problem(description: "it is not an object with apiVersion, kind and metadata.name")) }
        return .success(document)
    }

    /// The patch's one document, or why not.
    static func document(_ patch: PatchDescription) -> Result<YAMLNode, Problem> {
        let documents: [YAMLNode]
        do { documents = try YAML.parse(patch.yaml) } catch { return .failure(Problem(description: "the YAML does not parse: \(error)")) }
        guard documents.count == 1, let document = documents.first else {
            return .failure(Problem(description: "it holds \(documents.count) YAML documents, not one"))
        }
        switch (patch.format, document) {
        case (.strategicMerge, .mapping):
            return .success(document)
        case (.strategicMerge, _):
            return .failure(Problem(description: "a strategic merge patch is a partial object (a mapping)"))
        case (.json6902, .sequence(let operations)) where !operations.isEmpty:
            for (index, operation) in operations.enumerated() {
                if let problem = problem(operation) { return .failure(Problem(description: "operation \(index + 1): \(problem)")) }
            }
            return .success(document)
        case (.json6902, _):
            return .failure(Problem(description: "a JSON 6902 patch is a non-empty list of operations"))
        }
    }

    private static func problem(_ operation: YAMLNode) -> String? {
        guard case .mapping = operation, let op = operation["op"]?.scalarText else { return "it has no op" }
        guard let path = operation["path"]?.scalarText, path.hasPrefix("/") else { return "its path does not start with '/'" }
        switch op {
        case "add", "replace", "test": return operation["value"] == nil ? "\(op) needs a value" : nil
        case "remove": return nil
        case "move", "copy": return operation["from"]?.scalarText?.hasPrefix("/") == true ? nil : "\(op) needs from: /…"
        default: return "'\(op)' is not an operation (add, remove, replace, move, copy, test)"
        }
    }

    /// Every object the environment's folder holds, `kind/name` to its apiVersion: what a patch may target.
    static func objects(of environment: ResolvedEnvironment, builders: [any ServiceObjectBuilder]) -> [String: String] {
        var objects = generatedObjects(of: environment, builders: builders)
        for object in environment.rawObjects {
            guard case .success(let document) = document(object), let apiVersion = document["apiVersion"]?.scalarText else { continue }
            objects["\(document["kind"]?.scalarText ?? "")/\(document["metadata"]?["name"]?.scalarText ?? "")"] = apiVersion
        }
        return objects
    }

    /// The objects infragen generates in the environment's folder, `kind/name` to apiVersion.
    static func generatedObjects(
        of environment: ResolvedEnvironment, builders: [any ServiceObjectBuilder]
    ) -> [String: String] {
        var objects = ["Namespace/\(environment.namespace)": "v1", "NetworkPolicy/\(ClusterManifests.defaultDenyName)": "networking.k8s.io/v1"]
        let index = ServiceIndex(environment)
        for service in environment.services {
            for object in ServiceManifests(service: service, environment: environment, index: index, builders: builders).objects {
                objects["\(type(of: object).kind)/\(object.metadata.name ?? "")"] = type(of: object).apiVersion
            }
        }
        return objects
    }

    /// The patch as the kustomization holds it: one document, without the `---` that starts a file's.
    static func text(_ patch: PatchDescription, objects: [String: String]) throws -> String {
        let rendered = try YAML.render(file(patch, objects: objects))
        return rendered.hasPrefix("---\n") ? String(rendered.dropFirst(4)) : rendered
    }

    /// The patch as kustomize reads it: a strategic merge patch names the object it changes (apiVersion, kind and
    /// metadata.name first, then the blueprint's fields); a JSON 6902 patch is the list of operations.
    static func file(_ patch: PatchDescription, objects: [String: String]) throws -> YAMLNode {
        let document = try document(patch).get()
        guard patch.format == .strategicMerge, case .mapping(let fields) = document else { return document }
        var metadata = YAMLMapping([YAMLMapping.Pair("name", .string(patch.name))])
        if case .mapping(let own)? = fields["metadata"] {
            for pair in own where pair.key != "name" { metadata.append(pair.key, pair.value) }
        }
        var mapping = YAMLMapping([
            YAMLMapping.Pair("apiVersion", .string(objects["\(patch.kind)/\(patch.name)"] ?? "v1")),
            YAMLMapping.Pair("kind", .string(patch.kind)),
            YAMLMapping.Pair("metadata", .mapping(metadata)),
        ])
        for pair in fields where !["apiVersion", "kind", "metadata"].contains(pair.key) { mapping.append(pair.key, pair.value) }
        return .mapping(mapping)
    }

    static func validate(
        _ environment: ResolvedEnvironment, builders: [any ServiceObjectBuilder]
    ) -> [Diagnostic] {
        guard !environment.rawObjects.isEmpty || !environment.patches.isEmpty else { return [] }
        let path = DiagnosticPath(system: environment.system, environment: environment.name)
        var diagnostics: [Diagnostic] = []
        let generated = Set(generatedObjects(of: environment, builders: builders).keys)
        var objects = generated
        let serviceFiles = Set(environment.services.map { "\($0.name).yaml" })
        for object in environment.rawObjects {
            let field = "rawObjects[\(object.name)]"
            if serviceFiles.contains(rawFileName(object)) {
                diagnostics.append(.error(path, field: field, "\(rawFileName(object)) is also the file of a service",
                                          hint: "give the raw object another name", at: object.location))
            }
            switch document(object) {
            case .failure(let problem):
                diagnostics.append(.error(path, field: field, problem.description,
                                          hint: "write one object with apiVersion, kind and metadata.name", at: object.location))
            case .success(let document):
                let key = "\(document["kind"]?.scalarText ?? "")/\(document["metadata"]?["name"]?.scalarText ?? "")"
                if generated.contains(key) {
                    diagnostics.append(.error(path, field: field, "\(key) is an object infragen generates here",
                                              hint: "change it with Patch(…) instead", at: object.location))
                } else if !objects.insert(key).inserted {
                    diagnostics.append(.error(path, field: field, "\(key) is added twice",
                                              hint: "add each object once", at: object.location))
                }
                if let namespace = document["metadata"]?["namespace"]?.scalarText, namespace != environment.namespace {
                    diagnostics.append(.error(
                        path, field: field, "the object names namespace \(TextRules.quoted(namespace)), not the environment's \(TextRules.quoted(environment.namespace))",
                        hint: "leave metadata.namespace out: kustomize sets the environment's", at: object.location))
                }
            }
        }
        for patch in environment.patches {
            let field = "patches[\(patch.kind)/\(patch.name)]"
            if !objects.contains("\(patch.kind)/\(patch.name)") {
                diagnostics.append(.error(path, field: field, "no \(patch.kind) named \(TextRules.quoted(patch.name)) is in this environment's folder",
                                          hint: "name an object infragen generates here or a raw object (kind and name as in the files)",
                                          at: patch.location))
            }
            if case .failure(let problem) = document(patch) {
                diagnostics.append(.error(path, field: field, problem.description,
                                          hint: patch.format == .json6902
                                              ? "write a list such as - op: add / path: /spec/x / value: 1"
                                              : "write the part of the object to change, from its top (spec: …)",
                                          at: patch.location))
            }
        }
        return diagnostics
    }
}
