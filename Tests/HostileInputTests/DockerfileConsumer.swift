import Foundation
import InfragenTestSupport
import Testing

/// What a Dockerfile's LABEL means to the builder: BuildKit's reading (`frontend/dockerfile/parser` and
/// `frontend/dockerfile/shell`, as buildah uses them too), ported for the label instruction: continuation lines
/// joined, the instruction split into words outside quotes, each `key=value` word's value unquoted and unescaped.
/// `DockerfileLintTests.buildahReadsEveryLabelAsTheText` holds the printer to buildah itself.
enum DockerfileConsumer {
    struct WouldExpand: Error, CustomStringConvertible {
        let word: String
        var description: String { "the builder would expand a variable in \(word.debugDescription)" }
    }

    /// The value of a label of the last LABEL instruction of a Dockerfile (nil when it has no such label).
    static func label(_ key: String, in dockerfile: String) throws -> String? {
        var instructions: [String] = []
        var current = ""
        for line in dockerfile.split(separator: "\n", omittingEmptySubsequences: false) {
            if current.isEmpty && line.hasPrefix("#") { continue }
            if line.hasSuffix("\\") {
                current += line.dropLast()
            } else {
                instructions.append(current + line)
                current = ""
            }
        }
        guard let label = instructions.last(where: { $0.hasPrefix("LABEL ") }) else {
            throw ReadBackFailed("the Dockerfile has no LABEL")
        }
        for word in words(String(label.dropFirst("LABEL ".count))) {
            guard let equals = word.firstIndex(of: "=") else { throw ReadBackFailed("\(word) is not key=value") }
            if word[..<equals] == key { return try unquoted(String(word[word.index(after: equals)...])) }
        }
        return nil
    }

    /// The instruction's words, split at white space outside quotes; quotes and escapes are kept (`parseWords`).
    static func words(_ text: String) -> [String] {
        var words: [String] = [], word = "", quote: Character?
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if let open = quote {
                word.append(character)
                if character == open {
                    quote = nil
                } else if character == "\\" && open == "\"", let next = characters.popFirst() {
                    word.append(next)
                }
            } else if character.isWhitespace {
                if !word.isEmpty { words.append(word) }
                word = ""
            } else {
                word.append(character)
                if character == "\"" || character == "'" {
                    quote = character
                } else if character == "\\", let next = characters.popFirst() {
                    word.append(next)
                }
            }
        }
        if !word.isEmpty { words.append(word) }
        return words
    }

    /// A word as the shell lexer reads it (`processStopOn`): quotes removed, escapes applied, and an error where
    /// it would expand a variable (an unescaped `$` before a name, a digit, a special parameter or `{`).
    static func unquoted(_ word: String) throws -> String {
        var result = ""
        var scalars = Array(word.unicodeScalars)[...]
        func dollar() throws {
            if let next = scalars.first,
               next == "{" || next == "_" || next.properties.isAlphabetic || next.properties.numericType != nil
                   || "*#@?-$!".unicodeScalars.contains(next) {
                throw WouldExpand(word: word)
            }
            result += "$"
        }
        while let scalar = scalars.popFirst() {
            switch scalar {
            case "'":
                guard let close = scalars.firstIndex(of: "'") else { throw ReadBackFailed("unclosed ' in \(word)") }
                result.unicodeScalars.append(contentsOf: scalars[..<close])
                scalars = scalars[(close + 1)...]
            case "\"":
                var closed = false
                while let inside = scalars.popFirst() {
                    if inside == "\"" {
                        closed = true
                        break
                    }
                    if inside == "$" {
                        try dollar()
                    } else if inside == "\\" {
                        guard let next = scalars.first else { continue }
                        if "\"$\\".unicodeScalars.contains(next) {
                            result.unicodeScalars.append(scalars.removeFirst())
                        } else {
                            result += "\\"
                        }
                    } else {
                        result.unicodeScalars.append(inside)
                    }
                }
                guard closed else { throw ReadBackFailed("unclosed \" in \(word)") }
            case "$":
                try dollar()
            case "\\":
                if let next = scalars.popFirst() { result.unicodeScalars.append(next) }
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

/// A label of a service's image as the builder reads it from the generated Dockerfile (``DockerfileConsumer``).
struct DockerfileLabel: ReadBack {
    var system = "hostile"
    var service = "api"
    let key: String
    let expected: String

    var tool: String? { nil }
    var description: String { "\(service) image label \(key) is \(expected.debugDescription)" }

    func check(_ files: [String: String]) throws {
        let path = "\(system)/docker/\(service)/Dockerfile"
        guard let dockerfile = files[path] else { throw ReadBackFailed("\(path) was not generated") }
        let seen = try DockerfileConsumer.label(key, in: dockerfile)
        guard seen == expected else {
            throw ReadBackFailed("\(description), but the builder reads \(seen?.debugDescription ?? "nothing")")
        }
    }
}

/// hadolint, with the repository's `.hadolint.yaml`, parses every generated Dockerfile and finds nothing.
struct HadolintFindsNothing: ReadBack {
    var tool: String? { "hadolint" }
    var description: String { "hadolint parses every Dockerfile and finds nothing" }

    func check(_ files: [String: String]) throws {
        let hadolint = try ExternalTool.path("hadolint")
        let config = repositoryRoot().appendingPathComponent(".hadolint.yaml").path
        let dockerfiles = files.filter { $0.key.hasSuffix("/Dockerfile") }
        guard !dockerfiles.isEmpty else { throw ReadBackFailed("no Dockerfile was generated") }
        try withTemporaryFolder { root in
            try writeFiles(dockerfiles.map { ($0.key, $0.value) }, under: root)
            let result = try runProcess(hadolint, ["-c", config, "--no-color"] + dockerfiles.keys.sorted(), in: root)
            guard result.status == 0 && result.stdout.isEmpty else { throw ReadBackFailed("hadolint: \(result)") }
        }
    }
}
