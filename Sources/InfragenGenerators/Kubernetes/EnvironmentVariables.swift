import InfragenModel

/// A service's environment variables as the container gets them.
enum EnvironmentVariables {
    /// One variable per name: where a layer sets a name twice, the later value wins at the first one's place.
    static func effective(_ service: ResolvedService) -> [EnvironmentVariable] {
        var variables: [EnvironmentVariable] = []
        var positions: [String: Int] = [:]
        for variable in service.environmentVariables {
            if let position = positions[variable.name] {
                variables[position] = variable
            } else {
                positions[variable.name] = variables.count
                variables.append(variable)
            }
        }
        return variables
    }

    /// The variables in the order the container lists them: literals, then ConfigMap keys, then Secret keys, then
    /// the downward API's fields and resources (each group in declaration order).
    static func ordered(_ service: ResolvedService) -> [EnvironmentVariable] {
        let variables = effective(service)
        func rank(_ variable: EnvironmentVariable) -> Int {
            switch variable.source {
            case .literal: 0
            case .config: 1
            case .secret: 2
            case .field, .resource: 3
            }
        }
        return (0...3).flatMap { group in variables.filter { rank($0) == group } }
    }

    /// A literal value written so that the container sees exactly it. The kubelet expands `$(NAME)` in `value`,
    /// turns `$$` into `$`, and writes a `$` followed by a non-ASCII character back mangled (it copies the first byte
    /// of that character as a character of its own). A `$` followed by `(`, `$` or a non-ASCII character is
    /// therefore doubled; every other `$` is kept as it is, as the kubelet does.
    static func escapeLiteral(_ value: String) -> String {
        let scalars = Array(value.unicodeScalars)
        var escaped = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            escaped.append(scalar)
            guard scalar == "$", index + 1 < scalars.count else { continue }
            let next = scalars[index + 1]
            if next == "(" || next == "$" || !next.isASCII { escaped.append("$") }
        }
        return String(escaped)
    }
}
