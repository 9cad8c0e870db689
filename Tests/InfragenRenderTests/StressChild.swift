import Foundation
import InfragenTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The name rule of OutputDirectory's temporary files, as the tests read it.
enum OutputDirectoryProbe {
    static func temporaryOwner(_ path: String) -> Int32? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard name.hasPrefix("."), name.hasSuffix(".tmp"),
            let marker = name.range(of: ".infragen-", options: .backwards)
        else { return nil }
        return Int32(name[marker.upperBound..<name.index(name.endIndex, offsetBy: -4)])
    }
}

/// The `infragen-stress` executable (Tests/InfragenStress), built next to the test bundle.
struct StressChild {
    let path: String

    init() throws {
        let folder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates = [
            folder.appendingPathComponent("infragen-stress").path,
            repositoryRoot().appendingPathComponent(".build/debug/infragen-stress").path,
        ]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Missing(
                description: "infragen-stress is not built; run `swift build --build-tests` (scripts/test does)")
        }
        path = found
    }

    struct Missing: Error, CustomStringConvertible { let description: String }

    /// Runs the child to completion; `system` names the synthetic system (default `stress`).
    func run(
        services: Int, generation: Int, _ arguments: [String], system: String? = nil, in directory: URL? = nil,
        environment: [String: String] = [:]
    ) throws -> ProcessResult {
        var environment = environment
        if let system { environment["INFRAGEN_STRESS_SYSTEM"] = system }
        return try runProcess(
            path, ["\(services)", "\(generation)"] + arguments, in: directory, environment: environment,
            timeout: .seconds(300))
    }

    /// Starts the child without waiting; its output goes to the null device.
    func start(services: Int, generation: Int, _ arguments: [String], system: String? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["\(services)", "\(generation)"] + arguments
        if let system {
            process.environment = ProcessInfo.processInfo.environment.merging(["INFRAGEN_STRESS_SYSTEM": system]) {
                $1
            }
        }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// When to signal a render: not at all, a time after its first temporary file appeared (staging), or a time
    /// after that file was renamed into place (the renames have begun).
    enum KillPoint {
        case never
        case whileStaging(after: Duration)
        case whileRenaming(after: Duration)
    }

    struct WatchedRun {
        var pid: Int32
        /// Whether the signal was sent while the child ran.
        var signalled: Bool
        /// Whether the child died of the signal (SIGKILL always; SIGINT/SIGTERM/SIGHUP are handled by infragen).
        var killed: Bool
        /// The child's exit status when it exited rather than died.
        var status: Int32?
        /// From the first temporary file to its rename (nil if the child never got there).
        var staging: Duration?
        /// From the first rename to the end of the process.
        var renaming: Duration?
    }

    /// Renders `generation` into `root`, watching the first service's file in the first environment
    /// (`stress/dev/kubernetes/service-0.yaml`: files are staged as their units of work finish, and that unit is among
    /// the first; its rename is among the first too, since the renames go in path order after the README's), and
    /// sends `signal` at `point`.
    func renderWatchingWrites(
        services: Int, generation: Int, into root: URL, killAt point: KillPoint, signal: Int32 = SIGKILL
    ) throws -> WatchedRun {
        let process = try start(services: services, generation: generation, ["render", "--output", root.path])
        let pid = process.processIdentifier
        let first = root.appendingPathComponent("stress/dev/kubernetes/.service-0.yaml.infragen-\(pid).tmp").path
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(300)
        func wait(until condition: () -> Bool) -> ContinuousClock.Instant? {
            while process.isRunning && clock.now < deadline {
                if condition() { return clock.now }
                usleep(50)
            }
            return nil
        }
        var signalled = false
        let stagingStart = wait { access(first, F_OK) == 0 }
        var renamingStart: ContinuousClock.Instant?
        if let stagingStart {
            if case .whileStaging(let delay) = point {
                _ = wait { clock.now >= stagingStart + delay }
                signalled = process.isRunning && kill(pid, signal) == 0
            } else {
                renamingStart = wait { access(first, F_OK) != 0 }
                if let renamingStart, case .whileRenaming(let delay) = point {
                    _ = wait { clock.now >= renamingStart + delay }
                    signalled = process.isRunning && kill(pid, signal) == 0
                }
            }
        }
        process.waitUntilExit()
        let ended = clock.now
        let died = process.terminationReason == .uncaughtSignal
        return WatchedRun(
            pid: pid, signalled: signalled, killed: signalled && died && process.terminationStatus == signal,
            status: died ? nil : process.terminationStatus,
            staging: stagingStart.flatMap { start in renamingStart.map { $0 - start } },
            renaming: renamingStart.map { ended - $0 })
    }
}
