import Foundation
import Infragen
import InfragenCLI
import InfragenRender
import InfragenTestSupport
import Testing

/// `infragen review` through `InfragenCLI.run(systems:arguments:)`: the base as a folder and as a git ref, the exit
/// codes, and the Markdown read back by markdown-it-py.
@Suite struct ReviewCommandTests {
    static let before = ReviewRiskTests.system(api: { Replicas(2) })
    static let after = ReviewRiskTests.system(worker: false, api: {
        Replicas(3)
        Env("MODE", "fast|safe")
        Env("TOKEN", secret: "api-token", key: "token")
        Egress("payments.example.net", ports: [443], cidrs: ["203.0.113.0/24"])
    })

    static func write(_ files: [String: String], to folder: URL) throws {
        for (path, contents) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: url)
        }
    }

    static func review(_ system: SystemDescription, _ arguments: [String]) throws -> (status: Int32, text: String) {
        try captureStandardOutput { InfragenCLI.run(systems: [system], arguments: ["review"] + arguments) }
    }

    @Test func exitCodesWithAFolderAsTheBase() throws {
        try withTemporaryFolder { folder in
            try Self.write(try renderInMemory([Self.before]), to: folder)
            let plain = try Self.review(Self.after, ["--base", folder.path])
            #expect(plain.status == 0)
            #expect(plain.text.contains("**Removed from the output** (demo/prod): Deployment `worker`"))
            #expect(!plain.text.contains(folder.path), "no machine path in the review")
            #expect(try Self.review(Self.after, ["--base", folder.path, "--fail-on", "risk"]).status == 1)
            #expect(try Self.review(Self.before, ["--base", folder.path, "--fail-on", "risk"]).status == 0)
            #expect(try Self.review(Self.after, ["--base", folder.appendingPathComponent("missing").path]).status == 2)
            #expect(InfragenCLI.run(systems: [Self.after], arguments: ["review"]) == 64)
            #expect(InfragenCLI.run(systems: [Self.after], arguments: ["review", "--base", folder.path,
                                                                          "--base-ref", "HEAD"]) == 64)
            #expect(InfragenCLI.run(systems: [Self.after], arguments: ["review", "--base", folder.path,
                                                                          "--fail-on", "warning"]) == 64)
        }
    }

    @Test func secretValuesAreNeverShownOnlyTheirReference() throws {
        let report = OutputReview.review(
            base: try renderInMemory([Self.before]), current: try renderInMemory([Self.after]))
        #expect(report.changes.contains { $0.scope == "demo/prod" && $0.service == "api" && $0.what == "env TOKEN"
            && $0.before == nil && $0.after == "from Secret api-token key token" })
        #expect(report.changes.contains { $0.what == "env MODE" && $0.after == "fast|safe" })
        #expect(report.markdown(base: "HEAD").contains("| `fast\\|safe` |"))
    }

    @Test func baseRefReadsTheCommittedOutputOfATemporaryRepository() throws {
        let git = try ExternalTool.path("git")
        try withTemporaryFolder { repository in
            let output = repository.appendingPathComponent("Output")
            try Self.write(try renderInMemory([Self.before]), to: output)
            for arguments in [["init", "-q"], ["add", "Output"],
                              ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "base"]] {
                let result = try runProcess(git, arguments, in: repository)
                try #require(result.status == 0, "\(result)")
            }
            // The work tree moves on; the review reads what HEAD holds.
            try FileManager.default.removeItem(at: output)
            let reviewed = try Self.review(Self.after, ["--output", output.path, "--base-ref", "HEAD"])
            #expect(reviewed.status == 0)
            #expect(reviewed.text.contains("Compared with `Output/` at `HEAD`"))
            #expect(!reviewed.text.contains(repository.path), "no machine path in the review")
            #expect(reviewed.text.contains("| `api` | replicas | `2` | `3` |"))
            #expect(try Self.review(Self.before, ["--output", output.path, "--base-ref", "HEAD", "--fail-on", "risk"])
                .status == 0)
            #expect(try Self.review(Self.after, ["--output", output.path, "--base-ref", "no-such-ref"]).status == 2)
        }
        try withTemporaryFolder { plain in
            let output = plain.appendingPathComponent("Output")
            let outside = try Self.review(Self.after, ["--output", output.path, "--base-ref", "HEAD"])
            #expect(outside.status == 2)
        }
    }

    @Test func refusalsSayWhy() throws {
        try withTemporaryFolder { plain in
            let output = plain.appendingPathComponent("Output").path
            let outside = try captureStandardError {
                InfragenCLI.run(systems: [Self.after], arguments: ["review", "--output", output, "--base-ref", "HEAD"])
            }
            #expect(outside.status == 2)
            #expect(outside.text.contains("--base-ref needs a git repository, and the current folder is not inside one"))
            let git = try ExternalTool.path("git")
            try #require(try runProcess(git, ["init", "-q"], in: plain).status == 0)
            let unknown = try captureStandardError {
                InfragenCLI.run(systems: [Self.after], arguments: ["review", "--output", output, "--base-ref", "nope"])
            }
            #expect(unknown.status == 2)
            #expect(unknown.text.contains("unknown git ref 'nope'"))
            #expect(!unknown.text.contains(plain.path))
        }
    }

    @Test func aReplacedConfigMapIsSupersededNotFlagged() throws {
        let report = OutputReview.review(
            base: try renderInMemory([ReviewRiskTests.system(api: { Env("LOG_LEVEL", config: "info") })]),
            current: try renderInMemory([ReviewRiskTests.system(api: { Env("LOG_LEVEL", config: "debug") })]))
        #expect(report.risks.isEmpty)
        #expect(report.changes.contains { $0.scope == "demo/prod" && $0.what == "env LOG_LEVEL" && $0.before == "info"
            && $0.after == "debug" })
        #expect(report.changes.contains { $0.what.hasPrefix("ConfigMap api-config-")
            && $0.before == "superseded (stays in the cluster until pruned)" })
    }

    @Test func aBaseFileThatDoesNotParseIsListedNotGuessedAt() throws {
        var base = try renderInMemory([Self.before])
        base["demo/prod/kubernetes/api.yaml"] = "kind: [unclosed\n"
        let report = OutputReview.review(base: base, current: try renderInMemory([Self.before]))
        #expect(report.unreadable.count == 1)
        #expect(report.unreadable.first?.hasPrefix("base: demo/prod/kubernetes/api.yaml: ") == true)
        #expect(report.markdown(base: "HEAD").contains("### Not read"))
    }

    @Test func routesSLOsAndTheCanaryChangeInMeaning() throws {
        func demo(rate: Int, objective: Double, canary: Bool) -> SystemDescription {
            ReviewRiskTests.system(prod: {
                if canary {
                    Canary(.percent(10))
                    CanaryImageTag("1.1.0")
                }
            }, api: {
                Route("/api/orders", match: .exact, methods: [.post], timeout: .seconds(10),
                      rateLimit: .perSecond(rate, burst: rate * 2))
                SLO("ordering", handler: "/api/orders", method: "POST") {
                    Availability(.percent(objective))
                }
            })
        }
        let report = OutputReview.review(
            base: try renderInMemory([demo(rate: 20, objective: 99.5, canary: false)]),
            current: try renderInMemory([demo(rate: 5, objective: 99.9, canary: true)]))
        let prod = report.changes.filter { $0.scope == "demo/prod" }
        #expect(prod.contains { $0.service == "gateway" && $0.what == "canary share" && $0.before == nil
            && $0.after == "10%" })
        #expect(prod.contains { $0.service == "api" && $0.what == "canary tag" && $0.after == "1.1.0" })
        #expect(prod.contains { $0.service == "api" && $0.what == "SLO objective ordering availability"
            && $0.before == "0.995" && $0.after == "0.999" })
        let route = try #require(prod.first { $0.service == "gateway" && $0.what == "route demo.example.com = /api/orders" })
        #expect(route.before?.contains("rate 20r/s burst 40") == true)
        #expect(route.after?.contains("rate 5r/s burst 10") == true)
        #expect(route.after?.hasPrefix("to api-canary:8080; POST;") == false)
    }

    struct Structure: Decodable {
        struct Table: Decodable {
            var heading: String?
            var header: [String]
            var rows: [[String]]
        }
        var headings: [String]
        var tables: [Table]
    }

    static let python: String? = {
        for candidate in [FileManager.default.currentDirectoryPath + "/.venv-tools/bin/python", ExternalTool.find("python3")] {
            guard let candidate, FileManager.default.isExecutableFile(atPath: candidate) else { continue }
            if let result = try? runProcess(candidate, ["-c", "import markdown_it"], timeout: .seconds(30)), result.status == 0 {
                return candidate
            }
        }
        return nil
    }()

    @Test(.enabled(if: ExternalTool.isCI || python != nil, "skipped: markdown-it-py is not installed"))
    func theReviewParsesAsMarkdownWithItsTables() throws {
        let python = try #require(Self.python, "markdown-it-py is not installed; bash scripts/install-test-tools installs it")
        let markdown = OutputReview.review(
            base: try renderInMemory([Self.before]), current: try renderInMemory([Self.after])).markdown(base: "`HEAD`")
        let structure: Structure = try withTemporaryFolder { folder in
            let file = folder.appendingPathComponent("review.md")
            try Data(markdown.utf8).write(to: file)
            let script = repositoryRoot().appendingPathComponent("Tests/Fixtures/markdown-structure.py").path
            let result = try runProcess(python, [script, file.path])
            try #require(result.status == 0, "\(result)")
            return try JSONDecoder().decode(Structure.self, from: Data(result.stdout.utf8))
        }
        // `demo` holds what no environment owns: the removed worker's Dockerfile.
        #expect(structure.headings == [
            "infragen review", "Risks", "Changes", "demo", "demo/dev", "demo/prod",
            "Already present (not introduced by this change)",
        ])
        let prod = try #require(structure.tables.first { $0.heading == "demo/prod" })
        #expect(prod.header == ["service", "what", "before", "after"])
        #expect(prod.rows.allSatisfy { $0.count == 4 })
        // The script prints a cell's inline source: the code span's backticks stay, the escaped `|` is one cell's.
        #expect(prod.rows.contains(["`api`", "env MODE", "–", "`fast|safe`"]))
        #expect(prod.rows.contains(["`api`", "replicas", "`2`", "`3`"]))
        #expect(prod.rows.contains(["`api`", "env TOKEN", "–", "`from Secret api-token key token`"]))
        #expect(markdown.hasSuffix("\n") && !markdown.hasSuffix("\n\n"))
    }
}
