import Foundation
import InfragenModel
import InfragenTestSupport
import Testing

/// Label-matcher regular expressions are parsed as Prometheus reads them: promtool is the judge of what parses, and
/// matching is anchored at both ends.
@Suite struct RE2PatternTests {
    /// Patterns and whether Prometheus (promtool 2.42) accepts them in `=~`.
    static let verdicts: [(String, Bool)] = [
        ("/api/(orders|carts)(/.*)?", true), ("/api/.*/export", true), ("a**", false), ("a*+", false),
        ("a{2}{3}", false), ("a++", false), ("(?=a)", false), ("(?!a)b", false), ("(?<=a)b", false), (#"\1"#, false),
        (#"(a)\1"#, false), (#"\8"#, false), (#"\12"#, true), (#"\0"#, true), ("[z-a]", false), ("[a-", false),
        ("(abc", false), ("a{1001}", false), ("a{2,1}", false), ("a{,3}", true), (#"\"#, false), (#"\y"#, false),
        (#"\C"#, false), (#"\Z"#, false), (#"\z"#, true), (#"\pL+"#, true), (#"\p{Lu}"#, true), ("[[:alpha:]]+", true),
        ("[[:foo:]]", false), ("(?i)get", true), ("(?P<name>x)", true), ("(?<name>x)", false), ("(?P<>x)", false),
        ("(?x)a", false), ("(?i-s:a.)", true), ("(?-)a", false), (#"\Qa.b\E"#, true), (#"\x{41}"#, true),
        (#"\x{110000}"#, false), ("[]a]", true), ("[^]a]", true), ("*a", false), ("+", false), ("{2}", false),
        ("a{", true), ("x{1,2", true), (#"\d{3}"#, true), (#"[\d-z]"#, true), (#"[a-\d]"#, false), ("a|", true),
        ("|", true), ("()", true), (#"\b\w+\b"#, true), ("(?U)a+", true),
    ]

    @Test func infragenParsesWhatPrometheusParses() {
        for (pattern, parses) in Self.verdicts {
            #expect(((try? RE2Pattern(pattern)) != nil) == parses, "\(pattern)")
        }
    }

    /// Prometheus wraps the pattern as `^(?:PATTERN)$`: `a)|(b` parses there and escapes the anchors
    /// (`^(?:a)|(b)$`), so infragen refuses it, as it refuses scripts such as `\p{Greek}` it could not check.
    @Test func infragenIsStricterOnlyWhereItSays() {
        #expect((try? RE2Pattern("a)|(b")) == nil)
        #expect((try? RE2Pattern(#"\p{Greek}"#)) == nil)
    }

    /// The table above is promtool's own verdict, checked here on the installed promtool.
    @Test(.enabled(if: ExternalTool.usable("promtool"), ExternalTool.skipNote("promtool")))
    func theVerdictsArePromtools() throws {
        try withTemporaryFolder { folder in
            for (pattern, parses) in Self.verdicts {
                let escaped = pattern.replacingOccurrences(of: #"\"#, with: #"\\"#)
                    .replacingOccurrences(of: "\"", with: #"\""#).replacingOccurrences(of: "'", with: "''")
                let rules = "groups:\n- name: g\n  rules:\n  - record: x\n    expr: 'up{a=~\"\(escaped)\"}'\n"
                try rules.write(to: folder.appendingPathComponent("r.yaml"), atomically: true, encoding: .utf8)
                let result = try runProcess(try ExternalTool.path("promtool"), ["check", "rules", "r.yaml"],
                                            in: folder, timeout: .seconds(60))
                #expect((result.status == 0) == parses, "\(pattern): \(result)")
            }
        }
    }

    @Test func errorsNameGoWordsAndTheOffset() {
        func error(_ pattern: String) -> String? {
            do {
                _ = try RE2Pattern(pattern)
                return nil
            } catch {
                return error.description
            }
        }
        #expect(error("a**") == "invalid nested repetition operator: `a**` at offset 0")
        #expect(error("/api/(x") == "missing closing ) at offset 5")
        #expect(error("(?=a)") == "invalid or unsupported Perl syntax: `(?=` at offset 0")
    }

    @Test func matchingIsAnchoredAtBothEnds() throws {
        let pattern = try RE2Pattern("/api/(orders|carts)(/.*)?")
        #expect(pattern.matches("/api/orders") == true)
        #expect(pattern.matches("/api/carts/1") == true)
        #expect(pattern.matches("/api/orders-x") == false)
        #expect(pattern.matches("x/api/orders") == false)
        #expect(try RE2Pattern("(?i)get").matches("GET") == true)
        #expect(try RE2Pattern("[^a-z]+").matches("ABC") == true)
        #expect(try RE2Pattern(#"\d{3}"#).matches("5000") == false)
        #expect(try RE2Pattern("a{2,3}").matches("aaa") == true)
        #expect(try RE2Pattern("a{2,3}").matches("aaaa") == false)
    }

    @Test func sampleValuesSatisfyEveryMatcherOfTheLabel() {
        let both = [LabelMatcher("handler", "/api/(orders|carts)(/.*)?", op: .matches),
                    LabelMatcher("handler", "/api/.*/export", op: .doesNotMatch)]
        let (selected, rejected) = LabelMatcher.sampleValues(both)
        #expect(selected == "/api/orders")
        // Each decoy is refused by its own matcher and selected by the other: it proves that matcher is in the rules.
        #expect(rejected == ["/api//export/api/orders", "/api/orders/api//export"])
        #expect(LabelMatcher.sampleValues([LabelMatcher("h", "a", op: .matches), LabelMatcher("h", "a", op: .doesNotMatch)])
            .selected == nil)
        #expect(LabelMatcher.sampleValues([LabelMatcher("h", ".*", op: .matches)]).rejected == [nil])
        #expect(LabelMatcher.sampleValues([LabelMatcher("h", ".*", op: .doesNotMatch)]).selected == nil)
    }

    /// A long pattern (a list of routes, a literal of thousands of characters) must not exhaust the stack: the
    /// backtracking matcher recurses once per step, so it gives up (nil) past a depth instead of crashing.
    @Test(arguments: [1_000, 5_000, 100_000])
    func longPatternsNeitherCrashNorHang(length: Int) throws {
        let literal = String(repeating: "a", count: length)
        let pattern = try RE2Pattern(literal)
        let verdict = pattern.matches(literal)
        #expect(verdict == true || verdict == nil)
        #expect(pattern.matches("b") == false)
        let alternation = try RE2Pattern((0..<(length / 10)).map { "/r\($0)" }.joined(separator: "|"))
        #expect(alternation.matches("/r0") == true)
        _ = LabelMatcher.sampleValues([LabelMatcher("h", literal, op: .matches)])
    }
}
