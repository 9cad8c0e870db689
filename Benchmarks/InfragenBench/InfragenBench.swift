import ArgumentParser
import Foundation
import Infragen
import InfragenGenerators
import InfragenRender

/// `infragen-bench`: renders a synthetic system of N services × 3 environments with every registered generator,
/// into a temporary folder, and prints one JSON line per run (BENCHMARKS.md explains every field).
///
/// Each run: build the model, validate, generate, write (a first render into an empty folder); then render again
/// with nothing changed (must write nothing); then the check (`render --check`: must be clean). Each N runs in a
/// process of its own, so that the peak RSS of one N does not carry over to the next.
@main
struct InfragenBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "infragen-bench",
        abstract: "Render N synthetic services × 3 environments and print one JSON line of timings per run.")

    @Option(name: .long, parsing: .singleValue, help: "Numbers of services, comma-separated (each at least 3).")
    var services: [String] = ["10,100,1000"]

    @Option(name: .long, help: "Runs per number of services; the summary shows medians.")
    var runs = 5

    @Option(name: .long, parsing: .singleValue,
            help: "Only these kinds of file, comma-separated (as `infragen render --only`); all registered when absent.")
    var only: [String] = []

    @Option(name: .long, help: "Render into this folder and leave the last run's files there (one N only).")
    var keep: String?

    @Option(name: .long, help: "Where the temporary folders go (default: the system's, $TMPDIR or /tmp).")
    var scratch: String?

    @Flag(name: .long, help: "Only the first render: no re-render, no check (for timing whole processes).")
    var renderOnly = false

    @Flag(name: .long, help: "Run every N in this process instead of one process each.")
    var inProcess = false

    @Flag(name: .long, help: "No summary table on standard error.")
    var noSummary = false

    func validate() throws {
        let counts = try serviceCounts()
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        if keep != nil && counts.count != 1 { throw ValidationError("--keep needs exactly one number of services") }
        _ = try selection()
    }

    func serviceCounts() throws -> [Int] {
        try services.flatMap { $0.split(separator: ",") }.map { text in
            guard let count = Int(text.replacingOccurrences(of: "_", with: "")), count >= 3 else {
                throw ValidationError("'\(text)' is not a number of services (at least 3)")
            }
            return count
        }
    }

    func selection() throws -> RenderSelection {
        var kinds: Set<ArtifactKind> = []
        for name in only.flatMap({ $0.split(separator: ",").map(String.init) }) {
            let known = OutputLayout(Generators.all).kinds
            guard known.contains(ArtifactKind(name)) else {
                throw ValidationError("unknown kind of file '\(name)' (known: \(known.map(\.rawValue).joined(separator: ", ")))")
            }
            kinds.insert(ArtifactKind(name))
        }
        return RenderSelection(kinds: kinds)
    }

    func run() throws {
        let counts = try serviceCounts()
        var lines: [String] = []
        if counts.count == 1 || inProcess {
            let scratch = URL(fileURLWithPath: self.scratch ?? FileManager.default.temporaryDirectory.path)
            for count in counts {
                let benchmark = Benchmark(services: count, selection: try selection(), keep: keep, scratch: scratch,
                                          renderOnly: renderOnly)
                var folders: [URL] = []
                defer { if keep == nil { for folder in folders { try? FileManager.default.removeItem(at: folder) } } }
                for run in 1...runs {
                    let folder = try benchmark.prepareFolder(run: run)
                    folders.append(folder)
                    let record = try benchmark.run(number: run, folder: folder)
                    emit(record.jsonLine)
                    lines.append(record.jsonLine)
                    // Not a timing: a render with nothing changed must write nothing, and the check must be clean.
                    if let noop = record.noop, noop.writes != 0 {
                        throw ValidationError("the re-render with nothing changed wrote \(noop.writes) files")
                    }
                    if let check = record.check, !check.clean {
                        throw ValidationError("the check after the re-render found the folder stale")
                    }
                }
            }
        } else {
            for count in counts { lines += try runChild(services: count) }
        }
        if !noSummary { FileHandle.standardError.write(Data(MedianTable(lines: lines).table.utf8)) }
    }

    private func emit(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Runs this executable for one N and passes its lines through.
    private func runChild(services count: Int) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var arguments = ["--services", "\(count)", "--runs", "\(runs)", "--no-summary"]
        if !only.isEmpty { arguments += ["--only", only.joined(separator: ",")] }
        if renderOnly { arguments.append("--render-only") }
        if let scratch { arguments += ["--scratch", scratch] }
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        var lines: [String] = []
        var pending = Data()
        while true {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            pending.append(chunk)
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                pending.removeSubrange(pending.startIndex...newline)
                emit(line)
                lines.append(line)
            }
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ValidationError("the run with \(count) services failed (exit \(process.terminationStatus))")
        }
        return lines
    }
}
