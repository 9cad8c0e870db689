/// A large file's text put together in place: its exact size first, then its parts copied once into the string's
/// own storage (a rule file of 16 MB is not first an array, then a string, then the string behind its header).
struct TextAssembly {
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0

    private init(_ buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

    /// The string of `count` bytes that `body` appends; `count` must be exactly what it appends.
    static func string(count: Int, _ body: (inout TextAssembly) -> Void) -> String {
        String(unsafeUninitializedCapacity: count) { buffer in
            var assembly = TextAssembly(buffer)
            body(&assembly)
            precondition(assembly.count == count, "assembled \(assembly.count) bytes, not \(count)")
            return assembly.count
        }
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0[...]) }
    }

    mutating func append(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) {
        precondition(count + bytes.count <= buffer.count, "assembled more than its size")
        _ = UnsafeMutableBufferPointer(rebasing: buffer[count..<(count + bytes.count)]).initialize(fromContentsOf: bytes)
        count += bytes.count
    }

    mutating func append(spaces: Int) {
        precondition(count + spaces <= buffer.count, "assembled more than its size")
        for index in count..<(count + spaces) { buffer[index] = 0x20 }
        count += spaces
    }

    mutating func appendLineFeed() {
        precondition(count < buffer.count, "assembled more than its size")
        buffer[count] = 0x0A
        count += 1
    }
}
