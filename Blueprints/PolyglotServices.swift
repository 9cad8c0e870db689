import Infragen

/// The boutique's services in Node.js, Python and Java, each built by its team from its own Dockerfile.
extension Service {
    /// Converts prices between currencies, in Node.js.
    static let boutiqueCurrency = Service("currency") {
        Summary("Converts prices between currencies (Node.js)")
        Build(dockerfile: "src/currencyservice/Dockerfile", family: .alpine)
        grpcService(port: 7000)
    }

    /// Charges the card, in Node.js; the payment provider's key is a file, never an environment variable.
    static let boutiquePayment = Service("payment") {
        Summary("Charges credit cards (Node.js)")
        Build(dockerfile: "src/paymentservice/Dockerfile", family: .alpine)
        grpcService(port: 50051)
        SecretFiles("provider", secret: "payment-provider", keys: ["api-key"], at: "/var/run/secrets/payment-provider")
        Env("PAYMENT_PROVIDER_KEY_FILE", "/var/run/secrets/payment-provider/api-key")
        Egress("payment provider API", ports: [443])
    }

    /// Sends the order confirmation, in Python. Clients call it on 5000; it listens on 8080.
    static let boutiqueEmail = Service("email") {
        Summary("Sends order confirmations (Python)")
        Build(dockerfile: "src/emailservice/Dockerfile", family: .debian)
        grpcService(port: 8080, servicePort: 5000)
    }

    /// Recommends products from the catalog, in Python.
    static let boutiqueRecommendation = Service("recommendation") {
        Summary("Recommends products (Python)")
        Build(dockerfile: "src/recommendationservice/Dockerfile", family: .debian)
        grpcService(port: 8080)
        Requests(memory: .mebibytes(220))
        Limits(memory: .mebibytes(450))
        DependsOn("productcatalog")
        Env("PRODUCT_CATALOG_SERVICE_ADDR", "productcatalog:3550")
    }

    /// Picks the ads shown beside the products, in Java.
    static let boutiqueAd = Service("ad") {
        Summary("Serves text ads for the pages (Java)")
        Build(dockerfile: "src/adservice/Dockerfile", family: .alpine)
        grpcService(port: 9555)
        // The JVM takes up to 20 s to start: the startup probe holds the others off for up to two minutes.
        Health(.grpc(port: "grpc"), startup: .grpc(port: "grpc"))
        Probe(.startup, periodSeconds: 5, failureThreshold: 24)
        Requests(cpu: .millicores(200), memory: .mebibytes(180))
        Limits(cpu: .millicores(300), memory: .mebibytes(300))
        // The heap follows the memory limit, leaving a quarter for the JVM's own memory.
        Env("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75")
    }
}

/// A gRPC service built from a team's Dockerfile: it listens on PORT, answers the standard health check
/// (grpc.health.v1) there, and serves no metrics. The profiler is off: it needs a cloud the clusters are not on.
func grpcService(port: Int, servicePort: Int? = nil) -> Group {
    Group {
        Port("grpc", port, servicePort: servicePort, appProtocol: .grpc)
        Health(.grpc(port: "grpc"))
        Metrics.none()
        Env("PORT", "\(port)")
        Env("DISABLE_PROFILER", "1")
    }
}
