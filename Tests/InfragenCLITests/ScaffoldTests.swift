import Foundation
import InfragenTestSupport
import Testing

@testable import InfragenCLI

/// Issue 19: `infragen init` writes a blueprint package that builds and renders on the first try, and README.md's
/// recipe is exactly what it writes. The slow half (the recipe run, built and rendered) is ScaffoldBuildTests.
@Suite struct ScaffoldTests {
    /// What `init deploy` writes next to a checkout called infragen: what README.md shows.
    static func readmeScaffold() throws -> Scaffold {
        try Scaffold(
            packageName: "deploy", executable: "deploy", system: "hello",
            dependency: .path("../infragen", identity: "infragen"))
    }

    /// The fenced block that follows `<!-- init writes PATH -->` in README.md.
    static func readmeBlock(after marker: String) throws -> String? {
        let readme = try String(contentsOf: repositoryRoot().appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = readme.range(of: marker) else { return nil }
        let rest = readme[start.upperBound...]
        guard let open = rest.range(of: "```"), let lineEnd = rest[open.upperBound...].firstIndex(of: "\n"),
              let close = rest[lineEnd...].range(of: "\n```\n") else { return nil }
        return String(rest[rest.index(after: lineEnd)..<close.lowerBound]) + "\n"
    }

    @Test func theReadmeShowsExactlyWhatInitWrites() throws {
        let files = try Self.readmeScaffold().files
        let shown = ["Package.swift", "Sources/deploy/main.swift", "Blueprints/GoService.swift"]
        for path in shown {
            let written = try #require(files.first { $0.path == path }).contents
            let block = try #require(try Self.readmeBlock(after: "<!-- init writes \(path) -->"),
                                     "README.md has no block after <!-- init writes \(path) -->")
            #expect(block == written, "README.md's \(path) is not what init writes:\n\(block)\n---\n\(written)")
        }
    }

    @Test func theValidatorSettingsAreInfragensOwnByteForByte() throws {
        for configuration in Scaffold.validatorConfigurations {
            let own = try String(
                contentsOf: repositoryRoot().appendingPathComponent(configuration.infragenFile), encoding: .utf8)
            #expect(configuration.contents == own, "\(configuration.path) differs from \(configuration.infragenFile)")
        }
    }

    @Test func theDependencyNamesThePackageAsSwiftPMIdentifiesIt() throws {
        // A checkout in a folder that is not called infragen (a CI clone) is that folder's name to SwiftPM.
        let scaffold = try Scaffold(
            packageName: "Tickets Deploy", executable: "deploy", system: "tickets",
            dependency: .path("../../src/Infragen-Main", identity: Scaffold.identity(ofPath: "/src/Infragen-Main")))
        #expect(scaffold.blueprintTarget == "TicketsDeployBlueprints")
        #expect(scaffold.packageManifest.contains(#".package(path: "../../src/Infragen-Main"),"#))
        #expect(scaffold.packageManifest.contains(#".product(name: "Infragen", package: "infragen-main")"#))
        let byURL = try Scaffold(
            packageName: "my-blueprints", executable: "deploy", system: "hello",
            dependency: .url("https://git.example.com/platform/infragen.git", from: "0.3.0"))
        #expect(byURL.blueprintTarget == "MyBlueprints")
        #expect(byURL.packageManifest.contains(
            #".package(url: "https://git.example.com/platform/infragen.git", from: "0.3.0"),"#))
        #expect(byURL.packageManifest.contains(#"package: "infragen")"#))
        #expect(Scaffold.relativePath(from: "/a/b/deploy", to: "/a/infragen") == "../../infragen")
        #expect(Scaffold.relativePath(from: "/a/deploy", to: "/a/deploy") == ".")
    }

    @Test func badNamesAreRefusedTogetherAndNothingIsWritten() throws {
        try withTemporaryFolder { root in
            let folder = root.appendingPathComponent("new")
            let status = InfragenCLI.run(
                systems: [], arguments: ["init", folder.path, "--executable", "2deploy", "--system", "Hello World"])
            #expect(status != 0)
            #expect(!FileManager.default.fileExists(atPath: folder.path))
            #expect(throws: Scaffold.Problem.self) {
                try Scaffold(packageName: "9lives", executable: "deploy", system: "hello",
                             dependency: .path("..", identity: "infragen"))
            }
            let problem = try #require(throws: Scaffold.Problem.self) {
                try Scaffold(packageName: "ok", executable: "de ploy", system: "Shop",
                             dependency: .url("https://x\"y", from: "one"))
            }
            for part in ["executable", "system", "--infragen-url", "--from"] {
                #expect(problem.description.contains(part), "\(problem)")
            }
        }
    }

    @Test func initWritesEveryFileOnceAndNeverOverwrites() throws {
        try withTemporaryFolder { root in
            let folder = root.appendingPathComponent("deploy")
            #expect(InfragenCLI.run(systems: [], arguments: ["init", folder.path]) == 0)
            let files = try Self.readmeScaffold().files.map(\.path)
            for path in files {
                #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path), "\(path)")
            }
            // A team's edited blueprint survives a second init: it refuses and writes nothing.
            let edited = folder.appendingPathComponent("Blueprints/Hello.swift")
            try Data("// ours\n".utf8).write(to: edited)
            try FileManager.default.removeItem(at: folder.appendingPathComponent("README.md"))
            #expect(InfragenCLI.run(systems: [], arguments: ["init", folder.path]) != 0)
            #expect(try String(contentsOf: edited, encoding: .utf8) == "// ours\n")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("README.md").path))
        }
    }

    /// The workflow init writes is one GitHub accepts: its schema and actionlint (which runs shellcheck on `run:`).
    @Test(.enabled(if: ExternalTool.usable("actionlint"), ExternalTool.skipNote("actionlint")))
    func theWorkflowPassesActionlintAndTheSchema() throws {
        let workflow = try #require(try Self.readmeScaffold().files.first { $0.path.hasSuffix("blueprints.yml") })
        try withTemporaryFolder { root in
            let url = root.appendingPathComponent(".github/workflows/blueprints.yml")
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(workflow.contents.utf8).write(to: url)
            let lint = try runProcess(try ExternalTool.path("actionlint"), [url.path], in: root)
            #expect(lint.status == 0, "\(lint)")
            let schema = try runProcess(
                try ExternalTool.path("check-jsonschema"), ["--builtin-schema", "vendor.github-workflows", url.path])
            #expect(schema.status == 0, "\(schema)")
        }
    }
}
