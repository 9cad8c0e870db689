import Infragen

/// A system of the three image sources: a Go frontend infragen builds, a Java cart service built from the team's own
/// Dockerfile, and a prebuilt Redis (pinned in prod, a newer one tried in dev). Declared in `Blueprints/Polyglot.swift`,
/// each component on the line given, so that tests can name exact places.
public enum PolyglotSystem {
    public static let file = "Blueprints/Polyglot.swift"
    public static let redisDigest = "sha256:" + String(repeating: "5e", count: 32)

    public static let description = System("polyglot", fileID: file, line: 1) {
        Summary("A Go frontend, a Java cart service and Redis")
        Team("shop")
        SourceRepository("https://git.example.com/polyglot", license: "Apache-2.0")
        Defaults {
            Go(version: "1.22")
            Base(.distroless(.static))
            ImageRegistry("registry.example.com/polyglot")
            ImageTag("1.0.0")
            Requests(cpu: .millicores(100), memory: .mebibytes(64))
            Limits(cpu: .cores(0.5), memory: .mebibytes(256))
        }
        Deploy(to: .dev) { Host("dev.polyglot.example.com") }
        Deploy(to: .prod) {
            Host("polyglot.example.com")
            TLS()
            Canary(.percent(10))
            CanaryImageTag("1.1.0")
            Replicas(2)
            ImageTag("1.0.1")
        }
        Service("frontend", fileID: file, line: 30) {
            Build(main: "./cmd/frontend")
            Port("http", 8080)
            Health(liveness: "/healthz", readiness: "/readyz")
            Route("/")
            DependsOn("cart-service")
        }
        Service("cart-service", fileID: file, line: 40) {
            Summary("Carts, in Java")
            Build(dockerfile: "src/cartservice/Dockerfile", context: "src/cartservice", family: .ubuntu, fileID: file, line: 42)
            Port("http", 8080)
            Health(liveness: "/actuator/health/liveness", readiness: "/actuator/health/readiness")
            Limits(memory: .mebibytes(512))
            DependsOn("redis")
            Route("/api/cart")
        }
        Service("redis", fileID: file, line: 50) {
            Summary("Cart storage")
            Image("redis", tag: "7.2.4-alpine", digest: redisDigest, family: .alpine, fileID: file, line: 52)
            Port("redis", 6379)
            HealthCommand("redis-cli", "ping")
            Metrics.none()
            Exempt(.writableRootFilesystem, because: "Redis writes its snapshots to /data")
            Override(.dev) { Image("redis", tag: "7.4-alpine", family: .alpine, fileID: file, line: 57) }
        }
    }.description
}
