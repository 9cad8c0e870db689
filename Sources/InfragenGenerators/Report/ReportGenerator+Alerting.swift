import InfragenModel

extension ReportGenerator {
    /// Per environment: what its SLOs raise, the minimum-traffic guard of their burn-rate alerts, the no-data wait,
    /// and which SLOs record the canary comparison the release gate reads. A value shared by every SLO of the
    /// environment is said once; otherwise per SLO.
    func alerting(_ system: ResolvedSystem, _ doc: inout Markdown) {
        var rows: [[String]] = []
        for environment in system.environments {
            let units = environment.sloServices.flatMap { service in service.slos.map { (service, $0) } }
            guard !units.isEmpty else { continue }
            func summary(_ text: (ResolvedSLO) -> String) -> String {
                let texts = units.map { text($0.1) }
                return Set(texts).count == 1 ? texts[0] : zip(units, texts).map { "\($0.0.1.name): \($0.1)" }
                    .joined(separator: "; ")
            }
            let alerts = summary { slo in
                switch (slo.pages, slo.tickets) {
                case (true, true): "pages and tickets"
                case (true, false): "pages"
                case (false, true): "tickets"
                case (false, false): "none (records only)"
                }
            }
            let canaries = units.filter { service, slo in
                SLIObjective.all(of: slo, in: service).contains(where: \.comparesCanary)
            }.map(\.1.name)
            rows.append([
                environment.name, alerts, summary { $0.minimumTraffic.map { "\($0) over the long window" } ?? "-" },
                summary { PromQL.duration(minutes: $0.noDataMinutes) },
                canaries.isEmpty ? "-" : canaries.joined(separator: ", "),
            ])
        }
        guard !rows.isEmpty else { return }
        doc.heading(3, "Alerts per environment")
        doc.paragraph(
            "What the SLOs raise in each environment, the traffic a burn-rate alert's window must have had "
                + "(MinimumTraffic), how long an SLI's series may be absent before its no-data ticket (NoDataAfter), "
                + "and the SLOs whose canary and stable tracks are compared (slo:canary_error:ratio_rate5m|30m|1h and "
                + "slo:canary_burn_rate:ratio_rate5m|30m|1h by track, which the release gate reads).")
        doc.table(["environment", "alerts", "minimum traffic", "no data after", "canary comparison"], rows)
    }
}
