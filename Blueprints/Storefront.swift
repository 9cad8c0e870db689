import Infragen

extension System {
    /// A second system, for what the shop does not have: a web frontend that autoscales and exports metrics on a
    /// port of its own, a background worker with no Service (checked by a command), and a service that reads a
    /// secret and a mounted config file.
    public static let storefront = System("storefront") {
        Summary("The public web shop: a frontend, the product catalog and a background image worker")
        SourceRepository("https://git.example.com/storefront", license: "Apache-2.0")
        Team("web")
        Acknowledge(.endOfLifeGo, because: "built like the shop from the seed, with Go 1.22; upgraded together")
        Acknowledge(.endOfLifeImage, because: "built like the shop from the seed, on Alpine 3.19 and nginx 1.22.1")

        Defaults {
            Go(version: "1.22")
            Base(.alpine("3.19"))
            ImageRegistry("registry.example.com/storefront")
            ImageTag("2.3.1")
            Requests(cpu: .millicores(250), memory: .mebibytes(128))
            Limits(cpu: .cores(1), memory: .mebibytes(256))
        }

        Deploy(to: .dev) {
            Host("dev.storefront.example.com")
            Replicas(1)
            Rollout(frequency: "on every merge", rollback: .imageRollback, owner: "web team")
            Env("LOG_LEVEL", config: "debug")
        }
        Deploy(to: .staging) {
            Host("staging.storefront.example.com")
            TLS()
            Replicas(2)
            Rollout(frequency: "daily", rollback: .imageRollback, owner: "web team")
            Env("LOG_LEVEL", config: "info")
        }
        Deploy(to: .prod) {
            Host("www.storefront.example.com")
            TLS()
            Replicas(3)
            Rollout(
                frequency: "weekly", rollback: .imageRollback, owner: "web team",
                maxSurge: .percent(50), maxUnavailable: .percent(0))
            Env("LOG_LEVEL", config: "warn")
        }

        Service.storefrontWeb
        Service.storefrontCatalog
        Service.storefrontImageResizer
    }
}

extension Service {
    /// Server-side rendered pages; metrics on a port of their own, a slow start behind a startup probe.
    static let storefrontWeb = Service("web") {
        Summary("Renders the shop's pages")
        Role("frontend")
        Build(main: "./cmd/web", versionVariable: "main.version")
        Port("http", 8080)
        Port("metrics", 9090)
        Metrics(port: "metrics")
        Health(liveness: "/livez", readiness: "/readyz", startup: "/startupz")
        DependsOn("catalog")
        Env("CATALOG_URL", "http://catalog:8080")
        Route("/")
        TerminationGracePeriod(seconds: 45)

        Override(.staging) {
            Autoscale(min: 2, max: 4, cpu: .percent(75))
        }
        Override(.prod) {
            Autoscale(min: 3, max: 12, cpu: .percent(65))
            Spread(across: "topology.kubernetes.io/zone")
            // The exact build that passed staging.
            ImageTag("2.3.1", digest: "sha256:d79760a259eefc1ebc32cf9220abb8ef2f3239d3f50af99779249a454de72328")
        }
    }

    /// The product catalog: reads its database password from a Secret and its settings from a mounted file.
    static let storefrontCatalog = Service("catalog") {
        Summary("Serves products and prices")
        Build(main: "./cmd/catalog", versionVariable: "main.version")
        Port("http", 8080)
        Health(liveness: "/healthz", readiness: "/readyz")
        Probe(.readiness, periodSeconds: 10)
        Route("/api/catalog", timeout: .seconds(10))
        Env("CATALOG_CONFIG", "/etc/catalog/catalog.yaml")
        Env("DATABASE_PASSWORD", secret: "catalog-db", key: "password")
        ConfigFile("catalog.yaml", mountedIn: "/etc/catalog", contents: """
            currency: EUR
            page_size: 48
            image_sizes: [160, 480, 1200]
            """)
    }

    /// Resizes uploaded product images; pulls its work from the catalog, serves nothing.
    static let storefrontImageResizer = Service("image-resizer") {
        Summary("Resizes product images in the background")
        Build(main: "./cmd/image-resizer", versionVariable: "main.version")
        HealthCommand(ImageLayout.binary, "-healthcheck")
        DependsOn("catalog")
        Env("CATALOG_URL", "http://catalog:8080")
        Env("WORKERS", "4")
        Requests(cpu: .millicores(500), memory: .mebibytes(256))
        Limits(cpu: .cores(2), memory: .mebibytes(512))
    }
}
