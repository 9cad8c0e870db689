import InfragenModel

/// The system as a Mermaid flowchart: clients → gateway → routed services → their dependencies.
enum Topology {
    static func flowchart(_ system: ResolvedSystem) -> String {
        let services = system.services
        var lines = ["flowchart LR"]
        let routed = services.filter { !$0.routes.isEmpty }
        if !routed.isEmpty {
            lines.append("  clients([\"clients\"]) --> gateway[\"nginx gateway\"]")
        }
        for service in services {
            let shape = service.ports.isEmpty ? "[[\"\(service.name)\"]]" : "[\"\(service.name)\"]"
            lines.append("  \(id(service.name))\(shape)")
        }
        for service in routed {
            let paths = service.routes.map { $0.match == .exact ? "= \($0.path)" : $0.path }.joined(separator: " ")
            lines.append("  gateway -->|\"\(paths)\"| \(id(service.name))")
        }
        // Resolution decides which services have a canary in which environment.
        for environment in system.environments {
            for service in environment.services {
                guard let share = service.canary?.share else { continue }
                let canary = "\(id(service.name))_canary_\(id(environment.name))"
                lines.append("  \(canary)[\"\(service.name) canary (\(environment.name))\"]")
                lines.append("  gateway -.->|\"\(share.percentText) % in \(environment.name)\"| \(canary)")
            }
        }
        for service in services {
            for dependency in service.dependencies {
                lines.append("  \(id(service.name)) --> \(id(dependency))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A Mermaid node id: the DNS-label name with `-` as `_` (names are validated DNS labels).
    static func id(_ name: String) -> String {
        String(name.map { $0 == "-" ? "_" : $0 })
    }
}
