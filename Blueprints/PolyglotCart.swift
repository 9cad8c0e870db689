import Infragen

extension Service {
    /// The shopping carts, in C#, kept in Redis.
    static let boutiqueCart = Service("cart") {
        Summary("Keeps each shopper's cart (C#, in Redis)")
        // A chiseled Ubuntu image (no shell, no package manager): no family states that, so none is claimed.
        Build(dockerfile: "src/cartservice/src/Dockerfile", context: "src/cartservice/src")
        Port("grpc", 7070, appProtocol: .grpc)
        Health(.grpc(port: "grpc"))
        Metrics.none()
        Requests(cpu: .millicores(200))
        Limits(cpu: .millicores(300))
        Env("ASPNETCORE_HTTP_PORTS", "7070")
        DependsOn("redis")
        Env("REDIS_ADDR", "redis:6379")
        // Starts once Redis answers, rather than failing its first requests and restarting.
        InitContainer(
            "wait-for-redis", image: "redis:7.2-alpine@\(redisDigest)",
            command: ["sh", "-c", "until redis-cli -h redis -p 6379 ping; do sleep 2; done"])
    }

    /// Redis, as the Redis project builds it: the carts' store, a StatefulSet whose pod keeps its claim
    /// (`data-redis-0`) when it is replaced, saved with an append-only file.
    static let boutiqueRedis = Service("redis") {
        Summary("Stores the carts")
        Image("redis", tag: "7.2-alpine", digest: redisDigest, family: .alpine)
        StatefulSet()
        // The image's entrypoint runs redis-server with these arguments (its build turns protected mode off: the
        // network policy lets in the cart alone). A full Redis refuses writes rather than being killed at the limit.
        Args("--appendonly", "yes", "--dir", "/data", "--maxmemory", "192mb")
        Port("redis", 6379)
        Health(liveness: .tcp(port: "redis"), readiness: .exec(["redis-cli", "ping"]))
        Metrics.none()
        // The pod runs as 10001 (not the image's 999), and its group, the pod's fsGroup, owns the claim.
        VolumeClaim("data", at: "/data", size: .gibibytes(1))
        Requests(cpu: .millicores(70), memory: .mebibytes(200))
        Limits(cpu: .millicores(125), memory: .mebibytes(256))
        // One pod in every environment: a single Redis, not a cluster.
        for environment in [Environment.staging, .prod] {
            Override(environment) { Replicas(1) }
        }
    }

    /// A snapshot of the carts beside the append-only file every night, which a restore can start from.
    static let boutiqueRedisSnapshot = Service("redis-snapshot") {
        Summary("Asks Redis for a snapshot of the carts every night")
        Image("redis", tag: "7.2-alpine", digest: redisDigest, family: .alpine)
        CronJob(schedule: "15 2 * * *", timeZone: "Etc/UTC", backoffLimit: 2, activeDeadline: .seconds(300))
        Command("redis-cli", "-h", "redis", "-p", "6379", "BGSAVE")
        Requests(cpu: .millicores(10), memory: .mebibytes(16))
        Limits(cpu: .millicores(50), memory: .mebibytes(32))
        DependsOn("redis")
    }

    /// The image redis:7.2-alpine as pinned. A placeholder of the right form: pin the digest your registry serves
    /// for the tag (`docker buildx imagetools inspect redis:7.2-alpine`) before deploying.
    static let redisDigest = "sha256:7b6e2b86d9ad4e05a6c5b4e0d3a1f2c9e8b7a6d5c4b3a2f1e0d9c8b7a6f5e4d3"
}
