/// Prints a ``Dockerfile``: LF line ends, one trailing newline, four-space continuation lines.
///
/// It refuses, rather than writes, anything that would change the file's structure: a control character or line
/// break in any value (which would end an instruction early), an ARG, ENV or label name that is not a plain word, or a
/// bare value with spaces or quotes. Validation rejects such blueprints first; the printer is the last guard.
public enum DockerfilePrinter {
    public struct Refusal: Error, CustomStringConvertible, Equatable {
        public let message: String
        public var description: String { "dockerfile printer: \(message)" }
    }

    /// The `# syntax=` directive, then the header (already `# `-prefixed lines), then the instructions.
    public static func print(_ dockerfile: Dockerfile, header: String = "") throws -> String {
        try requireBare(dockerfile.syntax, "syntax")
        var text = "# syntax=\(dockerfile.syntax)\n" + header
        for line in dockerfile.lines {
            switch line {
            case .comment(let comment):
                try requireOneLine(comment, "comment")
                text += comment.isEmpty ? "#\n" : "# \(comment)\n"
            case .blank:
                text += "\n"
            case .instruction(let instruction):
                text += try print(instruction) + "\n"
            }
        }
        return text
    }

    static func print(_ instruction: Instruction) throws -> String {
        switch instruction {
        case .arg(let name, let value):
            try requireName(name)
            guard let value else { return "ARG \(name)" }
            try requireBare(value, "ARG \(name)")
            return "ARG \(name)=\(value)"
        case .args(let names):
            for name in names { try requireName(name) }
            return "ARG " + names.joined(separator: " ")
        case .from(let image, let platform, let stage):
            try requireBare(image, "FROM")
            var parts = ["FROM"]
            if let platform {
                try requireBare(platform, "FROM --platform")
                parts.append("--platform=\(platform)")
            }
            parts.append(image)
            if let stage {
                try requireName(stage)
                parts += ["AS", stage]
            }
            return parts.joined(separator: " ")
        case .env(let pairs):
            var items: [String] = []
            for pair in pairs {
                try requireName(pair.name)
                try requireBare(pair.value, "ENV \(pair.name)")
                items.append("\(pair.name)=\(pair.value)")
            }
            return continued("ENV ", items)
        case .workdir(let path):
            try requireBare(path, "WORKDIR")
            return "WORKDIR \(path)"
        case .copy(let sources, let destination, let from, let chmod):
            var parts = ["COPY"]
            if let from { try requireBare(from, "COPY --from"); parts.append("--from=\(from)") }
            if let chmod { try requireBare(chmod, "COPY --chmod"); parts.append("--chmod=\(chmod)") }
            for source in sources { try requireBare(source, "COPY") }
            try requireBare(destination, "COPY")
            return (parts + sources + [destination]).joined(separator: " ")
        case .run(let mounts, let lines):
            guard !lines.isEmpty else { throw Refusal(message: "RUN without a command") }
            for mount in mounts { try requireBare(mount, "RUN --mount") }
            for line in lines { try requireOneLine(line, "RUN") }
            return continued("RUN ", mounts.map { "--mount=\($0)" } + lines)
        case .label(let labels):
            var items: [String] = []
            for label in labels {
                try requireLabelKey(label.key)
                switch label.value {
                case .text(let value):
                    try requireOneLine(value, "LABEL \(label.key)")
                    items.append("\(label.key)=\(quoted(value))")
                case .expansion(let value):
                    try requireBare(value, "LABEL \(label.key)")
                    items.append("\(label.key)=\"\(value)\"")
                }
            }
            return continued("LABEL ", items, indent: "      ")
        case .user(let user):
            try requireBare(user, "USER")
            return "USER \(user)"
        case .expose(let ports):
            for port in ports { try requireBare(port, "EXPOSE") }
            return "EXPOSE " + ports.joined(separator: " ")
        case .healthcheck(let options, let command):
            for option in options { try requireBare(option, "HEALTHCHECK") }
            return continued("HEALTHCHECK ", [options.joined(separator: " "), "CMD " + (try execForm(command))])
        case .entrypoint(let command):
            return "ENTRYPOINT " + (try execForm(command))
        }
    }

    /// `["a", "b"]`: every element a JSON string, so the builder runs it without a shell.
    public static func execForm(_ arguments: [String]) throws -> String {
        guard !arguments.isEmpty else { throw Refusal(message: "an exec-form command needs at least the program") }
        var elements: [String] = []
        for argument in arguments {
            try requireOneLine(argument, "exec-form argument")
            var json = "\""
            for scalar in argument.unicodeScalars {
                switch scalar {
                case "\"": json += "\\\""
                case "\\": json += "\\\\"
                default: json.unicodeScalars.append(scalar)
                }
            }
            elements.append(json + "\"")
        }
        return "[" + elements.joined(separator: ", ") + "]"
    }

    /// A word in double quotes that BuildKit reads back as exactly `text`, with nothing expanded: `"` and `$` are
    /// escaped, and so is a `\` before another character.
    ///
    /// A `\` before `"`, `$`, `\` or at the end of the text is written outside the quotes instead (`"a"\\""` for
    /// `a\`): BuildKit reads `\\` as one backslash either way, but hadolint cannot parse `\\` before a quote (it
    /// takes `\"` for an escaped quote and never finds the closing one).
    public static func quoted(_ text: String) -> String {
        var result = "\""
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "\"", "$":
                result += "\\"
                result.unicodeScalars.append(scalar)
            case "\\":
                let next = index + 1 < scalars.count ? scalars[index + 1] : nil
                if let next, !"\"$\\".unicodeScalars.contains(next) {
                    result += "\\\\"
                } else {
                    result += "\"\\\\\""
                }
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    // MARK: - Layout and guards

    /// The first item after the keyword, the rest on continuation lines.
    private static func continued(_ keyword: String, _ items: [String], indent: String = "    ") -> String {
        guard let first = items.first else { return keyword }
        var text = keyword + first
        for item in items.dropFirst() { text += " \\\n" + indent + item }
        return text
    }

    private static func requireOneLine(_ text: String, _ what: String) throws {
        if text.unicodeScalars.contains(where: isControl) {
            throw Refusal(message: "\(what) contains a control character or line break: \(text.debugDescription)")
        }
    }

    /// A value written without quotes: one line, no spaces, no quotes, no backslash.
    private static func requireBare(_ text: String, _ what: String) throws {
        try requireOneLine(text, what)
        if text.isEmpty || text.unicodeScalars.contains(where: { " \t\"'\\".unicodeScalars.contains($0) }) {
            throw Refusal(message: "\(what) needs a value without spaces, quotes or backslashes: \(text.debugDescription)")
        }
    }

    /// An ARG, ENV or stage name: letters, digits and `_` (and `-` for stages).
    private static let nameScalars =
        Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-".unicodeScalars)
    private static let labelKeyScalars = Set("abcdefghijklmnopqrstuvwxyz0123456789.-_".unicodeScalars)

    private static func requireName(_ name: String) throws {
        if name.isEmpty || !name.unicodeScalars.allSatisfy(nameScalars.contains) {
            throw Refusal(message: "\(name.debugDescription) is not a valid name")
        }
    }

    private static func requireLabelKey(_ key: String) throws {
        if key.isEmpty || !key.unicodeScalars.allSatisfy(labelKeyScalars.contains) {
            throw Refusal(message: "\(key.debugDescription) is not a valid label key")
        }
    }

    /// General category Cc (U+0000-001F, U+007F-009F), and the line and paragraph separators.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}"
    }
}
