import InfragenYAML
import Testing

/// The marked parser that readers of user-written YAML use (OpenSLO import): every node knows its line and column,
/// and what a person should not write (a key twice, anchors, aliases, bombs, absurd nesting) is refused at its place.
@Suite struct YAMLMarkedParsingTests {
    @Test func everyNodeAndKeyKnowsItsLineAndColumn() throws {
        let text = """
            apiVersion: openslo/v1
            kind: SLO
            spec:
              objectives:
                - target: 0.995
                  displayName: "Checkout"
            """
        let document = try #require(try YAML.parseMarked(text).first)
        #expect(document.mark == YAMLMark(line: 1, column: 1))
        #expect(document.entries?.map(\.key) == ["apiVersion", "kind", "spec"])
        #expect(document.entries?.map(\.keyMark) == [YAMLMark(line: 1, column: 1), YAMLMark(line: 2, column: 1),
                                                      YAMLMark(line: 3, column: 1)])
        let objective = try #require(document["spec"]?["objectives"]?.items?.first)
        #expect(objective.mark == YAMLMark(line: 5, column: 7))
        #expect(objective["target"]?.mark == YAMLMark(line: 5, column: 15))
        #expect(objective["target"]?.scalar == YAMLScalar(decimal: "0.995"))
        #expect(objective["displayName"]?.scalar == YAMLScalar(string: "Checkout"))
    }

    /// The same values as the unmarked parser, for every document of a stream.
    @Test func theValuesAreThoseOfTheUnmarkedParser() throws {
        let text = "a: 1\nb: [x, 'y', true, ~]\n---\n- c: {d: 1.5}\n"
        #expect(try YAML.parseMarked(text).map(\.unmarked) == (try YAML.parse(text)))
    }

    @Test(arguments: [
        ("a: 1\nb: 2\na: 3\n", "the key 'a' is written twice", 3, 1),
        ("spec:\n  x: 1\n  x: 1\n", "the key 'x' is written twice", 3, 3),
        ("a: &anchor 1\nb: *anchor\n", "anchors (&name) are not supported", 1, 4),
        ("a: [1]\nb: *x\n", "aliases (*name) are not supported", 2, 4),
        ("? [a]\n: 1\n", "only plain scalar mapping keys", 1, 3),
        ("a: b: c\n", "mapping values are not allowed in this context", 1, 5),
        ("a: 'unterminated\n", "found unexpected end of stream", 2, 1),
    ] as [(String, String, Int, Int)])
    func refusedAtItsPlace(text: String, problem: String, line: Int, column: Int) {
        do {
            _ = try YAML.parseMarked(text)
            Issue.record("\(text.debugDescription) parsed")
        } catch {
            #expect(error.problem.contains(problem), "\(error)")
            #expect(error.line == line && error.column == column, "\(error)")
        }
    }

    /// A "billion laughs" bomb is refused at its first anchor, before anything is expanded.
    @Test func anAliasBombIsRefusedAtOnce() {
        var text = "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        for (index, name) in "bcdefghi".enumerated() {
            let previous = Array("abcdefghi")[index]
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        #expect(throws: YAMLError.self) { try YAML.parseMarked(text) }
        do { _ = try YAML.parseMarked(text) } catch { #expect(error.line == 1 && error.column == 4) }
    }

    @Test func nestingDeeperThanTheLimitIsRefused() throws {
        let deep = String(repeating: "[", count: YAML.maximumMarkedDepth + 1) + String(repeating: "]", count: YAML.maximumMarkedDepth + 1)
        #expect(throws: YAMLError.self) { try YAML.parseMarked(deep) }
        let allowed = String(repeating: "[", count: YAML.maximumMarkedDepth) + String(repeating: "]", count: YAML.maximumMarkedDepth)
        #expect(try YAML.parseMarked(allowed).count == 1)
    }
}
