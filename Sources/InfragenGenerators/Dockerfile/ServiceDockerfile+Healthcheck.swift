import InfragenModel

/// The image's HEALTHCHECK, or the comment that says why it has none.
extension ServiceDockerfile {
    /// Only for a plain HTTP liveness check, and only where the image has a client to run it with (busybox wget in
    /// Alpine); elsewhere the Kubernetes probes do that job (Kubernetes ignores HEALTHCHECK anyway).
    func healthcheck(_ file: inout Dockerfile) {
        guard let health = service.health else {
            file.comment(
                service.noHealthCheck == nil
                    ? "No HEALTHCHECK: the blueprint declares no health endpoint."
                    : "No HEALTHCHECK: the blueprint says the service needs no health check (NoHealthCheck).")
            return
        }
        guard case .http(let path, let port, .http, let headers) = health.liveness else {
            if health.kinds.allSatisfy({ if case .exec = health[$0] { true } else { false } }) {
                file.comment("No HEALTHCHECK: the blueprint declares no health endpoint.")
            } else {
                file.comment(
                    "No HEALTHCHECK: infragen writes one for a plain HTTP liveness probe only, and this one is "
                        + "\(Self.describe(health.liveness, withPort: true)).")
                file.lines += Self.probesDoThatJob(health).map(Dockerfile.Line.comment)
            }
            return
        }
        switch base.family {
        case .alpine:
            file.comment("busybox wget is part of the base image, so the image can check itself (outside Kubernetes too).")
            let headerArguments = headers.flatMap { ["--header", "\($0.name): \($0.value)"] }
            file.add(.healthcheck(
                options: ["--interval=30s", "--timeout=3s", "--start-period=10s", "--retries=3"],
                command: ["wget", "-q"] + headerArguments + ["-O", "/dev/null", "http://127.0.0.1:\(port.number)\(path)"]))
        case .debian, .ubuntu:
            file.lines += ([
                "No HEALTHCHECK: a \(base.family.rawValue) base has neither curl nor wget, and installing one only for this",
                "would add packages and CVE surface.",
            ] + Self.probesDoThatJob(health)).map(Dockerfile.Line.comment)
        case .distroless, .scratch:
            file.lines += (["No HEALTHCHECK: \(base.family.rawValue) has no shell, curl or wget to run a check with."]
                + Self.probesDoThatJob(health)).map(Dockerfile.Line.comment)
        }
    }

    /// "Kubernetes ignores HEALTHCHECK anyway; its liveness (/healthz) and readiness (/readyz) probes on port http do
    /// that job", naming each probe's port where they differ.
    static func probesDoThatJob(_ health: ResolvedHealth) -> [String] {
        let ports = Set([health.liveness, health.readiness].map { $0.port?.name })
        if ports.count == 1, let port = ports.first ?? nil {
            return [
                "Kubernetes ignores HEALTHCHECK anyway; its liveness (\(describe(health.liveness))) and readiness "
                    + "(\(describe(health.readiness))) probes",
                "on port \(port) do that job.",
            ]
        }
        return [
            "Kubernetes ignores HEALTHCHECK anyway; its liveness (\(describe(health.liveness, withPort: true))) and "
                + "readiness (\(describe(health.readiness, withPort: true))) probes",
            "do that job.",
        ]
    }

    /// `/healthz`, `HTTPS /healthz`, `gRPC`, `TCP`, `a command`, with ` on port <name>` when asked.
    static func describe(_ probe: ResolvedProbe, withPort: Bool = false) -> String {
        let what = switch probe {
        case .http(let path, _, .http, _): path
        case .http(let path, _, .https, _): "HTTPS \(path)"
        case .grpc: "gRPC"
        case .tcp: "TCP"
        case .exec: "a command"
        }
        guard withPort, let port = probe.port else { return what }
        return "\(what) on port \(port.name)"
    }
}
