public import InfragenModel

extension KubernetesGenerator {
    /// What a valid blueprint can still hold that would make a manifest the API server, kubelet or kustomize
    /// refuses: names and labels beyond Kubernetes' limits, shares Kubernetes cannot express, clashing keys and
    /// mounts, probes it cannot run.
    public func validate(_ system: ResolvedSystem) -> [Diagnostic] {
        validateShared(system) + system.environments.flatMap { validate(environment: $0, system: system) }
    }

    /// The checks of what is the same in every environment.
    public func validateShared(_ system: ResolvedSystem) -> [Diagnostic] {
        system.services.flatMap(validate(shared:))
    }

    /// The checks of one environment.
    public func validate(environment: ResolvedEnvironment, system: ResolvedSystem) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let path = DiagnosticPath(system: system.name, environment: environment.name)
        let rollout = environment.rollout
        let shares = [("rollout.maxSurge", rollout.maxSurge), ("rollout.maxUnavailable", rollout.maxUnavailable)]
        for (field, share) in shares where share.millionths % 10_000 != 0 {
            diagnostics.append(.error(
                path, field: field, "Kubernetes takes whole percentages only, not \(share)",
                hint: "round it to a whole percent", at: environment.rolloutLocation))
        }
        diagnostics += KustomizeExtras.validate(environment, builders: serviceBuilders)
        // The gateway's ConfigMap carries the whole Nginx configuration: the API server refuses one over 1 MiB.
        if let gateway = try? GatewayManifests(system: system, environment: environment) {
            let size = gateway.files.reduce(0) { $0 + $1.name.utf8.count + $1.contents.utf8.count }
            if size > 1_048_576 {
                diagnostics.append(.warning(
                    path, field: "gateway",
                    "the gateway's ConfigMap would hold \(size) bytes of Nginx configuration, more than Kubernetes' 1 MiB, so kubectl apply fails on it",
                    hint: "split the system, or give routes shared defaults so that fewer rate-limit zones and locations are written",
                    at: system.gateway.declaredAt, code: .gatewayConfigSize))
            }
        }
        // The SLO rules' objects: whole groups each, under the size kubectl apply can keep (SLORuleObjects).
        if let oversized = try? SLORuleObjects.oversized(system: system.name, environment: environment) {
            for (group, bytes) in oversized {
                let slo = environment.sloServices.flatMap(\.slos).first { "slo-\($0.name)" == group }
                // A raw SLI's query over PromQLSyntax.maxBytes is refused at its own line already.
                if let raw = slo?.rawSLI?.value,
                   max(raw.errors.utf8.count, raw.total.utf8.count) > PromQLSyntax.maxBytes { continue }
                diagnostics.append(.error(
                    path, field: slo.map { "slo[\($0.name)]" } ?? "prometheusRule",
                    "the rule group \(group) alone makes a PrometheusRule of \(bytes) bytes, more than the "
                        + "\(SLORuleObjects.maxObjectBytes) that kubectl apply can keep in its last-applied annotation "
                        + "(the API server refuses annotations over 256 KiB)",
                    hint: "shorten the SLO's matchers, labels and annotations, or split it into several SLOs",
                    at: slo?.location ?? system.declaredAt))
            }
        }
        for service in environment.services {
            diagnostics += validate(service)
            // The canary's Deployment and Service are named `<service>-canary`: a DNS label.
            if let canary = service.canary, canary.name.utf8.count > 63 {
                diagnostics.append(.error(
                    DiagnosticPath(system: system.name, environment: environment.name, service: service.name),
                    field: "canary", "the canary Service '\(canary.name)' would be longer than 63 characters",
                    hint: "shorten the service name to at most \(63 - (canary.name.utf8.count - service.name.utf8.count)) characters",
                    at: environment.canaryLocation))
            }
        }
        return diagnostics
    }

    /// Directories of the image that a config mount would hide.
    static let systemDirectories: Set<String> = [
        "/bin", "/dev", "/etc", "/etc/ssl", "/etc/ssl/certs", "/home", "/lib", "/lib64", "/proc", "/root", "/run",
        "/sbin", "/sys", "/usr", "/usr/bin", "/usr/lib", "/usr/local", "/usr/local/bin", "/usr/sbin", "/var",
        "/var/run",
    ]

    /// Checks of what is the same in every environment (the service as the first environment resolves it).
    private func validate(shared service: ResolvedService) -> [Diagnostic] {
        let path = DiagnosticPath(system: service.system, service: service.name)
        var diagnostics: [Diagnostic] = []
        func error(_ field: String, _ message: String, hint: String, at location: SourceLocation) {
            diagnostics.append(.error(path, field: field, message, hint: hint, at: location))
        }
        if Self.reservedServiceNames.contains(service.name) {
            error("name", "'\(service.name)' is the name of a file or object every environment folder has",
                  hint: "name the service differently", at: service.declaredAt)
        }
        // A Job's pod runs to completion: nothing routes to it, and the kubelet sees it end.
        if service.health == nil && service.noHealthCheck == nil && !service.runsToCompletion {
            error("health", "the service has no health checks, so Kubernetes cannot tell a hung pod from a healthy one",
                  hint: "add Health(liveness:readiness:) for an HTTP service, Health(.grpc(port:)) or "
                      + "Health(.tcp(port:)) for others, HealthCommand(…) for a worker, or NoHealthCheck(because:) "
                      + "with the reason it needs none",
                  at: service.declaredAt)
        }
        if let health = service.health {
            let uses = health.portUses
            for (port, kinds) in uses where port.transport != .tcp {
                let subject = ProbeTiming.Kind.subject(kinds, of: uses.flatMap(\.kinds), verb: ("uses", "use"))
                error("health.port", "\(subject) port '\(port.name)', which is \(port.transport.rawValue), not TCP",
                      hint: health[kinds[0]].map(Self.tcpPortHint) ?? "probe a TCP port", at: health.location)
            }
        }
        if let port = service.metrics.port, port.transport != .tcp {
            error("metrics.port",
                  "metrics are scraped over HTTP, but port '\(port.name)' is \(port.transport.rawValue)",
                  hint: "serve metrics on a TCP port and name it with Metrics(port:)",
                  at: service.metrics.location)
        }
        // Objects named after the service with a suffix: a StatefulSet's headless Service, a Job's hashed name.
        let suffix: (String, Int)? = switch service.workload {
        case .statefulSet: ("headless Service", 9)
        case .job: ("Job", 9)
        case .deployment, .cronJob: nil
        }
        if let (object, extra) = suffix, service.name.utf8.count + extra > 63 {
            error("name", "the \(object) '\(service.name)-…' would be longer than 63 characters",
                  hint: "shorten the service name to at most \(63 - extra) characters", at: service.declaredAt)
        }
        var directories: [String] = []
        for file in service.configFiles {
            let directory = ConfigMount.mountPath(file.mountDirectory)
            let field = "configFiles[\(file.name)].mountDirectory"
            if file.name.hasPrefix("..") {
                error("configFiles[\(file.name)]", "a mounted file name cannot start with '..'",
                      hint: "Kubernetes keeps those names for its own bookkeeping; rename the file", at: file.location)
            }
            if directory == "/tmp" {
                error(field, "/tmp is already the writable scratch volume",
                      hint: "mount config under a folder of its own, e.g. /etc/\(service.name)", at: file.location)
            } else if service.imageSource.isBuiltByInfragen,
                      let conflict = ImageLayout.conflictWithBinary(mountedAt: directory) {
                error(field, conflict, hint: "mount config under a folder of its own, e.g. /etc/\(service.name)",
                      at: file.location)
            } else if Self.systemDirectories.contains(directory) {
                error(field, "mounting config over \(directory) hides the image's own files there",
                      hint: "mount config under a folder of its own, e.g. /etc/\(service.name)", at: file.location)
            }
            let nested = directories.first { directory.hasPrefix($0 + "/") || $0.hasPrefix(directory + "/") }
            if let outer = nested {
                error(field, "\(directory) and \(outer) are nested, and config mounts are read-only",
                      hint: "mount the files in one directory, or in directories side by side", at: file.location)
            }
            if !directories.contains(directory) { directories.append(directory) }
        }
        return diagnostics
    }

    /// What to probe instead of a UDP port.
    static func tcpPortHint(_ probe: ResolvedProbe) -> String {
        switch probe {
        case .http: "probe a TCP port that serves HTTP"
        case .grpc: "probe a TCP port that serves the gRPC health service"
        case .tcp, .exec: "probe a TCP port the service listens on"
        }
    }

    /// Checks of a service as it runs in one environment.
    private func validate(_ service: ResolvedService) -> [Diagnostic] {
        let path = DiagnosticPath(system: service.system, environment: service.environment.name, service: service.name)
        var diagnostics: [Diagnostic] = []
        func error(_ field: String, _ message: String, hint: String, at location: SourceLocation) {
            diagnostics.append(.error(path, field: field, message, hint: hint, at: location))
        }
        let instance = Labels.instance(service)
        if instance.utf8.count > 63 {
            error("name", "the instance label '\(instance)' is longer than 63 characters",
                  hint: "shorten the service or the environment name", at: service.declaredAt)
        }
        if !service.imageTag.isEmpty && !TextRules.isLabelValue(service.imageTag) {
            error("image.tag", "the tag '\(service.imageTag)' cannot be the app.kubernetes.io/version label",
                  hint: "use at most 63 characters, starting and ending with a letter or digit",
                  at: service.location(of: .imageTag))
        }
        if let autoscaling = service.autoscaling {
            if autoscaling.targetCPUUtilization.millionths % 10_000 != 0 {
                error("autoscaling.cpu",
                      "the HorizontalPodAutoscaler takes a whole percentage, not \(autoscaling.targetCPUUtilization)",
                      hint: "round it to a whole percent", at: service.location(of: .autoscaling))
            }
        }
        if service.minimumReplicas > 1 && service.disruptionBudget.maxUnavailable >= service.minimumReplicas {
            diagnostics.append(.warning(
                path, field: "disruptionBudget.maxUnavailable",
                "a drain may take down \(service.disruptionBudget.maxUnavailable) of \(service.minimumReplicas) pods, "
                    + "that is all of them",
                hint: "allow fewer pods down than the service runs",
                at: service.location(of: .disruptionBudget), code: .drainTakesAllPods))
        }
        var seenControls: Set<SecurityExemption.Control> = []
        for exemption in service.security.exemptions where !seenControls.insert(exemption.control).inserted {
            error("security.exemptions[\(exemption.control.rawValue)]", "the exemption is declared twice",
                  hint: "declare it once, with one reason", at: exemption.location)
        }
        let variables = EnvironmentVariables.effective(service)
        let configKeys = Set(variables.compactMap { variable -> String? in
            if case .config = variable.source { return variable.name }
            return nil
        })
        for file in service.configFiles where configKeys.contains(file.name) {
            error("configFiles[\(file.name)]",
                  "the ConfigMap already has the key '\(file.name)' for an environment variable",
                  hint: "rename the file or the variable", at: file.location)
        }
        if let config = ConfigMapContent(service), config.size > 1_048_576 {
            error("configFiles", "the ConfigMap would hold \(config.size) bytes, more than Kubernetes' 1 MiB",
                  hint: "keep large files in the image or a volume", at: service.declaredAt)
        }
        return diagnostics
    }
}
