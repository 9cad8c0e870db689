import InfragenExampleBlueprints
import Foundation
import Infragen
import InfragenGenerators
import InfragenRender
import InfragenTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The real linters judge every Dockerfile the repository's blueprints and the family fixtures produce, with the
/// committed configurations: hadolint (`.hadolint.yaml`) and checkov (`.checkov-dockerfile.yaml`).
@Suite(.serialized) struct DockerfileLintTests {
    /// Every Dockerfile of the catalog and of the fixtures, written under `root` in the Output/ layout.
    static func writeDockerfiles(under root: URL) throws -> [String] {
        var paths: [String] = []
        for system in catalog.descriptions + [DockerfileFixtures.families] {
            let files = try DockerfileGenerator().generate(system.resolve())
            try writeFiles(files.map { ($0.path, $0.contents) }, under: root)
            paths += files.map(\.path).filter { $0.hasSuffix("/Dockerfile") }
        }
        return paths.sorted()
    }

    static var hadolintConfig: String { repositoryRoot().appendingPathComponent(".hadolint.yaml").path }
    static var checkovConfig: String { repositoryRoot().appendingPathComponent(".checkov-dockerfile.yaml").path }

    @Test(.enabled(if: ExternalTool.usable("hadolint"), ExternalTool.skipNote("hadolint")))
    func hadolintFindsNothing() throws {
        let hadolint = try ExternalTool.path("hadolint")
        try withTemporaryFolder { root in
            let paths = try Self.writeDockerfiles(under: root)
            #expect(paths.count >= 16, "\(paths)")
            let result = try runProcess(hadolint, ["-c", Self.hadolintConfig, "--no-color"] + paths, in: root)
            #expect(result.status == 0 && result.stdout.isEmpty, "\(result)")

            // The same run fails on a Dockerfile that breaks a rule the config keeps (no tag, a missing label).
            let broken = try String(contentsOf: root.appendingPathComponent(paths[0]), encoding: .utf8)
                .replacingOccurrences(of: "      org.opencontainers.image.licenses=\"Apache-2.0\" \\\n", with: "")
                + "FROM alpine\n"
            try writeFiles([("broken/Dockerfile", broken)], under: root)
            let failing = try runProcess(hadolint, ["-c", Self.hadolintConfig, "--no-color", "broken/Dockerfile"], in: root)
            #expect(failing.status != 0)
            #expect(failing.stdout.contains("DL3006") && failing.stdout.contains("DL3049"), "\(failing)")
        }
    }

    /// Summaries that end in a backslash or hold one before a quote, a `$` or another backslash: the LABEL they
    /// become must parse in hadolint (which reads `\\` before a quote differently from BuildKit) as in BuildKit.
    static let hostileSummaries = [
        "ends with a backslash \\", "\\", #"C:\path\to\"file""#, #"two \\ in a row, three \\\"#,
        #"not a variable: \$HOME, ${PATH}, 5$"#, #"say "hi", 'bye' and `id` \ done"#, "ünïcödé \\ 中文 🚀",
        #"\"quoted\""#,
    ]

    @Test(.enabled(if: ExternalTool.usable("hadolint"), ExternalTool.skipNote("hadolint")))
    func hadolintParsesTheLabelOfAnySummary() throws {
        let hadolint = try ExternalTool.path("hadolint")
        let system = System("labels") {
            SourceRepository("https://git.example.com/labels", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .dev)
            for (index, summary) in Self.hostileSummaries.enumerated() {
                Service("s\(index)") {
                    Summary(summary)
                    Port("http", 8080)
                    Health(liveness: "/healthz", readiness: "/readyz")
                }
            }
        }.description
        #expect(system.validate().isEmpty)
        try withTemporaryFolder { root in
            let files = try DockerfileGenerator().generate(system.resolve())
            try writeFiles(files.map { ($0.path, $0.contents) }, under: root)
            let paths = files.map(\.path).filter { $0.hasSuffix("/Dockerfile") }
            #expect(paths.count == Self.hostileSummaries.count)
            let result = try runProcess(hadolint, ["-c", Self.hadolintConfig, "--no-color"] + paths, in: root)
            #expect(result.status == 0 && result.stdout.isEmpty, "\(result)")
        }
    }

    /// What the LABEL means: buildah (BuildKit's Dockerfile parser and word expansion) builds an image with the
    /// printer's LABEL of every summary, and each label reads back as exactly the text.
    @Test(.enabled(if: ExternalTool.isCI || (ExternalTool.find("buildah") != nil && getuid() == 0),
                   Comment(rawValue: "skipped: needs root and buildah (run `bash .ci/run`)")))
    func buildahReadsEveryLabelAsTheText() throws {
        let buildah = try ExternalTool.path("buildah")
        let texts = Self.hostileSummaries + ["plain", "a \\ b", #"\\\$"#, "$", "\\$x", #"end\""#]
        var file = Dockerfile()
        file.add(.from(image: "scratch", platform: nil, stage: nil))
        file.add(.label(texts.enumerated().map { .init("t\($0.offset)", .text($0.element)) }))
        let tag = "localhost/infragen-label-test:\(UUID().uuidString.lowercased())"
        try withTemporaryFolder { root in
            try writeFiles([("Dockerfile", try DockerfilePrinter.print(file))], under: root)
            let build = try runProcess(buildah, ["build", "--layers=false", "-q", "-f", "Dockerfile", "-t", tag, "."], in: root)
            try #require(build.status == 0, "\(build)")
            defer { _ = try? runProcess(buildah, ["rmi", tag]) }
            let inspect = try runProcess(buildah, ["inspect", tag])
            try #require(inspect.status == 0, "\(inspect)")
            let json = try JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any]
            let config = (json?["OCIv1"] as? [String: Any])?["config"] as? [String: Any]
            let labels = config?["Labels"] as? [String: String] ?? [:]
            for (index, text) in texts.enumerated() {
                #expect(labels["t\(index)"] == text, "label t\(index)")
            }
        }
    }

    @Test(.enabled(if: ExternalTool.usable("checkov"), ExternalTool.skipNote("checkov")))
    func checkovHasNoFailedCheck() throws {
        let checkov = try ExternalTool.path("checkov")
        try withTemporaryFolder { root in
            let paths = try Self.writeDockerfiles(under: root)
            // A control that must fail: one Dockerfile without its USER (CKV_DOCKER_3, CKV_DOCKER_8 territory).
            let control = try String(contentsOf: root.appendingPathComponent(paths[0]), encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("USER ") }
                .joined(separator: "\n")
            let summary = try Self.checkov(checkov, folder: root.path)
            #expect(summary.failed == 0 && summary.parsingErrors == 0, "\(summary)")
            #expect(summary.resources == paths.count, "\(summary)")
            #expect(summary.passed >= 100 * paths.count, "\(summary)")

            try withTemporaryFolder { controlRoot in
                try writeFiles([("control/Dockerfile", control)], under: controlRoot)
                let broken = try Self.checkov(checkov, folder: controlRoot.path)
                #expect(broken.failed > 0, "checkov must fail a Dockerfile without USER: \(broken)")
            }
        }
    }

    struct CheckovSummary: CustomStringConvertible {
        var passed = 0, failed = 0, skipped = 0, parsingErrors = 0, resources = 0, raw = ""
        var description: String { "passed \(passed), failed \(failed), skipped \(skipped), resources \(resources)\n\(raw.prefix(4000))" }
    }

    static func checkov(_ checkov: String, folder: String) throws -> CheckovSummary {
        let result = try runProcess(
            checkov, ["--config-file", checkovConfig, "-d", folder, "-o", "json"], timeout: .seconds(600))
        var summary = CheckovSummary(raw: result.stdout + result.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        let reports = (json as? [[String: Any]]) ?? [json as? [String: Any]].compactMap { $0 }
        for report in reports where report["check_type"] as? String == "dockerfile" {
            let counts = report["summary"] as? [String: Any] ?? [:]
            summary.passed += counts["passed"] as? Int ?? 0
            summary.failed += counts["failed"] as? Int ?? 0
            summary.skipped += counts["skipped"] as? Int ?? 0
            summary.parsingErrors += counts["parsing_errors"] as? Int ?? 0
            summary.resources += counts["resource_count"] as? Int ?? 0
        }
        // checkov reports a folder without findings as {"passed": 0, "failed": 0, ...} of check_type "dockerfile"
        // only when it parsed something; no report at all means it found no Dockerfile.
        if reports.isEmpty { summary.parsingErrors = -1 }
        return summary
    }

    /// A rule may be ignored only with a one-line reason on the same line.
    @Test func everyIgnoredRuleHasAReason() throws {
        for (config, key) in [(Self.hadolintConfig, "ignored:"), (Self.checkovConfig, "skip-check:")] {
            let lines = try String(contentsOfFile: config, encoding: .utf8).split(separator: "\n").map(String.init)
            let start = try #require(lines.firstIndex(of: key), "\(config) has no \(key)")
            let entries = lines[(start + 1)...].prefix { $0.hasPrefix("  - ") }
            #expect(!entries.isEmpty)
            for entry in entries {
                let parts = entry.split(separator: "#", maxSplits: 1)
                #expect(parts.count == 2 && parts[1].trimmingCharacters(in: .whitespaces).count >= 20,
                        "\(config): '\(entry)' needs a reason after '#'")
            }
        }
    }
}
