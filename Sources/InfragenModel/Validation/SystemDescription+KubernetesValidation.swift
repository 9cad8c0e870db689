/// Checks of the settings that only the cluster reads: probes, disruption budget, spread, network peers, the
/// service's role and health command, the namespace's Pod Security version.
extension SystemDescription {
    func checkKubernetesSettings(_ settings: ServiceSettings, _ path: DiagnosticPath, _ c: inout DiagnosticCollector) {
        let probes: [(ProbeTiming.Kind, Setting<ProbeTiming>?)] = [
            (.liveness, settings.livenessProbe), (.readiness, settings.readinessProbe),
            (.startup, settings.startupProbe),
        ]
        for case let (kind, setting?) in probes {
            let timing = setting.value
            let field = "probes.\(kind.rawValue)"
            if !(0...3600).contains(timing.initialDelaySeconds) {
                c.error(path, field: "\(field).initialDelaySeconds",
                        "\(timing.initialDelaySeconds)s is outside 0-3600s",
                        hint: "use the seconds the service needs before the first check, e.g. 10", at: setting.location)
            }
            for (name, value) in [("periodSeconds", timing.periodSeconds), ("timeoutSeconds", timing.timeoutSeconds)]
            where !(1...3600).contains(value) {
                c.error(path, field: "\(field).\(name)", "\(value)s is outside 1-3600s",
                        hint: "Kubernetes counts probe times in whole seconds, at least 1", at: setting.location)
            }
            if !(1...1000).contains(timing.failureThreshold) {
                c.error(path, field: "\(field).failureThreshold", "\(timing.failureThreshold) is outside 1-1000",
                        hint: "use the failed checks in a row that mean trouble, e.g. 3", at: setting.location)
            }
        }
        if let budget = settings.disruptionBudget, budget.value.maxUnavailable < 1 {
            c.error(path, field: "disruptionBudget.maxUnavailable",
                    "a budget of \(budget.value.maxUnavailable) unavailable pods blocks every node drain",
                    hint: "allow at least 1", at: budget.location)
        }
        if let spread = settings.topologySpread {
            if !TextRules.isLabelKey(spread.value.topologyKey) {
                c.error(path, field: "topologySpread.topologyKey",
                        "\(spread.value.topologyKey.quoted) is not a node label key",
                        hint: "use e.g. kubernetes.io/hostname or topology.kubernetes.io/zone", at: spread.location)
            }
            if spread.value.maxSkew < 1 {
                c.error(path, field: "topologySpread.maxSkew", "the skew must be at least 1",
                        hint: "use 1 for an even spread", at: spread.location)
            }
        }
        if let size = settings.tmpVolumeSize, size.value.bytes <= 0 || size.value > SanityLimits.maxMemory {
            c.error(path, field: "tmpVolume.size",
                    "the /tmp size \(size.value) is outside 1 byte to \(SanityLimits.maxMemory)",
                    hint: "use e.g. .mebibytes(64)", at: size.location)
        }
        if let namespace = settings.gatewayNamespace {
            c.check(namespace.value, is: .namespace, path, field: "gatewayNamespace", at: namespace.location)
        }
        if let scraper = settings.metricsScraper, let peer = scraper.value {
            checkPeer(peer, field: "metricsScraper", path, at: scraper.location, &c)
        }
        if let dns = settings.clusterDNS {
            checkPeer(dns.value.peer, field: "clusterDNS", path, at: dns.location, &c)
            if !(1...65535).contains(dns.value.port) {
                c.error(path, field: "clusterDNS.port", "port \(dns.value.port) is outside 1-65535",
                        hint: "use the port the DNS pods listen on, e.g. 53", at: dns.location)
            }
        }
    }

    func checkKubernetesService(_ service: ServiceDescription, _ path: DiagnosticPath, _ c: inout DiagnosticCollector) {
        if let role = service.role, role.value.isEmpty || !TextRules.isLabelValue(role.value) {
            c.error(path, field: "role", "\(role.value.quoted) is not a valid label value",
                    hint: "use at most 63 letters, digits, '-', '_' and '.', e.g. frontend", at: role.location)
        }
        guard let check = service.healthCommand else { return }
        if check.command.isEmpty || check.command[0].isEmpty {
            c.error(path, field: "healthCommand", "the health command is empty",
                    hint: "name the program and its arguments, e.g. HealthCommand(\"/app/worker\", \"-healthcheck\")",
                    at: check.location)
        }
        if check.command.contains(where: { !TextRules.isSingleLineText($0) || $0.unicodeScalars.contains("\0") }) {
            c.error(path, field: "healthCommand", "an argument contains a control character or line break",
                    hint: "write each argument on one line", at: check.location)
        }
        if service.health != nil {
            c.error(path, field: "healthCommand", "the service has both HTTP health checks and a health command",
                    hint: "keep Health(…) for a service that serves HTTP, HealthCommand(…) for one that does not",
                    at: check.location)
        }
    }

    func checkKubernetesEnvironment(
        _ environment: EnvironmentDescription, _ path: DiagnosticPath, _ c: inout DiagnosticCollector
    ) {
        guard let version = environment.podSecurityVersion else { return }
        let text = version.value
        let parts = text.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
        let isVersion = text.hasPrefix("v") && parts.count == 2
            && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        if text != "latest" && !isVersion {
            c.error(path, field: "podSecurity", "\(text.quoted) is not a Pod Security Standards version",
                    hint: "write it like v1.30, or latest", at: version.location)
        }
    }

    private func checkPeer(
        _ peer: NetworkPeer, field: String, _ path: DiagnosticPath, at location: SourceLocation,
        _ c: inout DiagnosticCollector
    ) {
        c.check(peer.namespace, is: .namespace, path, field: "\(field).namespace", at: location)
        for (key, value) in peer.podLabels.sorted(by: { $0.key < $1.key }) {
            if !TextRules.isLabelKey(key) {
                c.error(path, field: "\(field).podLabels", "\(key.quoted) is not a label key",
                        hint: "use e.g. app.kubernetes.io/name", at: location)
            }
            if !TextRules.isLabelValue(value) {
                c.error(path, field: "\(field).podLabels", "\(value.quoted) is not a valid value for label \(key.quoted)",
                        hint: "use at most 63 letters, digits, '-', '_' and '.'", at: location)
            }
        }
    }
}
