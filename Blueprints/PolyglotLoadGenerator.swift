import Infragen

extension Service {
    /// Locust, browsing and buying as shoppers do, in every environment: in prod a trickle, so that the frontend's
    /// SLOs always have traffic to measure.
    static let boutiqueLoadGenerator = Service("loadgenerator") {
        Summary("Sends shoppers' traffic to the frontend (Python, Locust)")
        Build(dockerfile: "src/loadgenerator/Dockerfile", family: .alpine)
        NoHealthCheck(because: "load generator: nothing depends on it and a restart loses nothing")
        Metrics.none()
        Requests(cpu: .millicores(300), memory: .mebibytes(256))
        Limits(cpu: .millicores(500), memory: .mebibytes(512))
        DependsOn("frontend")
        // Locust itself as the container's process (the image's shell entrypoint would not pass SIGTERM on),
        // configured by its LOCUST_* variables: headless, against the frontend's Service port.
        Command("locust")
        Env("LOCUST_HEADLESS", "true")
        Env("LOCUST_HOST", "http://frontend:80")
        Env("LOCUST_USERS", "10")
        Env("LOCUST_SPAWN_RATE", "1")
        Override(.prod) { Env("LOCUST_USERS", "2") }
        // One Locust in every environment: each replica would add as many shoppers again.
        for environment in [Environment.staging, .prod] {
            Override(environment) { Replicas(1) }
        }
        // Starts the load once the frontend answers, rather than counting failures until it does.
        InitContainer(
            "wait-for-frontend", image: "busybox:1.36.1",
            command: ["sh", "-c", "until wget -q -O /dev/null -T 2 http://frontend:80/_healthz; do sleep 5; done"])
    }
}
