/// A Dockerfile as data: the `# syntax=` parser directive, then comments, blank lines and instructions in order.
/// ``DockerfilePrinter`` turns it into text; generators never concatenate Dockerfile text themselves.
public struct Dockerfile: Sendable, Hashable {
    /// The frontend the `# syntax=` directive names: `docker/dockerfile:1`.
    public var syntax: String
    public var lines: [Line]

    public init(syntax: String = "docker/dockerfile:1", lines: [Line] = []) {
        self.syntax = syntax
        self.lines = lines
    }

    public enum Line: Sendable, Hashable {
        /// `# text`; several lines give several comment lines.
        case comment(String)
        case blank
        case instruction(Instruction)
    }

    public mutating func comment(_ text: String...) { lines += text.map(Line.comment) }
    public mutating func blank() { lines.append(.blank) }
    public mutating func add(_ instruction: Instruction) { lines.append(.instruction(instruction)) }
}

/// One Dockerfile instruction. Arguments are plain values; the printer quotes what needs quoting (exec-form arrays as
/// JSON strings, label values in double quotes) and refuses control characters anywhere.
public enum Instruction: Sendable, Hashable {
    /// `ARG NAME` or `ARG NAME=default`.
    case arg(String, default: String?)
    /// `ARG A B`: several arguments without defaults (the automatic platform arguments).
    case args([String])
    /// `FROM [--platform=…] image [AS stage]`.
    case from(image: String, platform: String?, stage: String?)
    /// `ENV A=x \ B=y`; values must need no quoting (the generator passes only paths).
    case env([Pair])
    case workdir(String)
    /// `COPY [--from=stage] [--chmod=mode] source… destination`.
    case copy(sources: [String], destination: String, from: String?, chmod: String?)
    /// `RUN [--mount=…]… command`: the mounts and then the command's lines, each printed on its own line with a
    /// continuation backslash; a line's own leading spaces are kept (for arguments under a command).
    case run(mounts: [String], lines: [String])
    case label([Label])
    case user(String)
    case expose([String])
    /// `HEALTHCHECK [--option=value]… CMD ["exec", "form"]`.
    case healthcheck(options: [String], command: [String])
    /// `ENTRYPOINT ["exec", "form"]`.
    case entrypoint([String])

    public struct Pair: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// A label and its value: literal text (escaped so that nothing in it is expanded), or a reference to build
    /// arguments (`${VERSION}`) that the builder expands.
    public struct Label: Sendable, Hashable {
        public enum Value: Sendable, Hashable {
            case text(String)
            case expansion(String)
        }

        public var key: String
        public var value: Value

        public init(_ key: String, _ value: Value) {
            self.key = key
            self.value = value
        }
    }
}
