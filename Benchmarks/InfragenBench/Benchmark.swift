import Foundation
import Infragen
import InfragenGenerators
import InfragenRender

/// One run of the benchmark for one number of services.
struct Benchmark {
    let services: Int
    let selection: RenderSelection
    let keep: String?
    /// The folder under which each run makes its own temporary folder.
    let scratch: URL
    let renderOnly: Bool

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// What one run measured.
    struct Record {
        var services = 0
        var run = 0
        var generators: [String] = []
        var files = 0
        var bytes = 0
        var warnings = 0
        var modelMilliseconds = 0.0
        var validationMilliseconds = 0.0
        var generationMilliseconds = 0.0
        var writingMilliseconds = 0.0
        var totalMilliseconds = 0.0
        var cpuMilliseconds = 0.0
        var peakRSSMebibytes = 0.0
        var noop: (milliseconds: Double, writes: Int)?
        var check: (milliseconds: Double, clean: Bool)?

        /// One line of JSON, keys in a fixed order.
        var jsonLine: String {
            func ms(_ value: Double) -> String { String(format: "%.1f", value) }
            var fields: [(String, String)] = [
                ("n", "\(services)"),
                ("environments", "\(SyntheticSystem.environments.count)"),
                ("run", "\(run)"),
                ("generators", "[" + generators.map { "\"\($0)\"" }.joined(separator: ",") + "]"),
                ("files", "\(files)"),
                ("bytes", "\(bytes)"),
                ("warnings", "\(warnings)"),
                ("model_ms", ms(modelMilliseconds)),
                ("validation_ms", ms(validationMilliseconds)),
                ("generation_ms", ms(generationMilliseconds)),
                ("writing_ms", ms(writingMilliseconds)),
                ("total_ms", ms(totalMilliseconds)),
                ("cpu_ms", ms(cpuMilliseconds)),
                ("peak_rss_mib", String(format: "%.1f", peakRSSMebibytes)),
            ]
            if let noop { fields += [("noop_ms", ms(noop.milliseconds)), ("noop_writes", "\(noop.writes)")] }
            if let check { fields += [("check_ms", ms(check.milliseconds)), ("check_clean", "\(check.clean)")] }
            return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
        }
    }

    /// Runs once into a folder of its own, which the caller removes (after all runs, so that the file system's
    /// clean-up of one run does not land in the next one's timings).
    func run(number: Int, folder: URL) throws -> Record {
        let pipeline = RenderPipeline()
        let clock = ContinuousClock()
        Memory.resetPeak()

        var record = Record()
        record.services = services
        record.run = number
        record.generators = pipeline.generators.map(\.kind)
            .filter { selection.kinds.isEmpty || selection.kinds.contains($0) }.map(\.rawValue)

        // The first render, into an empty folder: every file is written.
        let cpuStart = Memory.cpuMilliseconds()
        let start = clock.now
        let system = SyntheticSystem.make(services: services)
        let modelBuilt = clock.now
        let validation = try pipeline.validated([system])
        let validated = clock.now
        guard !validation.diagnostics.hasErrors else {
            throw Failure(description: "the synthetic system does not validate:\n"
                + validation.diagnostics.errors.prefix(20).map(\.description).joined(separator: "\n"))
        }
        let directory = OutputDirectory(root: folder)
        // As `infragen render` does it: under the folder's lock, settled first; each file compared and staged as its
        // unit of work finishes, old contents not kept; then the journal and the renames.
        var staged = validated
        let changes = try directory.withExclusiveAccess(creating: true) {
            _ = try directory.settle()
            let changes = try pipeline.render(validation, selection: selection, into: directory, .stage)
            staged = clock.now
            try directory.apply(changes)
            return changes
        }
        let written = clock.now
        record.cpuMilliseconds = Memory.cpuMilliseconds() - cpuStart

        record.files = changes.files
        record.bytes = changes.bytes
        record.warnings = validation.diagnostics.warnings.count
        record.modelMilliseconds = Self.milliseconds(modelBuilt - start)
        record.validationMilliseconds = Self.milliseconds(validation.duration)
        record.generationMilliseconds = Self.milliseconds(staged - modelBuilt) - record.validationMilliseconds
        record.writingMilliseconds = Self.milliseconds(written - staged)
        record.totalMilliseconds = Self.milliseconds(written - start)
        guard changes.created.count == changes.files else {
            throw Failure(description: "the first render created \(changes.created.count) of \(changes.files) files")
        }

        if !renderOnly {
            // Nothing changed: the same work as `infragen render`, but nothing may be written.
            let again = clock.now
            let noopChanges = try directory.withExclusiveAccess(creating: true) {
                _ = try directory.settle()
                let changes = try changesForFreshRender(directory, .stage)
                try directory.apply(changes)
                return changes
            }
            let writes = noopChanges.created.count + noopChanges.updated.count + noopChanges.removed.count
                + (noopChanges.manifest == nil ? 0 : 1)
            record.noop = (Self.milliseconds(clock.now - again), writes)

            // `infragen render --check`.
            let checkStart = clock.now
            let clean = try directory.withExclusiveAccess(creating: false) {
                let changes = try changesForFreshRender(directory, .diff)
                defer { changes.discardStaged() }
                return changes.isClean
            }
            record.check = (Self.milliseconds(clock.now - checkStart), clean)
        }
        record.peakRSSMebibytes = Memory.peakMebibytes()
        return record
    }

    /// Builds the model again, renders it and compares it with the folder (staging what differs in `.stage`), as a
    /// new `infragen` process would.
    private func changesForFreshRender(_ directory: OutputDirectory, _ mode: OutputComparison.Mode) throws -> ChangeSet {
        let system = SyntheticSystem.make(services: services)
        let pipeline = RenderPipeline()
        let validation = try pipeline.validated([system])
        guard !validation.diagnostics.hasErrors else { throw Failure(description: "the re-render did not validate") }
        return try pipeline.render(validation, selection: selection, into: directory, mode)
    }

    /// The folder of one run: `--keep`'s (emptied first when this benchmark wrote it), or a new one under scratch.
    func prepareFolder(run: Int) throws -> URL {
        if let keep {
            let url = URL(fileURLWithPath: keep)
            if FileManager.default.fileExists(atPath: url.path) {
                let contents = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
                // Only ever empties a folder this benchmark wrote (its manifest is there) or an empty one.
                guard contents.isEmpty || contents.contains(OutputDirectory.manifestName) else {
                    throw Failure(description: "\(keep) is not empty and was not written by infragen-bench")
                }
                try FileManager.default.removeItem(at: url)
            }
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            return url
        }
        let url = scratch.appendingPathComponent("infragen-bench-\(getpid())-\(services)-\(run)")
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
}
