/// A service that infragen does not deploy, whose SLOs it writes rules for: a legacy system, a service another team's
/// pipeline deploys. It gets the Prometheus rules and tests of its SLOs and nothing else: no image, no Kubernetes
/// object, no Namespace, no gateway route.
///
/// Its namespace is where it runs, which infragen cannot derive: `namespace:` for every environment, ``RunsIn`` for
/// one, and ``NotIn`` leaves it out of an environment (no rules for it there).
///
/// ```swift
/// ExternalService("legacy-billing", namespace: "billing") {
///     Team("billing")
///     Metrics(.promhttp)
///     RunsIn(.staging, namespace: "billing-staging")
///     NotIn(.dev)
///     SLO("invoices", handler: "/invoices") { Availability(.percent(99.5)) }
/// }
/// ```
public struct ExternalServiceDescription: Sendable, Hashable, Encodable {
    /// Its name, summary, team, metrics and SLOs, held as a service holds them (nothing else of a service applies), so
    /// that the SLO rules, their checks and their tests are the same for both.
    public var service: ServiceDescription
    /// The namespace in every environment that names none of its own (`ExternalService(_:namespace:)`).
    public var namespace: Setting<String>?
    /// The namespace in one environment (`RunsIn(.staging, namespace: "billing-staging")`).
    public var environmentNamespaces: [EnvironmentNamespace]
    /// The environments it does not run in (`NotIn(.dev)`).
    public var absences: [Setting<Environment>]

    /// The namespace of an external service in one environment, and where the blueprint says so.
    public struct EnvironmentNamespace: Sendable, Hashable, Encodable {
        public var environment: Environment
        public var namespace: String
        public var location: SourceLocation

        public init(environment: Environment, namespace: String, location: SourceLocation) {
            (self.environment, self.namespace, self.location) = (environment, namespace, location)
        }
    }

    public init(name: String, location: SourceLocation) {
        self.service = ServiceDescription(name: name, location: location)
        self.environmentNamespaces = []
        self.absences = []
    }

    public var name: String { service.name }
    /// Where the blueprint declares it.
    public var location: SourceLocation { service.location }

    /// Whether it runs in `environment` (no ``NotIn`` names it).
    public func runs(in environment: Environment) -> Bool {
        !absences.contains { $0.value == environment }
    }

    /// Its namespace in `environment`: the environment's own (``RunsIn``), else the one for every environment; nil
    /// where it does not run or none is given (validation reports the latter).
    public func namespace(in environment: Environment) -> Setting<String>? {
        guard runs(in: environment) else { return nil }
        if let own = environmentNamespaces.first(where: { $0.environment == environment }) {
            return Setting(own.namespace, at: own.location)
        }
        return namespace
    }
}
