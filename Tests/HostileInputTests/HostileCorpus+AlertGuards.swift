import Infragen
import InfragenYAML

extension HostileCorpus {
    // MARK: - MinimumTraffic (per SLO and per environment) and NoDataAfter as an environment's default

    static func alertGuards() -> [HostileCase] {
        var cases: [HostileCase] = []
        /// The SLO on line 11, its `MinimumTraffic` on line 12.
        func refused(_ id: String, _ rate: RequestRate, _ fragment: String) {
            let f = file(id)
            let system = blueprint(f, service: {
                SLO("checkout", fileID: f, line: 11) {
                    Availability(.percent(99.9))
                    MinimumTraffic(rate, fileID: f, line: 12)
                }
            })
            cases.append(.refused(id, system, .error("slo[checkout].minimumTraffic", fragment, at: f, line: 12)))
        }
        refused("minimum-traffic-zero", .requestsPerMinute(0), "a minimum traffic of 0 requests per minute guards nothing")
        refused("minimum-traffic-negative", .requestsPerHour(-10), "a minimum traffic of -10 requests per hour guards nothing")
        refused("minimum-traffic-absurd", .requestsPerMinute(100_001),
                "a minimum traffic of 100001 requests per minute is above 100000 requests per minute")
        refused("minimum-traffic-absurd-per-hour", .requestsPerHour(6_000_001),
                "a minimum traffic of 6000001 requests per hour is above 100000 requests per minute")
        refused("minimum-traffic-overflowing", .requestsPerMinute(Int.max),
                "a minimum traffic of 9223372036854775807 requests per minute is above 100000 requests per minute")

        /// A staging environment on line 10 with the components.
        func refusedEnvironment(
            _ id: String, _ field: String, _ fragment: String,
            @ListBuilder<any EnvironmentComponent> _ body: @escaping (String) -> [any EnvironmentComponent]
        ) {
            let f = file(id)
            let system = blueprint(f, system: {
                Deploy(to: .staging, fileID: f, line: 10) {
                    Host("staging.hostile.example.com", fileID: f, line: 10)
                    body(f)
                }
            }, service: {
                SLO("checkout", fileID: f, line: 11) { Availability(.percent(99.9)) }
            })
            cases.append(.refused(id, system, .error(field, fragment, at: f, line: 10)))
        }
        refusedEnvironment("environment-minimum-traffic-zero", "minimumTraffic",
                           "a minimum traffic of 0 requests per hour guards nothing") { f in
            MinimumTraffic(.requestsPerHour(0), fileID: f, line: 10)
        }
        refusedEnvironment("environment-minimum-traffic-absurd", "minimumTraffic",
                           "is above 100000 requests per minute") { f in
            MinimumTraffic(.requestsPerMinute(1_000_000_000), fileID: f, line: 10)
        }
        refusedEnvironment("environment-no-data-after-seconds", "noDataAfter", "90 s is not a whole number of minutes") { f in
            NoDataAfter(.seconds(90), fileID: f, line: 10)
        }
        refusedEnvironment("environment-no-data-after-zero", "noDataAfter", "0 minutes is outside 1-1440 minutes") { f in
            NoDataAfter(.zero, fileID: f, line: 10)
        }
        refusedEnvironment("environment-no-data-after-huge", "noDataAfter",
                           "153722867280912930 minutes is outside 1-1440 minutes") { f in
            NoDataAfter(.seconds(Int64.max / 60 * 60), fileID: f, line: 10)
        }

        // The bounds of the guard are legal, and reach every burn-rate alert's expression.
        for (id, rate, guardText) in [("minimum-traffic-one-per-hour", RequestRate.requestsPerHour(1), "* 3600 >= 1"),
                                      ("minimum-traffic-most", .requestsPerMinute(100_000), "* 60 >= 100000")] {
            let f = file(id)
            let system = blueprint(f, service: {
                SLO("checkout", fileID: f, line: 11) {
                    Availability(.percent(99.9))
                    MinimumTraffic(rate, fileID: f, line: 12)
                }
            })
            cases.append(.legal(id, system, AlertExpressionGuard(alert: "CheckoutAvailabilityBudgetBurn", fragment: guardText)))
        }

        // An environment's NoDataAfter is the default of its SLOs; an SLO's own wins.
        for (id, own, expected) in [("environment-no-data-after-default", nil, "45m"),
                                    ("environment-no-data-after-slo-wins", 5, "5m")] as [(String, Int?, String)] {
            let f = file(id)
            let system = blueprint(f, system: {
                Deploy(to: .staging, fileID: f, line: 10) {
                    Host("staging.hostile.example.com", fileID: f, line: 10)
                    NoDataAfter(.minutes(45), fileID: f, line: 10)
                }
            }, service: {
                SLO("checkout", fileID: f, line: 11) {
                    Availability(.percent(99.9))
                    if let own { NoDataAfter(.minutes(own), fileID: f, line: 12) }
                }
            })
            cases.append(.legal(id, system, NoDataAlertFor(
                file: "hostile/staging/prometheus/slo-rules.yaml", alert: "CheckoutAvailabilityNoData", expected: expected)))
        }
        return cases
    }
}

/// Every branch of a burn-rate alert's expression in the prod rule file ends with the minimum-traffic guard, as
/// libyaml reads it.
struct AlertExpressionGuard: ReadBack {
    let file = "hostile/prod/prometheus/slo-rules.yaml"
    let alert: String
    let fragment: String

    var tool: String? { nil }
    var description: String { "\(file): every condition of alert \(alert) has the guard '\(fragment)'" }

    func check(_ files: [String: String]) throws {
        let documents = try KubernetesConsumer.documents(files, file)
        guard case .sequence(let groups)? = documents.first?["groups"] else { throw ReadBackFailed("\(file) has no groups") }
        var guards = 0, branches = 0
        for group in groups {
            guard case .sequence(let rules)? = group["rules"] else { continue }
            for rule in rules where rule["alert"]?.scalarText == alert {
                let expression = rule["expr"]?.scalarText ?? ""
                branches += expression.components(separatedBy: "\nor\n").count
                guards += expression.components(separatedBy: fragment + "\n").count - 1
            }
        }
        guard branches == 4, guards == branches else {
            throw ReadBackFailed("\(description), but \(guards) of \(branches) conditions have it")
        }
    }
}
