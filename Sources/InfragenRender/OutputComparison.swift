import Foundation
import InfragenModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A render compared with the output folder file by file, as its units of work hand their files over
/// (``take(_:)``, from any thread), instead of after the whole plan exists. Each file is compared at once; in a
/// render (``Mode/stage``) a created or changed file is staged next to its target at once too, and its text is
/// dropped: what is kept is its path and size. Only a diff (``Mode/diff``) keeps the text of the files that differ.
///
/// Nothing is renamed into place here: ``finish()`` gives the ``ChangeSet`` that ``OutputDirectory/apply(_:)``
/// commits (journal, renames, removals, manifest), exactly as for a plan compared whole. Until then, and whenever it
/// fails, is interrupted (SIGINT, SIGTERM, SIGHUP, noted from ``OutputDirectory/compare(_:adopt:_:)`` on) or is not
/// applied, ``discard()`` removes the staged files and the folders made for them: the folder is as it was.
public final class OutputComparison: @unchecked Sendable {
    public enum Mode: Sendable {
        /// A render: created and changed files are staged as they arrive; no text is kept.
        case stage
        /// `render --check`: nothing is written; the old and new text of each file that differs is kept for a diff.
        case diff
        /// Nothing is written; the new text of each file that differs is kept for ``OutputDirectory/apply(_:)``.
        case compare
    }

    enum Comparison: Sendable { case unchanged, updated, created, conflict(ChangeSet.Conflict.Reason) }

    /// What is kept of one file.
    struct Entry {
        var path: String
        var size: Int
        var comparison: Comparison
        var adopted: Bool
        var old: String?
        var new: String?
        var staged: String?
    }

    let directory: OutputDirectory
    let mode: Mode
    let adopt: Bool
    let oldManifest: Set<String>
    /// The folder's files before anything was staged (for removals, foreign and stale temporary files).
    let listing: [String]
    /// Listed temporary files named with this process's id: stale by definition, removed before one is reused.
    private let ownTemporaries: Set<String>
    /// Whether this comparison may decide about a path on disk (the selection).
    private let covers: @Sendable (String) -> Bool

    private let lock = NSLock()
    private var entries: [Entry] = []
    private var seen: Set<String> = []
    private var duplicate: String?
    private var checkedFolders: Set<String> = []
    private var knownFolders: Set<String> = []
    private var createdFolders: [String] = []
    private var staged: [String] = []
    private var failure: OutputError?
    private var interruptionInstalled = false
    private var committed = false
    private var closed = false

    init(directory: OutputDirectory, mode: Mode, adopt: Bool, covers: @escaping @Sendable (String) -> Bool) throws {
        self.directory = directory
        self.mode = mode
        self.adopt = adopt
        self.covers = covers
        oldManifest = directory.readManifest()
        listing = try directory.listFiles()
        let pid = getpid()
        ownTemporaries = Set(listing.filter { OutputDirectory.temporaryOwner($0) == pid })
        if mode == .stage {
            Interruption.install()
            interruptionInstalled = true
        }
    }

    /// Whether the work may stop early: a signal arrived while staging, or staging failed.
    public var isStopped: Bool {
        guard mode == .stage else { return false }
        if Interruption.pending != nil { return true }
        lock.lock()
        defer { lock.unlock() }
        return failure != nil
    }

    /// Compares (and in a render stages) the files of one unit of work. Safe to call from many threads at once.
    public func take(_ files: [GeneratedFile]) {
        var taken: [Entry] = []
        taken.reserveCapacity(files.count)
        for file in files {
            lock.lock()
            let isNew = seen.insert(file.path).inserted
            if !isNew { duplicate = duplicate ?? file.path }
            lock.unlock()
            guard isNew else { continue }
            var entry = compare(file)
            switch entry.comparison {
            case .created, .updated:
                switch mode {
                case .stage: entry.staged = stage(file)
                case .diff, .compare: entry.new = file.contents
                }
            case .unchanged, .conflict:
                break
            }
            taken.append(entry)
        }
        lock.lock()
        entries += taken
        lock.unlock()
    }

    /// One file against the folder: unchanged, changed, missing, or in the way (not infragen's).
    private func compare(_ file: GeneratedFile) -> Entry {
        let new = file.contents.utf8
        var entry = Entry(path: file.path, size: new.count, comparison: .created, adopted: false)
        let path = directory.absolute(file.path)
        guard let size = FileAccess.size(path), let head = FileAccess.head(path, limit: OutputDirectory.headLength) else {
            return entry
        }
        if !oldManifest.contains(file.path) || !FileHeader.begins(head) {
            guard adopt else {
                entry.comparison = .conflict(oldManifest.contains(file.path) ? .headerRemoved : .notInManifest)
                return entry
            }
            entry.adopted = true
        }
        entry.comparison = .updated
        if size == new.count, size <= head.count ? head.elementsEqual(new) : Self.holds(path, file.contents) {
            entry.comparison = .unchanged
        } else if mode == .diff {
            entry.old = directory.oldText(file.path, size: size)
        }
        return entry
    }

    /// Whether the file at `path` holds exactly `contents`, compared a piece at a time.
    private static func holds(_ path: String, _ contents: String) -> Bool {
        var contents = contents
        return contents.withUTF8 { FileAccess.holds(path, exactly: $0) }
    }

    /// Stages one file next to its target; nil when staging has stopped (a signal, or an earlier failure).
    private func stage(_ file: GeneratedFile) -> String? {
        guard Interruption.pending == nil else { return nil }
        let temporary = OutputDirectory.temporaryPath(for: file.path)
        lock.lock()
        do {
            guard failure == nil else {
                lock.unlock()
                return nil
            }
            guard OutputJournal.isSafe(file.path) else {
                throw OutputError(path: file.path, problem: "is not a path infragen can journal",
                                  hint: "report this as a bug; nothing was written")
            }
            try directory.preflight(file.path, checkedFolders: &checkedFolders)
            createdFolders += try directory.makeFolders(for: file.path, known: &knownFolders)
            if ownTemporaries.contains(temporary) { unlink(directory.absolute(temporary)) }
        } catch let error as OutputError {
            failure = failure ?? error
            lock.unlock()
            return nil
        } catch {
            lock.unlock()
            return nil
        }
        lock.unlock()
        do {
            try directory.writeNew(file.contents, to: temporary, reportedAs: file.path)
        } catch {
            lock.lock()
            failure = failure ?? error
            lock.unlock()
            return nil
        }
        lock.lock()
        staged.append(temporary)
        lock.unlock()
        return temporary
    }

    /// The change set of every file taken, in path order, with the folder's stale, foreign and edited files and the
    /// new manifest. Throws, after ``discard()``, when staging failed or was interrupted, or two files share a path.
    public func finish() throws -> ChangeSet {
        lock.lock()
        let failure = self.failure, duplicate = self.duplicate
        lock.unlock()
        if let failure {
            discard()
            throw failure
        }
        if mode == .stage, let signal = Interruption.pending {
            discard()
            throw OutputInterrupted(signal: signal, completed: false)
        }
        if let duplicate {
            discard()
            throw RenderPlan.DuplicatePath(path: duplicate)
        }
        var changes = ChangeSet()
        changes.staging = self
        entries.sort { $0.path < $1.path }
        for entry in entries {
            if entry.adopted { changes.adopted.append(entry.path) }
            switch entry.comparison {
            case .unchanged: changes.unchanged.append(entry.path)
            case .updated: changes.updated.append(.init(path: entry.path, old: entry.old, new: entry.new, staged: entry.staged))
            case .created: changes.created.append(.init(path: entry.path, old: nil, new: entry.new, staged: entry.staged))
            case .conflict(let reason): changes.conflicts.append(.init(path: entry.path, reason: reason))
            }
        }
        changes.files = entries.count
        changes.bytes = entries.reduce(0) { $0 + $1.size }
        directory.addFolderState(to: &changes, listing: listing, planned: seen, oldManifest: oldManifest,
                                 oldContents: mode == .diff, covers: covers)
        return changes
    }

    /// Removes every staged file and every folder made for them, unless an apply committed them (wrote its journal);
    /// then stops noting signals. Runs once; later calls do nothing.
    public func discard() {
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { return }
        closed = true
        if !committed {
            for temporary in staged { unlink(directory.absolute(temporary)) }
            for folder in createdFolders.reversed() { rmdir(folder) }
        }
        if interruptionInstalled { Interruption.restore() }
    }

    /// Called by ``OutputDirectory/apply(_:)`` once its journal names the staged files: they are no longer ours to
    /// remove.
    func commit() {
        lock.lock()
        committed = true
        lock.unlock()
    }

    /// The folders made for staged files (absolute), outermost first, for an apply that takes them back.
    var madeFolders: [String] {
        lock.lock()
        defer { lock.unlock() }
        return createdFolders
    }

    deinit { discard() }
}

extension OutputDirectory {
    /// Compares the files `produce` hands to the comparison (from any thread, as they are generated) with this
    /// folder; in ``OutputComparison/Mode/stage`` they are staged as they arrive. Call it holding the folder
    /// (``withExclusiveAccess(creating:waiting:_:)``), after ``settle()``. On any error everything staged is removed
    /// again; the change set returned must be applied (``apply(_:)``) or ``ChangeSet/discardStaged()``ed (it is also
    /// discarded when the last copy goes).
    public func compare(
        _ mode: OutputComparison.Mode, adopt: Bool = false, covering covers: @escaping @Sendable (String) -> Bool,
        _ produce: (OutputComparison) throws -> Void
    ) throws -> ChangeSet {
        let comparison = try OutputComparison(directory: self, mode: mode, adopt: adopt, covers: covers)
        do {
            try produce(comparison)
            return try comparison.finish()
        } catch {
            comparison.discard()
            throw error
        }
    }
}
