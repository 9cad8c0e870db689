import Infragen

extension Service {
    /// Takes orders; checks stock with the inventory service and charges with the payment service.
    static let orderService = Service("order-service") {
        Summary("Creates and tracks orders")
        Team("orders")
        Build(main: "./cmd/order-service", versionVariable: "main.version", commitVariable: "main.commit")
        ginService()
        DependsOn("inventory-service", "payment-service")
        Env("INVENTORY_URL", "http://inventory-service:8080")
        Env("PAYMENT_URL", "http://payment-service:8080")
        Env("DATABASE_PASSWORD", secret: "order-db", key: "password")
        Route("/api/orders", timeout: .seconds(10), rateLimit: .perSecond(20, burst: 40))
        // Order creation (POST /api/orders, the SLO below) gets a location of its own that takes only POST (405 with
        // Allow for the rest); it shares the prefix route's rate-limit zone, so the path has one budget. The service
        // lists no orders on the collection (an order is read at /api/orders/{id}): a GET of /api/orders is 405 here.
        Route(
            "/api/orders", match: .exact, methods: [.post], timeout: .seconds(10),
            rateLimit: .perSecond(20, burst: 40))

        // The seed's SLO for order creation: P99 at most 800 ms, error rate under 0.5 %.
        SLO("order-creation", handler: "/api/orders", method: "POST") {
            Availability(.percent(99.5))
            Latency(.percent(99), under: .milliseconds(800))
            Window(.days(30))
            Runbook("https://runbooks.example.com/shop/order-creation")
        }

        Override(.prod) {
            Autoscale(min: 3, max: 10, cpu: .percent(70))
        }
    }
}
