extension SystemDescription {
    /// What an external service (rules only) must get right: its name (a Prometheus label value and a name no service
    /// of the system takes), a namespace in every environment it runs in, environments the system declares, metrics
    /// it can be measured by, and everything an SLO of a deployed service must get right.
    func checkExternalServices(_ c: inout DiagnosticCollector) {
        let known = environments.map(\.environment.name)
        let deployed = Set(services.map(\.name))
        for (name, duplicates) in duplicates(externalServices.map { ($0.name, $0.location) }) {
            c.error(DiagnosticPath(system: self.name), field: "externalServices",
                    "external service \(name.quoted) is declared \(duplicates.count) times",
                    hint: "give each external service its own name", at: duplicates[1])
        }
        for external in externalServices {
            let path = DiagnosticPath(system: name, service: external.name)
            c.check(external.name, is: .service, path, field: "name", at: external.location)
            if deployed.contains(external.name) {
                c.error(path, field: "name",
                        "\(external.name.quoted) is both a service and an external service of the system; its SLO "
                            + "series and alerts would carry the same service label",
                        hint: "give the external service its own name, or keep only one of them", at: external.location)
            }
            if let summary = external.service.summary {
                if !TextRules.isSingleLineText(summary) {
                    c.error(path, field: "summary", "the summary contains a control character or line break",
                            hint: "write it on one line", at: external.location)
                }
                c.checkBidiControls(summary, path, field: "summary", at: external.location)
            }
            checkExternalEnvironments(external, known, path, &c)
            checkExternalMetrics(external, path, &c)
            // An OpenSLO file that maps to no SLO is refused by the import itself, at its place.
            if external.service.slos.isEmpty && external.service.openSLOImports.isEmpty {
                c.error(path, field: "slos", "the external service has no SLO, so infragen would generate nothing for it",
                        hint: "add an SLO(…) { Availability(…) }, or remove the external service",
                        at: external.location)
            }
            checkSLOs(external.service, path, &c)
            external.service.settings.check(path, &c)
        }
    }

    /// The environments `RunsIn` and `NotIn` name, and a namespace wherever it runs.
    private func checkExternalEnvironments(
        _ external: ExternalServiceDescription, _ known: [String], _ path: DiagnosticPath, _ c: inout DiagnosticCollector
    ) {
        if let namespace = external.namespace {
            c.check(namespace.value, is: .namespace, path, field: "namespace", at: namespace.location)
        }
        var named: [String: SourceLocation] = [:]
        let mentions = external.environmentNamespaces.map { ($0.environment, "RunsIn", $0.location) }
            + external.absences.map { ($0.value, "NotIn", $0.location) }
        for (environment, word, location) in mentions {
            if !known.contains(environment.name) {
                c.error(path, field: "environments",
                        "\(word) names environment \(environment.name.quoted), which the system does not declare",
                        hint: Suggestions.hint(for: environment.name, in: known)
                            ?? "declare it with Deploy(to:) or remove the \(word)", at: location)
            } else if named[environment.name] != nil {
                c.error(path, field: "environments",
                        "environment \(environment.name.quoted) is named twice by RunsIn or NotIn",
                        hint: "say once where the service runs in each environment", at: location)
            }
            named[environment.name] = named[environment.name] ?? location
        }
        for own in external.environmentNamespaces {
            let ownPath = DiagnosticPath(system: name, environment: own.environment.name, service: external.name)
            c.check(own.namespace, is: .namespace, ownPath, field: "namespace", at: own.location)
        }
        let running = environments.filter { external.runs(in: $0.environment) }
        if running.isEmpty && !environments.isEmpty {
            c.error(path, field: "environments", "the external service runs in none of the system's environments",
                    hint: "remove a NotIn, or the external service", at: external.absences.first?.location
                        ?? external.location)
        }
        for environment in running where external.namespace(in: environment.environment) == nil {
            c.error(DiagnosticPath(system: name, environment: environment.environment.name, service: external.name),
                    field: "namespace",
                    "the external service has no namespace in \(environment.environment.name.quoted); infragen does "
                        + "not deploy it, so it cannot tell where it runs",
                    hint: "give ExternalService(_:namespace:), or RunsIn(.\(environment.environment.name), "
                        + "namespace: \"…\"), or NotIn(.\(environment.environment.name))", at: external.location)
        }
    }

    /// Metrics(port:path:) say where infragen's scrape finds a service it deploys; an external service is scraped by
    /// whoever deploys it.
    private func checkExternalMetrics(
        _ external: ExternalServiceDescription, _ path: DiagnosticPath, _ c: inout DiagnosticCollector
    ) {
        var service = external.service
        let at = service.metrics.location ?? service.location
        if service.metrics.port != nil || service.metrics.path != MetricsDescription().path {
            c.error(path, field: "metrics",
                    "Metrics(port:path:) say where infragen's scrape finds a service it deploys, and infragen neither "
                        + "deploys nor scrapes an external service",
                    hint: "leave port: and path: out; state the package and buckets the service is instrumented with",
                    at: at)
            service.metrics.port = nil
            service.metrics.path = MetricsDescription().path
        }
        checkMetrics(service, path, &c)
    }
}
