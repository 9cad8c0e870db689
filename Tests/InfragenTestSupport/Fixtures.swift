import Infragen
import InfragenRender

/// Renders systems in memory into `path → contents` (no disk), failing on any validation error.
public func renderInMemory(
    _ systems: [SystemDescription], selection: RenderSelection = .all, packageRoot: String? = nil
) throws -> [String: String] {
    let result = try RenderPipeline(packageRoot: packageRoot).render(systems, selection: selection)
    guard let plan = result.plan else {
        throw RenderFailed(diagnostics: result.diagnostics)
    }
    return Dictionary(uniqueKeysWithValues: plan.files.map { ($0.path, $0.contents) })
}

public struct RenderFailed: Error, CustomStringConvertible {
    public let diagnostics: [Diagnostic]
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// A small valid system to vary in tests: one service, dev and prod.
public func sampleSystem(
    name: String = "sample", fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
    @ListBuilder<any ServiceComponent> service body: () -> [any ServiceComponent] = { [] }
) -> SystemDescription {
    let extra = body()
    return System(name, fileID: fileID, filePath: filePath, line: line) {
        SourceRepository("https://git.example.com/\(name)", license: "Apache-2.0")
        Defaults {
            ImageTag("1.0.0")
        }
        Deploy(to: .dev) { Host("dev.sample.example.com") }
        Deploy(to: .prod) { Host("sample.example.com"); TLS(); Replicas(2) }
        Service("api", fileID: fileID, filePath: filePath, line: line) {
            Port("http", 8080)
            Health(liveness: "/healthz", readiness: "/readyz")
            Route("/api")
            extra
        }
    }.description
}
