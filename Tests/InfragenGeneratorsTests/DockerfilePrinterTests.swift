import InfragenGenerators
import Testing

/// The printer writes what it is given, quoted where the Dockerfile syntax needs it, and refuses what would change
/// the file's structure.
@Suite struct DockerfilePrinterTests {
    @Test func execFormIsAJSONArray() throws {
        #expect(try DockerfilePrinter.execForm(["/app/server"]) == #"["/app/server"]"#)
        #expect(try DockerfilePrinter.execForm(["a b", #"say "hi""#, #"back\slash"#, "$HOME"])
            == #"["a b", "say \"hi\"", "back\\slash", "$HOME"]"#)
        #expect(throws: DockerfilePrinter.Refusal.self) { try DockerfilePrinter.execForm([]) }
    }

    @Test func labelTextIsQuotedSoThatNothingExpands() {
        #expect(DockerfilePrinter.quoted(#"a "b" $C \d"#) == #""a \"b\" \$C \\d""#)
    }

    /// A backslash before `"`, `$`, `\` or at the end goes outside the quotes, where hadolint parses it too.
    @Test func aBackslashBeforeAQuoteOrAtTheEndIsWrittenOutsideTheQuotes() {
        #expect(DockerfilePrinter.quoted(#"ends \"#) == #""ends "\\"""#)
        #expect(DockerfilePrinter.quoted(#"a\"b"#) == #""a"\\"\"b""#)
        #expect(DockerfilePrinter.quoted(#"\\$"#) == #"""\\""\\"\$""#)
    }

    @Test func continuationLinesAndTheSyntaxDirective() throws {
        var file = Dockerfile()
        file.add(.arg("A", default: "1"))
        file.add(.run(mounts: ["type=cache,target=/c"], lines: ["one", "&& two"]))
        file.add(.label([.init("x.y", .text("t")), .init("x.z", .expansion("${A}"))]))
        file.add(.healthcheck(options: ["--interval=30s"], command: ["true"]))
        let text = try DockerfilePrinter.print(file, header: "# header\n")
        #expect(text == """
            # syntax=docker/dockerfile:1
            # header
            ARG A=1
            RUN --mount=type=cache,target=/c \\
                one \\
                && two
            LABEL x.y="t" \\
                  x.z="${A}"
            HEALTHCHECK --interval=30s \\
                CMD ["true"]

            """)
    }

    /// A newline in any value would end the instruction and start another: refused, never printed.
    @Test(arguments: [
        Instruction.run(mounts: [], lines: ["apk add ca-certificates\nRUN rm -rf /"]),
        .label([.init("org.opencontainers.image.description", .text("one\ntwo"))]),
        .entrypoint(["/app/server", "--flag\n"]),
        .healthcheck(options: [], command: ["wget\u{2028}"]),
        .arg("VERSION", default: "1\n"),
        .arg("BAD NAME", default: nil),
        .env([.init("A", "has space")]),
        .from(image: "alpine:3.19 AS x", platform: nil, stage: nil),
        .copy(sources: ["a\"b"], destination: "/x", from: nil, chmod: nil),
        .user("10001\r"),
        .expose(["80\t"]),
        .label([.init("Upper.Case", .text("x"))]),
        .run(mounts: [], lines: []),
    ])
    func controlCharactersAndBrokenValuesAreRefused(_ instruction: Instruction) {
        var file = Dockerfile()
        file.add(instruction)
        #expect(throws: DockerfilePrinter.Refusal.self) { try DockerfilePrinter.print(file) }
    }

    @Test func aCommentWithALineBreakIsRefused() {
        var file = Dockerfile()
        file.comment("one\nRUN evil")
        #expect(throws: DockerfilePrinter.Refusal.self) { try DockerfilePrinter.print(file) }
    }
}
