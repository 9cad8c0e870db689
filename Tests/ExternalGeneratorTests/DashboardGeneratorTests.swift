import Foundation
import Infragen
import InfragenCLI
import InfragenTestSupport
import Testing

// A team's own generator, as a package that depends on infragen would write it: this target imports only the public
// products `Infragen` and `InfragenCLI` (and, for temporary folders and output capture, the test support).

extension ArtifactKind {
    static let dashboards = ArtifactKind("dashboards")
}

/// One Grafana dashboard (Jsonnet, which takes `#` comments, so the file can begin with infragen's header) per
/// service and environment: `<system>/<env>/dashboards/<service>.jsonnet`.
struct DashboardGenerator: Generator {
    let kind = ArtifactKind.dashboards
    let folders = [OutputFolder.inEnvironment("dashboards")]

    func files(service: ResolvedService, environment: ResolvedEnvironment, system: ResolvedSystem,
               cache: GenerationCache) throws -> [GeneratedFile] {
        let folder = folders[0].path(system: system.name, environment: environment.name)
        let header = FileHeader.hash(source: service.declaredAt, system: system.name, command: system.command)
        let dashboard = "{ title: '\(service.name) in \(environment.name)', namespace: '\(service.namespace)' }\n"
        return [GeneratedFile(path: "\(folder)/\(service.name).jsonnet", contents: header + dashboard, kind: kind,
                              system: system.name, environment: environment.name)]
    }
}

/// `--only`, `--check`, stale-file removal and "did you mean" work for a generator registered from outside the
/// package, through `InfragenCLI.run(systems:generators:arguments:)`, as they do for infragen's own.
@Suite struct DashboardGeneratorTests {
    let generators = InfragenCLI.builtInGenerators + [DashboardGenerator()]

    func infragen(_ systems: [SystemDescription], _ arguments: [String]) -> Int32 {
        InfragenCLI.run(systems: systems, generators: generators, arguments: arguments)
    }

    /// The files under `root`, relative, sorted.
    func files(under root: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        var paths: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                paths.append(String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1)))
            }
        }
        return paths.sorted()
    }

    /// The sample system, with a second service when `web`.
    func shop(web: Bool) -> SystemDescription {
        System("shop") {
            SourceRepository("https://git.example.com/shop", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .dev) { Host("dev.shop.example.com") }
            Deploy(to: .prod) { Host("shop.example.com"); TLS(); Replicas(2) }
            for name in web ? ["api", "web"] : ["api"] {
                Service(name) {
                    Port("http", 8080)
                    Health(liveness: "/healthz", readiness: "/readyz")
                    Route("/\(name)")
                }
            }
        }.description
    }

    @Test func onlyDashboardsRendersAndChecksOnlyItsFiles() throws {
        try withTemporaryFolder { root in
            let output = root.appendingPathComponent("Output").path
            #expect(infragen([shop(web: false)], ["render", "--output", output, "--only", "dashboards"]) == 0)
            #expect(files(under: root.appendingPathComponent("Output")) == [
                ".infragen-manifest", "shop/dev/dashboards/api.jsonnet", "shop/prod/dashboards/api.jsonnet",
            ])
            // With everything rendered, a Kubernetes file edited by hand is out of the dashboards' scope.
            #expect(infragen([shop(web: false)], ["render", "--output", output]) == 0)
            let manifest = root.appendingPathComponent("Output/shop/prod/kubernetes/api.yaml")
            try Data((try String(contentsOf: manifest, encoding: .utf8) + "# edited\n").utf8).write(to: manifest)
            #expect(infragen([shop(web: false)], ["render", "--output", output, "--check", "--only", "dashboards"]) == 0)
            #expect(try captureStandardOutput {
                infragen([shop(web: false)], ["render", "--output", output, "--check"])
            }.status == 1)
        }
    }

    @Test func checkShowsTheDiffOfAnEditedDashboardAndPassesAfterARender() throws {
        try withTemporaryFolder { root in
            let output = root.appendingPathComponent("Output").path
            #expect(infragen([shop(web: false)], ["render", "--output", output]) == 0)
            let dashboard = root.appendingPathComponent("Output/shop/dev/dashboards/api.jsonnet")
            let original = try String(contentsOf: dashboard, encoding: .utf8)
            try Data(original.replacingOccurrences(of: "api in dev", with: "api by hand").utf8).write(to: dashboard)

            let check = try captureStandardOutput { infragen([shop(web: false)], ["render", "--output", output, "--check"]) }
            #expect(check.status == 1)
            #expect(check.text.contains("--- a/shop/dev/dashboards/api.jsonnet\n+++ b/shop/dev/dashboards/api.jsonnet\n"))
            #expect(check.text.contains("-{ title: 'api by hand'"))
            #expect(check.text.contains("+{ title: 'api in dev'"))
            #expect(check.text.contains("1 changed"))

            #expect(infragen([shop(web: false)], ["render", "--output", output]) == 0)
            #expect(try String(contentsOf: dashboard, encoding: .utf8) == original)
            #expect(infragen([shop(web: false)], ["render", "--output", output, "--check"]) == 0)
        }
    }

    /// Ownership is the manifest plus the exact header line: a removed service's dashboards go, unless one was taken
    /// over by hand (its header removed); a file infragen never wrote stays.
    @Test func aRemovedServiceTakesItsStaleDashboardsWithIt() throws {
        try withTemporaryFolder { root in
            let output = root.appendingPathComponent("Output").path
            #expect(infragen([shop(web: true)], ["render", "--output", output]) == 0)
            let folder = root.appendingPathComponent("Output/shop/prod/dashboards")
            let mine = folder.appendingPathComponent("mine.jsonnet"), kept = folder.appendingPathComponent("web.jsonnet")
            try Data("{ title: 'mine' }\n".utf8).write(to: mine)
            let taken = try String(contentsOf: kept, encoding: .utf8).split(separator: "\n").dropFirst(2)
            try Data((taken.joined(separator: "\n") + "\n").utf8).write(to: kept)

            #expect(infragen([shop(web: false)], ["render", "--output", output, "--only", "dashboards"]) == 0)
            let after = files(under: root.appendingPathComponent("Output"))
            #expect(!after.contains("shop/dev/dashboards/web.jsonnet"))
            #expect(after.contains("shop/prod/dashboards/web.jsonnet"), "edited by hand: kept")
            #expect(after.contains("shop/prod/dashboards/mine.jsonnet"), "never infragen's: kept")
            #expect(after.contains("shop/dev/kubernetes/web.yaml"), "another kind is out of --only's scope")
            #expect(infragen([shop(web: false)], ["render", "--output", output, "--check", "--only", "dashboards"]) == 0)
        }
    }

    @Test func anUnknownKindGetsADidYouMeanThatKnowsTheDashboards() throws {
        let refused = try captureStandardError { infragen([shop(web: false)], ["render", "--only", "dashbords"]) }
        #expect(refused.status != 0)
        #expect(refused.text.contains("unknown kind of file 'dashbords'; did you mean 'dashboards'?"))
        #expect(refused.text.contains("(known: alertmanager, dashboards, dockerfile, kubernetes, nginx, pipeline, prometheus, report)"))
        let help = try captureStandardError { infragen([shop(web: false)], ["render", "--help"]) }
        #expect(help.status == 0)
        #expect(help.text.contains("alertmanager,dashboards,dockerfile,kubernetes,nginx,pipeline,prometheus,report"))
        // Without the generator registered, the kind does not exist.
        let unknown = try captureStandardError {
            InfragenCLI.run(systems: [shop(web: false)], arguments: ["render", "--only", "dashboards"])
        }
        #expect(unknown.status != 0)
        #expect(unknown.text.contains("unknown kind of file 'dashboards'"))
    }
}
