import ArgumentParser
import Foundation
import InfragenModel

/// `infragen init DIR`: a team's blueprint package that builds and renders on the first try (README, "Using infragen
/// from your own repository"). It writes only new files: if any file it would write exists, it writes nothing and
/// names them.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a blueprint package: Package.swift, a sample system, the command, CI and validator settings.",
        discussion: """
            Writes DIR/Package.swift (depending on infragen by path, or by URL with --infragen-url), a blueprint \
            target in DIR/Blueprints with a sample system, the executable DIR/Sources/<executable>/main.swift, \
            .gitignore, a GitHub Actions workflow and the validators' configuration files. Then: cd DIR && swift \
            run <executable> render. Nothing is overwritten: if a file exists, nothing is written.
            """)

    @Argument(help: "The folder to create the package in (created if missing).")
    var directory: String

    @Option(name: .long, help: "The package's name (default: the folder's name).")
    var name: String?

    @Option(name: .long, help: "The executable's name, what the team runs: swift run <executable> render.")
    var executable: String = "deploy"

    @Option(name: .long, help: "The sample system's name.")
    var system: String = "hello"

    @Option(name: .long, help: "infragen's checkout to depend on by path (default: the one this command was built from).")
    var infragenPath: String?

    @Option(name: .long, help: "Depend on infragen by this git URL instead of a path (with --from).")
    var infragenURL: String?

    @Option(name: .long, help: "The version to depend on with --infragen-url (from: VERSION).")
    var from: String?

    func validate() throws {
        if infragenURL != nil && infragenPath != nil {
            throw ValidationError("give --infragen-path or --infragen-url, not both")
        }
        if (infragenURL == nil) != (from == nil) {
            throw ValidationError("--infragen-url and --from go together: --infragen-url URL --from 0.1.0")
        }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: directory).standardizedFileURL
        let dependency: Scaffold.Dependency
        if let infragenURL, let from {
            dependency = .url(infragenURL, from: from)
        } else {
            guard let checkout = infragenPath.map({ URL(fileURLWithPath: $0).standardizedFileURL.path })
                ?? Scaffold.checkoutRoot()
            else {
                throw ValidationError("""
                    cannot find the infragen checkout this command was built from; pass --infragen-path PATH, or \
                    --infragen-url URL --from VERSION
                    """)
            }
            dependency = .path(Scaffold.relativePath(from: folder.path, to: checkout), identity: Scaffold.identity(
                ofPath: checkout))
        }
        let scaffold: Scaffold
        do {
            scaffold = try Scaffold(
                packageName: name ?? folder.lastPathComponent, executable: executable, system: system,
                dependency: dependency)
        } catch let problem as Scaffold.Problem {
            throw ValidationError(problem.description)
        }
        let existing = scaffold.files.map(\.path).filter {
            FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path)
        }
        guard existing.isEmpty else {
            throw ValidationError("""
                \(directory) already has \(existing.joined(separator: ", ")); nothing was written. Choose an empty \
                folder, or move those files away first.
                """)
        }
        for file in scaffold.files {
            let url = folder.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: url, options: .withoutOverwriting)
        }
        printOut("""
            Created the blueprint package \(scaffold.packageName) in \(directory) (\(scaffold.files.count) files).
            Next: cd \(directory) && swift run \(executable) render

            """)
    }
}
