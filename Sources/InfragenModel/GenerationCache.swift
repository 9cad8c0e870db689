/// A key of the ``GenerationCache``: a value that says what is computed from what, and the type of the result. Two
/// equal keys must stand for the same computation, so a key holds the inputs themselves (a budget, a window) or,
/// for something large, names that identify it within one render (a system's and an environment's name).
public protocol CacheKey: Hashable, Sendable {
    associatedtype Value: Sendable
}

/// Values that several units of work need, computed once per render and shared, keyed by value (``CacheKey``). The
/// render engine provides one per render and hands it to every unit (``Generator``); it is safe to use from any
/// thread, and a second unit that asks for a key being computed waits for that result instead of computing it again.
///
///     let index = cache.value(for: ServiceIndexKey(system: system.name, environment: environment.name)) {
///         ServiceIndex(environment)
///     }
///
/// `compute` may ask for other keys, never (directly or through them) for its own. A generator keeps no cache of its
/// own: a static one would outlive the render, and one per unit would compute the same value again.
public struct GenerationCache: Sendable {
    private let storage: any GenerationCacheStorage

    /// A cache over `storage`; the render engine makes them (one per render).
    public init(_ storage: some GenerationCacheStorage) { self.storage = storage }

    /// The value for `key`: the one computed before in this render, or `compute()`'s, kept for the next asker.
    public func value<Key: CacheKey>(for key: Key, _ compute: () throws -> Key.Value) rethrows -> Key.Value {
        try storage.value(for: key, compute)
    }

    /// The value for `key`, let go after it has been handed out `uses` times: for something large (a rule file's
    /// text) that a known number of askers read. A later asker computes it again; nothing but memory depends on
    /// `uses` being right.
    public func value<Key: CacheKey>(for key: Key, uses: Int, _ compute: () throws -> Key.Value) rethrows
        -> Key.Value {
        try storage.value(for: key, uses: uses, compute)
    }
}

/// Where a ``GenerationCache`` keeps its values; the render engine's implementation is thread-safe and computes
/// each key once.
public protocol GenerationCacheStorage: Sendable {
    func value<Key: CacheKey>(for key: Key, _ compute: () throws -> Key.Value) rethrows -> Key.Value
    /// As ``value(for:_:)``, then forgotten once handed out `uses` times.
    func value<Key: CacheKey>(for key: Key, uses: Int, _ compute: () throws -> Key.Value) rethrows -> Key.Value
}

extension GenerationCacheStorage {
    /// A storage that keeps every value for the whole render.
    public func value<Key: CacheKey>(for key: Key, uses: Int, _ compute: () throws -> Key.Value) rethrows
        -> Key.Value {
        try value(for: key, compute)
    }
}
