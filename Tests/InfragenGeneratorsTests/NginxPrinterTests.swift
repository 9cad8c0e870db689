import Testing

@testable import InfragenGenerators

/// The Nginx printer writes what it is given only when the Nginx tokenizer reads it back the same way.
@Suite struct NginxPrinterTests {
    @Test func printsBlocksDirectivesAndCommentsWithFourSpaces() throws {
        let text = try NginxPrinter.print([
            .comment("gateway"),
            .block("server", children: [
                .d("listen", "443", "ssl"),
                .blank,
                .blank,
                .block("location", "=", "/healthz", children: [.d("return", "200", .body("ok\n"))]),
                .blank,
            ]),
        ])
        #expect(text == """
            # gateway
            server {
                listen 443 ssl;

                location = /healthz {
                    return 200 "ok\\n";
                }
            }

            """)
    }

    @Test func quotesTextAndEscapesDoubleQuotes() throws {
        #expect(try NginxPrinter.render(.text("default-src 'none'; frame-ancestors 'none'"))
            == "\"default-src 'none'; frame-ancestors 'none'\"")
        #expect(try NginxPrinter.render(.text("say \"hi\" {now}")) == "\"say \\\"hi\\\" {now}\"")
        #expect(try NginxPrinter.render(.text("")) == "\"\"")
        #expect(try NginxPrinter.render(.text("a # not a comment")) == "\"a # not a comment\"")
    }

    @Test func expressionsUseBracesOnlyWhereANameWouldRunOn() throws {
        #expect(try NginxPrinter.render(.expression([.literal("https://shop.example.com"), .variable("request_uri")]))
            == "https://shop.example.com$request_uri")
        #expect(try NginxPrinter.render(.expression([.variable("uid_got"), .variable("uid_set")])) == "$uid_got$uid_set")
        #expect(try NginxPrinter.render(.expression([.variable("scheme"), .literal("_x")])) == "\"${scheme}_x\"")
        #expect(try NginxPrinter.render(.expression([.literal("/v1/"), .variable("1"), .literal("2")])) == "/v1/$12")
        #expect(try NginxPrinter.render(.expression([.literal("{\"a\":\""), .variable("host"), .literal("\"}")]))
            == "'{\"a\":\"$host\"}'")
        #expect(try NginxPrinter.render(.expression([.literal("a b "), .variable("host")])) == "\"a b $host\"")
    }

    @Test func longDirectivesWrapWithinTheWidth() throws {
        let types = (1...12).map { NginxArgument.word("application/type-number-\($0)") }
        let text = try NginxPrinter.print([.block("http", children: [.d("gzip_types", arguments: types)])])
        let lines = text.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= NginxPrinter.width })
        #expect(lines.count > 3)
        #expect(lines.dropFirst().first?.hasPrefix("    gzip_types application/type-number-1 ") == true)
        #expect(lines.dropFirst(2).first?.hasPrefix("        application/") == true)
        #expect(text.contains("application/type-number-12;\n}"))
    }

    /// Every character that could end a token, a directive or a block, start a comment or a variable, or split a
    /// header is refused in a bare token, with the reason.
    @Test(arguments: [
        ("shop example.com", "a space is not allowed in a bare token"),
        ("/api;rm", "';' is not allowed in a bare token"),
        ("/a{2}", "'{' is not allowed in a bare token"),
        ("/a}", "'}' is not allowed in a bare token"),
        ("\"quoted\"", "'\"' is not allowed in a bare token"),
        ("it's", "''' is not allowed in a bare token"),
        ("#comment", "'#' is not allowed in a bare token"),
        ("$host", "'$' is not allowed in a bare token"),
        ("a\\b", "'\\' is not allowed in a bare token"),
        ("line\nbreak", "the control character 0xA is not allowed in a bare token"),
        ("tab\there", "the control character 0x9 is not allowed in a bare token"),
        ("caf\u{E9}", "a non-ASCII character is not allowed in a bare token"),
        ("", "an empty token must be quoted text"),
    ])
    func hostileWordsAreRefused(value: String, reason: String) {
        #expect(throws: NginxPrinter.Refused(value: value, reason: reason)) { try NginxPrinter.render(.word(value)) }
        #expect(throws: NginxPrinter.Refused.self) { try NginxPrinter.print([.d(value)]) }
    }

    @Test(arguments: [
        ("nosniff\r\nSet-Cookie: a=b", "the control character 0xD is not allowed in quoted text"),
        ("nosniff\nX-Evil: 1", "the control character 0xA is not allowed in quoted text"),
        ("price$usd", "'$' is not allowed in quoted text"),
        ("a\\\"; add_header X 1", "'\\' is not allowed in quoted text"),
        ("nul\u{0}", "the control character 0x0 is not allowed in quoted text"),
        ("del\u{7F}", "the control character 0x7F is not allowed in quoted text"),
        ("\u{2028}", "a non-ASCII character is not allowed in quoted text"),
    ])
    func hostileTextIsRefused(value: String, reason: String) {
        #expect(throws: NginxPrinter.Refused(value: value, reason: reason)) { try NginxPrinter.render(.text(value)) }
        #expect(throws: NginxPrinter.Refused.self) {
            try NginxPrinter.render(.expression([.literal(value), .variable("host")]))
        }
    }

    @Test func bodiesAllowOnlyTheLineFeedAsAnEscape() throws {
        #expect(try NginxPrinter.render(.body("ok\n")) == "\"ok\\n\"")
        #expect(throws: NginxPrinter.Refused.self) { try NginxPrinter.render(.body("ok\r\n")) }
    }

    @Test func variablesAndRegularExpressionsAreChecked() {
        for name in ["", "0", "10", "a-b", "a b", "host;", "h{"] {
            #expect(throws: NginxPrinter.Refused.self, "\(name.debugDescription)") {
                try NginxPrinter.render(.variable(name))
            }
        }
        #expect((try? NginxPrinter.render(.regex("^/api/orders/?(.*)$"))) == "\"^/api/orders/?(.*)$\"")
        for pattern in ["", "^/a\"b$", "^/a'b", "^/$host$", "^/a\\", "^/a\nb$"] {
            #expect(throws: NginxPrinter.Refused.self, "\(pattern.debugDescription)") {
                try NginxPrinter.render(.regex(pattern))
            }
        }
    }

    @Test func commentsCannotEndEarly() {
        #expect(throws: NginxPrinter.Refused(value: "a\nlisten 80;", reason: "U+A would end the comment")) {
            try NginxPrinter.print([.comment("a\nlisten 80;")])
        }
        #expect(throws: NginxPrinter.Refused.self) { try NginxPrinter.print([.comment("a\u{2028}b")]) }
    }
}
