import Blueprints
import Foundation
import Infragen
import InfragenGenerators
import InfragenTestSupport
import Testing

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
