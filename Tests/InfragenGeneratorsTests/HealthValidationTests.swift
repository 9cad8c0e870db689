import Infragen
import InfragenRender
import InfragenTestSupport
import Testing

/// Health checks that cannot work are located diagnostics, word for word: a port the service does not have or that
/// is not TCP, a path, header, gRPC service name or command Kubernetes cannot take, and NoHealthCheck without a reason
/// or beside checks. A check shared by liveness and readiness is reported once, as `health`.
@Suite struct HealthValidationTests {
    static let file = "Tests/InfragenGeneratorsTests/HealthValidationTests.swift"

    @Test func aCheckOnAPortTheServiceDoesNotDeclare() {
        let line = #line; let system = bare { Port("grpc", 7070); Health(.grpc(port: "grcp")) }
        #expect(errors(system) == [
            "\(Self.file):\(line): error: b/api: health.port: the probes use port 'grcp', which the service does not "
                + "declare; did you mean 'grpc'?",
        ])
    }

    @Test func aCheckOnAUDPPortNamesTheProbesThatUseIt() {
        let line = #line; let system = bare {
            Port("http", 8080); Port("dns", 5353, transport: .udp)
            Health(liveness: .tcp(port: "dns"), readiness: .http("/readyz"), startup: .grpc(port: "dns"))
        }
        #expect(errors(system) == [
            "\(Self.file):\(line + 2): error: b/api: health.port: the liveness and startup probes use port 'dns', "
                + "which is UDP, not TCP; probe a TCP port the service listens on",
        ])
        let grpcLine = #line; let grpc = bare {
            Port("http", 8080); Port("dns", 5353, transport: .udp); Health(.grpc(port: "dns"))
        }
        #expect(errors(grpc) == [
            "\(Self.file):\(grpcLine + 1): error: b/api: health.port: the probes use port 'dns', which is UDP, not TCP; "
                + "probe a TCP port that serves the gRPC health service",
        ])
    }

    @Test func checksThatNeedAPortOnAServiceWithoutPorts() {
        let line = #line; let system = bare { Health(liveness: .exec(["/app/server", "-live"]), readiness: .tcp()) }
        #expect(errors(system) == [
            "\(Self.file):\(line): error: b/api: health: the service has health checks but no port to probe; declare "
                + "the port the service listens on with Port(\"http\", 8080)",
        ])
        // Commands alone need no port.
        #expect(errors(bare { Health(.exec(["/app/server", "-check"])) }).isEmpty)
    }

    @Test func pathsAndHeadersOfHTTPChecks() {
        let line = #line; let system = bare {
            Port("http", 8080)
            Health(liveness: .http("healthz"), readiness: .http("/readyz", headers: [
                "X Probe": "1", "X-Token": "a\r\nX-Evil: 1", "X-Edge": " padded", "x-a": "1", "X-A": "2",
            ]))
        }
        let at = "\(Self.file):\(line + 2): error: b/api: "
        #expect(errors(system) == [
            at + "health.liveness: probe path 'healthz' is not a URL path; start it with '/' and use no spaces, "
                + "quotes, '#', '?', ';' or braces",
            at + "health.readiness.headers: 'X Probe' is not an HTTP header name; use letters, digits and '-', "
                + "e.g. X-Probe",
            at + "health.readiness.headers: header 'x-a' is given 2 times; give each header once; join several "
                + "values with ', '",
            at + "health.readiness.headers[X-Edge]: the value ' padded' is not printable ASCII on one line without "
                + "spaces at either end; HTTP carries header values as ASCII text; write the value on one line, "
                + "trimmed",
            // A line break would end the header and start another: the message names the characters.
            at + "health.readiness.headers[X-Token]: the value 'a\r\nX-Evil: 1' (U+000D <control-000D> at character "
                + "2; U+000A <control-000A> at character 2) is not printable ASCII on one line without spaces at "
                + "either end; HTTP carries header values as ASCII text; write the value on one line, trimmed",
        ])
    }

    @Test func grpcServiceNames() {
        let line = #line; let system = bare { Port("grpc", 7070); Health(.grpc(service: "cart service")) }
        #expect(errors(system) == [
            "\(Self.file):\(line): error: b/api: health.service: 'cart service' is not a gRPC service name; write "
                + "the name the server registers its health under, e.g. grpc.health.v1.Health, or leave it out to ask "
                + "for the server's overall health",
        ])
        #expect(errors(bare { Port("grpc", 7070); Health(.grpc(service: "")) }).count == 1)
        #expect(errors(bare { Port("grpc", 7070); Health(.grpc(service: "hipstershop.CartService")) }).isEmpty)
    }

    @Test func commands() {
        let line = #line; let system = bare {
            Port("http", 8080)
            Health(liveness: .exec([]), readiness: .exec(["redis-cli", "ping\n"]))
        }
        #expect(errors(system) == [
            "\(Self.file):\(line + 2): error: b/api: health.liveness.command: the health command is empty; name the "
                + "program and its arguments, e.g. .exec([\"redis-cli\", \"ping\"])",
            "\(Self.file):\(line + 2): error: b/api: health.readiness.command: an argument contains a control "
                + "character or line break; write each argument on one line",
        ])
    }

    @Test func noHealthCheckNeedsAReasonOnOneLineAndNoChecks() {
        for reason in ["", "   ", "first line\nsecond line"] {
            let line = #line; let system = bare { NoHealthCheck(because: reason) }
            #expect(errors(system) == [
                "\(Self.file):\(line): error: b/api: noHealthCheck: a service without health checks needs a written "
                    + "reason on one line; say why nothing needs to know it is alive, e.g. NoHealthCheck(because: "
                    + "\"load generator: nothing depends on it and a restart loses nothing\")",
            ])
        }
        let line = #line; let both = bare {
            Port("http", 8080); Health(.tcp()); NoHealthCheck(because: "a demo")
        }
        #expect(errors(both) == [
            "\(Self.file):\(line + 1): error: b/api: noHealthCheck: the service declares health checks and "
                + "NoHealthCheck; keep the checks and remove NoHealthCheck(because:), or the other way round",
        ])
        #expect(errors(bare { NoHealthCheck(because: "load generator: nothing depends on it") }).isEmpty)
    }

    /// Only NoHealthCheck writes its annotation and skips: a team's own annotations cannot stand in for them.
    @Test func theAnnotationAndSkipsCannotBeWrittenByHand() {
        let system = bare {
            Port("http", 8080); Health(.tcp())
            Annotations(["health.infragen.io/no-health-check": "x", "checkov.io/skip1": "CKV_K8S_8=x"], on: [.workload])
        }
        let found = errors(system)
        #expect(found.count == 2)
        #expect(found.allSatisfy { $0.contains("is an annotation infragen writes itself") && $0.contains("NoHealthCheck") })
    }

    @Test func newChecksBesideAHealthCommand() {
        let line = #line; let system = bare {
            Port("grpc", 7070); Health(.grpc()); HealthCommand("/app/server", "-check")
        }
        #expect(errors(system) == [
            "\(Self.file):\(line + 1): error: b/api: healthCommand: the service has both Health(…) checks and a "
                + "health command; keep one of them; Health(.exec([…])) runs a command too",
        ])
    }

    @Test func theProbesFixtureIsClean() {
        #expect(errors(KubernetesFixtures.probes).isEmpty)
    }

    // MARK: - Helpers

    /// Every error the render would print, model and generators.
    func errors(_ system: SystemDescription) -> [String] {
        RenderPipeline().validate([system]).errors.map(\.description)
    }

    /// A system `b` whose one service, `api`, is only what `body` declares.
    func bare(
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        @ListBuilder<any ServiceComponent> _ body: () -> [any ServiceComponent]
    ) -> SystemDescription {
        let components = body()
        return System("b", fileID: fileID, filePath: filePath, line: line) {
            SourceRepository("https://git.example.com/b", license: "MIT")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .prod)
            Service("api", fileID: fileID, filePath: filePath, line: line) { components }
        }.description
    }
}
