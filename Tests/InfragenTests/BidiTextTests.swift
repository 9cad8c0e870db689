import Infragen
import InfragenTestSupport
import Testing

/// Free text that reviewers read (the README, labels and annotations): a bidi embedding, override or isolate left
/// open, or a closing control with nothing to close, reorders the text around it (Trojan Source). Such text is
/// refused, naming the control by code point and position; balanced controls stay legal.
@Suite struct BidiTextTests {
    @Test(arguments: [
        ("plain", nil),
        ("a \u{202E}b\u{202C} c", nil),
        ("\u{2067}\u{202B}x\u{202C}\u{2069}", nil),
        ("\u{2066}x\u{2069}\u{2068}y\u{2069}", nil),
        ("ünïcödé 中文 🚀 \u{202E}", "U+202E RIGHT-TO-LEFT OVERRIDE at character 14 is never closed"),
        ("x\u{202C}", "U+202C POP DIRECTIONAL FORMATTING at character 2 closes nothing"),
        ("\u{2069}", "U+2069 POP DIRECTIONAL ISOLATE at character 1 closes nothing"),
        ("\u{2066}\u{202A}x\u{2069}", "U+202A LEFT-TO-RIGHT EMBEDDING at character 2 is not closed before U+2069 POP DIRECTIONAL ISOLATE at character 4"),
        ("\u{202D}\u{2068}x\u{202C}", "U+2068 FIRST STRONG ISOLATE at character 2 is not closed before U+202C POP DIRECTIONAL FORMATTING at character 4"),
        ("\u{202A}\u{202B}\u{202C}", "U+202A LEFT-TO-RIGHT EMBEDDING at character 1 is never closed"),
    ] as [(String, String?)])
    func unbalancedControlsAreFound(_ text: String, _ problem: String?) {
        #expect(TextRules.unbalancedBidiControl(in: text) == problem)
    }

    /// Every free-text field that reaches the README, a label or an annotation.
    @Test func everyFreeTextFieldIsChecked() {
        let file = "Blueprints/Bidi.swift"
        let open = "\u{202E}"
        let system = System("shop", fileID: file, line: 1) {
            Summary("system \(open)")
            Team("ops \(open)", fileID: file, line: 3)
            SourceRepository("https://git.example.com/shop", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .dev, fileID: file, line: 6) {
                Host("dev.shop.example.com")
                Rollout(frequency: "weekly \(open)", rollback: .other("by hand \(open)"), owner: "sre \(open)",
                        fileID: file, line: 8)
            }
            Service("api", fileID: file, line: 10) {
                Summary("service \(open)")
                Team("api team \(open)", fileID: file, line: 12)
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                Exempt(.writableRootFilesystem, because: "the agent \(open) writes", fileID: file, line: 15)
                SLO("checkout", fileID: file, line: 16) {
                    Availability(.percent(99.9))
                    Team("slo team \(open)")
                }
            }
        }.description
        let hint = "close it in the same text (U+202C POP DIRECTIONAL FORMATTING closes U+202A-U+202E, U+2069 POP DIRECTIONAL ISOLATE closes U+2066-U+2068), or remove it"
        #expect(system.validate().map(\.description) == [
            "Blueprints/Bidi.swift:1: error: shop: summary: the text's bidi controls are unbalanced: U+202E RIGHT-TO-LEFT OVERRIDE at character 8 is never closed, so what follows can display reordered where reviewers read it; \(hint)",
            "Blueprints/Bidi.swift:3: error: shop: team: the text's bidi controls are unbalanced: U+202E RIGHT-TO-LEFT OVERRIDE at character 5 is never closed, so what follows can display reordered where reviewers read it; \(hint)",
            "Blueprints/Bidi.swift:8: error: shop/dev: rollout.frequency: the text's bidi controls are unbalanced: U+202E RIGHT-TO-LEFT OVERRIDE at character 8 is never closed, so what follows can display reordered where reviewers read it; \(hint)",
            "Blueprints/Bidi.swift:8: error: shop/dev: rollout.owner: the text's bidi controls are unbalanced: U+202E RIGHT-TO-LEFT OVERRIDE at character 5 is never closed, so what follows can display reordered where reviewers read it; \(hint)",
            "Blueprints/Bidi.swift:8: error: shop/dev: rollout.rollback: the text's bidi controls are unbalanced: U+202E RIGHT-TO-LEFT OVERRIDE at character 9 is never closed, so what follows can display reordered where reviewers read it; \(hint)",
            "Blueprints/Bidi.swift:10: error: shop/api: summary: the text's bidi controls are unbalanced: U+202E RIGHT-TO-LEFT OVERRIDE at character 9 is never closed, so what follows can display reordered where reviewers read it; \(hint)",
            "Blueprints/Bidi.swift:12: error: shop/api: team: the text's bidi controls are unbalanced: U+202E RIGHT-TO-LEFT OVERRIDE at character 10 is never closed, so what follows can display reordered where reviewers read it; \(hint)",
            "Blueprints/Bidi.swift:15: error: shop/api: security.exemptions[writable-root-filesystem]: the text's bidi controls are unbalanced: U+202E RIGHT-TO-LEFT OVERRIDE at character 11 is never closed, so what follows can display reordered where reviewers read it; \(hint)",
            "Blueprints/Bidi.swift:16: error: shop/api: slo[checkout].team: the text's bidi controls are unbalanced: U+202E RIGHT-TO-LEFT OVERRIDE at character 10 is never closed, so what follows can display reordered where reviewers read it; \(hint)",
        ])
    }
}
