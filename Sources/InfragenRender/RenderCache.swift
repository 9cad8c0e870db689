public import InfragenModel
import Foundation

/// The engine's ``GenerationCache`` storage, one per render: a table of entries under a lock, and a lock per entry
/// held while its value is computed, so that every key is computed once even when many threads ask at the same time.
final class RenderCache: GenerationCacheStorage, @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [AnyHashable: AnyObject] = [:]

    /// One key's value; `lock` is held while it is computed.
    private final class Entry<Value> {
        let lock = NSLock()
        var value: Value?
        /// How often it has been handed out.
        var handedOut = 0
    }

    func value<Key: CacheKey>(for key: Key, _ compute: () throws -> Key.Value) rethrows -> Key.Value {
        try value(for: key, uses: .max, compute)
    }

    func value<Key: CacheKey>(for key: Key, uses: Int, _ compute: () throws -> Key.Value) rethrows -> Key.Value {
        while true {
            lock.lock()
            let entry: Entry<Key.Value>
            if let known = entries[key] as? Entry<Key.Value> {
                entry = known
            } else {
                entry = Entry()
                entries[key] = entry
            }
            lock.unlock()

            entry.lock.lock()
            defer { entry.lock.unlock() }
            // Let go while this asker waited: the table has a new entry, or none.
            if entry.handedOut >= uses { continue }
            let value = try entry.value ?? compute()
            entry.handedOut += 1
            if entry.handedOut >= uses {
                // Let go: the table forgets the entry (the next asker makes a new one), and the entry its value.
                entry.value = nil
                lock.lock()
                if entries[key] === entry { entries[key] = nil }
                lock.unlock()
            } else {
                entry.value = value
            }
            return value
        }
    }
}

extension GenerationCache {
    /// A cache for one render (or one test): empty, thread-safe, computing each key once.
    public static func forOneRender() -> GenerationCache { GenerationCache(RenderCache()) }
}
