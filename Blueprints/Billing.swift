import Infragen

extension System {
    /// SLO rules for services infragen does not deploy: the billing team's monolith, released by its own pipeline into
    /// namespaces of its own. Only `prometheus/` and the README are rendered for it.
    public static let billing = System("billing") {
        Summary("SLOs of the legacy billing monolith, deployed by the billing team's own pipeline")
        Team("billing")

        Deploy(to: .staging)
        Deploy(to: .prod)

        ExternalService("legacy-billing", namespace: "billing") {
            Summary("Invoices and payment runs; Java, instrumented like promhttp with the default buckets")
            Metrics(.promhttp)
            RunsIn(.staging, namespace: "billing-staging")
            SLO("invoice-creation", handler: "/invoices", method: "POST") {
                Availability(.percent(99.5))
                Latency(.percent(99), under: .milliseconds(1000))
                Runbook("https://runbooks.example.com/billing/invoices")
            }
        }
    }
}
