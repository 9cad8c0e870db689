/// An Nginx configuration as a tree of typed directives, printed by ``NginxPrinter``.
///
/// Values never reach the text unchecked: every argument says what it is (a bare token, quoted text, text with
/// variables, a regular expression), and the printer refuses anything the Nginx tokenizer could read differently.
public enum NginxNode: Sendable, Hashable {
    case directive(NginxDirective)
    /// `# text` on its own line.
    case comment(String)
    /// An empty line, to group directives.
    case blank

    /// `name arguments;`
    public static func d(_ name: String, _ arguments: NginxArgument...) -> NginxNode {
        .directive(NginxDirective(name: name, arguments: arguments))
    }

    /// `name arguments;` with arguments computed elsewhere.
    public static func d(_ name: String, arguments: [NginxArgument], wrap: NginxDirective.Wrap = .fill) -> NginxNode {
        .directive(NginxDirective(name: name, arguments: arguments, wrap: wrap))
    }

    /// `name arguments { children }`
    public static func block(_ name: String, _ arguments: NginxArgument..., children: [NginxNode]) -> NginxNode {
        .directive(NginxDirective(name: name, arguments: arguments, children: children))
    }
}

/// One directive: a name, its arguments, and for block directives (`server`, `location` …) the directives inside.
public struct NginxDirective: Sendable, Hashable {
    /// How a directive too long for one line continues on the next ones.
    public enum Wrap: Sendable, Hashable {
        /// As many arguments per line as fit in 120 columns.
        case fill
        /// The first `keep` arguments on the directive's line, then one argument per line (`log_format`).
        case onePerLine(keep: Int)
    }

    public var name: String
    public var arguments: [NginxArgument]
    /// nil for a simple directive (ends with `;`), a list (maybe empty) for a block.
    public var children: [NginxNode]?
    public var wrap: Wrap

    public init(name: String, arguments: [NginxArgument], children: [NginxNode]? = nil, wrap: Wrap = .fill) {
        self.name = name
        self.arguments = arguments
        self.children = children
        self.wrap = wrap
    }
}

/// One argument of a directive, by what it is; the printer checks each kind against its own rule.
public enum NginxArgument: Sendable, Hashable, ExpressibleByStringLiteral {
    /// A token printed as is: a keyword, number, size, host name, path, identifier. Only
    /// `[A-Za-z0-9._~/:=+,@%*^![]-]` is allowed, so no space, quote, `;`, brace, `#`, `$` or `\` can get through.
    case word(String)
    /// Text always printed in quotes (a header value, an empty string): printable ASCII only; `"` is escaped, and
    /// `\` and `$` are refused (an escape and a variable in Nginx).
    case text(String)
    /// A `return` body: like ``text(_:)``, and a line feed is allowed, printed as the escape `\n`.
    case body(String)
    /// Text with Nginx variables (`https://host$request_uri`, `${uid_got}${uid_set}`), quoted when needed.
    case expression([NginxExpressionPart])
    /// A regular expression (`rewrite`), always quoted: printable ASCII without quotes or `$` other than a final
    /// anchor.
    case regex(String)

    public init(stringLiteral value: String) { self = .word(value) }

    /// A whole number.
    public static func number(_ value: Int) -> NginxArgument { .word(String(value)) }

    /// `name=value`, for `zone=…`, `burst=…`, `max_fails=…`.
    public static func parameter(_ name: String, _ value: String) -> NginxArgument { .word("\(name)=\(value)") }

    /// `$name`.
    public static func variable(_ name: String) -> NginxArgument { .expression([.variable(name)]) }
}

/// A piece of an ``NginxArgument/expression(_:)``.
public enum NginxExpressionPart: Sendable, Hashable {
    /// Literal text: printable ASCII without `$` and `\`.
    case literal(String)
    /// A variable: a name (`request_uri`) or a regex capture (`1` to `9`).
    case variable(String)
}
