/// One environment variable of a container.
public struct EnvironmentVariable: Sendable, Hashable, Codable {
    public enum Source: Sendable, Hashable, Codable {
        /// The value itself, written into the manifest.
        case literal(String)
        /// A key of a Kubernetes Secret that the platform provides.
        case secret(name: String, key: String)
        /// A key of the service's own ConfigMap, whose value the blueprint gives.
        case config(String)
        /// A field of the pod, from the downward API.
        case field(PodField)
        /// A request or limit of the container, from the downward API (a CPU quantity in whole cores, rounded up;
        /// memory in bytes).
        case resource(ContainerResource)
    }

    /// The pod fields the downward API gives environment variables.
    public enum PodField: String, Sendable, Hashable, Codable {
        case podName = "metadata.name", namespace = "metadata.namespace", podUID = "metadata.uid"
        case podIP = "status.podIP", hostIP = "status.hostIP", nodeName = "spec.nodeName"
        case serviceAccountName = "spec.serviceAccountName"
    }

    /// The container's requests and limits the downward API gives.
    public enum ContainerResource: String, Sendable, Hashable, Codable {
        case cpuRequest = "requests.cpu", cpuLimit = "limits.cpu"
        case memoryRequest = "requests.memory", memoryLimit = "limits.memory"
    }

    public var name: String
    public var source: Source
    public var location: SourceLocation

    public init(name: String, source: Source, location: SourceLocation) {
        self.name = name
        self.source = source
        self.location = location
    }
}

extension EnvironmentVariable {
    /// The name, value and source of each variable one layer declares.
    static func check(_ variables: [EnvironmentVariable], _ path: DiagnosticPath, _ c: inout DiagnosticCollector) {
        for variable in variables {
            let field = "env[\(variable.name)]"
            c.check(variable.name, is: .environmentVariable, path, field: field, at: variable.location)
            switch variable.source {
            case .literal(let value), .config(let value):
                if value.unicodeScalars.contains("\0") {
                    c.error(path, field: field, "the value contains a NUL character, which no process environment can hold",
                            hint: "remove it", at: variable.location)
                } else if let scalar = TextRules.firstUnportableScalar(value) {
                    c.error(path, field: field,
                            "the value contains \(TextRules.codePoint(scalar)), which kubectl kustomize refuses or changes",
                            hint: "remove it (DEL, the C1 controls and U+FFFE/U+FFFF cannot pass through kustomize)",
                            at: variable.location)
                } else if !TextRules.isSingleLineText(value) {
                    c.error(path, field: field, "the value contains a line break or another control character",
                            hint: "keep environment values on one line; put multi-line data in a ConfigFile",
                            at: variable.location)
                }
            case .secret(let secret, let key):
                c.check(secret, is: .secret, path, field: field, at: variable.location)
                c.check(key, is: .secretKey, path, field: field, at: variable.location)
            case .field, .resource:
                break  // typed: every case is a field the API server knows
            }
        }
    }

    /// A name that one layer (`layer`: "the service", "environment 'prod'" …) declares more than once: every
    /// declaration after the first is refused, naming the first. Layers laid over each other (the service's value,
    /// then an `Override(.prod)`) are what layers are for, and are not checked against each other.
    static func checkDuplicates(
        _ variables: [EnvironmentVariable], in layer: String, _ path: DiagnosticPath, _ c: inout DiagnosticCollector
    ) {
        var first: [String: SourceLocation] = [:]
        for variable in variables {
            guard let earlier = first[variable.name] else {
                first[variable.name] = variable.location
                continue
            }
            c.error(path, field: "env[\(variable.name)]",
                    "the variable is declared again in \(layer) (first at \(earlier)), and only one value can reach the container",
                    hint: "declare it once (to change it for one environment, use Override(.prod) { Env(…) })",
                    at: variable.location)
        }
    }
}
