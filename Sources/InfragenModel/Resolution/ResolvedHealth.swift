/// How the platform checks a service, probe by probe, each on the port it connects to: the one its check names,
/// else the service's first. `Health(…)` and `HealthCommand(…)` (a command for liveness and readiness) both resolve
/// to it.
public struct ResolvedHealth: Sendable, Hashable, Encodable {
    public var liveness: ResolvedProbe
    public var readiness: ResolvedProbe
    public var startup: ResolvedProbe?
    /// Where the blueprint declares the checks.
    public var location: SourceLocation

    /// The check of a probe kind; nil for a startup probe the service does not have.
    public subscript(kind: ProbeTiming.Kind) -> ResolvedProbe? {
        switch kind {
        case .liveness: liveness
        case .readiness: readiness
        case .startup: startup
        }
    }

    /// The kinds the service has, in the order liveness, readiness, startup.
    public var kinds: [ProbeTiming.Kind] { ProbeTiming.Kind.allCases.filter { self[$0] != nil } }

    /// Each port a check connects to, once, with the kinds that connect to it (in kind order).
    public var portUses: [(port: ResolvedPort, kinds: [ProbeTiming.Kind])] {
        let uses = kinds.compactMap { kind in self[kind]?.port.map { (kind, $0) } }
        return ProbeTiming.Kind.grouped(uses, by: \.name).map { (port: $0.key, kinds: $0.kinds) }
    }
}

/// One resolved check. A port is the service's declared port (its name for HTTP and TCP checks, which Kubernetes
/// takes by name; its number for gRPC, which it does not).
public enum ResolvedProbe: Sendable, Hashable, Encodable {
    case http(path: String, port: ResolvedPort, scheme: HealthProbe.Scheme, headers: [HealthProbe.Header])
    case grpc(port: ResolvedPort, service: String?)
    case tcp(port: ResolvedPort)
    case exec(command: [String])

    /// The port the check connects to; nil for a command.
    public var port: ResolvedPort? {
        switch self {
        case .http(_, let port, _, _), .grpc(let port, _), .tcp(let port): port
        case .exec: nil
        }
    }
}

extension ProbeTiming.Kind {
    /// Values with the kinds they belong to, grouped by `key`, each key once in order of first appearance.
    static func grouped<Value, Key: Hashable>(
        _ uses: [(Self, Value)], by key: (Value) -> Key
    ) -> [(key: Value, kinds: [Self])] {
        var groups: [(key: Value, kinds: [Self])] = []
        var index: [Key: Int] = [:]
        for (kind, value) in uses {
            if let at = index[key(value)] {
                groups[at].kinds.append(kind)
            } else {
                index[key(value)] = groups.count
                groups.append((value, [kind]))
            }
        }
        return groups
    }

    /// The subject of a sentence about some of a service's probes: "the probes use" when `kinds` are all of `all`,
    /// else "the liveness probe uses", "the liveness and startup probes use".
    public static func subject(_ kinds: [Self], of all: [Self], verb: (singular: String, plural: String)) -> String {
        if kinds == all && kinds.count > 1 { return "the probes \(verb.plural)" }
        let names = kinds.map(\.rawValue)
        let list = names.count <= 1
            ? names.joined() : names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
        return "the \(list) probe\(kinds.count == 1 ? "" : "s") \(kinds.count == 1 ? verb.singular : verb.plural)"
    }
}

extension ServiceDescription {
    /// `Health(…)`, else `HealthCommand(…)` as a command for liveness and readiness; nil without either, or when a
    /// check names a port the service does not declare (validation reports it).
    var resolvedHealth: ResolvedHealth? {
        if let health {
            guard let liveness = resolved(health.liveness), let readiness = resolved(health.readiness) else {
                return nil
            }
            var startup: ResolvedProbe?
            if let probe = health.startup {
                guard let resolved = resolved(probe) else { return nil }
                startup = resolved
            }
            return ResolvedHealth(liveness: liveness, readiness: readiness, startup: startup, location: health.location)
        }
        guard let check = healthCommand else { return nil }
        return ResolvedHealth(
            liveness: .exec(command: check.command), readiness: .exec(command: check.command), location: check.location)
    }

    private func resolved(_ probe: HealthProbe) -> ResolvedProbe? {
        switch probe {
        case .http(let path, let port, let scheme, let headers):
            resolvedPort(named: port).map { .http(path: path, port: $0, scheme: scheme, headers: headers.fields) }
        case .grpc(let port, let service):
            resolvedPort(named: port).map { .grpc(port: $0, service: service) }
        case .tcp(let port):
            resolvedPort(named: port).map { .tcp(port: $0) }
        case .exec(let command):
            .exec(command: command)
        }
    }
}
