/// The journal of an apply: written (atomically) once every new file is staged, before the first rename; removed
/// once the manifest is in place. Its presence means a render committed and was stopped while moving its files into
/// place; the next infragen command on the folder replays it to the end (see ``OutputDirectory/settle()``).
///
/// One step a line, in the order they run; paths relative to the output root, tab-separated:
///
///     rename	a/.b.yaml.infragen-42.tmp	a/b.yaml
///     remove	a/old.yaml
enum OutputJournal {
    static let name = ".infragen-journal"

    enum Step: Equatable {
        case rename(temporary: String, target: String)
        case remove(String)
    }

    static let firstLine = "# infragen journal: a render was moving its files into place here. The next infragen "
        + "command on this folder finishes it. Do not edit."

    static func text(_ steps: [Step]) -> String {
        var text = firstLine + "\n"
        for step in steps {
            switch step {
            case .rename(let temporary, let target): text += "rename\t\(temporary)\t\(target)\n"
            case .remove(let path): text += "remove\t\(path)\n"
            }
        }
        return text
    }

    /// The steps of a journal, or nil when it is not one infragen wrote: every path must be relative, without `..`
    /// or empty components, and each temporary file must be named after its target.
    static func steps(_ text: String) -> [Step]? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first.map(String.init) == firstLine, lines.last == "" else { return nil }
        lines = Array(lines.dropFirst().dropLast())
        var steps: [Step] = []
        for line in lines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            switch fields.first {
            case "rename" where fields.count == 3 && isSafe(fields[1]) && isSafe(fields[2])
                && OutputDirectory.temporaryTarget(fields[1]) == fields[2]:
                steps.append(.rename(temporary: fields[1], target: fields[2]))
            case "remove" where fields.count == 2 && isSafe(fields[1]):
                steps.append(.remove(fields[1]))
            default:
                return nil
            }
        }
        return steps
    }

    /// Whether a path can be written into a journal line and read back as the same path under the root.
    static func isSafe(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.contains("\t") && !path.contains("\n")
            && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty || $0 == "." || $0 == ".." }
    }
}
