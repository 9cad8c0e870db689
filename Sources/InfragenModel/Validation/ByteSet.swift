/// A set of bytes as a table, built once: the text checks run for every service of every system.
struct ByteSet: Sendable {
    private let members: [Bool]

    init(_ bytes: String) {
        var members = Array(repeating: false, count: 256)
        for byte in bytes.utf8 { members[Int(byte)] = true }
        self.members = members
    }

    func contains(_ byte: UInt8) -> Bool { members[Int(byte)] }
}
