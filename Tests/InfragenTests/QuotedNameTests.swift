import Infragen
import InfragenTestSupport
import Testing

/// A name with an invisible or look-alike character prints like a valid one; every message that quotes a name the
/// blueprint gave names such characters by code point, Unicode name and position (1-based, in characters).
@Suite struct QuotedNameTests {
    @Test func plainNamesAreOnlyQuoted() {
        #expect(TextRules.quoted("order-service") == "'order-service'")
        #expect(TextRules.quoted("Order Service!") == "'Order Service!'")
    }

    @Test func invisibleAndLookAlikeCharactersAreNamed() {
        #expect(TextRules.quoted("ap\u{200B}i") == "'ap\u{200B}i' (U+200B ZERO WIDTH SPACE at character 3)")
        #expect(TextRules.quoted("\u{0430}pi") == "'\u{0430}pi' (U+0430 CYRILLIC SMALL LETTER A at character 1)")
        #expect(TextRules.quoted("a\tb\u{0}") == "'a\tb\u{0}' (U+0009 <control-0009> at character 2; U+0000 <control-0000> at character 4)")
        // A combining mark belongs to the character before it: the accent is in character 2, of 3.
        #expect(TextRules.quoted("ce\u{301}x") == "'ce\u{301}x' (U+0301 COMBINING ACUTE ACCENT at character 2)")
    }

    /// Code points without a name get their Unicode label.
    @Test func unnamedCodePointsGetTheirLabel() {
        #expect(TextRules.quoted("x\u{E000}\u{7F}") == "'x\u{E000}\u{7F}' (U+E000 <private-use-E000> at character 2; U+007F <control-007F> at character 3)")
    }

    @Test func aLongListIsCut() {
        #expect(TextRules.quoted("\u{200B}\u{200B}\u{200B}\u{200B}\u{200B}\u{200B}\u{200B}").hasSuffix(
            "(U+200B ZERO WIDTH SPACE at character 1; U+200B ZERO WIDTH SPACE at character 2; U+200B ZERO WIDTH SPACE at character 3; and 4 more)"))
    }

    /// The user's report: names that look valid in the message.
    @Test func validationMessagesNameTheCharacter() {
        let file = "Blueprints/LookAlike.swift"
        let system = System("shop", fileID: file, line: 1) {
            SourceRepository("https://git.example.com/shop", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .dev) { Host("dev.shop.example.com") }
            Service("ap\u{200B}i", fileID: file, line: 4) {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                DependsOn("p\u{0430}yments", fileID: file, line: 7)
                Override("d\u{0435}v", fileID: file, line: 8) { Replicas(2) }
            }
            Service("payments") { Port("http", 8080); Health(liveness: "/healthz", readiness: "/readyz") }
        }.description
        #expect(system.validate().map(\.description) == [
            "Blueprints/LookAlike.swift:4: error: shop/ap\u{200B}i: name: 'ap\u{200B}i' (U+200B ZERO WIDTH SPACE at character 3) is not a valid service name; use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit",
            "Blueprints/LookAlike.swift:7: error: shop/ap\u{200B}i: dependencies: the service depends on 'p\u{0430}yments' (U+0430 CYRILLIC SMALL LETTER A at character 2), which the system does not declare; did you mean 'payments'?",
            "Blueprints/LookAlike.swift:8: error: shop/ap\u{200B}i: override: the override names environment 'd\u{0435}v' (U+0435 CYRILLIC SMALL LETTER IE at character 2), which the system does not declare; did you mean 'dev'?",
        ])
    }
}
