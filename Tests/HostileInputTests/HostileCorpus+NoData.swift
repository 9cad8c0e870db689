import Infragen
import InfragenYAML

extension HostileCorpus {
    // MARK: - NoDataAfter: the no-data ticket's wait, whole minutes from 1 to 1440

    static func noData() -> [HostileCase] {
        var cases: [HostileCase] = []
        /// The SLO on line 11, its `NoDataAfter` on line 12.
        func refused(_ id: String, _ wait: Duration, _ fragment: String) {
            let f = file(id)
            let system = blueprint(f, service: {
                SLO("checkout", fileID: f, line: 11) {
                    Availability(.percent(99.9))
                    NoDataAfter(wait, fileID: f, line: 12)
                }
            })
            cases.append(.refused(id, system, .error("slo[checkout].noDataAfter", fragment, at: f, line: 12)))
        }
        refused("no-data-after-zero", .zero, "0 minutes is outside 1-1440 minutes")
        refused("no-data-after-negative", .minutes(-5), "-5 minutes is outside 1-1440 minutes")
        refused("no-data-after-seconds", .seconds(30), "30 s is not a whole number of minutes")
        refused("no-data-after-fraction", .milliseconds(60_500), "60.5 s is not a whole number of minutes")
        refused("no-data-after-over-a-day", .minutes(1441), "1441 minutes is outside 1-1440 minutes")
        refused("no-data-after-huge", .minutes(Int64.max), "9223372036854775807 s is not a whole number of minutes")
        refused("no-data-after-huge-minutes", .seconds(Int64.max / 60 * 60),
                "153722867280912930 minutes is outside 1-1440 minutes")

        // Two SLOs, each wrong: both refused at once, each at its own line.
        let f = file("no-data-after-two-slos")
        cases.append(HostileCase(
            name: "no-data-after-two-slos",
            systems: [blueprint(f, service: {
                SLO("checkout", fileID: f, line: 11) {
                    Availability(.percent(99.9))
                    NoDataAfter(.seconds(59), fileID: f, line: 12)
                }
                SLO("search", fileID: f, line: 13) {
                    Availability(.percent(99))
                    NoDataAfter(.minutes(100_000), fileID: f, line: 14)
                }
            })],
            outcome: .refused([
                .error("slo[checkout].noDataAfter", "59 s is not a whole number of minutes", at: f, line: 12),
                .error("slo[search].noDataAfter", "100000 minutes is outside 1-1440 minutes", at: f, line: 14),
            ])))

        // The bounds are legal, and the rule file's no-data alert waits exactly that long.
        for (id, minutes, text) in [("no-data-after-one-minute", 1, "1m"), ("no-data-after-a-day", 1440, "1d")] {
            let f = file(id)
            let system = blueprint(f, service: {
                SLO("checkout", fileID: f, line: 11) {
                    Availability(.percent(99.9))
                    NoDataAfter(.minutes(minutes), fileID: f, line: 12)
                }
            })
            cases.append(.legal(id, system, NoDataAlertFor(alert: "CheckoutAvailabilityNoData", expected: text)))
        }
        return cases
    }
}

/// The `for` of a no-data alert in a rule file (prod's unless given), as libyaml reads it.
struct NoDataAlertFor: ReadBack {
    var file = "hostile/prod/prometheus/slo-rules.yaml"
    let alert: String
    let expected: String

    var tool: String? { nil }
    var description: String { "\(file): alert \(alert) has for: \(expected)" }

    func check(_ files: [String: String]) throws {
        let documents = try KubernetesConsumer.documents(files, file)
        guard case .sequence(let groups)? = documents.first?["groups"] else { throw ReadBackFailed("\(file) has no groups") }
        for group in groups {
            guard case .sequence(let rules)? = group["rules"] else { continue }
            if let rule = rules.first(where: { $0["alert"]?.scalarText == alert }) {
                guard rule["for"]?.scalarText == expected else {
                    throw ReadBackFailed("\(description), but it is \(String(describing: rule["for"]))")
                }
                return
            }
        }
        throw ReadBackFailed("\(description), but there is no such alert")
    }
}
