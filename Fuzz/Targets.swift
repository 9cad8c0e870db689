import Foundation

/// The fuzz targets, one function per printer or parser, chosen with INFRAGEN_FUZZ_TARGET.
///
/// To fuzz another printer, write `func fuzzSomething(_ data: [UInt8])` in its own file here (it may
/// `@testable import InfragenGenerators`) and add a line to this table; `scripts/fuzz --list` shows them.
let fuzzTargets: [(name: String, run: ([UInt8]) -> Void)] = [
    ("yaml-parse", fuzzYAMLParse),
    ("yaml-emit", fuzzYAMLEmit),
    ("yaml-writer", fuzzYAMLWriter),
]

nonisolated(unsafe) private var selected: ([UInt8]) -> Void = fuzzYAMLEmit

/// Stops the process the way libFuzzer counts as a finding, with the input's story on stderr.
func fuzzFailure(_ message: String) -> Never {
    FileHandle.standardError.write(Data("FUZZ MISMATCH: \(message)\n".utf8))
    abort()
}

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
    let name = ProcessInfo.processInfo.environment["INFRAGEN_FUZZ_TARGET"] ?? "yaml-emit"
    guard let target = fuzzTargets.first(where: { $0.name == name }) else {
        let known = fuzzTargets.map(\.name).joined(separator: ", ")
        FileHandle.standardError.write(Data("unknown INFRAGEN_FUZZ_TARGET '\(name)' (known: \(known))\n".utf8))
        exit(2)
    }
    selected = target.run
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    selected(bytes)
    return 0
}
