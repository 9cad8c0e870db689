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
        let graph = DependencyGraph(services)
        for service in services { checkService(service, graph, &collector) }
        checkRoutes(&collector)
        checkGateway(&collector)
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
        if let team, !TextRules.isSingleLineText(team.value) || team.value.isEmpty {
            c.error(path, field: "team", "the team name is empty or contains a control character",
                    hint: "name the team on one line", at: team.location)
        }
        if let team { c.checkBidiControls(team.value, path, field: "team", at: team.location) }
        if environments.isEmpty {
            c.error(path, field: "environments", "the system has no environments",
                    hint: "add at least one, e.g. Deploy(to: .dev) { … }", at: location)
        }
        if services.isEmpty {
            c.error(path, field: "services", "the system has no services", hint: "add a Service to the system",
                    at: location)
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
        checkPorts(service, path, &c)
        checkHealth(service, path, &c)
        checkDependencies(service, graph, path, &c)
        checkConfigFiles(service, path, &c)
        checkExternalEgress(service, path, &c)
        checkMetrics(service, path, &c)
        checkSLOs(service, path, &c)
        checkKubernetesService(service, path, &c)
        service.settings.check(path, &c)
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

    private func checkBuild(_ service: ServiceDescription, _ path: DiagnosticPath, _ c: inout DiagnosticCollector) {
        let build = service.build
        let at = build.location ?? service.location
        for (field, value) in [("build.module", Optional(build.moduleDirectory)), ("build.main", build.mainPackage)] {
            guard let value else { continue }
            if !isRelativePath(value) {
                c.error(path, field: field, "\(value.quoted) is not a relative path inside the build context",
                        hint: "write a path such as '.' or './cmd/\(service.name)' with no '..', spaces or quotes", at: at)
            }
        }
        for (field, value) in [("build.versionVariable", build.versionVariable), ("build.commitVariable", build.commitVariable)] {
            guard let value else { continue }
            if !TextRules.isGoVariablePath(value) {
                c.error(path, field: field, "\(value.quoted) is not a Go variable path",
                        hint: "write it as package.variable, e.g. main.version", at: at)
            }
        }
    }

    private func checkPorts(_ service: ServiceDescription, _ path: DiagnosticPath, _ c: inout DiagnosticCollector) {
        for port in service.ports {
            c.check(port.name, is: .port, path, field: "ports[\(port.name)].name", at: port.location)
            if !(1...65535).contains(port.number) {
                c.error(path, field: "ports[\(port.name)].number", "port \(port.number) is outside 1-65535",
                        hint: "use the port the service listens on, e.g. 8080", at: port.location)
            }
        }
        for (portName, duplicates) in duplicates(service.ports.map { ($0.name, $0.location) }) {
            c.error(path, field: "ports", "port name \(portName.quoted) is declared \(duplicates.count) times",
                    hint: "give each port its own name", at: duplicates[1])
        }
        for (number, duplicates) in duplicates(service.ports.map { ("\($0.number)/\($0.transport.rawValue)", $0.location) }) {
            c.error(path, field: "ports", "port \(number) is declared \(duplicates.count) times",
                    hint: "declare each port number once", at: duplicates[1])
        }
    }

    private func checkHealth(_ service: ServiceDescription, _ path: DiagnosticPath, _ c: inout DiagnosticCollector) {
        guard let health = service.health else { return }
        for (field, value) in [("health.liveness", Optional(health.liveness)), ("health.readiness", health.readiness),
                               ("health.startup", health.startup)] {
            guard let value else { continue }
            if !TextRules.isURLPath(value) {
                c.error(path, field: field, "probe path \(value.quoted) is not a URL path",
                        hint: "start it with '/' and use no spaces, quotes, '#', '?', ';' or braces", at: health.location)
            }
        }
        if service.ports.isEmpty {
            c.error(path, field: "health", "the service has health checks but no port to probe",
                    hint: "declare the port the service listens on with Port(\"http\", 8080)", at: health.location)
        } else if let port = health.port, service.port(named: port) == nil {
            c.error(path, field: "health.port", "the probes use port \(port.quoted), which the service does not declare",
                    hint: Suggestions.hint(for: port, in: service.ports.map(\.name)) ?? "name one of the service's ports",
                    at: health.location)
        }
    }

    private func checkDependencies(
        _ service: ServiceDescription, _ graph: DependencyGraph, _ path: DiagnosticPath, _ c: inout DiagnosticCollector
    ) {
        for dependency in service.dependencies {
            if dependency.service == service.name {
                c.error(path, field: "dependencies", "the service depends on itself",
                        hint: "remove the dependency", at: dependency.location)
            } else if let number = graph.numbers[dependency.service] {
                let target = services[graph.declarations[number]]
                if target.ports.isEmpty {
                    c.error(path, field: "dependencies",
                            "\(dependency.service.quoted) has no ports, so nothing can call it",
                            hint: "declare a port on '\(dependency.service)' or remove the dependency",
                            at: dependency.location)
                }
            } else {
                c.error(path, field: "dependencies",
                        "the service depends on \(dependency.service.quoted), which the system does not declare",
                        hint: Suggestions.hint(for: dependency.service, in: services.map(\.name))
                            ?? "add that service or remove the dependency",
                        at: dependency.location)
            }
        }
        for (dependency, duplicates) in duplicates(service.dependencies.map { ($0.service, $0.location) }) {
            c.warning(path, field: "dependencies", "the dependency on \(dependency.quoted) is declared \(duplicates.count) times",
                      hint: "declare it once", at: duplicates[1])
        }
    }

    private func checkConfigFiles(_ service: ServiceDescription, _ path: DiagnosticPath, _ c: inout DiagnosticCollector) {
        for file in service.configFiles {
            c.check(file.name, is: .configFile, path, field: "configFiles[\(file.name)]", at: file.location)
            if !TextRules.isMultiLineText(file.contents) {
                c.error(path, field: "configFiles[\(file.name)].contents", "the contents hold a control character",
                        hint: "keep config files to text with tabs and line feeds", at: file.location)
            } else if let scalar = TextRules.firstUnportableScalar(file.contents) {
                c.error(path, field: "configFiles[\(file.name)].contents",
                        "the contents hold \(TextRules.codePoint(scalar)), which kubectl kustomize refuses in a ConfigMap",
                        hint: "keep config files to text with tabs and line feeds", at: file.location)
            }
            if !(file.mountDirectory.hasPrefix("/") && TextRules.isURLPath(file.mountDirectory)) || file.mountDirectory == "/" {
                c.error(path, field: "configFiles[\(file.name)].mountDirectory",
                        "\(file.mountDirectory.quoted) is not an absolute directory for the mount",
                        hint: "mount config under a folder of its own, e.g. /etc/\(service.name)", at: file.location)
            }
        }
        for (fileName, duplicates) in duplicates(service.configFiles.map { ($0.name, $0.location) }) {
            c.error(path, field: "configFiles", "config file \(fileName.quoted) is declared \(duplicates.count) times",
                    hint: "declare each file once", at: duplicates[1])
        }
    }

    private func checkExternalEgress(_ service: ServiceDescription, _ path: DiagnosticPath, _ c: inout DiagnosticCollector) {
        for egress in service.externalEgress {
            let field = "egress[\(egress.destination)]"
            if egress.destination.trimmed.isEmpty || !TextRules.isSingleLineText(egress.destination) {
                c.error(path, field: "egress", "the destination needs a name on one line",
                        hint: "say what is called, e.g. Egress(\"payment provider API\", ports: [443])", at: egress.location)
            }
            if egress.ports.isEmpty {
                c.error(path, field: field, "no ports are given", hint: "list the ports the service calls, e.g. ports: [443]",
                        at: egress.location)
            }
            for port in egress.ports where !(1...65535).contains(port) {
                c.error(path, field: field, "port \(port) is outside 1-65535", hint: "use the port the destination listens on",
                        at: egress.location)
            }
            for cidr in egress.cidrs where !TextRules.isIPv4CIDR(cidr) {
                c.error(path, field: field, "\(cidr.quoted) is not an IPv4 range in CIDR notation",
                        hint: "write it like 203.0.113.0/24", at: egress.location)
            }
        }
    }

    private func checkMetrics(_ service: ServiceDescription, _ path: DiagnosticPath, _ c: inout DiagnosticCollector) {
        let metrics = service.metrics
        let at = metrics.location ?? service.location
        if let port = metrics.port, service.port(named: port) == nil {
            c.error(path, field: "metrics.port", "metrics are served on port \(port.quoted), which the service does not declare",
                    hint: Suggestions.hint(for: port, in: service.ports.map(\.name)) ?? "name one of the service's ports",
                    at: at)
        }
        if !TextRules.isURLPath(metrics.path) {
            c.error(path, field: "metrics.path", "\(metrics.path.quoted) is not a URL path", hint: "start it with '/'", at: at)
        }
        for (field, name) in [("metrics.requestCounter", metrics.requestCounter), ("metrics.durationHistogram", metrics.durationHistogram),
                              ("metrics.serviceLabel", metrics.serviceLabel), ("metrics.codeLabel", metrics.codeLabel)]
        where !isPrometheusName(name) {
            c.error(path, field: field, "\(name.quoted) is not a Prometheus metric or label name",
                    hint: "use letters, digits and '_', not starting with a digit", at: at)
        }
        if metrics.buckets.isEmpty || metrics.buckets.contains(where: { $0 <= .zero }) || metrics.buckets != metrics.buckets.sorted()
            || Set(metrics.buckets).count != metrics.buckets.count {
            c.error(path, field: "metrics.buckets", "the histogram buckets must be positive, ascending and distinct",
                    hint: "list the bucket bounds the service's histogram declares", at: at)
        }
    }

    private func checkSLOs(_ service: ServiceDescription, _ path: DiagnosticPath, _ c: inout DiagnosticCollector) {
        for slo in service.slos {
            let field = "slo[\(slo.name)]"
            c.check(slo.name, is: .slo, path, field: "\(field).name", at: slo.location)
            if slo.availability == nil && slo.latency == nil {
                c.error(path, field: field, "the SLO has no objective",
                        hint: "add Availability(.percent(99.9)) or Latency(.percent(99), under: .milliseconds(300))",
                        at: slo.location)
            }
            if let availability = slo.availability, !(availability.value > .percent(0) && availability.value < .percent(100)) {
                c.error(path, field: "\(field).availability", "the objective \(availability.value) is outside (0, 100) %",
                        hint: "a 100 % objective leaves no error budget and 0 % means nothing; use e.g. .percent(99.9)",
                        at: availability.location)
            }
            if let latency = slo.latency {
                if !(latency.value.target > .percent(0) && latency.value.target < .percent(100)) {
                    c.error(path, field: "\(field).latency", "the objective \(latency.value.target) is outside (0, 100) %",
                            hint: "use a share such as .percent(99)", at: latency.location)
                }
                if latency.value.threshold <= .zero {
                    c.error(path, field: "\(field).latency.threshold", "the latency threshold must be positive",
                            hint: "use a duration such as .milliseconds(800)", at: latency.location)
                } else if !service.metrics.buckets.contains(latency.value.threshold) {
                    let buckets = service.metrics.buckets.map(\.secondsText).joined(separator: ", ")
                    c.error(path, field: "\(field).latency.threshold",
                            "the threshold \(latency.value.threshold.secondsText)s is not a bucket of \(service.metrics.durationHistogram) (\(buckets)), so the SLI would return nothing",
                            hint: "choose one of the buckets, or declare the bucket with Metrics(buckets:)",
                            at: latency.location)
                }
            }
            if !(1...365).contains(slo.window.days) {
                c.error(path, field: "\(field).window", "the window \(slo.window) is outside 1d-365d",
                        hint: "use .days(30), .days(28) or .days(7)", at: slo.location)
            }
            for matcher in slo.matchers {
                if !isPrometheusName(matcher.name) {
                    c.error(path, field: "\(field).matchers", "\(matcher.name.quoted) is not a Prometheus label name",
                            hint: "use letters, digits and '_'", at: slo.location)
                }
                if !TextRules.isSingleLineText(matcher.value) {
                    c.error(path, field: "\(field).matchers", "the value of \(matcher.name.quoted) contains a control character",
                            hint: "match on a single-line value", at: slo.location)
                }
            }
            if !TextRules.isSingleLineText(slo.errorCodes) || slo.errorCodes.isEmpty {
                c.error(path, field: "\(field).errorCodes", "the error code pattern is empty or spans lines",
                        hint: "use a regular expression such as 5..", at: slo.location)
            }
            if let url = slo.runbookURL, !(url.hasPrefix("https://") || url.hasPrefix("http://")) || !TextRules.isSingleLineText(url) || url.contains(" ") {
                c.error(path, field: "\(field).runbook", "\(url.quoted) is not an http(s) URL", hint: "link the runbook page",
                        at: slo.location)
            }
            if let team = slo.team, team.isEmpty || !TextRules.isSingleLineText(team) {
                c.error(path, field: "\(field).team", "the team name is empty or spans lines", hint: "name the team on one line",
                        at: slo.location)
            }
            if let team = slo.team { c.checkBidiControls(team, path, field: "\(field).team", at: slo.location) }
        }
        for (sloName, duplicates) in duplicates(service.slos.map { ($0.name, $0.location) }) {
            c.error(path, field: "slos", "SLO \(sloName.quoted) is declared \(duplicates.count) times",
                    hint: "give each SLO its own name", at: duplicates[1])
        }
    }

    // MARK: - Routes

    private func checkRoutes(_ c: inout DiagnosticCollector) {
        var seen: [String: (service: String, location: SourceLocation)] = [:]
        for service in services {
            let path = DiagnosticPath(system: name, service: service.name)
            for route in service.routes {
                let field = "routes[\(route.path)]"
                if !TextRules.isURLPath(route.path) {
                    c.error(path, field: field, "route path \(route.path.quoted) is not a URL path",
                            hint: "start it with '/' and use no spaces, quotes, '#', '?', ';', '$' or braces", at: route.location)
                } else if !TextRules.isNormalizedURLPath(route.path) {
                    c.error(path, field: field,
                            "route path \(route.path.quoted) is not in the normal form Nginx matches, so no request reaches it",
                            hint: "write it as requests decode to: no '//', '.' segments or %-escapes, e.g. /api/v2",
                            at: route.location)
                }
                if let rewrite = route.rewrite, !TextRules.isURLPath(rewrite) {
                    c.error(path, field: "\(field).rewrite", "rewrite target \(rewrite.quoted) is not a URL path",
                            hint: "start it with '/'", at: route.location)
                }
                if service.ports.isEmpty {
                    c.error(path, field: field, "the service has a route but no port",
                            hint: "declare the port the route goes to with Port(\"http\", 8080)", at: route.location)
                } else if let port = route.port, service.port(named: port) == nil {
                    c.error(path, field: "\(field).port", "the route goes to port \(port.quoted), which the service does not declare",
                            hint: Suggestions.hint(for: port, in: service.ports.map(\.name)) ?? "name one of the service's ports",
                            at: route.location)
                }
                if let timeout = route.timeout, !isTimeout(timeout) {
                    c.error(path, field: "\(field).timeout", "the timeout must be whole milliseconds between 1ms and 1h",
                            hint: "use e.g. .seconds(30)", at: route.location)
                }
                if let size = route.maxBodySize, !isBodySize(size) {
                    c.error(path, field: "\(field).maxBodySize", "the body size limit must be between 1 byte and 10Gi",
                            hint: "use e.g. .mebibytes(10)", at: route.location)
                }
                if let limit = route.rateLimit, !isRateLimit(limit) {
                    c.error(path, field: "\(field).rateLimit",
                            "the rate must be 1-100000 requests per second and the burst 0-100000",
                            hint: "use e.g. .perSecond(10, burst: 20)", at: route.location)
                }
                let key = "\(route.match.rawValue) \(route.path)"
                if let first = seen[key] {
                    c.error(path, field: field,
                            "route \(route.path) is already declared by \(first.service.quoted) at \(first.location)",
                            hint: "give each route its own path", at: route.location)
                } else {
                    seen[key] = (service.name, route.location)
                }
            }
        }
        let routed = services.contains { !$0.routes.isEmpty }
        if routed {
            for environment in environments where environment.host == nil {
                c.error(DiagnosticPath(system: name, environment: environment.environment.name), field: "host",
                        "services declare routes but the environment has no host for the gateway",
                        hint: "add Host(\"\(environment.environment.name).\(name).example.com\") to the environment",
                        at: environment.location)
            }
        }
    }

    /// Groups of services that call each other with more members than this get one warning, for the cycle found
    /// from their first service; smaller groups get one per distinct cycle found from each of their services.
    /// Bounds the search to (this × the number of dependencies): linear in the size of the system.
    static let largestCycleGroupSearchedFromEveryService = 64

    /// A warning for each distinct cycle that a depth-first search from each service (in declaration order) meets
    /// first, at that service. The search from a service stays inside its group of mutually dependent services
    /// (no cycle through it can leave the group), and services in no such group are not searched at all.
    private func checkDependencyCycles(_ graph: DependencyGraph, _ c: inout DiagnosticCollector) {
        let (component, sizes) = graph.components()
        var reported = Set<String>()
        var reportedGroups = Set<Int>()
        for (number, position) in graph.declarations.enumerated() {
            let group = component[number]
            // A service alone in its group can only form a cycle with itself, which is an error of its own.
            guard sizes[group] > 1 else { continue }
            if sizes[group] > Self.largestCycleGroupSearchedFromEveryService && reportedGroups.contains(group) { continue }
            guard let cycle = graph.firstCycle(from: number, component: component), cycle.count > 2 else { continue }
            let names = cycle.map { graph.names[$0] }
            let key = Set(names).sorted().joined(separator: ",")
            guard reported.insert(key).inserted else { continue }
            reportedGroups.insert(group)
            let service = services[position]
            c.warning(DiagnosticPath(system: name, service: service.name), field: "dependencies",
                      "the dependencies form a cycle: \(names.joined(separator: " -> "))",
                      hint: "services that call each other cannot be started or rolled back one at a time; break the cycle if you can",
                      at: service.dependencies.first?.location ?? service.location)
        }
    }

    // MARK: - Helpers

    private func duplicates(_ items: [(String, SourceLocation)]) -> [(String, [SourceLocation])] {
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

    private func isRelativePath(_ text: String) -> Bool {
        guard !text.isEmpty, !text.hasPrefix("/") else { return false }
        return text.utf8.allSatisfy { Self.relativePathBytes.contains($0) } && !text.split(separator: "/").contains("..")
    }

    private static let relativePathBytes = ByteSet("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._/")

    private func isPrometheusName(_ text: String) -> Bool {
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

    public mutating func warning(_ path: DiagnosticPath, field: String? = nil, _ message: String, hint: String? = nil, at location: SourceLocation?) {
        diagnostics.append(.warning(path, field: field, message, hint: hint, at: location))
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
