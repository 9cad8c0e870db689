/// The style infragen asks the emitter for, per scalar, and whether the scalar may be written plain.
///
/// One decision for both writers: ``YAMLWriter`` and libyaml's emitter (``LibYAMLEmitter``) receive the same
/// request, and each settles it with libyaml's rules (a literal block falls back to double quotes where it cannot be
/// written, a plain scalar to single quotes, single quotes to double quotes).
enum RequestedScalarStyle {
    case any, plain, singleQuoted, doubleQuoted, literal

    /// The style and the "plain implicit" flag of the scalar event for `scalar`.
    static func of(_ scalar: YAMLScalar) -> (style: RequestedScalarStyle, plainImplicit: Bool) {
        switch scalar.kind {
        case .string:
            // One pass over the bytes: a possible NEL (C2 85 in UTF-8) or LS/PS (E2 80 A8/A9), a line feed, and the
            // quoting decision; the exact (slower) tests run only when a byte says they may be true.
            var bytes = scalar.text
            let (mayBreak, hasLineFeed, quote) = bytes.withUTF8 { buffer in
                // A line feed that is a character of its own: not the second half of a CR LF pair, the one other
                // character that holds an LF (a grapheme break comes before and after every LF but CR LF's).
                var lead = false, lineFeed = false, previous: UInt8 = 0
                for byte in buffer {
                    if byte == 0xC2 || byte == 0xE2 {
                        lead = true
                    } else if byte == 0x0A && previous != 0x0D {
                        lineFeed = true
                    }
                    previous = byte
                }
                return (lead, lineFeed, YAMLScalarResolution.needsQuoting(utf8: buffer))
            }
            return ofString(scalar.text, mayBreak: mayBreak, hasLineFeed: hasLineFeed, quote: quote)
        case .integer, .decimal, .boolean, .null:
            return (.plain, true)
        }
    }

    /// The request for a string scalar `text`, from what a pass over its bytes found: a possible NEL or LS/PS (a C2
    /// or E2 byte), a "\n" character (an LF not preceded by CR), and whether it must be quoted
    /// (``YAMLScalarResolution/needsQuoting(utf8:)``). ``YAMLWriter`` passes what its scalar analysis found.
    static func ofString(
        _ text: String, mayBreak: Bool, hasLineFeed: Bool, quote: Bool
    ) -> (style: RequestedScalarStyle, plainImplicit: Bool) {
        if mayBreak,
           text.unicodeScalars.contains(where: { $0 == "\u{85}" || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
            // NEL, LS and PS are line breaks in YAML 1.1 and plain characters in YAML 1.2: libyaml would write them
            // raw, folded like line breaks, and the two kinds of reader would disagree. Escaped ("\N", "\L",
            // "\P") in double quotes, every reader gets the same string.
            return (.doubleQuoted, false)
        } else if hasLineFeed {
            // A "\n" character (a CR LF pair is one character, not a "\n"): a literal block when the emitter
            // allows it; it falls back to a quoted style when it does not.
            return (.literal, false)
        } else if quote {
            return (.singleQuoted, false)
        } else {
            // Plain where the emitter's own analysis allows it (no indicators, no ": ", no " #", no edge spaces).
            return (.any, true)
        }
    }
}
