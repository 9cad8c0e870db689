import Foundation
import InfragenTestSupport
import Testing

/// Issue 19, the first try: README.md's two-line recipe, run as written (the built `infragen` stands in for
/// `swift run --package-path infragen infragen`, which would wait for this test run's own build lock), makes a package
/// that depends on this checkout by path, builds, renders and `render --check`s clean, without a warning. Then, as a
/// user would: an error in the sample system and one in a service made by the package's helper point at the lines
/// of Blueprints/Hello.swift that wrote them, and the hints name `swift run deploy`.
///
/// It builds infragen's sources once more, in the new package (several minutes on two cores): the price of knowing
/// that the README's recipe works.
@Suite(.serialized) struct ScaffoldBuildTests {
    /// The shell lines of the fenced block after `<!-- recipe -->` in README.md, without their comments.
    static func recipe() throws -> [String] {
        let readme = try String(contentsOf: repositoryRoot().appendingPathComponent("README.md"), encoding: .utf8)
        let marker = try #require(readme.range(of: "<!-- recipe -->\n```sh\n"), "README.md has no <!-- recipe -->")
        let rest = readme[marker.upperBound...]
        let end = try #require(rest.range(of: "```\n"))
        return rest[..<end.lowerBound].split(separator: "\n").map {
            String($0.split(separator: "#", maxSplits: 1)[0]).trimmingCharacters(in: .whitespaces)
        }
    }

    /// The `infragen` executable this test run built.
    static func infragen() throws -> String {
        let folder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates = [folder.appendingPathComponent("infragen").path,
                          repositoryRoot().appendingPathComponent(".build/debug/infragen").path]
        return try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0) },
                            "infragen is not built: swift build --build-tests")
    }

    static func shell(_ line: String, in folder: URL) throws -> ProcessResult {
        try runProcess("/bin/sh", ["-c", line], in: folder, timeout: .seconds(3600))
    }

    @Test(.timeLimit(.minutes(60))) func theReadmeRecipeMakesAPackageThatBuildsRendersAndPointsAtItsLines() throws {
        let recipe = try Self.recipe()
        #expect(recipe.count == 2, "the README promises two commands: \(recipe)")
        let launcher = "swift run --package-path infragen infragen"
        #expect(recipe.first?.hasPrefix(launcher + " init ") == true, "\(recipe)")
        let infragen = try Self.infragen()
        try withTemporaryFolder { root in
            for line in recipe {
                let result = try Self.shell(line.replacingOccurrences(of: launcher, with: infragen), in: root)
                #expect(result.status == 0, "\(line)\n\(result)")
            }
            let package = root.appendingPathComponent("deploy")
            // The sample is clean: no warning on any command, so a team's CI log starts clean.
            let clean = try Self.shell("swift run deploy lint", in: package)
            #expect(clean.status == 0, "\(clean)")
            #expect(!clean.stderr.contains("warning:"), "\(clean.stderr)")
            let check = try Self.shell("swift run deploy render --check", in: package)
            #expect(check.status == 0, "\(check)")
            #expect(check.stdout.contains("Output/ is up to date"), "\(check)")

            // The files name the blueprint by its path in the package and the command the team runs.
            let kustomization = try String(
                contentsOf: package.appendingPathComponent("Output/hello/prod/kubernetes/kustomization.yaml"),
                encoding: .utf8)
            #expect(kustomization.contains("from Blueprints/Hello.swift (system hello)"), "\(kustomization)")
            #expect(kustomization.contains("run `swift run deploy render`"), "\(kustomization)")

            // A hand edit in Output/: the check fails and tells the team's own command.
            let readme = package.appendingPathComponent("Output/hello/README.md")
            try Data((try String(contentsOf: readme, encoding: .utf8) + "edited\n").utf8).write(to: readme)
            let stale = try Self.shell("swift run deploy render --check", in: package)
            #expect(stale.status != 0, "\(stale)")
            #expect((stale.stdout + stale.stderr).contains("Run `swift run deploy render` and commit the result."),
                    "\(stale)")

            // Two mistakes: a bad tag in the system's defaults, and a bad name for the helper's service.
            let blueprint = package.appendingPathComponent("Blueprints/Hello.swift")
            let source = try String(contentsOf: blueprint, encoding: .utf8)
            let broken = source.replacingOccurrences(of: "ImageTag(\"0.1.0\")", with: "ImageTag(\"0.1.0 beta\")")
                .replacingOccurrences(of: "goService(\"api\")", with: "goService(\"API\")")
            #expect(broken != source)
            try Data(broken.utf8).write(to: blueprint)
            let lines = broken.split(separator: "\n", omittingEmptySubsequences: false)
            let tagLine = try #require(lines.firstIndex { $0.contains("ImageTag(") }) + 1
            let serviceLine = try #require(lines.firstIndex { $0.contains("goService(\"API\")") }) + 1
            let lint = try Self.shell("swift run deploy lint", in: package)
            #expect(lint.status != 0, "\(lint)")
            #expect(lint.stderr.contains("Blueprints/Hello.swift:\(tagLine)"), "\(lint.stderr)")
            #expect(lint.stderr.contains("Blueprints/Hello.swift:\(serviceLine)"), "\(lint.stderr)")
            #expect(!lint.stderr.contains("GoService.swift"), "\(lint.stderr)")
            #expect(!lint.stderr.contains(root.path), "a path of this machine:\n\(lint.stderr)")
        }
    }
}
