/// What kind of warning a ``Diagnostic`` is: the name a blueprint acknowledges it by,
/// `Acknowledge(.lowUID, because: "mirrors upstream's uid 999")`.
///
/// An open set, like ``ArtifactKind``: infragen's own warnings are the static members, and a team's generator names
/// its own with `WarningCode("…")`.
public struct WarningCode: RawRepresentable, Sendable, Hashable, Codable, Comparable {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public static func < (lhs: WarningCode, rhs: WarningCode) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `RunAs(user:)` below 10000: the uid may belong to a user of the node.
    public static let lowUID = WarningCode("lowUID")
    /// One dependency declared more than once.
    public static let duplicateDependency = WarningCode("duplicateDependency")
    /// Services whose dependencies call each other in a circle.
    public static let dependencyCycle = WarningCode("dependencyCycle")
    /// A gateway whose Nginx configuration is larger than a ConfigMap may hold.
    public static let gatewayConfigSize = WarningCode("gatewayConfigSize")
    /// A disruption budget that lets a drain take down every pod.
    public static let drainTakesAllPods = WarningCode("drainTakesAllPods")
    /// `LoadBalancing` without `Upstreams(.upstreamBlocks)`, which has no effect.
    public static let loadBalancingWithoutUpstreams = WarningCode("loadBalancingWithoutUpstreams")
    /// A runtime base image, or the gateway's nginx image, past its end of life: no more security fixes.
    public static let endOfLifeImage = WarningCode("endOfLifeImage")
    /// A Go version past its end of life (two newer releases are out): no more security fixes.
    public static let endOfLifeGo = WarningCode("endOfLifeGo")
}

/// `Acknowledge(code, because:)` as the blueprint wrote it: a warning of this code, at this place, is known and
/// accepted, for this reason. The place is where it was written: the system (or its `Defaults`), an environment's
/// `Deploy(to:)`, a service, or a service's `Override`; it covers the warnings of that place and of what lies in it.
public struct WarningAcknowledgement: Sendable, Hashable, Codable {
    public var code: WarningCode
    public var reason: String
    public var location: SourceLocation

    public init(code: WarningCode, reason: String, location: SourceLocation) {
        self.code = code
        self.reason = reason
        self.location = location
    }
}

/// An acknowledgement with its place in the system, and whether a warning met it.
public struct PlacedAcknowledgement: Sendable, Hashable {
    public var acknowledgement: WarningAcknowledgement
    public var path: DiagnosticPath

    /// Whether this acknowledgement covers `diagnostic`: a warning of its code whose place lies in its own.
    func covers(_ diagnostic: Diagnostic) -> Bool {
        diagnostic.severity == .warning && diagnostic.code == acknowledgement.code
            && diagnostic.path.system == path.system
            && (path.environment == nil || diagnostic.path.environment == path.environment)
            && (path.service == nil || diagnostic.path.service == path.service)
    }
}

extension SystemDescription {
    /// Every `Acknowledge` of the system, each at its place, in the order of the blueprint.
    public var acknowledgements: [PlacedAcknowledgement] {
        var placed: [PlacedAcknowledgement] = []
        func add(_ settings: ServiceSettings, _ path: DiagnosticPath) {
            placed += settings.acknowledgements.map { PlacedAcknowledgement(acknowledgement: $0, path: path) }
        }
        add(defaults, DiagnosticPath(system: name))
        for environment in environments {
            add(environment.settings, DiagnosticPath(system: name, environment: environment.environment.name))
        }
        for service in services + externalServices.map(\.service) {
            add(service.settings, DiagnosticPath(system: name, service: service.name))
            for override in service.overrides {
                add(override.settings,
                    DiagnosticPath(system: name, environment: override.environment.name, service: service.name))
            }
        }
        return placed
    }

    /// The rules of `Acknowledge` itself: a reason on one line, without bidirectional controls.
    func checkAcknowledgements(_ c: inout DiagnosticCollector) {
        for placed in acknowledgements {
            let acknowledgement = placed.acknowledgement
            let field = "acknowledge[\(acknowledgement.code.rawValue)]"
            if acknowledgement.reason.trimmed.isEmpty || !TextRules.isSingleLineText(acknowledgement.reason) {
                c.error(placed.path, field: field, "acknowledging a warning needs a written reason on one line",
                        hint: "say why the warning is accepted, e.g. Acknowledge(.lowUID, because: \"mirrors "
                            + "upstream's uid 999\")",
                        at: acknowledgement.location)
            }
            c.checkBidiControls(acknowledgement.reason, placed.path, field: field, at: acknowledgement.location)
        }
    }

    /// `diagnostics` (this system's) without the warnings the blueprint acknowledges, plus a warning for each
    /// acknowledgement that covers none, so that acknowledgements do not outlive their warnings. With
    /// `complete` false (some generators' checks did not run) an acknowledgement that covers nothing is not reported;
    /// nor is one of the codes in `unchecked`, whose check did not run.
    public func applyingAcknowledgements(
        to diagnostics: [Diagnostic], complete: Bool = true, unchecked: Set<WarningCode> = []
    ) -> [Diagnostic] {
        let placed = acknowledgements
        guard !placed.isEmpty else { return diagnostics }
        var used = Array(repeating: false, count: placed.count)
        var kept: [Diagnostic] = []
        for diagnostic in diagnostics {
            let covering = placed.indices.filter { placed[$0].covers(diagnostic) }
            for index in covering { used[index] = true }
            if covering.isEmpty { kept.append(diagnostic) }
        }
        guard complete else { return kept }
        for index in placed.indices where !used[index] && !unchecked.contains(placed[index].acknowledgement.code) {
            let acknowledgement = placed[index].acknowledgement
            kept.append(.warning(
                placed[index].path, field: "acknowledge[\(acknowledgement.code.rawValue)]",
                "nothing to acknowledge: no \(acknowledgement.code.rawValue) warning occurs at \(placed[index].path)",
                hint: "remove the Acknowledge", at: acknowledgement.location))
        }
        return kept
    }
}
