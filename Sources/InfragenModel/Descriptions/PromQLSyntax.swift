/// A small PromQL syntax check for the queries of a raw SLI (`SLI(errors:total:)`), so that a query Prometheus cannot
/// parse is refused at its line before a file is written, not found by `promtool check rules` afterwards.
///
/// It reads PromQL as Prometheus 2.42 does (promql/parser): tokens (identifiers, strings with Go's escapes, numbers,
/// durations, operators, balanced `()`, `{}`, `[]`), one expression with operator precedence, selectors with `=`,
/// `!=`, `=~` and `!~` matchers (regular expressions parsed as RE2, like ``RE2Pattern``), aggregations with `by` or
/// `without`, the functions of 2.42 with their argument types, `offset` and `@`, vector matching with `on`,
/// `ignoring`, `group_left` and `group_right`, and the value types (a range vector where an instant vector goes is an
/// error, as is a comparison of two scalars without `bool`). Every range is infragen's placeholder, `[$window]`
/// (or a subquery `[$window:1m]`), and there is at least one. `PromQLSyntaxTests` compares its verdicts with promtool's.
///
/// ```swift
/// try PromQLSyntax.check(#"sum(rate(grpc_server_handled_total{grpc_code!="OK"}[$window]))"#)
/// ```
public enum PromQLSyntax {
    /// The longest query infragen accepts: 4 KiB.
    public static let maxBytes = 4096

    /// The value types of PromQL.
    enum ValueType: String {
        case scalar, string
        case vector = "instant vector"
        case matrix = "range vector"
    }

    /// Checks one query of a raw SLI: it parses as one PromQL expression, returns an instant vector, and takes every
    /// range from the `$window` placeholder, at least once.
    public static func check(_ query: String) throws(PromQLSyntaxError) {
        guard query.utf8.count <= maxBytes else {
            throw PromQLSyntaxError(message: "the query is \(query.utf8.count) bytes long, over \(maxBytes)", offset: 0)
        }
        var parser = Parser(tokens: try tokens(query))
        let type = try parser.expression(0)
        guard parser.peek.kind == .end else { throw parser.unexpected("after the expression") }
        guard parser.windows > 0 else {
            throw PromQLSyntaxError(message: "the query has no range [$window]: nothing in it follows the SLO's windows",
                                    offset: 0)
        }
        guard type == .vector else {
            throw PromQLSyntaxError(message: "the query returns a \(type.rawValue), not an instant vector", offset: 0)
        }
    }

    /// The query with each `$window` placeholder (a token, never one inside a string) replaced by a duration, and
    /// each `$namespace` inside a string by the environment's namespace (a DNS label: nothing in it needs escaping):
    /// `substitute(#"rate(x{namespace="$namespace"}[$window])"#, window: "5m", namespace: "shop-prod")` is
    /// `rate(x{namespace="shop-prod"}[5m])`. The query must have passed ``check(_:)``.
    public static func substitute(_ query: String, window: String, namespace: String) -> String {
        guard let tokens = try? tokens(query) else { return query }
        var bytes = Array(query.utf8)
        let placeholder = Array(RawSLI.namespacePlaceholder.utf8), replacement = Array(namespace.utf8)
        for token in tokens.reversed() {
            switch token.kind {
            case .window:
                bytes.replaceSubrange(token.offset..<(token.offset + RawSLI.placeholder.utf8.count), with: Array(window.utf8))
            case .string:
                var i = token.end - placeholder.count
                while i > token.offset {
                    if bytes[i..<(i + placeholder.count)].elementsEqual(placeholder) {
                        bytes.replaceSubrange(i..<(i + placeholder.count), with: replacement)
                    }
                    i -= 1
                }
            default: break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether a string of the query (a label matcher's value) holds the `$namespace` placeholder.
    public static func selectsNamespace(_ query: String) -> Bool {
        guard let tokens = try? tokens(query) else { return false }
        return tokens.contains { token in
            if case .string(let value) = token.kind { value.contains(RawSLI.namespacePlaceholder) } else { false }
        }
    }

    /// Whether the query parses as a whole, with any type (for the comparison with promtool).
    public static func parses(_ query: String) -> Bool {
        (try? check(query)) != nil
    }
}

/// Why a query does not parse, and where (a byte offset in the query).
public struct PromQLSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var offset: Int

    public var description: String { "\(message) (at offset \(offset))" }
}

extension PromQLSyntax {
    /// Argument types of the functions of Prometheus 2.42 (promql/parser/functions.go); `optional` trailing arguments
    /// may be left out, `variadic` repeats the last.
    struct Function {
        var arguments: [ValueType]
        var optional = 0
        var variadic = false
        var returns: ValueType = .vector
    }

    static let functions: [String: Function] = {
        var table: [String: Function] = [
            "absent": Function(arguments: [.vector]),
            "absent_over_time": Function(arguments: [.matrix]),
            "clamp": Function(arguments: [.vector, .scalar, .scalar]),
            "clamp_max": Function(arguments: [.vector, .scalar]),
            "clamp_min": Function(arguments: [.vector, .scalar]),
            "histogram_quantile": Function(arguments: [.scalar, .vector]),
            "histogram_fraction": Function(arguments: [.scalar, .scalar, .vector]),
            "holt_winters": Function(arguments: [.matrix, .scalar, .scalar]),
            "label_replace": Function(arguments: [.vector, .string, .string, .string, .string]),
            "label_join": Function(arguments: [.vector, .string, .string, .string], variadic: true),
            "pi": Function(arguments: [], returns: .scalar),
            "predict_linear": Function(arguments: [.matrix, .scalar]),
            "quantile_over_time": Function(arguments: [.scalar, .matrix]),
            "round": Function(arguments: [.vector, .scalar], optional: 1),
            "scalar": Function(arguments: [.vector], returns: .scalar),
            "time": Function(arguments: [], returns: .scalar),
            "vector": Function(arguments: [.scalar]),
        ]
        for name in ["abs", "ceil", "exp", "floor", "ln", "log2", "log10", "sgn", "sort", "sort_desc", "sqrt",
                     "timestamp", "acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh", "sin", "sinh",
                     "tan", "tanh", "deg", "rad", "histogram_count", "histogram_sum"] {
            table[name] = Function(arguments: [.vector])
        }
        for name in ["changes", "delta", "deriv", "idelta", "increase", "irate", "rate", "resets", "avg_over_time",
                     "count_over_time", "last_over_time", "max_over_time", "min_over_time", "present_over_time",
                     "stddev_over_time", "stdvar_over_time", "sum_over_time"] {
            table[name] = Function(arguments: [.matrix])
        }
        for name in ["day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute", "month", "year"] {
            table[name] = Function(arguments: [.vector], optional: 1)
        }
        return table
    }()

    /// Aggregation operators, and the type of the parameter before the vector (topk's k, count_values' label).
    static let aggregations: [String: ValueType?] = [
        "sum": nil, "avg": nil, "count": nil, "min": nil, "max": nil, "group": nil, "stddev": nil, "stdvar": nil,
        "topk": .scalar, "bottomk": .scalar, "quantile": .scalar, "count_values": .string,
    ]

    /// Binary operators by precedence, lowest first (`^` is right-associative).
    static let precedence: [String: Int] = [
        "or": 1, "and": 2, "unless": 2, "==": 3, "!=": 3, "<=": 3, "<": 3, ">=": 3, ">": 3, "+": 4, "-": 4,
        "*": 5, "/": 5, "%": 5, "atan2": 5, "^": 6,
    ]
    static let comparisons: Set<String> = ["==", "!=", "<=", "<", ">=", ">"]
    static let setOperators: Set<String> = ["and", "or", "unless"]
    static let keywords: Set<String> = ["and", "or", "unless", "atan2", "by", "without", "on", "ignoring",
                                        "group_left", "group_right", "bool", "offset"]
}
