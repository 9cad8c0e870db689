import Foundation
import Testing

/// Golden files, compared byte for byte.
///
/// `assertGolden(text, "kubernetes/prod-order-service.yaml", in: #filePath)` compares `text` with
/// `__Golden__/kubernetes/prod-order-service.yaml` next to the test file. With `INFRAGEN_RECORD=1` a missing or
/// different golden file is written and the test still fails, so recording is never mistaken for passing.
public func assertGolden(
    _ actual: String, _ name: String, testFile: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation
) {
    let folder = URL(fileURLWithPath: testFile).deletingLastPathComponent().appendingPathComponent("__Golden__")
    let url = folder.appendingPathComponent(name)
    let expected = FileManager.default.contents(atPath: url.path).map { String(decoding: $0, as: UTF8.self) }
    guard expected != actual else { return }
    if ProcessInfo.processInfo.environment["INFRAGEN_RECORD"] == "1" {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(actual.utf8).write(to: url)
        Issue.record("recorded golden file \(name); run the tests again without INFRAGEN_RECORD", sourceLocation: sourceLocation)
        return
    }
    if let expected {
        Issue.record(
            "golden file \(name) differs (set INFRAGEN_RECORD=1 to re-record):\n\(firstDifference(expected, actual))",
            sourceLocation: sourceLocation)
    } else {
        Issue.record("golden file \(name) is missing; set INFRAGEN_RECORD=1 to record it", sourceLocation: sourceLocation)
    }
}

/// The first differing line, for a readable failure.
public func firstDifference(_ expected: String, _ actual: String) -> String {
    let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(a.count, b.count) {
        let x = index < a.count ? String(a[index]) : "<end of file>"
        let y = index < b.count ? String(b[index]) : "<end of file>"
        if x != y { return "line \(index + 1):\n  expected: \(x)\n  actual:   \(y)" }
    }
    return "(the texts differ only in their final newline)"
}

/// A fresh temporary folder, removed when `body` returns.
public func withTemporaryFolder<T>(_ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("infragen-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}

/// Writes files (path under `root` → contents), creating folders.
public func writeFiles(_ files: [(String, String)], under root: URL) throws {
    for (path, contents) in files {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: url)
    }
}

/// The repository's root folder (where Package.swift is), found from a test file's path.
public func repositoryRoot(testFile: String = #filePath) -> URL {
    var url = URL(fileURLWithPath: testFile).deletingLastPathComponent()
    while url.path != "/" {
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        url = url.deletingLastPathComponent()
    }
    fatalError("no Package.swift above \(testFile)")
}
