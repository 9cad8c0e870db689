import Infragen

/// The synthetic system the benchmark renders: N services across dev, staging and prod, built through the DSL (so
/// the model build is measured as a blueprint would run it).
///
/// Every service mixes in one of the five base families, calls the next two services (so the dependency graph is
/// one ring that validation must walk), has a route of its own and two SLOs (availability, and latency under a
/// default histogram bucket), and autoscales in prod every other service. The system is valid: validation reports
/// the ring of dependencies as its only finding, a warning.
enum SyntheticSystem {
    static let environments: [Environment] = [.dev, .staging, .prod]

    static let bases: [BaseImage] = [.alpine("3.19"), .debian(), .ubuntu("24.04"), .distroless(.static), .scratch]
    static let teams = ["orders", "payments", "catalog", "platform"]

    static func name(_ index: Int) -> String { "svc-\(index)" }

    /// - Precondition: at least 3 services, so that each can depend on two others.
    static func make(services count: Int) -> SystemDescription {
        precondition(count >= 3, "the synthetic system needs at least 3 services")
        return System("bench") {
            SourceRepository("https://git.example.com/bench", license: "Apache-2.0")
            Summary("Synthetic system of \(count) services for the infragen benchmark")
            Team("platform")
            Defaults {
                Go(version: "1.22")
                ImageRegistry("registry.example.com/bench")
                ImageTag("1.0.0")
                Requests(cpu: .millicores(100), memory: .mebibytes(64))
                Limits(cpu: .cores(0.5), memory: .mebibytes(128))
            }
            Deploy(to: .dev) {
                Host("dev.bench.example.com")
                Replicas(1)
                Rollout(frequency: "several times a day", rollback: .snapshotRestore, owner: "development team")
                Env("LOG_LEVEL", config: "debug")
            }
            Deploy(to: .staging) {
                Host("staging.bench.example.com")
                TLS()
                Replicas(2)
                Rollout(frequency: "daily", rollback: .imageRollback, owner: "test + ops")
                Env("LOG_LEVEL", config: "info")
            }
            Deploy(to: .prod) {
                Host("bench.example.com")
                TLS()
                Replicas(3)
                Rollout(frequency: "weekly", rollback: .imageRollback, owner: "SRE team", maxUnavailable: .percent(0))
                Env("LOG_LEVEL", config: "warn")
            }
            Gateway {
                RouteDefaults(timeout: .seconds(30), maxBodySize: .mebibytes(1), rateLimit: .perSecond(50, burst: 100))
            }
            for index in 0..<count { service(index, of: count) }
        }.description
    }

    static func service(_ index: Int, of count: Int) -> Service {
        let name = name(index)
        return Service(name) {
            Summary("Synthetic service number \(index)")
            Team(teams[index % teams.count])
            Build(main: "./cmd/\(name)", versionVariable: "main.version", commitVariable: "main.commit")
            Base(bases[index % bases.count])
            Port("http", 8080)
            Health(liveness: "/healthz", readiness: "/readyz")
            Env("GIN_MODE", "release")
            Env("PORT", "8080")
            Env("DATABASE_PASSWORD", secret: "\(name)-db", key: "password")
            DependsOn(Self.name((index + 1) % count), Self.name((index + 2) % count))
            Route("/api/\(name)")
            // One rule file holds every SLO of a system, so SLO names are unique in it.
            SLO("\(name)-availability", handler: "/api/\(name)") {
                Availability(.percent(99.9))
            }
            SLO("\(name)-latency", handler: "/api/\(name)") {
                Latency(.percent(99), under: .milliseconds(500))
            }
            if index % 2 == 0 {
                Override(.prod) { Autoscale(min: 3, max: 10, cpu: .percent(70)) }
            }
        }
    }
}
