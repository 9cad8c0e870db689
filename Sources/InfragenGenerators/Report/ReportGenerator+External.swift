import InfragenModel

extension ReportGenerator {
    /// The services infragen does not deploy (`ExternalService`): who owns them, where their SLIs look for them in
    /// each environment, and their SLOs, whose rules are in the environments' prometheus folders.
    func externalServices(_ system: ResolvedSystem, _ doc: inout Markdown) {
        let externals = system.externalServices
        guard !externals.isEmpty else { return }
        doc.heading(2, "External services")
        doc.paragraph(
            "Deployed elsewhere: infragen writes only the rules and tests of their SLOs (prometheus/), no image, "
                + "Kubernetes object or route. Their SLIs select the namespace below and the service label with the "
                + "service's name, which the scrape that whoever deploys them configured must add.")
        doc.table(
            ["service", "team", "namespace per environment", "SLOs"],
            externals.map { external in
                let namespaces = system.environments.map { environment in
                    let namespace = environment.externalServices.first { $0.name == external.name }?.namespace
                    return "\(environment.name): " + (namespace.map(Markdown.code) ?? "not run")
                }
                return [external.name, external.team, Markdown.rawCell(namespaces.joined(separator: ", ")),
                        external.slos.map(\.name).joined(separator: ", ")]
            })
    }
}
