/// A container beside the service's own in its pods: an init container that runs to completion before it starts
/// (a migration, a wait), or a native sidecar (an init container with `restartPolicy: Always`, Kubernetes 1.29 and
/// later) that starts before it and runs beside it (a proxy, a log shipper). Hardened like the main container.
public struct ExtraContainerDescription: Sendable, Hashable, Codable {
    public enum Role: String, Sendable, Hashable, Codable {
        case initialization = "init"
        case sidecar
    }

    public var role: Role
    public var name: String
    public var image: ImageReference
    public var command: [String]?
    public var arguments: [String]?
    public var cpuRequest: CPU
    public var memoryRequest: DataSize
    public var cpuLimit: CPU
    public var memoryLimit: DataSize
    public var location: SourceLocation

    public init(
        role: Role, name: String, image: ImageReference, command: [String]? = nil, arguments: [String]? = nil,
        cpuRequest: CPU = .millicores(50), memoryRequest: DataSize = .mebibytes(32), cpuLimit: CPU = .millicores(200),
        memoryLimit: DataSize = .mebibytes(64), location: SourceLocation
    ) {
        self.role = role
        self.name = name
        self.image = image
        self.command = command
        self.arguments = arguments
        self.cpuRequest = cpuRequest
        self.memoryRequest = memoryRequest
        self.cpuLimit = cpuLimit
        self.memoryLimit = memoryLimit
        self.location = location
    }
}

extension SystemDescription {
    func checkExtraContainers(_ service: ServiceDescription, _ path: DiagnosticPath, _ c: inout DiagnosticCollector) {
        var seen: [String: SourceLocation] = [:]
        for container in service.extraContainers {
            let field = "\(container.role == .sidecar ? "sidecars" : "initContainers")[\(container.name)]"
            if !TextRules.isDNSLabel(container.name) {
                c.error(path, field: field, "\(container.name.quoted) is not a container name",
                        hint: "use at most 63 lower-case letters, digits and '-'", at: container.location)
            } else if container.name == service.name {
                c.error(path, field: field, "\(container.name.quoted) is the name of the service's own container",
                        hint: "name it after what it does, e.g. migrate or proxy", at: container.location)
            } else if let earlier = seen[container.name] {
                c.error(path, field: field, "the container \(container.name.quoted) is declared again (first at \(earlier))",
                        hint: "give each container its own name", at: container.location)
            }
            seen[container.name] = seen[container.name] ?? container.location
            if !TextRules.isImageReference(container.image.text) {
                c.error(path, field: "\(field).image", "\(container.image.text.quoted) is not an image reference",
                        hint: "write registry/repository:tag, e.g. registry.example.com/shop/migrate:1.2.0",
                        at: container.location)
            } else if container.image.tag == nil && container.image.digest == nil || container.image.tag == "latest" {
                c.error(path, field: "\(field).image", "\(container.image.text.quoted) names no fixed version",
                        hint: "give a tag other than latest, or a digest", at: container.location)
            }
            if let command = container.command, command.isEmpty || command[0].isEmpty {
                c.error(path, field: "\(field).command", "the command is empty",
                        hint: "name the program, or leave command out to run the image's entrypoint", at: container.location)
            }
            for word in (container.command ?? []) + (container.arguments ?? [])
            where word.unicodeScalars.contains("\0") || TextRules.firstUnportableScalar(word) != nil {
                c.error(path, field: field, "\(word.quoted) contains a NUL or another character no process argument can carry",
                        hint: "remove it", at: container.location)
            }
            if container.cpuRequest.millicores <= 0 || container.memoryRequest.bytes <= 0
                || container.cpuLimit < container.cpuRequest || container.memoryLimit < container.memoryRequest {
                c.error(path, field: "\(field).resources", "requests must be positive and limits at least the requests",
                        hint: "e.g. requests 50m/32Mi, limits 200m/64Mi", at: container.location)
            }
        }
    }
}
