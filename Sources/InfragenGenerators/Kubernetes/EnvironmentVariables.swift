import InfragenModel

/// A service's environment variables as the container gets them.
enum EnvironmentVariables {
    /// One variable per name: where a layer sets a name twice, the later value wins at the first one's place.
    static func effective(_ service: ResolvedService) -> [EnvironmentVariable] {
        var order: [String] = []
        var latest: [String: EnvironmentVariable] = [:]
        for variable in service.environmentVariables {
            if latest[variable.name] == nil { order.append(variable.name) }
            latest[variable.name] = variable
        }
        return order.map { latest[$0]! }
    }

    /// The variables in the order the container lists them: literals, then ConfigMap keys, then Secret keys (each
    /// group in declaration order).
    static func ordered(_ service: ResolvedService) -> [EnvironmentVariable] {
        let variables = effective(service)
        func rank(_ variable: EnvironmentVariable) -> Int {
            switch variable.source {
            case .literal: 0
            case .config: 1
            case .secret: 2
            }
        }
        return (0...2).flatMap { group in variables.filter { rank($0) == group } }
    }

    /// A literal value written so that the container sees exactly it. Kubernetes expands `$(NAME)` in `value`
    /// and turns `$$` into `$`; a `$` followed by `(` or `$` is therefore doubled, and every other `$` is left as
    /// it is (Kubernetes keeps it).
    static func escapeLiteral(_ value: String) -> String {
        let scalars = Array(value.unicodeScalars)
        var escaped = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            escaped.append(scalar)
            if scalar == "$", index + 1 < scalars.count, scalars[index + 1] == "(" || scalars[index + 1] == "$" {
                escaped.append("$")
            }
        }
        return String(escaped)
    }
}
