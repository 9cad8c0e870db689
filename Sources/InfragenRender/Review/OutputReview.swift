public import InfragenModel

/// What a change to the blueprints means, for a pull-request comment: the current render compared with a base
/// (an earlier output tree), per system, environment and service, and the risks a text diff does not show.
///
/// Both sides are trees of files keyed by their path under the output folder; both are read back the same way
/// (``ReviewSnapshot``), so the review never depends on how the base was obtained.
public struct ReviewReport: Sendable, Equatable {
    /// One thing that changed in meaning.
    public struct Change: Sendable, Hashable, Comparable {
        /// `shop/prod`, or `shop` for what no environment owns (a Dockerfile).
        public var scope: String
        public var service: String
        /// `image`, `replicas`, `env DATABASE_URL`, `canary tag`, `egress` …
        public var what: String
        /// nil when it is new.
        public var before: String?
        /// nil when it is gone.
        public var after: String?

        public static func < (a: Change, b: Change) -> Bool {
            (a.scope, a.service, a.what, a.before ?? "", a.after ?? "") < (b.scope, b.service, b.what, b.before ?? "", b.after ?? "")
        }
    }

    /// A risk a text diff does not show.
    public struct Risk: Sendable, Hashable, Comparable {
        public enum Kind: String, Sendable, CaseIterable, Comparable {
            case selectorChanged = "Selector changed"
            case scaleToOne = "replicas → HorizontalPodAutoscaler"
            case removedObject = "Removed from the output"
            case externalEgress = "External egress"
            case volumeClaim = "Volume claim changed"
            case securityExemption = "Security exemption"
            case undigestedImage = "Prod image without a digest"
            case endOfLife = "Past end of life"

            public static func < (a: Kind, b: Kind) -> Bool {
                allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
            }
        }

        public var kind: Kind
        /// `shop/prod` or `shop`.
        public var scope: String
        /// What is at risk (Markdown): "Deployment `api`".
        public var subject: String
        /// Why it is a risk and what to do (Markdown).
        public var why: String

        /// The flagged line: `**Selector changed** (shop/prod): Deployment `api`: why`; a state this change
        /// introduces is called new (`**New external egress**`).
        public var line: String { "**\(title)** (\(scope)): \(subject): \(why)" }

        /// The line for a risk the base had already.
        public var presentLine: String { "\(kind.rawValue) (\(scope)): \(subject)" }

        var title: String {
            switch kind {
            case .externalEgress, .securityExemption: "New \(kind.rawValue.lowercased())"
            default: kind.rawValue
            }
        }

        public static func < (a: Risk, b: Risk) -> Bool {
            (a.kind, a.scope, a.subject, a.why) < (b.kind, b.scope, b.subject, b.why)
        }
    }

    /// Sorted.
    public var changes: [Change]
    /// Risks this change introduces, sorted: what `--fail-on risk` fails on.
    public var risks: [Risk]
    /// Risks of the same kinds that the base had already (an image still without a digest): listed, not flagged.
    public var present: [Risk]
    /// Files of either side that could not be read, with why.
    public var unreadable: [String]
}

public enum OutputReview {
    /// Per `system/environment`, the destinations of the cluster DNS rule the blueprints write (`ClusterDNS(cidrs:)`,
    /// of the services and the gateway), as the review names an ipBlock egress: `169.254.20.10/32 on 53/UDP, 53/TCP`.
    public static func clusterDNS(of systems: [SystemDescription]) -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        for system in systems {
            let resolved = system.resolve()
            for environment in resolved.environments {
                let scope = "\(system.name)/\(environment.name)"
                let settings = environment.services.map(\.clusterDNS) + [environment.gatewayClusterDNS]
                for dns in settings {
                    for cidr in dns.cidrs { result[scope, default: []].insert("\(cidr) on \(dns.port)/UDP, \(dns.port)/TCP") }
                }
            }
        }
        return result
    }

    /// Compares two output trees (`path under the output folder → contents`). `clusterDNS` names, per
    /// `system/environment`, the cluster DNS addresses and port of the blueprints (``clusterDNS(of:)``): an ipBlock
    /// egress to them on that port only is the lookup every pod needs, not external egress.
    public static func review(
        base: [String: String], current: [String: String], clusterDNS: [String: Set<String>] = [:]
    ) -> ReviewReport {
        let old = ReviewSnapshot(files: base), new = ReviewSnapshot(files: current)
        var changes: [ReviewReport.Change] = []
        let scopes = Set(old.environments.keys).union(new.environments.keys).sorted()
        for scope in scopes {
            let before = old.environments[scope] ?? .init(), after = new.environments[scope] ?? .init()
            changes += compare(before, after, scope: scope.description)
        }
        let images = Set(old.dockerfiles.keys).union(new.dockerfiles.keys)
        for key in images.sorted() {
            let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
            let (before, after) = (old.dockerfiles[key], new.dockerfiles[key])
            for (what, path) in [("runtime base", \ReviewSnapshot.Dockerfile.runtime), ("builder", \.builder)] {
                let (a, b) = (before?[keyPath: path], after?[keyPath: path])
                if a != b { changes.append(.init(scope: parts[0], service: parts[1], what: what, before: a, after: b)) }
            }
        }
        let oldState = stateRisks(old, clusterDNS: clusterDNS), newState = stateRisks(new, clusterDNS: clusterDNS)
        let oldKeys = Set(oldState.map(\.identity))
        var risks = transitionRisks(old, new)
        var present: [ReviewReport.Risk] = []
        for risk in newState {
            if oldKeys.contains(risk.identity) { present.append(risk.risk) } else { risks.append(risk.risk) }
        }
        return ReviewReport(
            changes: changes.sorted(), risks: Array(Set(risks)).sorted(), present: Array(Set(present)).sorted(),
            unreadable: (old.unreadable.map { "base: \($0)" } + new.unreadable.map { "current: \($0)" }).sorted())
    }

    /// Facts, edges, alerts, objectives, routes and the canary share of one environment, before and after.
    static func compare(
        _ before: ReviewSnapshot.Environment, _ after: ReviewSnapshot.Environment, scope: String
    ) -> [ReviewReport.Change] {
        var changes: [ReviewReport.Change] = []
        func add(_ service: String, _ what: String, _ a: String?, _ b: String?) {
            if a != b { changes.append(.init(scope: scope, service: service, what: what, before: a, after: b)) }
        }
        let (oldFacts, newFacts) = (before.facts, after.facts)
        for service in Set(oldFacts.keys).union(newFacts.keys) {
            let (a, b) = (oldFacts[service] ?? [:], newFacts[service] ?? [:])
            for what in Set(a.keys).union(b.keys) { add(service, what, a[what], b[what]) }
        }
        let (oldEdges, newEdges) = (before.edges, after.edges)
        for service in Set(oldEdges.keys).union(newEdges.keys) {
            let (a, b) = (oldEdges[service] ?? [], newEdges[service] ?? [])
            for edge in a.subtracting(b) { add(service, "network", edge, nil) }
            for edge in b.subtracting(a) { add(service, "network", nil, edge) }
        }
        for service in Set(before.alerts.keys).union(after.alerts.keys) {
            let (a, b) = (before.alerts[service] ?? [], after.alerts[service] ?? [])
            for alert in a.subtracting(b) { add(service, "alert", alert, nil) }
            for alert in b.subtracting(a) { add(service, "alert", nil, alert) }
        }
        for service in Set(before.objectives.keys).union(after.objectives.keys) {
            let (a, b) = (before.objectives[service] ?? [:], after.objectives[service] ?? [:])
            for slo in Set(a.keys).union(b.keys) { add(service, "SLO objective \(slo)", a[slo], b[slo]) }
        }
        for route in Set(before.routes.keys).union(after.routes.keys) {
            add("gateway", "route \(route)", before.routes[route], after.routes[route])
        }
        add("gateway", "canary share", before.canaryShare, after.canaryShare)
        for key in Set(before.objects.keys).subtracting(after.objects.keys) {
            guard let object = before.objects[key], superseded(object, in: after) else { continue }
            add(object.service, "\(object.kind) \(object.name)", "superseded (stays in the cluster until pruned)", nil)
        }
        return changes
    }

    /// An immutable ConfigMap or Secret, or a Job, that a newer one of the same service replaces (their names carry
    /// a hash of their contents): the old one is harmless, so it is a change, not a risk.
    static func superseded(_ object: ReviewSnapshot.Object, in after: ReviewSnapshot.Environment) -> Bool {
        let hashed = object.kind == "Job"
            || (["ConfigMap", "Secret"].contains(object.kind) && object.node["immutable"]?.scalarText == "true")
        return hashed && after.objects.values.contains {
            $0.kind == object.kind && $0.service == object.service && $0.namespace == object.namespace
        }
    }
}
