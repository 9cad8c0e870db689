/// Accepts one kind of warning at this place, with the reason reviewers read: the warning then prints nothing.
///
/// ```swift
/// Service("legacy-sync") {
///     RunAs(user: 999)
///     Acknowledge(.lowUID, because: "mirrors upstream's uid 999, which owns the shared volume")
/// }
/// ```
///
/// It stands where the warning's place is and covers the warnings of that place and of what lies in it: a service
/// (every environment of it), a service's `Override` (that environment only), a `Deploy(to:)` (that environment's
/// services), or the system itself and its `Defaults` (the whole system). The code is the one the warning prints
/// (`[Acknowledge(.lowUID, because: …)]`). An acknowledgement that no longer covers a warning is itself a warning,
/// so it is removed rather than forgotten; the reason is required, on one line.
public struct Acknowledge: SettingsComponent, SystemComponent {
    let acknowledgement: WarningAcknowledgement

    public init(
        _ code: WarningCode, because reason: String,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        acknowledgement = WarningAcknowledgement(code: code, reason: reason,
            location: SourceLocation(fileID, filePath, line))
    }

    public func apply(to settings: inout ServiceSettings) {
        settings.acknowledgements.append(acknowledgement)
    }

    public func apply(to system: inout SystemDescription) {
        system.defaults.acknowledgements.append(acknowledgement)
    }
}
