/// A service infragen does not deploy, whose SLOs it writes rules for: a legacy system, or a service that another
/// team's pipeline deploys. It gets only the Prometheus output, the rule groups of its SLOs and their promtool tests
/// (and the alert routing, where the system has some): no Dockerfile, no Kubernetes object, no Namespace, no gateway
/// route. The system README lists it under "External services".
///
/// It runs where it runs, so infragen does not guess its namespace: `namespace:` gives it for every environment,
/// ``RunsIn`` for one environment, and ``NotIn`` leaves it out of an environment (no rules for it there). Its SLIs
/// select `namespace="<that namespace>",service="<its name>"`, as for a deployed service: the scrape that whoever
/// deploys it configured must add both labels.
///
/// ```swift
/// System("shop") {
///     Service.orderService
///     ExternalService("legacy-billing", namespace: "billing") {
///         Summary("The billing monolith, deployed by the billing team's own pipeline")
///         Team("billing")
///         Metrics(.promhttp)
///         RunsIn(.staging, namespace: "billing-staging")
///         NotIn(.dev)
///         SLO("invoices", handler: "/invoices", method: "POST") {
///             Availability(.percent(99.5))
///         }
///     }
/// }
/// ```
///
/// A system may consist of external services only: it then renders only `Output/<system>/<env>/prometheus/` and the
/// system README.
public struct ExternalService: SystemComponent {
    public let description: ExternalServiceDescription

    /// - Parameters:
    ///   - name: the value of its service label (`service="legacy-billing"`); no service of the system may take it.
    ///   - namespace: the value of its `namespace` label in every environment; nil when each environment it runs in
    ///     names its own with ``RunsIn``.
    public init(
        _ name: String, namespace: String? = nil,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        @ListBuilder<any ExternalServiceComponent> _ body: () -> [any ExternalServiceComponent]
    ) {
        let location = SourceLocation(fileID, filePath, line)
        var description = ExternalServiceDescription(name: name, location: location)
        description.namespace = namespace.map { Setting($0, at: location) }
        for component in body() { component.apply(to: &description) }
        self.description = description
    }

    public var name: String { description.name }

    public func apply(to system: inout SystemDescription) { system.externalServices.append(description) }
}

/// Something that can stand in an ``ExternalService`` body: ``Summary``, ``Team``, ``Metrics``, ``SLO``, ``RunsIn``
/// and ``NotIn``. What only a deployed service has (ports, a build, routes, resources) does not compile there.
public protocol ExternalServiceComponent: Sendable {
    func apply(to service: inout ExternalServiceDescription)
}

extension ExternalServiceComponent where Self: ServiceComponent {
    /// A service component applies to the service the external service holds.
    public func apply(to service: inout ExternalServiceDescription) { apply(to: &service.service) }
}

extension Summary: ExternalServiceComponent {}
extension Team: ExternalServiceComponent {}
extension Metrics: ExternalServiceComponent {}
extension SLO: ExternalServiceComponent {}

/// The namespace an ``ExternalService`` runs in in one environment, over its `namespace:`.
///
/// ```swift
/// ExternalService("legacy-billing", namespace: "billing") {
///     RunsIn(.staging, namespace: "billing-staging")
/// }
/// ```
public struct RunsIn: ExternalServiceComponent {
    let namespace: ExternalServiceDescription.EnvironmentNamespace

    public init(
        _ environment: Environment, namespace: String,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.namespace = ExternalServiceDescription.EnvironmentNamespace(
            environment: environment, namespace: namespace, location: SourceLocation(fileID, filePath, line))
    }

    public func apply(to service: inout ExternalServiceDescription) { service.environmentNamespaces.append(namespace) }
}

/// Environments an ``ExternalService`` does not run in: its rules are left out of their rule files.
///
/// ```swift
/// ExternalService("legacy-billing", namespace: "billing") {
///     NotIn(.dev, .staging)
/// }
/// ```
public struct NotIn: ExternalServiceComponent {
    let environments: [Environment]
    let location: SourceLocation

    public init(
        _ environments: Environment...,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.environments = environments
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to service: inout ExternalServiceDescription) {
        service.absences += environments.map { Setting($0, at: location) }
    }
}
