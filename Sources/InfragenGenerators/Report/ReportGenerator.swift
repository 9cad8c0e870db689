public import InfragenModel

/// The pull-request view: `Output/<system>/README.md`, a topology diagram and the seed's tables, generated from the
/// same model as every other file, so it is true by construction.
public struct ReportGenerator: SummaryGenerator {
    public let kind = ArtifactKind.report
    public let folders = [file]
    static let file = OutputFolder.systemFile("README.md")

    public init() {}

    /// The README links the other files by path, and reads only the `---`, `apiVersion:` and `kind:` lines of the
    /// Kubernetes files (``customResources(_:)``): a streamed render keeps no more of them.
    public func summarized(_ file: GeneratedFile) -> GeneratedFile {
        var kept = file
        kept.contents = file.path.contains("/kubernetes/") ? Self.kindLines(file.contents) : ""
        return kept
    }

    public func generate(_ system: ResolvedSystem, files: [GeneratedFile]) throws -> [GeneratedFile] {
        var doc = Markdown()
        doc.heading(1, "System \(system.name)")
        var intro = system.summary.map { "\($0). " } ?? ""
        intro += "Owned by \(system.team). "
        let services = system.services.count, environments = system.environments.count
        intro += "\(services) service\(services == 1 ? "" : "s") in \(environments) environment\(environments == 1 ? "" : "s")"
        let externals = system.externalServices
        intro += externals.isEmpty ? "." : ", and \(externals.count) external service\(externals.count == 1 ? "" : "s") "
            + "(SLO rules only)."
        doc.paragraph(intro)
        doc.paragraph("This page is generated from the blueprint; review the changes here first, then the files below.")
        attention(system, &doc)

        // A system of external services only deploys nothing: no topology, sizes or images to show.
        if !system.services.isEmpty {
            doc.heading(2, "Topology")
            doc.fenced("mermaid", Topology.flowchart(system))

            doc.heading(2, "Services")
            doc.table(
                ["service", "team", "image", "base", "ports", "routes", "depends on"],
                servicesRows(system))

            doc.heading(2, "Replicas and resources")
            // One lookup table per environment: a search per cell is quadratic in the number of services.
            let sizings = system.environments.map { environment in
                Dictionary(environment.services.map { ($0.name, Self.sizing($0)) },
                           uniquingKeysWith: { first, _ in first })
            }
            doc.table(
                ["service"] + system.environments.map(\.name),
                system.services.map { service in
                    [service.name] + sizings.map { $0[service.name] ?? "-" }
                })

            let migrations = Self.autoscaleMigrations(system)
            if !migrations.isEmpty {
                doc.paragraph(
                    "Moving a running service to its HPA, once: a Deployment or StatefulSet with Autoscale has no "
                        + "replicas in its manifest, and the first client-side kubectl apply after a fixed count removes "
                        + "the count it remembers, so Kubernetes scales it to 1 pod until the HPA reacts. Before that "
                        + "apply, delete spec.replicas from the last-applied configuration (or apply that once with "
                        + "--server-side):")
                doc.list(migrations)
            }
        }

        doc.heading(2, "Environments")
        doc.table(
            ["environment", "namespace", "host", "TLS", "canary", "deploy frequency", "rollback", "owner"],
            system.environments.map { environment in
                let rollout = environment.rollout
                return [
                    environment.name, environment.namespace, environment.host ?? "-", environment.tls ? "yes" : "no",
                    environment.canary.map(\.description) ?? "-", rollout.frequency ?? "-",
                    rollout.rollback?.description ?? "-", rollout.owner ?? "-",
                ]
            })

        prerequisites(system, files: files, &doc)
        externalServices(system, &doc)

        let gatewayRows = gatewayRows(system)
        if !gatewayRows.isEmpty {
            let gateway = system.gateway
            doc.heading(2, "Gateway")
            doc.paragraph(
                "nginx in each environment's Kubernetes folder (\(gateway.name).yaml): a Deployment of "
                    + "\(gateway.image) as user \(ResolvedGateway.runAsUser) on a read-only root, its "
                    + "configuration (the nginx folder's files) in a hashed ConfigMap, a LoadBalancer Service that keeps "
                    + "client addresses (externalTrafficPolicy Local), a PodDisruptionBudget (with more than one pod) and a NetworkPolicy; routed "
                    + "services let in its pods. It stops with a \(Self.written(gateway.preStopPause)) pause, then "
                    + "nginx -s quit with up to \(Self.written(gateway.drainTimeout)) for requests in flight.")
            doc.table(
                ["environment", "pods", "resources", "workers", "load balancer", "TLS Secret", "certificate"],
                gatewayRows)
            routes(system, &doc)
        }
        network(system, &doc)
        digestPins(system, &doc)

        let sloRows = sloRows(system)
        if !sloRows.isEmpty {
            doc.heading(2, "SLOs")
            doc.paragraph("Error budget in minutes over the window; alerts are multi-window, multi-burn-rate.")
            doc.table(
                ["service", "SLO", "objective", "window", "error budget", "page at", "ticket at"], sloRows)
            sliContract(system, &doc)
            alerting(system, &doc)
        }

        pipeline(system, &doc)
        if !system.services.isEmpty { baseImages(system, &doc) }
        acknowledgedWarnings(system, &doc)

        let prefix = system.name + "/"
        let links = files.map(\.path).filter { $0.hasPrefix(prefix) }.sorted()
        if !links.isEmpty {
            doc.heading(2, "Files")
            doc.list(links.map { path in
                let relative = String(path.dropFirst(prefix.count))
                return Markdown.link(relative, relative)
            })
        }

        let contents = FileHeader.html(source: system.declaredAt, system: system.name, command: system.command) + "\n" + doc.text
        return [GeneratedFile(
            path: Self.file.path(system: system.name), contents: contents, kind: kind,
            system: system.name, environment: nil)]
    }

    private func servicesRows(_ system: ResolvedSystem) -> [[String]] {
        system.services.map { service in
            [
                service.name,
                service.team,
                Markdown.rawCell(Markdown.code(service.image.text)),
                service.runtimeFamily?.rawValue ?? "-",
                service.ports.isEmpty ? "-" : service.ports.map(Self.portText).joined(separator: ", "),
                service.routes.isEmpty ? "-" : service.routes.map { $0.match == .exact ? "= \($0.path)" : $0.path }.joined(separator: ", "),
                service.dependencies.isEmpty ? "-" : service.dependencies.joined(separator: ", "),
            ]
        }
    }

    /// `http 8080`, or `http 80→8080` where the Service port differs, with the protocol when it is not TCP.
    static func portText(_ port: ResolvedPort) -> String {
        let numbers = port.servicePort == port.number ? "\(port.number)" : "\(port.servicePort)→\(port.number)"
        return "\(port.name) \(numbers)" + (port.transport == .tcp ? "" : "/\(port.transport.rawValue)")
    }

    /// The one-time step for each autoscaled Deployment or StatefulSet, per environment: `kubectl apply
    /// edit-last-applied` on it, which opens the configuration that a client-side apply compares with.
    static func autoscaleMigrations(_ system: ResolvedSystem) -> [String] {
        system.environments.flatMap { environment in
            environment.services.compactMap { service -> String? in
                guard service.autoscaling != nil else { return nil }
                let kind: String
                switch service.workload {
                case .deployment: kind = "deployment"
                case .statefulSet: kind = "statefulset"
                case .job, .cronJob: return nil
                }
                let command = "kubectl apply edit-last-applied -n \(environment.namespace) \(kind)/\(service.name)"
                return "\(environment.name): " + Markdown.code(command)
            }
            // The gateway's Deployment, where GatewayAutoscale gives it an HPA.
            + (system.gateway.autoscaling != nil && !environment.routedServices.isEmpty ? [
                "\(environment.name): " + Markdown.code(
                    "kubectl apply edit-last-applied -n \(environment.namespace) deployment/\(system.gateway.name)"),
            ] : [])
        }
    }

    /// One row per environment the gateway runs in (one with routes).
    func gatewayRows(_ system: ResolvedSystem) -> [[String]] {
        let gateway = system.gateway
        return system.environments.filter { !$0.routedServices.isEmpty }.map { environment in
            let pods = gateway.autoscaling.map { "HPA \($0.minReplicas)-\($0.maxReplicas) at \($0.targetCPUUtilization)" }
                ?? String(gateway.replicas)
            let resources = "\(gateway.cpuRequest.quantity)/\(gateway.memoryRequest.quantity) → "
                + "\(gateway.cpuLimit.quantity)/\(gateway.memoryLimit.quantity)"
            var ports = ["80 → \(gateway.listen.httpPort)"]
            if environment.tls { ports.append("443 → \(gateway.listen.httpsPort)") }
            let sources = gateway.sourceRanges.isEmpty ? "any address" : gateway.sourceRanges.joined(separator: ", ")
            let certificate = environment.tls && environment.host != nil
                ? gateway.certificateIssuer.map { "\($0.kind.rawValue) \($0.name)" } ?? "-" : "-"
            return [
                environment.name, pods, resources, String(gateway.workerProcesses),
                "\(ports.joined(separator: ", ")) from \(sources)",
                environment.tls ? Markdown.rawCell(Markdown.code(gateway.tlsSecret)) : "-", certificate,
            ]
        }
    }

    /// `3 × 100m/64Mi → 500m/100Mi`, or `HPA 3-10 at 70 % · 100m/64Mi → 500m/100Mi`; a StatefulSet's says so
    /// first, a Job's and a CronJob's say when they run instead of how many.
    static func sizing(_ service: ResolvedService) -> String {
        let r = service.resources
        let resources = "\(r.cpuRequest.quantity)/\(r.memoryRequest.quantity) → \(r.cpuLimit.quantity)/\(r.memoryLimit.quantity)"
        let count = service.autoscaling.map { hpa in
            "HPA \(hpa.minReplicas)-\(hpa.maxReplicas) at \(hpa.targetCPUUtilization) · \(resources)"
        } ?? "\(service.replicas) × \(resources)"
        switch service.workload {
        case .deployment: return count
        case .statefulSet: return "StatefulSet \(count)"
        case .job: return "Job, once per change · \(resources)"
        case .cronJob(let cron):
            return "CronJob \(cron.schedule) (\(cron.timeZone ?? "the controller's time zone")) · \(resources)"
        }
    }

    /// What the SLIs select, per service with SLOs: the package that exports the series, their names and labels, the
    /// histogram's buckets, and the labels the scrape must add.
    private func sliContract(_ system: ResolvedSystem, _ doc: inout Markdown) {
        let all = system.services + system.externalServices
        // A raw SLI reads the series of its own queries, not the instrumentation's.
        let services = all.filter { $0.slos.contains { $0.rawSLI == nil } }
        let sloServices = Self.sloServicesByName(system)
        doc.heading(3, "SLI contract")
        doc.paragraph(
            "The SLIs read exactly these series: each service must export them as its instrumentation writes them, "
                + "and the scrape must give every series the labels of the selector (the generated monitors do; a "
                + "scrape by annotation must add them itself). The SLO's own matchers follow the selector.")
        doc.table(
            ["service", "instrumentation", "request total", "duration histogram", "route and method labels",
             "buckets (s)", "selector"],
            services.map { service in
                let metrics = service.metrics, instrumentation = metrics.instrumentation
                let package = instrumentation.package.map { "\(instrumentation.name) (\($0))" } ?? instrumentation.name
                let histogram = "\(instrumentation.durationHistogram){\(instrumentation.histogramLabels.joined(separator: ","))}"
                let total = instrumentation.requestCounter.map {
                    "\($0){\(instrumentation.counterLabels.joined(separator: ","))}"
                } ?? "\(instrumentation.durationHistogram)_count"
                let method = instrumentation.methodSpelling == .lowercase ? "in lower case (post)" : "as sent (POST)"
                return [service.name, package, total, histogram,
                        "\(instrumentation.handlerLabel): \(instrumentation.handlerContents); "
                            + "\(instrumentation.methodLabel): the method \(method)",
                        metrics.buckets.map(\.secondsText).joined(separator: " "),
                        Self.selectors(of: service.name, in: system, sloServices: sloServices)]
            })
        let raw = all.flatMap { service in service.slos.compactMap { slo in slo.rawSLI.map { (service, slo, $0.value) } } }
        guard !raw.isEmpty else { return }
        doc.paragraph(
            "These SLOs read the series of their own PromQL (SLI(errors:total:)), whatever the service's instrumentation: "
                + "each [$window] becomes the rules' windows and each $namespace the environment's namespace. "
                + "Line breaks are shown as ⏎.")
        doc.table(
            ["service", "SLO", "errors query", "total query"],
            raw.map { service, slo, sli in
                [service.name, slo.name, Self.oneLine(sli.errors), Self.oneLine(sli.total)]
            })
    }

    /// A query on one line of a table: its lines trimmed and joined with ⏎, so a `# comment` stays visibly its own.
    static func oneLine(_ query: String) -> String {
        query.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in String(line.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed()) }
            .joined(separator: " ⏎ ")
    }

    /// The equalities every SLI of the service starts with, per environment:
    /// `dev: namespace="shop-dev",service="order-service"; prod: …`.
    static func selectors(of name: String, in system: ResolvedSystem) -> String {
        selectors(of: name, in: system, sloServices: sloServicesByName(system))
    }

    /// Each environment's SLO services by name, looked up once per row instead of searched (quadratic in the
    /// number of services: seconds at 10,000).
    static func sloServicesByName(_ system: ResolvedSystem) -> [[String: ResolvedService]] {
        system.environments.map { environment in
            Dictionary(environment.sloServices.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    static func selectors(of name: String, in system: ResolvedSystem, sloServices: [[String: ResolvedService]])
        -> String {
        zip(system.environments, sloServices).compactMap { environment, services in
            services[name].map { service in
                environment.name + ": " + SLIObjective.serviceSelector(service)
                    .map { "\($0.name)=\(PromQL.quoted($0.value))" }.joined(separator: ",")
            }
        }.joined(separator: "; ")
    }

    private func sloRows(_ system: ResolvedSystem) -> [[String]] {
        var rows: [[String]] = []
        for service in system.services + system.externalServices {
            for slo in service.slos {
                var objectives: [(String, Percentage)] = []
                if let availability = slo.availability { objectives.append(("availability \(availability.value)", availability.value)) }
                if let latency = slo.latency {
                    objectives.append((
                        "\(latency.value.target) under \(Self.written(latency.value.threshold))"
                            + (latency.value.codes.map { " (codes \($0))" } ?? ""), latency.value.target))
                }
                for (text, objective) in objectives {
                    let budget = objective.complement
                    // Minutes in the window × the budget share, exactly: days × 1440 × millionths / 10⁶.
                    let minutes = Decimal6.text(millionths: slo.window.days * 1440 * budget.millionths)
                    rows.append([
                        service.name, slo.name, text, slo.window.promQL, "\(budget) (\(minutes) min)",
                        BurnRatePolicy.Severity.page.conditions.map { $0.summary(window: slo.window) }
                            .joined(separator: " or "),
                        BurnRatePolicy.Severity.ticket.conditions.map { $0.summary(window: slo.window) }
                            .joined(separator: " or "),
                    ])
                }
            }
        }
        return rows
    }
}
