import Infragen
import InfragenYAML

/// The hostile blueprints: every value the issue lists, and the ones found while writing them.
///
/// Each case is declared in a file of its own name (`Hostile/<case>.swift`, the `fileID` every component is given)
/// with the offending component on line 10 or after, so an expected diagnostic names its exact place. Lines 1-8 are
/// the valid base of ``blueprint(_:name:health:system:service:)``.
///
/// The cases are grouped by what they attack, one file each (`HostileCorpus+Names.swift`, `+EnvironmentValues`,
/// `+Nginx`, `+Dockerfile`, `+Images`, `+Quantities`, `+Structure`, `+FreeText`, `+Health`). To extend the corpus to a
/// new printer: add cases whose read-backs use the printer's consumer (a ``ReadBack``).
enum HostileCorpus {
    /// A valid system with one service, `api`, in dev and prod; `service` adds to the service, `system` to the system.
    ///
    ///     line 1 System, 2 Defaults/ImageTag, 3 Deploy(dev)/Host, 4 Deploy(prod)/Host, 5 Service("api"),
    ///     6 Port("http", 8080), 7 Health (left out when `health` is false), 8 Route("/api")
    static func blueprint(
        _ file: String, name: String = "hostile", health: Bool = true,
        @ListBuilder<any SystemComponent> system extra: () -> [any SystemComponent] = { [] },
        @ListBuilder<any ServiceComponent> service body: () -> [any ServiceComponent] = { [] }
    ) -> SystemDescription {
        let serviceBody = body()
        let systemBody = extra()
        return System(name, fileID: file, line: 1) {
            SourceRepository("https://git.example.com/hostile", license: "Apache-2.0", fileID: file, line: 1)
            Defaults { ImageTag("1.0.0", fileID: file, line: 2) }
            Deploy(to: .dev, fileID: file, line: 3) { Host("dev.hostile.example.com", fileID: file, line: 3) }
            Deploy(to: .prod, fileID: file, line: 4) {
                Host("hostile.example.com", fileID: file, line: 4)
                TLS()
            }
            Service("api", fileID: file, line: 5) {
                Port("http", 8080, fileID: file, line: 6)
                if health { Health(liveness: "/healthz", readiness: "/readyz", fileID: file, line: 7) }
                Route("/api", fileID: file, line: 8)
                serviceBody
            }
            systemBody
        }.description
    }

    static func file(_ name: String) -> String { "Hostile/\(name).swift" }

    /// Adds a case whose service components (each given the case's file) are refused with `count` copies of one
    /// error on line 10.
    static func refusedService(
        _ cases: inout [HostileCase], _ id: String, _ field: String, _ fragment: String, count: Int = 1,
        @ListBuilder<any ServiceComponent> _ body: (String) -> [any ServiceComponent]
    ) {
        let f = file(id)
        let components = body(f)
        cases.append(
            HostileCase(
                name: id, systems: [blueprint(f, service: { components })],
                outcome: .refused(Array(repeating: .error(field, fragment, at: f, line: 10), count: count))))
    }

    /// Every case, in the order of the list.
    static let cases: [HostileCase] =
        names() + environmentValues() + nginxBound() + dockerBound() + imageSources() + portsAndQuantities()
        + structure() + freeText() + health() + workloads() + metrics() + gatewayObjects() + externalServices()
        + monitoring() + pipeline() + alertRouting() + noData()
        + flexibleSLIs() + openSLO() + alertGuards() + acknowledgements()
}
