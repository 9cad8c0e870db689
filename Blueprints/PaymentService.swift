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
        // No canary in prod. Its routes are POSTs that charge a card: the gateway never sends a failed POST to the
        // stable pods a second time (it cannot know whether the provider already charged), so every canary failure
        // is a failed payment a customer sees. And at 5 payments/s, a 10 % canary sees too few payments in an hour
        // to tell its error rate from stable's before it has failed real customers. Payment releases roll out pod
        // by pod (maxUnavailable 0, readiness-gated), and are tried in staging against the provider's sandbox.
        Override(.prod) { NoCanary() }
    }
}
