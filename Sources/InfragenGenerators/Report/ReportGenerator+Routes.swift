import InfragenModel

extension ReportGenerator {
    /// The gateway's routes with what limits each (timeout, body size, rate limit per client address), its methods and
    /// what it carries, one row per route and the environments it holds in; then each canary, per environment.
    func routes(_ system: ResolvedSystem, _ doc: inout Markdown) {
        let environments = system.environments.filter { !$0.routedServices.isEmpty }
        guard !environments.isEmpty else { return }
        var rows = OrderedRows()
        for environment in environments {
            for service in environment.routedServices {
                for route in service.routes {
                    rows.add([
                        Markdown.rawCell(Markdown.code(route.match == .exact ? "= \(route.path)" : route.path)),
                        route.match == .exact ? "exact" : "prefix",
                        "\(service.name) \(route.port.name)" + (route.rewrite.map { " as \($0)" } ?? ""),
                        route.methods.map { $0.map(\.rawValue).joined(separator: ", ") } ?? "any",
                        Self.written(route.timeout),
                        Self.written(route.maxBodySize),
                        route.rateLimit.map { "\($0.requestsPerSecond)/s, burst \($0.burst)" } ?? "none",
                        route.isGRPC ? "gRPC" : Self.trafficText(route.traffic),
                    ], environment.name)
                }
            }
        }
        doc.heading(3, "Routes")
        doc.paragraph(
            "What the gateway sends where, and the limits nginx applies: the upstream timeout, the largest request "
                + "body (413 above it) and the requests per second per client address (429 above the burst).")
        doc.table(
            ["path", "match", "to", "methods", "timeout", "body limit", "rate limit", "traffic", "environments"],
            rows.rows(all: environments.map(\.name)))

        let canaries = system.environments.flatMap { environment in
            environment.services.compactMap { service in service.canary.map { (environment, service, $0) } }
        }
        guard !canaries.isEmpty else { return }
        doc.heading(3, "Canary")
        doc.paragraph(
            "The share of requests the gateway sends to each canary (sticky per client by a cookie), the image the "
                + "canary runs beside the stable one, and its pods.")
        doc.table(
            ["environment", "service", "share", "canary image", "stable image", "pods"],
            canaries.map { environment, service, canary in
                [environment.name, service.name, "\(canary.share.percentText) %",
                 Markdown.rawCell(Markdown.code(canary.image.text)), Markdown.rawCell(Markdown.code(service.image.text)),
                 String(canary.replicas)]
            })
    }

    static func trafficText(_ traffic: RouteDescription.Traffic) -> String {
        switch traffic {
        case .http: "HTTP"
        case .webSocket: "WebSocket"
        case .serverSentEvents: "server-sent events"
        }
    }

    /// A duration in the unit a blueprint writes it in: `800 ms`, `30 s` (Swift's `Duration` has no larger unit, and
    /// keeps no spelling: `.milliseconds(1000)` shows as `1 s`).
    static func written(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if attoseconds == 0 { return "\(seconds) s" }
        if attoseconds % 1_000_000_000_000_000 == 0 { return "\(duration.wholeMilliseconds) ms" }
        return "\(duration.secondsText) s"
    }

    /// A size in the binary unit a blueprint writes it in: `256 KiB`, `1 MiB`, `1500 B`.
    static func written(_ size: DataSize) -> String {
        let quantity = size.quantity
        guard let unit = quantity.last, unit == "i" else { return "\(quantity) B" }
        return "\(quantity.dropLast(2)) \(quantity.suffix(2))B"
    }
}
