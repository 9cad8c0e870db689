import Foundation

/// The part of the GitHub Actions expression language (`${{ … }}`, a job's `if:`) the generated workflows use,
/// evaluated as the runner does: `&&`, `||`, `!`, `==`, `!=`, parentheses, string literals, `true`/`false`/`null`,
/// context paths (`github.ref`, `needs.gate-prod.result`, `secrets.KUBECONFIG`) and the status functions. A path the
/// test did not give a value for is an error, not an empty string: a new expression in the generator shows up here.
struct GitHubExpression {
    enum Value: Equatable {
        case string(String), boolean(Bool), null

        var truthy: Bool {
            switch self {
            case .string(let text): !text.isEmpty
            case .boolean(let value): value
            case .null: false
            }
        }

        var text: String {
            switch self {
            case .string(let text): text
            case .boolean(let value): value ? "true" : "false"
            case .null: ""
            }
        }
    }

    /// Context paths and status functions (`success`, `failure`, `always`, `cancelled`) as the caller knows them.
    let lookup: (String) throws -> Value
    let function: (String) throws -> Value

    /// The value of an expression (without `${{ }}`).
    func evaluate(_ source: String) throws -> Value {
        var parser = Parser(tokens: try Self.tokens(source), expression: self)
        let value = try parser.or()
        guard parser.position == parser.tokens.count else { throw HarnessError("trailing tokens in `\(source)`") }
        return value
    }

    /// A string with every `${{ … }}` replaced by its value's text, as GitHub does for `env:`, `with:` and `run:`.
    func substitute(_ text: String) throws -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "${{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { throw HarnessError("unclosed ${{ in \(text)") }
            result += rest[..<open.lowerBound]
            result += try evaluate(String(rest[open.upperBound..<close.lowerBound])).text
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    /// A job's `if:`: `${{ }}` optional, and `success() && (…)` implied when it names no status function.
    func jobCondition(_ text: String?) throws -> Bool {
        var source = (text ?? "success()").trimmingCharacters(in: .whitespaces)
        if source.hasPrefix("${{") && source.hasSuffix("}}") { source = String(source.dropFirst(3).dropLast(2)) }
        let statusFunctions = ["success(", "failure(", "always(", "cancelled("]
        if !statusFunctions.contains(where: source.contains) { source = "success() && (\(source))" }
        return try evaluate(source).truthy
    }

    enum Token: Equatable {
        case symbol(String), string(String), word(String)
    }

    static func tokens(_ source: String) throws -> [Token] {
        var tokens: [Token] = []
        var index = source.startIndex
        while index < source.endIndex {
            let character = source[index]
            let rest = source[index...]
            if character.isWhitespace {
                index = source.index(after: index)
            } else if let symbol = ["&&", "||", "==", "!=", "(", ")", "!"].first(where: rest.hasPrefix) {
                tokens.append(.symbol(symbol))
                index = source.index(index, offsetBy: symbol.count)
            } else if character == "'" {
                // '' is a quote inside a string literal.
                var text = ""
                index = source.index(after: index)
                while true {
                    guard index < source.endIndex else { throw HarnessError("unclosed string in `\(source)`") }
                    if source[index] == "'" {
                        let next = source.index(after: index)
                        if next < source.endIndex && source[next] == "'" {
                            text.append("'")
                            index = source.index(after: next)
                            continue
                        }
                        index = next
                        break
                    }
                    text.append(source[index])
                    index = source.index(after: index)
                }
                tokens.append(.string(text))
            } else if character.isLetter || character == "_" {
                let end = rest.firstIndex { !($0.isLetter || $0.isNumber || "_.-".contains($0)) } ?? source.endIndex
                tokens.append(.word(String(source[index..<end])))
                index = end
            } else {
                throw HarnessError("unexpected \(character) in `\(source)`")
            }
        }
        return tokens
    }

    struct Parser {
        let tokens: [Token]
        let expression: GitHubExpression
        var position = 0

        mutating func take(_ symbol: String) -> Bool {
            guard position < tokens.count, tokens[position] == .symbol(symbol) else { return false }
            position += 1
            return true
        }

        mutating func or() throws -> Value {
            var value = try and()
            while take("||") {
                let right = try and()
                if !value.truthy { value = right }
            }
            return value
        }

        mutating func and() throws -> Value {
            var value = try comparison()
            while take("&&") {
                let right = try comparison()
                if value.truthy { value = right }
            }
            return value
        }

        mutating func comparison() throws -> Value {
            let left = try unary()
            if take("==") { return .boolean(Self.equal(left, try unary())) }
            if take("!=") { return .boolean(!Self.equal(left, try unary())) }
            return left
        }

        /// Strings compare ignoring case, as GitHub does.
        static func equal(_ left: Value, _ right: Value) -> Bool {
            if case .string(let a) = left, case .string(let b) = right { return a.lowercased() == b.lowercased() }
            return left == right
        }

        mutating func unary() throws -> Value {
            if take("!") { return .boolean(!(try unary()).truthy) }
            return try primary()
        }

        mutating func primary() throws -> Value {
            guard position < tokens.count else { throw HarnessError("expression ends early") }
            let token = tokens[position]
            position += 1
            switch token {
            case .symbol("("):
                let value = try or()
                guard take(")") else { throw HarnessError("missing )") }
                return value
            case .string(let text): return .string(text)
            case .word("true"): return .boolean(true)
            case .word("false"): return .boolean(false)
            case .word("null"): return .null
            case .word(let name):
                if take("(") {
                    guard take(")") else { throw HarnessError("\(name)(…) takes no arguments here") }
                    return try expression.function(name)
                }
                return try expression.lookup(name)
            case .symbol(let symbol): throw HarnessError("unexpected \(symbol)")
            }
        }
    }
}
