extension TextRules {
    /// The bidi controls that open a span: the embeddings and overrides U+202A-U+202E (but U+202C), closed by U+202C
    /// POP DIRECTIONAL FORMATTING, and the isolates U+2066-U+2068, closed by U+2069 POP DIRECTIONAL ISOLATE.
    static let bidiEmbeddings: ClosedRange<UInt32> = 0x202A...0x202E
    static let popDirectionalFormatting: Unicode.Scalar = "\u{202C}"
    static let bidiIsolates: ClosedRange<UInt32> = 0x2066...0x2068
    static let popDirectionalIsolate: Unicode.Scalar = "\u{2069}"

    /// What is unbalanced about the bidi controls of `text`, or nil when every span it opens it closes, innermost
    /// first: `U+202E RIGHT-TO-LEFT OVERRIDE at character 13 is never closed`. An unbalanced span reorders the text
    /// after it wherever the text is shown (a README, a diff in review: Trojan Source).
    public static func unbalancedBidiControl(in text: String) -> String? {
        // Printable ASCII, the usual case, holds none.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return nil }
        var open: [(scalar: Unicode.Scalar, position: Int)] = []
        for (offset, character) in text.enumerated() {
            for scalar in character.unicodeScalars {
                let closesEmbedding = scalar == popDirectionalFormatting
                if bidiEmbeddings.contains(scalar.value) && !closesEmbedding || bidiIsolates.contains(scalar.value) {
                    open.append((scalar, offset + 1))
                } else if closesEmbedding || scalar == popDirectionalIsolate {
                    let closer = describe(scalar, atCharacter: offset + 1)
                    guard let innermost = open.last else { return "\(closer) closes nothing" }
                    guard bidiIsolates.contains(innermost.scalar.value) == (scalar == popDirectionalIsolate) else {
                        return "\(describe(innermost.scalar, atCharacter: innermost.position)) is not closed before \(closer)"
                    }
                    open.removeLast()
                }
            }
        }
        return open.last.map { "\(describe($0.scalar, atCharacter: $0.position)) is never closed" }
    }
}

extension DiagnosticCollector {
    /// Free text that reviewers read where infragen writes it (the README, an image label, an annotation or an
    /// alert label): refused when its bidi controls are unbalanced (``TextRules/unbalancedBidiControl(in:)``).
    mutating func checkBidiControls(_ text: String, _ path: DiagnosticPath, field: String, at location: SourceLocation?) {
        guard let problem = TextRules.unbalancedBidiControl(in: text) else { return }
        error(path, field: field,
              "the text's bidi controls are unbalanced: \(problem), so what follows can display reordered where reviewers read it",
              hint: "close it in the same text (U+202C POP DIRECTIONAL FORMATTING closes U+202A-U+202E, U+2069 POP DIRECTIONAL ISOLATE closes U+2066-U+2068), or remove it",
              at: location)
    }
}

extension DiagnosticCollector {
    /// A team name (the system's `Team`, a service's, an SLO's): one rule, one wording, wherever it is set. It
    /// reaches labels, alert labels and the README.
    mutating func checkTeamName(_ team: String, _ path: DiagnosticPath, field: String, at location: SourceLocation?) {
        if team.isEmpty || !TextRules.isSingleLineText(team) {
            error(path, field: field, "the team name is empty or spans lines", hint: "name the team on one line",
                  at: location)
        }
        checkBidiControls(team, path, field: field, at: location)
    }
}
