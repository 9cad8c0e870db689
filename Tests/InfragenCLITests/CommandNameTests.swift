import Foundation
import Infragen
import InfragenCLI
import InfragenTestSupport
import Testing

/// Issue 19: a team's package names the command its users run (`InfragenCLI.main(systems:command:)`), and every
/// generated file's header and every `render --check` hint names it; infragen's own output is unchanged.
@Suite struct CommandNameTests {
    static let system = sampleSystem()

    /// Every generated file under `root` (the ownership manifest aside), path → text.
    static func generated(_ root: URL) throws -> [String: String] {
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        while let path = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            let url = root.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue,
                  !path.hasPrefix(".") else { continue }
            files[path] = try String(contentsOf: url, encoding: .utf8)
        }
        return files
    }

    /// The first three lines of a file, where its header is.
    static func head(_ text: String) -> String { text.split(separator: "\n").prefix(3).joined(separator: "\n") }

    @Test func aTeamsCommandIsInEveryHeaderAndInTheCheckHint() throws {
        try withTemporaryFolder { root in
            let arguments = ["render", "--output", root.path]
            #expect(InfragenCLI.run(systems: [Self.system], command: "swift run deploy", arguments: arguments) == 0)
            let files = try Self.generated(root)
            #expect(files.count > 5)
            for (path, text) in files.sorted(by: { $0.key < $1.key }) {
                #expect(Self.head(text).contains("Do not edit: change the blueprint and run `swift run deploy render`."),
                        "\(path): \(Self.head(text))")
                #expect(!text.contains("`infragen render`"), "\(path)")
            }
            // The header still marks the files as infragen's: a second render owns and keeps them.
            #expect(InfragenCLI.run(systems: [Self.system], command: "swift run deploy",
                                    arguments: arguments + ["--check"]) == 0)
            // A stale file: the hint names the team's command.
            let api = root.appendingPathComponent("sample/prod/kubernetes/api.yaml")
            try Data((try String(contentsOf: api, encoding: .utf8) + "# edited\n").utf8).write(to: api)
            let check = try captureStandardOutput {
                InfragenCLI.run(systems: [Self.system], command: "swift run deploy", arguments: arguments + ["--check"])
            }
            #expect(check.status == 1)
            #expect(check.text.contains("Run `swift run deploy render --output \(root.path)` and commit the result."),
                    "\(check.text)")
            #expect(!check.text.contains("infragen render"), "\(check.text)")
        }
    }

    @Test func withoutACommandTheOutputIsInfragensOwnByteForByte() throws {
        try withTemporaryFolder { root in
            let named = root.appendingPathComponent("named"), plain = root.appendingPathComponent("plain")
            #expect(InfragenCLI.run(systems: [Self.system], arguments: ["render", "--output", plain.path]) == 0)
            #expect(InfragenCLI.run(systems: [Self.system], command: "infragen",
                                    arguments: ["render", "--output", named.path]) == 0)
            let files = try Self.generated(plain)
            #expect(files == (try Self.generated(named)))
            for (path, text) in files {
                #expect(Self.head(text).contains("Do not edit: change the blueprint and run `infragen render`."), "\(path)")
            }
            try Data("# edited\n".utf8).write(to: plain.appendingPathComponent("sample/prod/kubernetes/api.yaml"))
            let check = try captureStandardOutput {
                InfragenCLI.run(systems: [Self.system], arguments: ["render", "--check", "--output", plain.path])
            }
            #expect(check.status == 1)
            #expect(check.text.contains("Run `swift run infragen render --output \(plain.path)`"), "\(check.text)")
        }
    }

    @Test(arguments: ["", "  ", "swift run deploy\nrm -rf", "deploy `whoami`", "deploy\u{202E}", String(repeating: "x", count: 201)])
    func aCommandThatCannotStandInAHeaderIsRefused(_ command: String) throws {
        try withTemporaryFolder { root in
            let run = try captureStandardError {
                InfragenCLI.run(systems: [Self.system], command: command, arguments: ["render", "--output", root.path])
            }
            #expect(run.status != 0)
            #expect(run.text.contains("InfragenCLI.main(command:)"), "\(run.text)")
            #expect(try Self.generated(root).isEmpty)
        }
    }
}
