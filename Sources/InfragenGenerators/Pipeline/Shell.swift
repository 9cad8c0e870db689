/// POSIX shell text: every value from a blueprint is one single-quoted word, so that no character in it (a `$`, a
/// backtick, a quote, a newline) can change what the shell runs.
enum Shell {
    /// `'value'`, with each `'` written as `'\''`.
    static func quoted(_ value: String) -> String {
        "'" + value.replacing("'", with: #"'\''"#) + "'"
    }

    /// Whole seconds, at least 1: `300`.
    static func seconds(_ duration: Duration) -> Int {
        max(1, Int(duration.components.seconds))
    }
}
