import Foundation
import Infragen
import InfragenModel
import InfragenRender
import InfragenTestSupport
import InfragenYAML
import Testing

/// One hostile blueprint and what infragen must do with it.
struct HostileCase: Sendable, CustomTestStringConvertible {
    /// Refused: exactly these errors (warnings aside), and not a single file generated.
    /// Legal: no error, exactly these warnings, and every read-back sees the value meant.
    enum Outcome: Sendable {
        case refused([ExpectedDiagnostic])
        case legal(warnings: [ExpectedDiagnostic], readBacks: [any ReadBack])
    }

    let name: String
    let systems: [SystemDescription]
    let outcome: Outcome
    /// Files of the blueprint package (path → contents) the case's `ImportOpenSLO` reads; the case then runs with a
    /// temporary folder holding them as its package root.
    var packageFiles: [String: String] = [:]
    /// Symbolic links in that package (path → target).
    var packageLinks: [String: String] = [:]
    /// A known defect on main that another branch fixes: the case runs inside `withKnownIssue`, which fails once the
    /// defect is gone, so the marker is removed when the fix is merged.
    var knownIssue: Comment?

    var testDescription: String { name }

    var readBacks: [any ReadBack] {
        if case .legal(_, let readBacks) = outcome { return readBacks }
        return []
    }

    /// The external tool this case's read-backs need (nil: libyaml only, always present).
    func needs(_ tool: String?) -> Bool { readBacks.contains { $0.tool == tool } }

    static func refused(_ name: String, _ system: SystemDescription, _ expected: ExpectedDiagnostic...) -> HostileCase {
        HostileCase(name: name, systems: [system], outcome: .refused(expected))
    }

    static func legal(
        _ name: String, _ system: SystemDescription, warnings: [ExpectedDiagnostic] = [], _ readBacks: any ReadBack...
    ) -> HostileCase {
        HostileCase(name: name, systems: [system], outcome: .legal(warnings: warnings, readBacks: readBacks))
    }

    func knownIssue(_ comment: Comment) -> HostileCase {
        var copy = self
        copy.knownIssue = comment
        return copy
    }
}

/// A diagnostic the case expects: its severity, field, a fragment of its message and the place it points at.
struct ExpectedDiagnostic: Sendable, CustomStringConvertible {
    var severity: Diagnostic.Severity
    var field: String
    var fragment: String
    var location: InfragenModel.SourceLocation

    static func error(_ field: String, _ fragment: String, at file: String, line: Int, column: Int? = nil)
        -> ExpectedDiagnostic {
        ExpectedDiagnostic(
            severity: .error, field: field, fragment: fragment,
            location: InfragenModel.SourceLocation(fileID: file, line: line, column: column))
    }

    static func warning(_ field: String, _ fragment: String, at file: String, line: Int) -> ExpectedDiagnostic {
        ExpectedDiagnostic(
            severity: .warning, field: field, fragment: fragment,
            location: InfragenModel.SourceLocation(fileID: file, line: line))
    }

    func matches(_ diagnostic: Diagnostic) -> Bool {
        diagnostic.severity == severity && diagnostic.field == field && diagnostic.message.contains(fragment)
            && diagnostic.location == location && diagnostic.hint?.isEmpty == false
    }

    var description: String { "\(location): \(severity): \(field): …\(fragment)…" }
}

/// A check of a legal case: reads a generated file the way its consumer does and compares with the value meant.
///
/// To cover a new printer, write a `ReadBack` for it (its `tool` is the external program it runs, if any) and add
/// cases that use it to the corpus; `HostileBlueprintTests` runs every read-back whose tool is usable.
protocol ReadBack: Sendable, CustomStringConvertible {
    /// The external tool the check runs (`markdown-it-py`, `nginx`, `hadolint` …); nil when libyaml is enough.
    var tool: String? { get }
    func check(_ files: [String: String]) throws
}

struct ReadBackFailed: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
