import ArgumentParser
import InfragenModel
import InfragenRender
import Foundation

#if canImport(Glibc)
import Glibc
#endif

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write every generated file into the output folder (or, with --check, fail if it is stale).")

    @Option(name: .long, help: "The output folder.")
    var output: String = "Output"

    @OptionGroup var selection: SelectionOptions

    @OptionGroup var packageOptions: PackageOptions

    @Flag(name: .long, help: "Write nothing; print a diff of every stale, missing or extra file and exit 1 if any.")
    var check = false

    @Flag(name: .shortAndLong, help: "List every file with what happened to it.")
    var verbose = false

    @Flag(name: .long, help: """
        Render into a non-empty folder that has no .infragen-manifest, taking over the files at the paths infragen \
        generates (every other file is left alone).
        """)
    var adopt = false

    @Flag(name: .long, help: "Follow a symbolic link at the output folder (refused otherwise).")
    var followOutputLink = false

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let systems = InfragenCLI.systems
        let root: URL
        do {
            root = try OutputRoot.resolve(output, options: .init(adopt: adopt, followLink: followOutputLink))
        } catch {
            printError("\(error)\n")
            throw ExitCode(1)
        }
        let pipeline = RenderPipeline(generators: InfragenCLI.generators, packageRoot: packageOptions.root,
                                      command: InfragenCLI.command, checksEndOfLife: true)
        let chosen = try selection.selection(in: systems)
        // Validation first, before the folder is touched; then each file is compared (and staged) as it is made.
        let validation = try pipeline.validated(systems)
        report(validation.diagnostics)
        guard !validation.diagnostics.hasErrors else { throw ExitCode(1) }

        let directory = OutputDirectory(root: root, command: InfragenCLI.command)
        let path = directory.root.path
        do {
            try directory.withExclusiveAccess(creating: !check, waiting: {
                printError("waiting: another infragen command is using \(path)\n")
            }) {
                let settled = try directory.settle()
                let changes = try pipeline.render(validation, selection: chosen, into: directory,
                                                  check ? .diff : .stage, adopt: adopt)
                defer { changes.discardStaged() }
                if check {
                    directory.removeStaleTemporaries(changes)
                    try runCheck(changes, settled: settled, path: path)
                    return
                }
                guard changes.conflicts.isEmpty else {
                    let errors = changes.conflicts.map { "\(OutputDirectory.error(for: $0))\n" }.joined()
                    let count = changes.conflicts.count
                    printError((errors + "\(count) file\(count == 1 ? "" : "s") in the way; "
                        + "nothing was written\n"))
                    throw ExitCode(1)
                }
                try directory.apply(changes)
                printOut(summary(changes, settled, path: path, elapsed: clock.now - start))
            }
        } catch let error as OutputError {
            printError("\(error)\n")
            throw ExitCode(1)
        } catch let interrupted as OutputInterrupted {
            printError("infragen: \(interrupted)\n")
            throw ExitCode(128 + interrupted.signal)
        }
    }

    /// The command that renders into this folder, as the user would type it.
    private var renderCommand: String {
        // infragen's own repository runs itself through SwiftPM; a team's package names its command in main.swift.
        (InfragenCLI.command == FileHeader.defaultCommand ? "swift run infragen" : InfragenCLI.command) + " render"
            + (output == "Output" ? "" : " --output \(output)")
    }

    private func settlementNote(_ settled: OutputDirectory.Settlement) -> String {
        guard settled.finished else { return "" }
        return "finished an interrupted render first: its journal moved \(settled.renamed) file"
            + "\(settled.renamed == 1 ? "" : "s") into place and removed \(settled.removed)\n"
    }

    private func temporariesNote(_ changes: ChangeSet) -> String {
        guard !changes.staleTemporaries.isEmpty else { return "" }
        let count = changes.staleTemporaries.count
        return "removed \(count) temporary file\(count == 1 ? "" : "s") of an interrupted render; nothing of it had been "
            + "applied\n"
    }

    private func summary(
        _ changes: ChangeSet, _ settled: OutputDirectory.Settlement, path: String, elapsed: Duration
    ) -> String {
        var text = settlementNote(settled)
        if verbose { text += listing(changes) }
        let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        text += "rendered \(changes.files) files into \(path)/: \(changes.created.count) created, "
            + "\(changes.updated.count) updated, \(changes.unchanged.count) unchanged, \(changes.removed.count) removed "
            + "in \(milliseconds) ms\n"
        if !changes.adopted.isEmpty {
            text += "adopted: \(changes.adopted.count) file\(changes.adopted.count == 1 ? "" : "s") that infragen had not "
                + "written (--adopt); they are listed in \(OutputDirectory.manifestName) now\n"
        }
        if !changes.foreign.isEmpty {
            text += "left alone: \(changes.foreign.count) file\(changes.foreign.count == 1 ? "" : "s") not generated by infragen"
                + (verbose ? "\n" : " (--verbose lists them)\n")
        }
        text += temporariesNote(changes)
        if !changes.keptEdited.isEmpty {
            text += "kept: \(changes.keptEdited.joined(separator: ", ")) (no longer generated, but edited by hand: remove it if it is not needed)\n"
        }
        return text
    }

    private func runCheck(_ changes: ChangeSet, settled: OutputDirectory.Settlement, path: String) throws {
        let interrupted = settled.finished || !changes.staleTemporaries.isEmpty
        var text = settlementNote(settled) + temporariesNote(changes)
        guard !changes.isClean else {
            if interrupted {
                text += "\(output)/ was left by an interrupted render and is settled now; it matches the blueprints. "
                    + "Run `\(renderCommand)` (it changes nothing more) and commit the result.\n"
                printOut(text)
                throw ExitCode(1)
            }
            printOut(text + "\(output)/ is up to date (\(changes.unchanged.count) files in \(path))\n")
            return
        }
        for write in changes.writes { text += UnifiedDiff.diff(old: write.old, new: write.new, path: write.path) }
        for removal in changes.removed { text += UnifiedDiff.diff(old: removal.old, new: nil, path: removal.path) }
        if let manifest = changes.manifest {
            text += UnifiedDiff.diff(old: manifest.old, new: manifest.new, path: manifest.path)
        }
        for conflict in changes.conflicts { text += "\(OutputDirectory.error(for: conflict))\n" }
        let stale = changes.created.count + changes.updated.count + changes.removed.count
        text += "\n\(output)/ is stale: \(changes.created.count) missing, \(changes.updated.count) changed, "
            + "\(changes.removed.count) no longer generated"
            + (changes.conflicts.isEmpty ? "" : ", \(changes.conflicts.count) in the way (not infragen's)")
            + (stale == 0 && changes.conflicts.isEmpty ? " (the ownership manifest differs)" : "")
            + ".\nRun `\(renderCommand)` and commit the result.\n"
        printOut(text)
        throw ExitCode(1)
    }

    private func listing(_ changes: ChangeSet) -> String {
        let colour = isatty(STDOUT_FILENO) != 0
        func line(_ status: String, _ code: String, _ path: String) -> String {
            colour ? "\u{1B}[\(code)m\(status)\u{1B}[0m \(path)\n" : "\(status) \(path)\n"
        }
        var rows: [(String, String)] = []
        rows += changes.created.map { ($0.path, line("created  ", "32", $0.path)) }
        rows += changes.updated.map { ($0.path, line("updated  ", "33", $0.path)) }
        rows += changes.unchanged.map { ($0, line("unchanged", "2", $0)) }
        rows += changes.removed.map { ($0.path, line("removed  ", "31", $0.path)) }
        rows += changes.foreign.map { ($0, line("left alone", "36", $0)) }
        rows += changes.conflicts.map { ($0.path, line("refused  ", "31", "\($0.path) (not infragen's)")) }
        rows += changes.staleTemporaries.map {
            ($0, line("removed  ", "31", "\($0) (temporary file of an interrupted render)"))
        }
        return rows.sorted { $0.0 < $1.0 }.map(\.1).joined()
    }
}
