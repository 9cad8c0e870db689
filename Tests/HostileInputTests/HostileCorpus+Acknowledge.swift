import Infragen
import InfragenYAML

extension HostileCorpus {
    // MARK: - Acknowledge: a warning accepted in the blueprint, with a reason

    static func acknowledgements() -> [HostileCase] {
        var cases: [HostileCase] = []
        /// The pod's `runAsUser` in prod's Deployment.
        func podUser(_ uid: YAMLNode) -> YAMLScalarValue {
            YAMLScalarValue(
                file: "hostile/prod/kubernetes/api.yaml", kind: "Deployment",
                path: [.key("spec"), .key("template"), .key("spec"), .key("securityContext"), .key("runAsUser")],
                expected: uid)
        }
        // The reason is what reviewers read: required, on one line, without reordering controls.
        for (id, reason, fragment) in [
            ("acknowledge-without-a-reason", " \t", "needs a written reason on one line"),
            ("acknowledge-reason-on-two-lines", "mirrors upstream\nuid 999", "needs a written reason on one line"),
            ("acknowledge-reason-with-a-bidi-override", "mirrors upstream \u{202E}999 diu", "bidi controls are unbalanced"),
        ] {
            let f = file(id)
            cases.append(
                .refused(
                    id,
                    blueprint(f, service: {
                        Acknowledge(.lowUID, because: reason, fileID: f, line: 10)
                        RunAs(user: 999, fileID: f, line: 11)
                    }),
                    .error("acknowledge[lowUID]", fragment, at: f, line: 10)))
        }
        // Acknowledged at the service: the warning is gone, the uid is written as given.
        do {
            let f = file("acknowledged-low-uid")
            let system = blueprint(f, service: {
                RunAs(user: 999, fileID: f, line: 10)
                Acknowledge(.lowUID, because: "mirrors upstream's uid 999", fileID: f, line: 11)
            })
            cases.append(
                .legal(
                    "acknowledged-low-uid", system, podUser(999),
                    ReportText(place: .cell(table: "Acknowledged warnings", row: "hostile/api", column: "reason"),
                               expected: "mirrors upstream's uid 999")))
        }
        // Acknowledged for the whole system, at System level: it covers the service's warning.
        do {
            let f = file("acknowledged-for-the-system")
            let system = blueprint(
                f, system: { Acknowledge(.lowUID, because: "every image mirrors upstream's uids", fileID: f, line: 11) },
                service: { RunAs(user: 999, fileID: f, line: 10) })
            cases.append(.legal("acknowledged-for-the-system", system, podUser(999)))
        }
        // An acknowledgement whose warning does not occur is itself a warning, so it does not outlive the warning.
        do {
            let f = file("acknowledgement-without-its-warning")
            let system = blueprint(f, service: {
                Acknowledge(.lowUID, because: "mirrors upstream's uid 999", fileID: f, line: 10)
            })
            cases.append(
                .legal(
                    "acknowledgement-without-its-warning", system,
                    warnings: [.warning("acknowledge[lowUID]", "nothing to acknowledge: no lowUID warning occurs at hostile/api",
                                        at: f, line: 10)],
                    podUser(10001)))
        }
        // A misspelt code acknowledges nothing: the warning stays and the acknowledgement is reported.
        do {
            let f = file("acknowledge-a-misspelt-code")
            let system = blueprint(f, service: {
                RunAs(user: 999, fileID: f, line: 10)
                Acknowledge(WarningCode("lowUid"), because: "mirrors upstream's uid 999", fileID: f, line: 11)
            })
            cases.append(
                .legal(
                    "acknowledge-a-misspelt-code", system,
                    warnings: [
                        .warning("security.runAsUser", "uid 999 may collide with a host user", at: f, line: 10),
                        .warning("acknowledge[lowUid]", "nothing to acknowledge: no lowUid warning", at: f, line: 11),
                    ], podUser(999)))
        }
        /// prod's PodDisruptionBudget.
        func budget(_ value: YAMLNode) -> YAMLScalarValue {
            YAMLScalarValue(file: "hostile/prod/kubernetes/api.yaml", kind: "PodDisruptionBudget",
                            path: [.key("spec"), .key("maxUnavailable")], expected: value)
        }
        // Acknowledged in dev's Override, but the budget is prod's: prod still warns, dev's acknowledgement is unused.
        do {
            let f = file("acknowledged-in-another-environment")
            let system = blueprint(f, service: {
                Override(.prod, fileID: f, line: 10) {
                    Replicas(2, fileID: f, line: 10)
                    DisruptionBudget(maxUnavailable: 2, fileID: f, line: 11)
                }
                Override(.dev, fileID: f, line: 12) {
                    Acknowledge(.drainTakesAllPods, because: "a batch service, drained at night", fileID: f, line: 13)
                }
            })
            cases.append(
                .legal(
                    "acknowledged-in-another-environment", system,
                    warnings: [
                        .warning("disruptionBudget.maxUnavailable", "that is all of them", at: f, line: 11),
                        .warning("acknowledge[drainTakesAllPods]", "no drainTakesAllPods warning occurs at hostile/dev/api",
                                 at: f, line: 13),
                    ], budget(2)))
        }
        // Acknowledged in the Override that sets the budget: that environment's warning only.
        do {
            let f = file("acknowledged-in-its-override")
            let system = blueprint(f, service: {
                Override(.prod, fileID: f, line: 10) {
                    Replicas(2, fileID: f, line: 10)
                    DisruptionBudget(maxUnavailable: 2, fileID: f, line: 11)
                    Acknowledge(.drainTakesAllPods, because: "a batch service, drained at night", fileID: f, line: 12)
                }
            })
            cases.append(.legal("acknowledged-in-its-override", system, budget(2)))
        }
        return cases
    }
}
