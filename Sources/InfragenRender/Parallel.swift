import Dispatch

/// Runs independent pieces of work on every core and returns their results in the order of the pieces, so that the
/// outcome is the same as a loop's whatever the threads did first.
enum Parallel {
    /// `body(0) … body(count - 1)`, in parallel when there is more than one piece; results in index order.
    static func map<Result: Sendable>(_ count: Int, _ body: @Sendable (Int) -> Result) -> [Result] {
        guard count > 1 else { return (0..<count).map(body) }
        let slots = Slots<Result>(count)
        DispatchQueue.concurrentPerform(iterations: count) { index in slots.set(index, body(index)) }
        return slots.values()
    }

    /// ``map(_:_:)`` for throwing work: every piece runs; the first error in index order is thrown, as a loop would.
    static func map<Value: Sendable>(_ count: Int, _ body: @Sendable (Int) throws -> Value) throws -> [Value] {
        try map(count) { index in Swift.Result { try body(index) } }.map { try $0.get() }
    }

    /// One slot per piece, each written by exactly one thread, read after all have finished.
    private final class Slots<Value>: @unchecked Sendable {
        private let buffer: UnsafeMutableBufferPointer<Value?>

        init(_ count: Int) {
            buffer = .allocate(capacity: count)
            buffer.initialize(repeating: nil)
        }

        deinit {
            buffer.deinitialize()
            buffer.deallocate()
        }

        func set(_ index: Int, _ value: Value) { buffer[index] = value }

        func values() -> [Value] { buffer.map { $0! } }
    }
}
