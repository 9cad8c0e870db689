/// The expression grammar of PromQL over ``PromQLSyntax/tokens(_:)``, with the value type of each expression.
extension PromQLSyntax {
    struct Parser {
        var tokens: [Token]
        var position = 0
        /// How many `[$window]` ranges the query has.
        var windows = 0

        var peek: Token { tokens[position] }

        mutating func next() -> Token {
            let token = tokens[position]
            if position < tokens.count - 1 { position += 1 }
            return token
        }

        func unexpected(_ context: String) -> PromQLSyntaxError {
            let what: String = switch peek.kind {
            case .end: "end of input"
            case .identifier(let name): "'\(name)'"
            case .string: "string"
            case .number: "number"
            case .duration: "duration"
            case .window: "$window"
            case .op(let op): "'\(op)'"
            case .leftParen: "'('"
            case .rightParen: "')'"
            case .leftBrace: "'{'"
            case .rightBrace: "'}'"
            case .leftBracket: "'['"
            case .rightBracket: "']'"
            case .comma: "','"
            case .colon: "':'"
            case .at: "'@'"
            }
            return PromQLSyntaxError(message: "unexpected \(what) \(context)", offset: peek.offset)
        }

        mutating func expect(_ kind: Token.Kind, _ context: String) throws(PromQLSyntaxError) {
            guard peek.kind == kind else { throw unexpected(context) }
            _ = next()
        }

        /// The binary operator at the current token, if any.
        var binaryOperator: String? {
            switch peek.kind {
            case .op(let op) where PromQLSyntax.precedence[op] != nil: op
            case .identifier(let word) where PromQLSyntax.precedence[word] != nil: word
            default: nil
            }
        }

        /// An expression whose binary operators bind tighter than `minimum` (precedence climbing).
        mutating func expression(_ minimum: Int) throws(PromQLSyntaxError) -> ValueType {
            var left = try unary()
            while let op = binaryOperator, let level = PromQLSyntax.precedence[op], level > minimum {
                let at = next().offset
                var isBool = false
                if case .identifier("bool") = peek.kind { _ = next(); isBool = true }
                var matching = false
                if case .identifier(let word) = peek.kind, word == "on" || word == "ignoring" {
                    _ = next(); try labelList(); matching = true
                    if case .identifier(let group) = peek.kind, group == "group_left" || group == "group_right" {
                        _ = next()
                        if peek.kind == .leftParen { try labelList() }
                    }
                }
                let right = try expression(op == "^" ? level - 1 : level)
                left = try Self.combine(left, op, right, isBool: isBool, matching: matching, at: at)
            }
            return left
        }

        /// The type of `left op right`, as the parser's checkAST decides it.
        static func combine(
            _ left: ValueType, _ op: String, _ right: ValueType, isBool: Bool, matching: Bool, at: Int
        ) throws(PromQLSyntaxError) -> ValueType {
            func fail(_ message: String) -> PromQLSyntaxError { PromQLSyntaxError(message: message, offset: at) }
            guard [ValueType.scalar, .vector].contains(left), [ValueType.scalar, .vector].contains(right) else {
                throw fail("binary expression must contain only scalar and instant vector types")
            }
            if isBool, !PromQLSyntax.comparisons.contains(op) {
                throw fail("bool modifier can only be used on comparison operators")
            }
            if PromQLSyntax.setOperators.contains(op) {
                guard left == .vector, right == .vector else {
                    throw fail("set operator \"\(op)\" not allowed in binary scalar expression")
                }
                return .vector
            }
            if left == .scalar, right == .scalar {
                if PromQLSyntax.comparisons.contains(op), !isBool {
                    throw fail("comparisons between scalars must use BOOL modifier")
                }
                if matching { throw fail("vector matching only allowed between instant vectors") }
                return .scalar
            }
            if matching, left != .vector || right != .vector {
                throw fail("vector matching only allowed between instant vectors")
            }
            return .vector
        }

        mutating func unary() throws(PromQLSyntaxError) -> ValueType {
            if case .op(let op) = peek.kind, op == "+" || op == "-" {
                let at = next().offset
                let type = try expression(PromQLSyntax.precedence["*"]!)
                guard type == .scalar || type == .vector else {
                    throw PromQLSyntaxError(message: "unary expression only allowed on expressions of type scalar or "
                                                + "instant vector, got \"\(type.rawValue)\"", offset: at)
                }
                return type
            }
            return try postfix()
        }

        /// A primary expression with its range or subquery, `offset` and `@`.
        mutating func postfix() throws(PromQLSyntaxError) -> ValueType {
            let start = peek.offset
            let isSelector: Bool
            switch peek.kind {
            case .leftBrace: isSelector = true
            case .identifier(let word):
                isSelector = !PromQLSyntax.keywords.contains(word) && PromQLSyntax.aggregations[word] == nil
                    && tokens[position + 1].kind != .leftParen
                    && !["Inf", "NaN", "inf", "nan"].contains(word)
            default: isSelector = false
            }
            var type = try primary()
            var modifiable = isSelector
            if peek.kind == .leftBracket {
                modifiable = true
                let at = next().offset
                guard peek.kind == .window else {
                    throw PromQLSyntaxError(message: "every range must be the placeholder [$window], the SLO's window",
                                            offset: peek.offset)
                }
                _ = next()
                windows += 1
                if peek.kind == .colon {
                    _ = next()
                    if peek.kind == .duration { _ = next() }
                    guard type == .vector else {
                        throw PromQLSyntaxError(message: "subquery is only allowed on instant vector, got "
                                                    + "\(type.rawValue)", offset: at)
                    }
                } else if !isSelector || type != .vector {
                    throw PromQLSyntaxError(message: "ranges only allowed for vector selectors", offset: at)
                }
                try expect(.rightBracket, "in the range")
                type = .matrix
            }
            try modifiers(modifiable ? type : .scalar, start)
            return type
        }

        /// `offset 5m` and `@ 1609746000` (or `@ start()`, `@ end()`), in either order, each once.
        mutating func modifiers(_ type: ValueType, _ start: Int) throws(PromQLSyntaxError) {
            var offset = false, at = false
            while true {
                if case .identifier("offset") = peek.kind, !offset {
                    _ = next()
                    if case .op(let sign) = peek.kind, sign == "-" || sign == "+" { _ = next() }
                    try expect(.duration, "in offset")
                    offset = true
                } else if peek.kind == .at, !at {
                    _ = next()
                    if case .op(let sign) = peek.kind, sign == "-" || sign == "+" { _ = next() }
                    if peek.kind == .number {
                        _ = next()
                    } else if case .identifier(let word) = peek.kind, word == "start" || word == "end" {
                        _ = next(); try expect(.leftParen, "in @"); try expect(.rightParen, "in @")
                    } else {
                        throw unexpected("in @")
                    }
                    at = true
                } else {
                    break
                }
                guard type == .vector || type == .matrix else {
                    throw PromQLSyntaxError(message: "offset and @ modifiers must be preceded by an instant vector "
                                                + "selector or range vector selector or a subquery", offset: start)
                }
            }
        }

        mutating func primary() throws(PromQLSyntaxError) -> ValueType {
            let token = peek
            switch token.kind {
            case .number:
                _ = next(); return .scalar
            case .string:
                _ = next(); return .string
            case .leftParen:
                _ = next()
                let type = try expression(0)
                try expect(.rightParen, "in parentheses")
                return type
            case .leftBrace:
                try matchers(metricName: false)
                return .vector
            case .identifier(let word):
                if ["Inf", "NaN", "inf", "nan"].contains(word) { _ = next(); return .scalar }
                if let parameter = PromQLSyntax.aggregations[word] { return try aggregation(parameter) }
                if PromQLSyntax.keywords.contains(word) { throw unexpected("where an expression goes") }
                _ = next()
                if peek.kind == .leftParen {
                    guard let function = PromQLSyntax.functions[word] else {
                        throw PromQLSyntaxError(message: "unknown function with name \"\(word)\"", offset: token.offset)
                    }
                    return try call(word, function, at: token.offset)
                }
                if peek.kind == .leftBrace { try matchers(metricName: true) }
                return .vector
            default:
                throw unexpected("where an expression goes")
            }
        }

        /// `name(args)`, each argument of the function's type.
        mutating func call(_ name: String, _ function: Function, at: Int) throws(PromQLSyntaxError) -> ValueType {
            try expect(.leftParen, "after \(name)")
            var types: [ValueType] = []
            if peek.kind != .rightParen {
                types.append(try expression(0))
                while peek.kind == .comma { _ = next(); types.append(try expression(0)) }
            }
            try expect(.rightParen, "in the arguments of \(name)")
            let required = function.arguments.count - function.optional
            if types.count < required || (!function.variadic && types.count > function.arguments.count) {
                throw PromQLSyntaxError(message: "expected \(required) argument(s) in call to \"\(name)\", got "
                                            + "\(types.count)", offset: at)
            }
            for (index, type) in types.enumerated() {
                let expected = function.arguments[min(index, function.arguments.count - 1)]
                guard type == expected else {
                    throw PromQLSyntaxError(message: "expected type \(expected.rawValue) in call to function "
                                                + "\"\(name)\", got \(type.rawValue)", offset: at)
                }
            }
            return function.returns
        }

        /// `sum by (a) (expr)`, `topk(5, expr) without (b)`.
        mutating func aggregation(_ parameter: ValueType??) throws(PromQLSyntaxError) -> ValueType {
            let name = next()
            var grouped = false
            func grouping(_ parser: inout Parser) throws(PromQLSyntaxError) -> Bool {
                if case .identifier(let word) = parser.peek.kind, word == "by" || word == "without" {
                    _ = parser.next(); try parser.labelList(); return true
                }
                return false
            }
            grouped = try grouping(&self)
            try expect(.leftParen, "in aggregation")
            if case .some(.some(let type)) = parameter {
                let actual = try expression(0)
                guard actual == type else {
                    throw PromQLSyntaxError(message: "expected type \(type.rawValue) in aggregation parameter, got "
                                                + "\(actual.rawValue)", offset: name.offset)
                }
                try expect(.comma, "in aggregation")
            }
            let type = try expression(0)
            guard type == .vector else {
                throw PromQLSyntaxError(message: "expected type instant vector in aggregation expression, got "
                                            + "\(type.rawValue)", offset: name.offset)
            }
            try expect(.rightParen, "in aggregation")
            if !grouped { _ = try grouping(&self) }
            return .vector
        }

        /// `(a, b)` after by, without, on, ignoring, group_left and group_right.
        mutating func labelList() throws(PromQLSyntaxError) {
            try expect(.leftParen, "in grouping opts")
            while case .identifier = peek.kind {
                _ = next()
                guard peek.kind == .comma else { break }
                _ = next()
            }
            try expect(.rightParen, "in grouping opts")
        }

        /// `{label op "value", …}`; a selector must have a metric name or a matcher that does not match "".
        mutating func matchers(metricName: Bool) throws(PromQLSyntaxError) {
            let open = peek.offset
            try expect(.leftBrace, "in label matching")
            var selective = metricName
            while case .identifier(let label) = peek.kind {
                _ = next()
                guard case .op(let op) = peek.kind, ["=", "!=", "=~", "!~"].contains(op) else {
                    throw unexpected("in label matching, expected one of \"=\", \"!=\", \"=~\" or \"!~\"")
                }
                _ = next()
                guard case .string(let value) = peek.kind else { throw unexpected("in label matching, expected string") }
                let at = next().offset
                let matcher: LabelMatcher
                switch op {
                case "=~", "!~":
                    do {
                        _ = try RE2Pattern(value)
                    } catch {
                        throw PromQLSyntaxError(message: "invalid regular expression for \(label): \(error)", offset: at)
                    }
                    matcher = LabelMatcher(label, value, op: op == "=~" ? .matches : .doesNotMatch)
                default:
                    matcher = LabelMatcher(label, value)
                }
                let selectsEmpty = op == "!=" ? value != "" : (matcher.selects("") ?? true)
                if !selectsEmpty { selective = true }
                guard peek.kind == .comma else { break }
                _ = next()
            }
            try expect(.rightBrace, "in label matching")
            if !selective {
                throw PromQLSyntaxError(message: "vector selector must contain at least one non-empty matcher",
                                        offset: open)
            }
        }
    }
}
