/// The limits beyond which a quantity is a typo, not a plan.
public enum SanityLimits {
    public static let maxCPU = CPU.cores(256)
    public static let maxMemory = DataSize.tebibytes(1)
    public static let maxReplicas = 1000
}

extension SystemDescription {
    /// Every problem in the blueprint at once, sorted by place. Generators may assume a system without errors.
    public func validate() -> [Diagnostic] {
        validate(resolved: resolve())
    }

    /// ``validate()`` with the resolution the caller already made (the render pipeline resolves each system once).
    /// - Precondition: `resolved` is `resolve()` of this system.
    public func validate(resolved: ResolvedSystem) -> [Diagnostic] {
        var collector = DiagnosticCollector(system: name)
        checkSystem(&collector)
        for environment in environments { checkEnvironment(environment, &collector) }
        checkKustomize(rawObjects, patches, DiagnosticPath(system: name), &collector)
        for environment in environments {
            let path = DiagnosticPath(system: name, environment: environment.environment.name)
            checkKustomize(environment.rawObjects, environment.patches, path, &collector)
            let systemNames = Set(rawObjects.map(\.name))
            for object in environment.rawObjects where systemNames.contains(object.name) {
                collector.error(path, field: "rawObjects[\(object.name)]",
                                "the system already adds a raw object \(object.name.quoted) to every environment",
                                hint: "give this one its own name", at: object.location)
            }
        }
        let graph = DependencyGraph(services)
        for service in services { checkService(service, graph, &collector) }
        checkExternalServices(&collector)
        checkRoutes(&collector)
        checkGateway(&collector)
        checkAlertRouting(&collector)
        checkAcknowledgements(&collector)
        checkDependencyCycles(graph, &collector)
        for environment in resolved.environments {
            for service in environment.services { service.check(&collector) }
            collector.append(contentsOf: environment.canaryNameClashes())
        }
        checkOverridesNameKnownEnvironments(&collector)
        // A declaration repeated by mistake (two environments of one name) must not repeat its findings.
        var seen = Set<Diagnostic>()
        return collector.diagnostics.filter { seen.insert($0).inserted }.sorted()
    }

    // MARK: - System

    private func checkSystem(_ c: inout DiagnosticCollector) {
        let path = DiagnosticPath(system: name)
        c.check(name, is: .system, path, field: "name", at: location)
        if let summary, !TextRules.isSingleLineText(summary) {
            c.error(path, field: "summary", "the summary contains a control character or line break",
                    hint: "write it on one line", at: location)
        }
        if let summary { c.checkBidiControls(summary, path, field: "summary", at: location) }
        if let team { c.checkTeamName(team.value, path, field: "team", at: team.location) }
        if environments.isEmpty {
            c.error(path, field: "environments", "the system has no environments",
                    hint: "add at least one, e.g. Deploy(to: .dev) { … }", at: location)
        }
        if services.isEmpty && externalServices.isEmpty {
            c.error(path, field: "services", "the system has no services",
                    hint: "add a Service to the system, or an ExternalService for SLO rules only", at: location)
        }
        for (name, duplicates) in duplicates(environments.map { ($0.environment.name, $0.location) }) {
            c.error(path, field: "environments", "environment \(name.quoted) is declared \(duplicates.count) times",
                    hint: "declare each environment once", at: duplicates[1])
        }
        for (name, duplicates) in duplicates(services.map { ($0.name, $0.location) }) {
            c.error(path, field: "services", "service \(name.quoted) is declared \(duplicates.count) times",
                    hint: "give each service its own name", at: duplicates[1])
        }
        let namespaces = environments.map { ($0.namespace?.value ?? "\(name)-\($0.environment.name)", $0.location) }
        for (namespace, duplicates) in duplicates(namespaces) {
            c.error(path, field: "namespace", "\(duplicates.count) environments use namespace \(namespace.quoted)",
                    hint: "give each environment its own namespace", at: duplicates[1])
        }
        defaults.check(DiagnosticPath(system: name), &c)
        sourceRepository?.check(path, &c)
        EnvironmentVariable.checkDuplicates(defaults[.environmentVariables]?.value ?? [], in: "the system's defaults", path, &c)
    }

    // MARK: - Environments

    private func checkEnvironment(_ environment: EnvironmentDescription, _ c: inout DiagnosticCollector) {
        let path = DiagnosticPath(system: name, environment: environment.environment.name)
        c.check(environment.environment.name, is: .environment, path, field: "name", at: environment.location)
        if let namespace = environment.namespace {
            c.check(namespace.value, is: .namespace, path, field: "namespace", at: namespace.location)
        } else if TextRules.isDNSLabel(name), TextRules.isDNSLabel(environment.environment.name),
                  case let derived = "\(name)-\(environment.environment.name)", !TextRules.isDNSLabel(derived) {
            c.error(path, field: "namespace",
                    "the namespace \(derived.quoted) made of the system and environment names is longer than 63 characters",
                    hint: "give the environment a shorter one with Namespace(\"…\")", at: environment.location)
        }
        if let host = environment.host, !TextRules.isHostName(host.value) {
            c.error(path, field: "host", "\(host.value.quoted) is not a host name",
                    hint: "write a DNS name such as shop.example.com, without scheme, port or path",
                    at: host.location)
        }
        if let canary = environment.canary, !(canary.value > .percent(0) && canary.value < .percent(100)) {
            c.error(path, field: "canary", "the canary share \(canary.value) is outside (0, 100) %",
                    hint: "send the canary between 0 and 100 % of traffic, e.g. .percent(10)", at: canary.location)
        }
        if let sticky = environment.canaryStickiness,
           sticky.value.components.attoseconds != 0 || !(60...2_592_000).contains(sticky.value.components.seconds) {
            c.error(path, field: "canary.sticky",
                    "a canary cookie kept for \(sticky.value) is not a whole number of seconds from 1 minute to 30 days",
                    hint: "keep a client on its side for about a session, e.g. sticky: .seconds(86_400) (1 day)",
                    at: sticky.location)
        }
        checkNoDataAfter(environment.noDataAfter, path, "noDataAfter", &c)
        checkMinimumTraffic(environment.minimumTraffic, path, "minimumTraffic", &c)
        let rollout = environment.rollout
        for (field, text) in [("rollout.frequency", rollout.frequency), ("rollout.owner", rollout.owner)] {
            if let text, !TextRules.isSingleLineText(text) {
                c.error(path, field: field, "the text contains a control character or line break",
                        hint: "write it on one line", at: rollout.location ?? environment.location)
            }
            if let text { c.checkBidiControls(text, path, field: field, at: rollout.location ?? environment.location) }
        }
        if case .other(let text) = rollout.rollback {
            if !TextRules.isSingleLineText(text) {
                c.error(path, field: "rollout.rollback", "the text contains a control character or line break",
                        hint: "write it on one line", at: rollout.location ?? environment.location)
            }
            c.checkBidiControls(text, path, field: "rollout.rollback", at: rollout.location ?? environment.location)
        }
        for (field, share) in [("rollout.maxSurge", rollout.maxSurge), ("rollout.maxUnavailable", rollout.maxUnavailable)]
        where share < .percent(0) || share > .percent(100) {
            c.error(path, field: field, "\(share) is outside [0, 100] %", hint: "use a share of the replicas",
                    at: rollout.location ?? environment.location)
        }
        if rollout.maxSurge == .percent(0) && rollout.maxUnavailable == .percent(0) {
            c.error(path, field: "rollout", "maxSurge and maxUnavailable are both 0, so a rollout can never progress",
                    hint: "allow a surge or some unavailability", at: rollout.location ?? environment.location)
        }
        checkKubernetesEnvironment(environment, path, &c)
        environment.settings.check(path, &c)
        EnvironmentVariable.checkDuplicates(
            environment.settings[.environmentVariables]?.value ?? [], in: "environment \(environment.environment.name.quoted)", path, &c)
    }

    private func checkOverridesNameKnownEnvironments(_ c: inout DiagnosticCollector) {
        let known = environments.map(\.environment.name)
        for service in services {
            for override in service.overrides where !known.contains(override.environment.name) {
                c.error(DiagnosticPath(system: name, service: service.name), field: "override",
                        "the override names environment \(override.environment.name.quoted), which the system does not declare",
                        hint: Suggestions.hint(for: override.environment.name, in: known)
                            ?? "declare it with Deploy(to:) or remove the override",
                        at: override.location)
            }
        }
    }

    // MARK: - Services

    private func checkService(_ service: ServiceDescription, _ graph: DependencyGraph, _ c: inout DiagnosticCollector) {
        let path = DiagnosticPath(system: name, service: service.name)
        if c.check(service.name, is: .service, path, field: "name", at: service.location),
           let first = service.name.unicodeScalars.first, ("0"..."9").contains(first) {
            c.error(path, field: "name",
                    "the service name \(service.name.quoted) starts with a digit, which a Kubernetes Service name cannot",
                    hint: "start it with a letter", at: service.location)
        }
        if let summary = service.summary, !TextRules.isSingleLineText(summary) {
            c.error(path, field: "summary", "the summary contains a control character or line break",
                    hint: "write it on one line", at: service.location)
        }
        if let summary = service.summary { c.checkBidiControls(summary, path, field: "summary", at: service.location) }
        checkBuild(service, path, &c)
        checkImageSource(service, path, &c)
        checkWorkload(service, path, &c)
        checkVolumes(service, path, &c)
        checkExtraContainers(service, path, &c)
        service.sourceRepository?.check(path, &c)
        checkPorts(service, path, &c)
        checkHealth(service, path, &c)
        checkDependencies(service, graph, path, &c)
        checkConfigFiles(service, path, &c)
        checkExternalEgress(service, path, &c)
        checkMetrics(service, path, &c)
        checkSLOs(service, path, &c)
        checkKubernetesService(service, path, &c)
        service.settings.check(path, &c)
        checkEnvironmentWideSettings(service, path, &c)
        EnvironmentVariable.checkDuplicates(service.settings[.environmentVariables]?.value ?? [], in: "the service", path, &c)
        var overridden: [String] = []
        for override in service.overrides {
            let overridePath = DiagnosticPath(system: name, environment: override.environment.name, service: service.name)
            override.settings.check(overridePath, &c)
            guard !overridden.contains(override.environment.name) else { continue }
            overridden.append(override.environment.name)
            // Every Override of one environment is one layer.
            let variables = service.overrides.filter { $0.environment == override.environment }
                .flatMap { $0.settings[.environmentVariables]?.value ?? [] }
            EnvironmentVariable.checkDuplicates(
                variables, in: "the service's overrides for \(override.environment.name.quoted)", overridePath, &c)
        }
    }

    /// Settings of the environment as a whole (its PrometheusRule's labels), which a service or its override cannot
    /// set for itself.
    private func checkEnvironmentWideSettings(
        _ service: ServiceDescription, _ path: DiagnosticPath, _ c: inout DiagnosticCollector
    ) {
        let layers = [(path, service.settings)] + service.overrides.map {
            (DiagnosticPath(system: name, environment: $0.environment.name, service: service.name), $0.settings)
        }
        for (path, settings) in layers {
            guard let labels = settings[.prometheusRuleLabels] else { continue }
            c.error(path, field: SettingKey.prometheusRuleLabels.name,
                    "PrometheusRuleLabels is set on a service, but one PrometheusRule holds the rules of every service "
                        + "of the environment", hint: "set it in the system's Defaults or in Deploy(to:)",
                    at: labels.location)
        }
    }

    // MARK: - Helpers

    func duplicates(_ items: [(String, SourceLocation)]) -> [(String, [SourceLocation])] {
        var order: [String] = []
        var locations: [String: [SourceLocation]] = [:]
        for (key, location) in items {
            if locations[key] == nil { order.append(key) }
            locations[key, default: []].append(location)
        }
        return order.compactMap { key in
            let found = locations[key]!
            return found.count > 1 ? (key, found) : nil
        }
    }

    func isRelativePath(_ text: String) -> Bool { TextRules.isRelativePathInside(text) }

    func isPrometheusName(_ text: String) -> Bool {
        guard let first = text.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
        return text.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
    }
}

/// Collects diagnostics for one system.
public struct DiagnosticCollector: Sendable {
    public let system: String
    public private(set) var diagnostics: [Diagnostic] = []

    public init(system: String) { self.system = system }

    public mutating func error(_ path: DiagnosticPath, field: String? = nil, _ message: String, hint: String? = nil, at location: SourceLocation?) {
        diagnostics.append(.error(path, field: field, message, hint: hint, at: location))
    }

    public mutating func warning(
        _ path: DiagnosticPath, field: String? = nil, _ message: String, hint: String? = nil, at location: SourceLocation?,
        code: WarningCode? = nil
    ) {
        diagnostics.append(.warning(path, field: field, message, hint: hint, at: location, code: code))
    }

    public mutating func append(contentsOf more: [Diagnostic]) { diagnostics += more }
}

extension String {
    var trimmed: String {
        var scalars = Substring(self)
        while scalars.first?.isWhitespace == true { scalars.removeFirst() }
        while scalars.last?.isWhitespace == true { scalars.removeLast() }
        return String(scalars)
    }
}
