import Foundation
import InfragenRender
import InfragenTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 13, cases 6 and 7 and the folder-level promise: renders into one folder are exclusive, and an apply is all or
/// nothing as the next infragen command sees it — through two renders at once, SIGINT/SIGTERM/SIGHUP, a render frozen
/// and killed in the middle of its renames, and a full disk.
@Suite(.serialized) struct OutputTransactionTests {
    func files(_ root: URL) throws -> [String: Data] { try OutputSafetyTests.files(under: root) }

    /// Leftovers of an apply: temporary files and the journal.
    func leftovers(_ files: [String: Data]) -> [String] {
        files.keys.filter { OutputDirectoryProbe.temporaryOwner($0) != nil || $0.hasPrefix(".infragen-journal") }.sorted()
    }

    // MARK: - 6: two renders at once

    @Test(.timeLimit(.minutes(10)))
    func twoRendersIntoOneFolderAtOnceEndAsExactlyOne() throws {
        let stress = try StressChild()
        let services = 150
        try withTemporaryFolder { folder in
            let alpha = folder.appendingPathComponent("alpha"), beta = folder.appendingPathComponent("beta")
            #expect(try stress.run(services: services, generation: 1, ["render", "--output", alpha.path], system: "alpha").status == 0)
            #expect(try stress.run(services: services, generation: 2, ["render", "--output", beta.path], system: "beta").status == 0)
            let alphaFiles = try files(alpha), betaFiles = try files(beta)
            let work = folder.appendingPathComponent("work")
            var endings = ["alpha": 0, "beta": 0]
            for round in 0..<20 {
                let a = try stress.start(services: services, generation: 1, ["render", "--output", work.path], system: "alpha")
                let b = try stress.start(services: services, generation: 2, ["render", "--output", work.path], system: "beta")
                a.waitUntilExit()
                b.waitUntilExit()
                #expect(a.terminationStatus == 0 && b.terminationStatus == 0, "round \(round): a render failed")
                let now = try files(work)
                #expect(leftovers(now).isEmpty, "round \(round): \(leftovers(now))")
                if now == alphaFiles { endings["alpha", default: 0] += 1 }
                else if now == betaFiles { endings["beta", default: 0] += 1 }
                else {
                    let extra = Set(now.keys).subtracting(alphaFiles.keys).subtracting(betaFiles.keys)
                    Issue.record("round \(round): the folder is neither render (\(now.count) files; \(extra.count) of neither)")
                }
            }
            print("two renders at once, 20 rounds: the folder ended as alpha \(endings["alpha"]!) times, as beta \(endings["beta"]!) times")
        }
    }

    @Test(.timeLimit(.minutes(5)))
    func aSecondCommandWaitsForTheLockAndSaysSo() throws {
        let stress = try StressChild()
        try withTemporaryFolder { folder in
            let root = folder.appendingPathComponent("Output")
            #expect(try stress.run(services: 3, generation: 1, ["render", "--output", root.path]).status == 0)
            let before = try files(root)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: stress.path)
            process.arguments = ["3", "2", "render", "--output", root.path]
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            var said = ""
            try OutputDirectory(root: root).withExclusiveAccess(creating: false) {
                try process.run()
                while process.isRunning && !said.contains("waiting:") {
                    said += String(decoding: errors.fileHandleForReading.availableData, as: UTF8.self)
                }
                #expect(said.contains("waiting: another infragen command is using \(root.path)"), "\(said)")
                #expect(process.isRunning, "the second render did not wait")
                #expect(try files(root) == before, "the second render wrote while the first held the folder")
            }
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            #expect(try files(root) != before, "the second render did not run after the first")
        }
    }

    // MARK: - 7: SIGINT, SIGTERM and SIGHUP

    @Test(.timeLimit(.minutes(10)))
    func aSignalWhileStagingChangesNothingAndWhileRenamingIsDeferred() throws {
        let stress = try StressChild()
        let services = 400
        try withTemporaryFolder { folder in
            let new = folder.appendingPathComponent("new")
            #expect(try stress.run(services: services, generation: 2, ["render", "--output", new.path]).status == 0)
            let newFiles = try files(new)
            let work = folder.appendingPathComponent("work")
            #expect(try stress.run(services: services, generation: 1, ["render", "--output", work.path]).status == 0)
            let oldFiles = try files(work)
            for signal in [SIGINT, SIGTERM, SIGHUP] {
                // While staging: the render stops, removes its temporary files and changes nothing.
                let staged = try stress.renderWatchingWrites(
                    services: services, generation: 2, into: work, killAt: .whileStaging(after: .milliseconds(2)),
                    signal: signal)
                #expect(staged.signalled, "signal \(signal) was not sent while staging")
                #expect(staged.status == 128 + signal, "signal \(signal): \(String(describing: staged.status))")
                #expect(try files(work) == oldFiles, "signal \(signal) while staging changed the folder")

                // While renaming: the render finishes first, then exits with the signal's status.
                let renamed = try stress.renderWatchingWrites(
                    services: services, generation: 2, into: work, killAt: .whileRenaming(after: .zero), signal: signal)
                #expect(renamed.signalled, "signal \(signal) was not sent while renaming")
                #expect(renamed.status == 128 + signal, "signal \(signal): \(String(describing: renamed.status))")
                #expect(try files(work) == newFiles, "signal \(signal) while renaming left a mixed folder")
                // Back to the old render for the next signal.
                #expect(try stress.run(services: services, generation: 1, ["render", "--output", work.path]).status == 0)
                #expect(try files(work) == oldFiles)
            }
        }
    }

    // MARK: - The journal: a render frozen after its first rename, then killed

    @Test(.timeLimit(.minutes(10)))
    func aRenderKilledAfterItsFirstRenameIsFinishedByTheNextCommand() throws {
        let stress = try StressChild()
        let services = 400
        try withTemporaryFolder { folder in
            let new = folder.appendingPathComponent("new")
            #expect(try stress.run(services: services, generation: 2, ["render", "--output", new.path]).status == 0)
            let newFiles = try files(new)
            let work = folder.appendingPathComponent("work")
            #expect(try stress.run(services: services, generation: 1, ["render", "--output", work.path]).status == 0)
            let oldFiles = try files(work)

            // Frozen with SIGSTOP as soon as its first file is in place, then killed: a mix of old and new on disk.
            let process = try stress.start(services: services, generation: 2, ["render", "--output", work.path])
            let first = work.appendingPathComponent("stress/.README.md.infragen-\(process.processIdentifier).tmp").path
            while process.isRunning && access(first, F_OK) != 0 { usleep(50) }
            while process.isRunning && access(first, F_OK) == 0 { usleep(20) }
            kill(process.processIdentifier, SIGSTOP)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let mixed = try files(work)
            let fromNew = mixed.filter { newFiles[$0.key] == $0.value && oldFiles[$0.key] != $0.value }.count
            let fromOld = mixed.filter { oldFiles[$0.key] == $0.value && newFiles[$0.key] != $0.value }.count
            try #require(fromNew > 0 && fromOld > 0, "the kill did not land between two renames (\(fromNew) new, \(fromOld) old)")
            #expect(mixed[".infragen-journal"] != nil, "no journal while renaming")

            // The next command, even a check, finishes the interrupted render first, says so and fails.
            let check = try stress.run(services: services, generation: 2, ["render", "--check", "--output", work.path])
            #expect(check.status == 1, "\(check)")
            #expect(check.stdout.contains("finished an interrupted render"), "\(check)")
            #expect(check.stdout.contains("Run `"), "the check names the fix: \(check)")
            #expect(try files(work) == newFiles, "the folder is not exactly the new render")
            #expect(try stress.run(services: services, generation: 2, ["render", "--check", "--output", work.path]).status == 0)
            print("journal test: killed between renames with \(fromNew) files new and \(fromOld) old; the next check finished it")
        }
    }

    // MARK: - A full disk

    @Test(
        .enabled(if: ExternalTool.isCI || getuid() == 0, "skipped: mounting a small tmpfs needs root (CI runs as root)"),
        .timeLimit(.minutes(5)))
    func aFullDiskFailsCleanlyWithTheOldFilesIntact() throws {
        let stress = try StressChild()
        try withTemporaryFolder { folder in
            let disk = folder.appendingPathComponent("small")
            try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
            let mount = try runProcess("/bin/mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", disk.path])
            try #require(mount.status == 0, "could not mount a 2 MiB tmpfs: \(mount)")
            defer { _ = try? runProcess("/bin/umount", [disk.path]) }
            let output = disk.appendingPathComponent("Output")
            #expect(try stress.run(services: 20, generation: 1, ["render", "--output", output.path]).status == 0)
            let before = try files(output)
            // 400 services of a few kilobytes each do not fit into 2 MiB.
            let full = try stress.run(services: 400, generation: 2, ["render", "--output", output.path])
            #expect(full.status == 1, "\(full)")
            #expect(full.stderr.contains("No space left on device"), "\(full)")
            #expect(try files(output) == before, "a failed render changed the folder or left files behind")
            #expect(try stress.run(services: 20, generation: 1, ["render", "--check", "--output", output.path]).status == 0)
        }
    }
}
