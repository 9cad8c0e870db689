/// What the service's container runs: the image's entrypoint unless the blueprint gives a command, its arguments and
/// the folder it starts in. Part by part: a layer that sets the arguments keeps the command lower layers set.
public struct ContainerProcess: SettingValue, Sendable, Hashable, Encodable {
    /// Replaces the image's ENTRYPOINT (`command` in Kubernetes).
    public var command: [String]?
    /// Replaces the image's CMD (`args` in Kubernetes).
    public var arguments: [String]?
    /// An absolute path.
    public var workingDirectory: String?

    public init(command: [String]? = nil, arguments: [String]? = nil, workingDirectory: String? = nil) {
        self.command = command
        self.arguments = arguments
        self.workingDirectory = workingDirectory
    }

    public func overlaid(by later: ContainerProcess) -> ContainerProcess {
        ContainerProcess(
            command: later.command ?? command, arguments: later.arguments ?? arguments,
            workingDirectory: later.workingDirectory ?? workingDirectory)
    }
}

extension SettingKey where Value == ContainerProcess {
    public static let process = SettingKey("container", builtIn: ContainerProcess()) { process, check in
        for (part, words) in [("command", process.command), ("args", process.arguments)] {
            guard let words else { continue }
            if part == "command" && (words.isEmpty || words[0].isEmpty) {
                check.error("the command is empty", hint: "name the program, e.g. Command(\"java\", \"-jar\", \"/app/app.jar\")",
                            part: part)
            }
            for word in words where word.unicodeScalars.contains("\0") || TextRules.firstUnportableScalar(word) != nil {
                check.error("\(word.quoted) contains a NUL or another character no process argument can carry",
                            hint: "remove it", part: part)
            }
        }
        if let directory = process.workingDirectory,
           !directory.hasPrefix("/") || !TextRules.isSingleLineText(directory) || directory.contains("/../") || directory.hasSuffix("/..") {
            check.error("\(directory.quoted) is not an absolute path", hint: "write it from the root, e.g. /srv/app",
                        part: "workingDir")
        }
    }
}

extension SettingKey where Value == String? {
    /// The container's name; the service's name unless set (some images' tooling looks a container up by name).
    public static let containerName = SettingKey("container.name", builtIn: nil) { name, check in
        if let name, !TextRules.isDNSLabel(name) {
            check.error("\(name.quoted) is not a container name",
                        hint: "use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit")
        }
    }
}
