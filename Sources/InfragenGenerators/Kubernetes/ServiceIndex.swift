import InfragenModel

/// Who calls whom in one environment, indexed once, so that each service's network policy finds its dependents and
/// dependencies without scanning every service (linear, not quadratic, in the number of services).
struct ServiceIndex {
    private let services: [ResolvedService]
    /// Positions in `services`: the index copies no service (one index per environment and render, from the cache).
    private let positions: [String: Int]
    private let dependentPositions: [String: [Int]]

    init(_ environment: ResolvedEnvironment) {
        services = environment.services
        var positions: [String: Int] = [:], dependents: [String: [Int]] = [:]
        positions.reserveCapacity(services.count)
        for (position, service) in services.enumerated() {
            if positions[service.name] == nil { positions[service.name] = position }
            for name in Set(service.dependencies) {
                dependents[name, default: []].append(position)
            }
        }
        self.positions = positions
        let services = self.services
        dependentPositions = dependents.mapValues { $0.sorted { services[$0].name < services[$1].name } }
    }

    /// The service of that name (the first, should validation have let two through).
    subscript(name: String) -> ResolvedService? { positions[name].map { services[$0] } }

    /// The services that depend on the named one, by name.
    func dependents(of name: String) -> [ResolvedService] { dependentPositions[name]?.map { services[$0] } ?? [] }
}
