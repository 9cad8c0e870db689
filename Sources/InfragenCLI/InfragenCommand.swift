import ArgumentParser
public import InfragenModel
import InfragenRender
import InfragenGenerators
import Foundation

/// The `infragen` command line, as a library: a team's own package calls ``InfragenCLI/main(systems:)`` with its
/// blueprints and gets the same commands.
public enum InfragenCLI {
    @TaskLocal static var systems: [SystemDescription] = []
    @TaskLocal static var generators: [any Generator] = Generators.all
    @TaskLocal static var command: String = FileHeader.defaultCommand
    /// Where this task's commands write; the process's standard output and error unless a caller (a test running
    /// beside others in one process) hands its own.
    @TaskLocal public static var output: CommandOutput = .standard

    /// infragen's own generators, in the order their files are listed: a team adds its own after them,
    /// `generators: InfragenCLI.builtInGenerators + [DashboardGenerator()]`.
    public static var builtInGenerators: [any Generator] { Generators.all }

    /// Runs the command line with these systems and generators (infragen's own, unless a team adds its own); exits
    /// the process. `command` is what the team types to run it, without `render` (`"swift run deploy"`): every
    /// generated file's header and every hint name it, so a message fits the team's repository. It is a parameter,
    /// not the executable's name, so that the output does not depend on how the command was started.
    public static func main(
        systems: [SystemDescription], generators: [any Generator] = builtInGenerators,
        command: String = FileHeader.defaultCommand, arguments: [String]? = nil
    ) -> Never {
        let code = run(systems: systems, generators: generators, command: command, arguments: arguments)
        exit(code)
    }

    /// Runs the command line with these systems and generators and returns the exit code (for tests and embedding).
    /// The generators decide which kinds of file exist: `--only`, its help and its suggestions list theirs.
    public static func run(
        systems: [SystemDescription], generators: [any Generator] = builtInGenerators,
        command: String = FileHeader.defaultCommand, arguments: [String]? = nil
    ) -> Int32 {
        if let problem = FileHeader.problem(command: command) {
            printError(
                "error: InfragenCLI.main(command:): \(problem); pass what the team types, e.g. \"swift run deploy\"\n")
            return ExitCode.validationFailure.rawValue
        }
        if arguments == nil, let problem = nonUTF8Argument() {
            printError("error: \(problem)\n")
            return ExitCode.validationFailure.rawValue
        }
        return $systems.withValue(systems) {
            $generators.withValue(generators) { $command.withValue(command) {
                do {
                    var command = try Infragen.parseAsRoot(arguments)
                    try command.run()
                    return 0
                } catch {
                    let code = Infragen.exitCode(for: error).rawValue
                    if code != 0 || !(error is ExitCode) {
                        let message = Infragen.fullMessage(for: error)
                        if !message.isEmpty {
                            printError((message + "\n"))
                        }
                    }
                    return code
                }
            } }
        }
    }
}

/// The first command-line argument that is not valid UTF-8, described, or nil. Swift's `CommandLine.arguments` would
/// replace such bytes with U+FFFD, so that `--output out\xff` silently became another folder: infragen takes paths
/// as the bytes the user gave, and refuses what it cannot keep byte for byte.
func nonUTF8Argument() -> String? {
    for index in 1..<Int(CommandLine.argc) {
        guard let pointer = CommandLine.unsafeArgv[index] else { continue }
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer))
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var valid = 0
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): valid += UTF8.width(scalar)
            case .emptyInput: break decoding
            case .error:
                let printable = String(decoding: bytes[..<valid], as: UTF8.self)
                return "argument \(index) ('\(printable)' and then the byte 0x"
                    + "\(String(bytes[valid], radix: 16, uppercase: true))) is not valid UTF-8; infragen takes names and "
                    + "paths as UTF-8 and never alters them: rename the folder or choose another"
            }
        }
    }
    return nil
}

struct Infragen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "infragen",
        abstract: "Generate Dockerfiles, Kubernetes manifests, Nginx configs and SLO rules from Swift blueprints.",
        subcommands: [Render.self, List.self, Lint.self, Dump.self, ReviewCommand.self, InitCommand.self],
        defaultSubcommand: Render.self)
}

/// Options that pick what to work on.
struct SelectionOptions: ParsableArguments {
    @Option(name: .long, help: "Only this system (repeatable).")
    var system: [String] = []

    @Option(name: .long, help: "Only this environment (repeatable).")
    var environment: [String] = []

    @Option(name: .long, parsing: .singleValue,
            help: "Only these kinds of file, comma-separated: \(Self.kinds.joined(separator: ",")).")
    var only: [String] = []

    /// The kinds of file the registered generators make.
    static var kinds: [String] { OutputLayout(InfragenCLI.generators).kinds.map(\.rawValue) }

    /// The selection, or a "did you mean" error for names that do not exist.
    func selection(in systems: [SystemDescription]) throws -> RenderSelection {
        let systemNames = systems.map(\.name)
        for name in system where !systemNames.contains(name) {
            throw ValidationError(unknown("system", name, systemNames))
        }
        let chosen = system.isEmpty ? systems : systems.filter { system.contains($0.name) }
        let environmentNames = Array(Set(chosen.flatMap { $0.environments.map(\.environment.name) })).sorted()
        for name in environment where !environmentNames.contains(name) {
            throw ValidationError(unknown("environment", name, environmentNames))
        }
        var kinds: Set<ArtifactKind> = []
        let knownKinds = Self.kinds
        for name in only.flatMap({ $0.split(separator: ",").map(String.init) }) {
            guard knownKinds.contains(name) else { throw ValidationError(unknown("kind of file", name, knownKinds)) }
            kinds.insert(ArtifactKind(name))
        }
        return RenderSelection(systems: Set(system), environments: Set(environment), kinds: kinds)
    }

    private func unknown(_ what: String, _ name: String, _ known: [String]) -> String {
        var text = "unknown \(what) '\(name)'"
        if let hint = Suggestions.hint(for: name, in: known) { text += "; \(hint)" }
        return text + " (known: \(known.joined(separator: ", ")))"
    }
}

/// Where the blueprint package is: `ImportOpenSLO` paths start there.
struct PackageOptions: ParsableArguments {
    @Option(name: .customLong("package"),
            help: "The blueprint package's folder, where ImportOpenSLO paths start (the current folder by default).")
    var path: String = "."

    /// The folder as an absolute path.
    var root: String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}

/// Prints diagnostics, errors last so they are what a terminal shows at the bottom.
func report(_ diagnostics: [Diagnostic]) {
    guard !diagnostics.isEmpty else { return }
    var text = ""
    for diagnostic in diagnostics.warnings + diagnostics.errors { text += "\(diagnostic)\n" }
    let errors = diagnostics.errors.count, warnings = diagnostics.warnings.count
    if errors > 0 {
        text += "\(errors) error\(errors == 1 ? "" : "s")"
        text += warnings > 0 ? " and \(warnings) warning\(warnings == 1 ? "" : "s")" : ""
        text += "; nothing was written\n"
    }
    printError(text)
}

func printOut(_ text: String) {
    InfragenCLI.output.standardOutput(text)
}

/// Writes to the command's standard error (``InfragenCLI/output``).
func printError(_ text: String) {
    InfragenCLI.output.standardError(text)
}

/// Where the command line writes its output and its diagnostics.
public struct CommandOutput: Sendable {
    public let standardOutput: @Sendable (String) -> Void
    public let standardError: @Sendable (String) -> Void

    public init(standardOutput: @escaping @Sendable (String) -> Void,
                standardError: @escaping @Sendable (String) -> Void) {
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    /// The process's standard output and standard error.
    public static let standard = CommandOutput(
        standardOutput: { FileHandle.standardOutput.write(Data($0.utf8)) },
        standardError: { FileHandle.standardError.write(Data($0.utf8)) })
}
