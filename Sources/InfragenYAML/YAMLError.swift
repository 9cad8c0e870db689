/// A failure of libyaml while writing or reading YAML.
public struct YAMLError: Error, Sendable, CustomStringConvertible {
    public enum Stage: String, Sendable {
        case emitting = "emitting"
        case parsing = "parsing"
    }

    public let stage: Stage
    public let problem: String
    /// Line and column (1-based) in the input, when parsing.
    public let line: Int?
    public let column: Int?

    init(stage: Stage, problem: String, line: Int? = nil, column: Int? = nil) {
        self.stage = stage
        self.problem = problem
        self.line = line
        self.column = column
    }

    public var description: String {
        var text = "YAML \(stage.rawValue) failed: \(problem)"
        if let line, let column { text += " at line \(line), column \(column)" }
        return text
    }
}
