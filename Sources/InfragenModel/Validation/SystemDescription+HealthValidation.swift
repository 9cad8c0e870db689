/// The checks of how a service is health-checked, as declared: each probe's path, headers, gRPC service name,
/// command and port; and the reason of a service with no health check.
extension SystemDescription {
    func checkHealth(_ service: ServiceDescription, _ path: DiagnosticPath, _ c: inout DiagnosticCollector) {
        if let none = service.noHealthCheck { checkNoHealthCheck(none, service, path, &c) }
        guard let health = service.health else { return }
        let kinds = ProbeTiming.Kind.allCases.filter { health[$0] != nil }
        // A check shared by several kinds (`Health(.grpc(port: "grpc"))`) is reported once, as `health`.
        let checks = kinds.compactMap { kind in health[kind].map { (kind, $0) } }
        for (probe, probeKinds) in ProbeTiming.Kind.grouped(checks, by: { $0 }) {
            let field = probeKinds.count == 1 ? "health.\(probeKinds[0].rawValue)" : "health"
            check(probe, field: field, path, at: health.location, &c)
        }
        let portUses = ProbeTiming.Kind.grouped(
            kinds.compactMap { kind in health[kind].flatMap { $0.usesPort ? (kind, $0.portName) : nil } }, by: { $0 })
        guard !portUses.isEmpty else { return }
        if service.ports.isEmpty {
            c.error(path, field: "health", "the service has health checks but no port to probe",
                    hint: "declare the port the service listens on with Port(\"http\", 8080)", at: health.location)
            return
        }
        let all = portUses.flatMap(\.kinds)
        for (name, useKinds) in portUses {
            guard let name, service.port(named: name) == nil else { continue }
            let subject = ProbeTiming.Kind.subject(useKinds, of: all, verb: ("uses", "use"))
            c.error(path, field: "health.port", "\(subject) port \(name.quoted), which the service does not declare",
                    hint: Suggestions.hint(for: name, in: service.ports.map(\.name))
                        ?? "name one of the service's ports",
                    at: health.location)
        }
    }

    private func check(
        _ probe: HealthProbe, field: String, _ path: DiagnosticPath, at location: SourceLocation,
        _ c: inout DiagnosticCollector
    ) {
        switch probe {
        case .http(let probePath, _, _, let headers):
            if !TextRules.isURLPath(probePath) {
                c.error(path, field: field, "probe path \(probePath.quoted) is not a URL path",
                        hint: "start it with '/' and use no spaces, quotes, '#', '?', ';' or braces", at: location)
            }
            for header in headers.fields {
                if !Self.isHTTPHeaderName(header.name) {
                    c.error(path, field: "\(field).headers", "\(header.name.quoted) is not an HTTP header name",
                            hint: "use letters, digits and '-', e.g. X-Probe", at: location)
                } else if !Self.isProbeHeaderValue(header.value) {
                    c.error(path, field: "\(field).headers[\(header.name)]",
                            "the value \(header.value.quoted) is not printable ASCII on one line without spaces at "
                                + "either end",
                            hint: "HTTP carries header values as ASCII text; write the value on one line, trimmed",
                            at: location)
                }
            }
            let names = headers.fields.map { ($0.name.lowercased(), location) }
            for (name, duplicates) in duplicates(names) {
                c.error(path, field: "\(field).headers", "header \(name.quoted) is given \(duplicates.count) times",
                        hint: "give each header once; join several values with ', '", at: location)
            }
        case .grpc(_, let service?):
            if !Self.isGRPCServiceName(service) {
                c.error(path, field: "\(field).service", "\(service.quoted) is not a gRPC service name",
                        hint: "write the name the server registers its health under, e.g. grpc.health.v1.Health, "
                            + "or leave it out to ask for the server's overall health",
                        at: location)
            }
        case .grpc, .tcp:
            break
        case .exec(let command):
            if command.isEmpty || command[0].isEmpty {
                c.error(path, field: "\(field).command", "the health command is empty",
                        hint: "name the program and its arguments, e.g. .exec([\"redis-cli\", \"ping\"])", at: location)
            }
            if command.contains(where: { !TextRules.isSingleLineText($0) }) {
                c.error(path, field: "\(field).command", "an argument contains a control character or line break",
                        hint: "write each argument on one line", at: location)
            }
        }
    }

    private func checkNoHealthCheck(
        _ none: NoHealthCheckDescription, _ service: ServiceDescription, _ path: DiagnosticPath,
        _ c: inout DiagnosticCollector
    ) {
        if none.reason.trimmed.isEmpty || !TextRules.isSingleLineText(none.reason) {
            c.error(path, field: "noHealthCheck", "a service without health checks needs a written reason on one line",
                    hint: "say why nothing needs to know it is alive, e.g. NoHealthCheck(because: \"load generator: "
                        + "nothing depends on it and a restart loses nothing\")",
                    at: none.location)
        } else {
            c.checkBidiControls(none.reason, path, field: "noHealthCheck", at: none.location)
        }
        if service.health != nil || service.healthCommand != nil {
            c.error(path, field: "noHealthCheck", "the service declares health checks and NoHealthCheck",
                    hint: "keep the checks and remove NoHealthCheck(because:), or the other way round",
                    at: none.location)
        }
    }

    /// A header name as Kubernetes takes it: letters, digits and `-`.
    static func isHTTPHeaderName(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { Self.headerNameBytes.contains($0) }
    }

    /// Printable ASCII, no space or tab at either end (a server would drop them); may be empty.
    static func isProbeHeaderValue(_ text: String) -> Bool {
        text.utf8.allSatisfy { (0x20...0x7E).contains($0) } && text.utf8.first != 0x20 && text.utf8.last != 0x20
    }

    /// A service name a gRPC server registers: `grpc.health.v1.Health`, `hipstershop.CartService`, `cart`.
    static func isGRPCServiceName(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 253 && text.utf8.allSatisfy { Self.grpcServiceBytes.contains($0) }
    }

    private static let headerNameBytes = ByteSet("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
    private static let grpcServiceBytes = ByteSet("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
}
