import Foundation
import InfragenModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension OutputDirectory {
    /// Writes every change, all or nothing as the next infragen command sees it:
    ///
    /// 1. every path is checked (no link, no read-only file, no file where a folder goes) and stale temporary files
    ///    are removed;
    /// 2. every new file is staged next to its target (in parallel), unless a render staged it already as it was
    ///    generated (``compare(_:adopt:covering:_:)``); a failure, or SIGINT/SIGTERM/SIGHUP, removes the temporary
    ///    files and the folders made for them: nothing has changed;
    /// 3. the journal (``OutputJournal``) is written — the commit point;
    /// 4. the files are renamed into place, stale files removed, the manifest renamed last; signals now wait;
    /// 5. the journal is removed. A process killed during 4 leaves the journal, and ``settle()`` finishes the work.
    ///
    /// Files whose paths are ``ChangeSet/conflicts`` are never written: the apply refuses before step 1.
    public func apply(_ changes: ChangeSet) throws {
        if let conflict = changes.conflicts.first {
            changes.discardStaged()
            throw Self.error(for: conflict)
        }
        var writes = changes.writes
        if let manifest = changes.manifest { writes.append(manifest) }
        guard !writes.isEmpty || !changes.removed.isEmpty || !changes.staleTemporaries.isEmpty else { return }
        for write in writes where !OutputJournal.isSafe(write.path) {
            changes.discardStaged()
            throw OutputError(path: write.path, problem: "is not a path infragen can journal",
                              hint: "report this as a bug; nothing was written")
        }

        var checkedFolders: Set<String> = []
        do {
            for write in writes where write.staged == nil { try preflight(write.path, checkedFolders: &checkedFolders) }
            for removal in changes.removed { try preflight(removal.path, checkedFolders: &checkedFolders) }
        } catch {
            changes.discardStaged()
            throw error
        }
        removeStaleTemporaries(changes)

        Interruption.install()
        defer { Interruption.restore() }
        var createdFolders: [String] = []
        var staged: [String] = []
        var steps: [OutputJournal.Step] = []
        func takeBack() {
            for temporary in staged { unlink(absolute(temporary)) }
            for folder in createdFolders.reversed() { rmdir(folder) }
            changes.discardStaged()
        }
        do {
            // Files a render staged as it generated them are there already; the rest (the manifest, a plan compared
            // whole) are staged now, in parallel.
            let pending = writes.indices.filter { writes[$0].staged == nil }
            var knownFolders: Set<String> = []
            for index in pending { createdFolders += try makeFolders(for: writes[index].path, known: &knownFolders) }
            let directory = self, planned = writes
            let results = Parallel.map(pending.count) { piece -> Result<String, OutputError>? in
                guard Interruption.pending == nil else { return nil }
                let write = planned[pending[piece]]
                let temporary = Self.temporaryPath(for: write.path)
                return Result { () throws(OutputError) in
                    guard let new = write.new else {
                        throw OutputError(path: write.path, problem: "has neither its text nor a staged file",
                                          hint: "report this as a bug; nothing was written")
                    }
                    try directory.writeNew(new, to: temporary, reportedAs: write.path)
                    return temporary
                }
            }
            var firstError: OutputError?
            var temporaries = writes.map(\.staged)
            for (piece, result) in results.enumerated() {
                switch result {
                case .success(let temporary)?:
                    staged.append(temporary)
                    temporaries[pending[piece]] = temporary
                case .failure(let error)?: firstError = firstError ?? error
                case nil: break
                }
            }
            if let firstError { throw firstError }
            if let signal = Interruption.pending { throw OutputInterrupted(signal: signal, completed: false) }
            steps = zip(temporaries, writes).map { OutputJournal.Step.rename(temporary: $0!, target: $1.path) }
            let manifestStep = changes.manifest == nil ? nil : steps.removeLast()
            steps += changes.removed.map { .remove($0.path) }
            if let manifestStep { steps.append(manifestStep) }
            try writeJournal(steps)
            changes.staging?.commit()
        } catch {
            takeBack()
            throw error
        }

        // Committed: from here on the journal lets the next command finish what this one does not.
        try replay(steps, fresh: true)
        if let signal = Interruption.pending { throw OutputInterrupted(signal: signal, completed: true) }
    }

    /// What ``settle()`` found and did.
    public struct Settlement: Sendable, Equatable {
        /// A journal was found: an interrupted render had committed, and it was finished now.
        public var finished = false
        /// Its files moved into place and stale files removed now.
        public var renamed = 0
        public var removed = 0
    }

    /// Finishes an apply that was stopped while moving its files into place (its journal is still there): renames
    /// what is still staged, removes what is still listed for removal, then the journal. Run before anything else,
    /// under the lock. Replaying is idempotent, so a settle that is itself killed is finished by the next one.
    public func settle() throws -> Settlement {
        guard FileAccess.type(absolute(OutputJournal.name)) != .missing else { return Settlement() }
        guard let steps = try journalSteps() else {
            throw OutputError(
                path: OutputJournal.name, problem: "is not a journal infragen wrote",
                hint: "move it away, then run the render again; nothing was changed")
        }
        return try replay(steps, fresh: false)
    }

    /// The journal's steps, nil when it cannot be read as one.
    private func journalSteps() throws -> [OutputJournal.Step]? {
        guard FileAccess.type(absolute(OutputJournal.name)) == .regular,
              let bytes = FileAccess.contents(absolute(OutputJournal.name), limit: Self.diffLimit),
              let text = String(validating: bytes, as: UTF8.self) else { return nil }
        return OutputJournal.steps(text)
    }

    /// Runs a journal's steps. `fresh`: right after this process staged and checked them (a settle checks every
    /// step again, since anything may have happened to the folder since).
    @discardableResult
    private func replay(_ steps: [OutputJournal.Step], fresh: Bool) throws -> Settlement {
        var settlement = Settlement(finished: !fresh)
        var checkedFolders: Set<String> = []
        for step in steps {
            switch step {
            case .rename(let temporary, let target):
                if !fresh {
                    guard FileAccess.type(absolute(temporary)) == .regular else { continue }  // moved already
                    try preflight(target, checkedFolders: &checkedFolders)
                }
                guard rename(absolute(temporary), absolute(target)) == 0 else {
                    throw OutputError(
                        path: target, problem: "could not be replaced (\(FileAccess.errorText))",
                        hint: "check the folder's permissions and run \(command) render again: the journal "
                            + "\(OutputJournal.name) lets it finish this render")
                }
                settlement.renamed += 1
            case .remove(let path):
                if !fresh { try preflight(path, checkedFolders: &checkedFolders) }
                let file = absolute(path)
                guard let head = FileAccess.head(file, limit: Self.headLength), FileHeader.begins(head) else { continue }
                if unlink(file) == 0 {
                    settlement.removed += 1
                    removeEmptyFolders(above: path)
                }
            }
        }
        unlink(absolute(OutputJournal.name))
        return settlement
    }

    private func writeJournal(_ steps: [OutputJournal.Step]) throws {
        let temporary = Self.temporaryPath(for: OutputJournal.name)
        try writeNew(OutputJournal.text(steps), to: temporary, reportedAs: OutputJournal.name)
        guard rename(absolute(temporary), absolute(OutputJournal.name)) == 0 else {
            let problem = FileAccess.errorText
            unlink(absolute(temporary))
            throw OutputError(path: OutputJournal.name, problem: "could not be written (\(problem))",
                              hint: "check the folder's permissions and free space; nothing was changed")
        }
    }

    /// Removes the temporary files of renders that are gone (``ChangeSet/staleTemporaries``).
    public func removeStaleTemporaries(_ changes: ChangeSet) {
        var checkedFolders: Set<String> = []
        for temporary in changes.staleTemporaries where (try? preflight(temporary, checkedFolders: &checkedFolders)) != nil {
            unlink(absolute(temporary))
        }
    }

    /// The error that refuses a conflict, with what to do.
    public static func error(for conflict: ChangeSet.Conflict) -> OutputError {
        switch conflict.reason {
        case .notInManifest:
            OutputError(
                path: conflict.path,
                problem: "exists but was not written by infragen (\(manifestName) does not list it), so infragen never overwrites it",
                hint: "move it away, or pass --adopt to let infragen take over the files at the paths it generates; nothing was written")
        case .headerRemoved:
            OutputError(
                path: conflict.path,
                problem: "was written by infragen, but its header was removed by hand, so it is yours now and infragen never overwrites it",
                hint: "restore the header line, move the file away, or pass --adopt to let infragen take it back; nothing was written")
        }
    }
}
