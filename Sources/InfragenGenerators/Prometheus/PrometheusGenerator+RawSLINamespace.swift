import InfragenModel

extension PrometheusGenerator {
    /// A raw SLI (`SLI(errors:total:)`) selects its own series, so nothing adds the environment's namespace to them:
    /// where the SLIs match the namespace (unless `SLISelector(matchNamespace: false)`), each query must carry the
    /// `$namespace` placeholder, or every environment's rules would count the events of every environment one
    /// Prometheus sees (dev's errors burning prod's budget). Reported once per SLO and query, naming the environments.
    func rawSLINamespaceProblems(_ system: ResolvedSystem) -> [Diagnostic] {
        var missing: [String: (slo: ResolvedSLO, service: String, query: String, environments: [String])] = [:]
        var order: [String] = []
        for environment in system.environments {
            for service in environment.sloServices where service.metrics.matchesNamespace {
                for slo in service.slos {
                    guard let raw = slo.rawSLI?.value else { continue }
                    for (name, query) in [("errors", raw.errors), ("total", raw.total)]
                    where PromQLSyntax.parses(query) && !PromQLSyntax.selectsNamespace(query) {
                        let key = "\(service.name)/\(slo.name)/\(name)"
                        if missing[key] == nil {
                            order.append(key)
                            missing[key] = (slo, service.name, name, [])
                        }
                        missing[key]?.environments.append(environment.name)
                    }
                }
            }
        }
        return order.compactMap { missing[$0] }.map { entry in
            let slo = entry.slo
            return .error(
                DiagnosticPath(system: system.name, service: entry.service),
                field: "slo[\(slo.name)].sli.\(entry.query)",
                "the \(entry.query) query selects no namespace, so the rules of \(entry.environments.joined(separator: ", ")) "
                    + "would each count the events of every environment their Prometheus sees",
                hint: "add namespace=\"\(RawSLI.namespacePlaceholder)\" to its selectors (infragen writes each environment's "
                    + "namespace there), or say SLISelector(matchNamespace: false) where a Prometheus sees one environment only",
                at: slo.rawSLI?.location ?? slo.location)
        }
    }
}
