/// How the platform tells whether a service is alive, ready and started: one check per probe kind.
///
/// `Health(liveness: "/healthz", readiness: "/readyz")` is two HTTP checks on one port;
/// `Health(.grpc(port: "grpc"))` one gRPC check for liveness and readiness;
/// `Health(liveness: .tcp(port: "redis"), readiness: .exec(["redis-cli", "ping"]))` a check of each type.
public struct HealthDescription: Sendable, Hashable, Encodable {
    public var liveness: HealthProbe
    public var readiness: HealthProbe
    /// A startup probe, for services that take long to start; none when nil.
    public var startup: HealthProbe?
    public var location: SourceLocation

    public init(liveness: HealthProbe, readiness: HealthProbe, startup: HealthProbe? = nil, location: SourceLocation) {
        self.liveness = liveness
        self.readiness = readiness
        self.startup = startup
        self.location = location
    }

    /// HTTP GET checks of three paths on one port (the service's first when nil).
    public init(
        liveness: String, readiness: String, startup: String? = nil, port: String? = nil, location: SourceLocation
    ) {
        self.init(
            liveness: .http(liveness, port: port), readiness: .http(readiness, port: port),
            startup: startup.map { .http($0, port: port) }, location: location)
    }

    /// The check of a probe kind; nil for a startup probe the service does not have.
    public subscript(kind: ProbeTiming.Kind) -> HealthProbe? {
        switch kind {
        case .liveness: liveness
        case .readiness: readiness
        case .startup: startup
        }
    }
}

/// One check a probe runs. A port is named as the service declares it (`Port("grpc", 9555)`); nil is the service's
/// first port.
public enum HealthProbe: Sendable, Hashable, Encodable {
    /// `GET <path>` on the port; healthy on a status from 200 to 399. `.http("/healthz")`,
    /// `.http("/ready", port: "admin", scheme: .https, headers: ["X-Probe": "kubelet"])`.
    case http(_ path: String, port: String? = nil, scheme: Scheme = .http, headers: Headers = [:])
    /// The gRPC health checking protocol (`grpc.health.v1.Health/Check`) on the port; `service` is the name the
    /// request asks about (the server's overall health when nil). `.grpc(port: "grpc")`.
    case grpc(port: String? = nil, service: String? = nil)
    /// A TCP connection to the port; healthy when it opens. `.tcp(port: "redis")`.
    case tcp(port: String? = nil)
    /// A command run in the container; healthy on exit status 0. `.exec(["redis-cli", "ping"])`.
    case exec(_ command: [String])

    /// How an HTTP check connects. Kubernetes does not verify the certificate of an HTTPS check.
    public enum Scheme: String, Sendable, Hashable, Encodable {
        case http = "HTTP", https = "HTTPS"
    }

    /// A request header of an HTTP check.
    public struct Header: Sendable, Hashable, Encodable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Request headers in the order written: `headers: ["Host": "api.example.com", "X-Probe": "kubelet"]`.
    public struct Headers: Sendable, Hashable, Encodable, ExpressibleByDictionaryLiteral {
        public var fields: [Header]

        public init(_ fields: [Header]) { self.fields = fields }

        public init(dictionaryLiteral elements: (String, String)...) {
            self.fields = elements.map { Header(name: $0.0, value: $0.1) }
        }

        public func encode(to encoder: any Encoder) throws { try fields.encode(to: encoder) }
    }

    /// What the check is, for people: `HTTP GET /healthz`, `gRPC`, `TCP`, `a command`.
    public var kindName: String {
        switch self {
        case .http(_, _, .http, _): "HTTP"
        case .http(_, _, .https, _): "HTTPS"
        case .grpc: "gRPC"
        case .tcp: "TCP"
        case .exec: "exec"
        }
    }

    /// The name of the port the check connects to, nil for the service's first; nil too for a command.
    public var portName: String? {
        switch self {
        case .http(_, let port, _, _), .grpc(let port, _), .tcp(let port): port
        case .exec: nil
        }
    }

    /// Whether the check connects to a port (every check but a command).
    public var usesPort: Bool {
        if case .exec = self { return false }
        return true
    }
}

/// A service the platform does not check, and why: `NoHealthCheck(because: "…")`. The reason is written where the
/// missing probes would be (an annotation of the Deployment, and the skip of the checkov probe checks).
public struct NoHealthCheckDescription: Sendable, Hashable, Codable {
    public var reason: String
    public var location: SourceLocation

    public init(reason: String, location: SourceLocation) {
        self.reason = reason
        self.location = location
    }
}
