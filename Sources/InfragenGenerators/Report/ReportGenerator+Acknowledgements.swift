import InfragenModel

extension ReportGenerator {
    /// The warnings the blueprint acknowledges (`Acknowledge`), which no command prints: where, which, and why, so
    /// that a reviewer sees what was accepted.
    func acknowledgedWarnings(_ system: ResolvedSystem, _ doc: inout Markdown) {
        let acknowledgements = system.acknowledgements
        guard !acknowledgements.isEmpty else { return }
        doc.heading(2, "Acknowledged warnings")
        doc.paragraph("Warnings the blueprint accepts, with its reasons; infragen does not print them.")
        doc.table(
            ["place", "warning", "reason", "declared at"],
            acknowledgements.map { placed in
                [placed.path.description, placed.acknowledgement.code.rawValue, placed.acknowledgement.reason,
                 placed.acknowledgement.location.description]
            })
    }
}
