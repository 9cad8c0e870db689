import Infragen

extension Service {
    /// Charges customers through the payment provider.
    static let paymentService = Service("payment-service") {
        Summary("Charges payments")
        Team("payments")
        Build(main: "./cmd/payment-service", versionVariable: "main.version", commitVariable: "main.commit")
        ginService()
        Env("PROVIDER_API_KEY", secret: "payment-provider", key: "api-key")
        Route("/api/payments", timeout: .seconds(15), maxBodySize: .kibibytes(256), rateLimit: .perSecond(5, burst: 10))
        Egress("payment provider API", ports: [443])
    }
}
