import Infragen

extension Service {
    /// The boutique's web pages: the one service the gateway routes to, and the one that serves metrics.
    static let boutiqueFrontend = Service("frontend") {
        Summary("Serves the boutique's web pages and calls the services behind them")
        Role("frontend")
        // Built from src/frontend (go.mod and package main at its top). infragen's image holds the binary alone,
        // so the frontend embeds its templates and static files (go:embed).
        Port("http", 8080, servicePort: 80, appProtocol: .http)
        // The cookie keeps the probes from opening a shopping session each time.
        Health(.http("/_healthz", headers: ["Cookie": "shop_session-id=x-readiness-probe"]))
        Env("PORT", "8080")
        DependsOn("productcatalog", "currency", "cart", "recommendation", "shipping", "checkout", "ad")
        Env("PRODUCT_CATALOG_SERVICE_ADDR", "productcatalog:3550")
        Env("CURRENCY_SERVICE_ADDR", "currency:7000")
        Env("CART_SERVICE_ADDR", "cart:7070")
        Env("RECOMMENDATION_SERVICE_ADDR", "recommendation:8080")
        Env("SHIPPING_SERVICE_ADDR", "shipping:50051")
        Env("CHECKOUT_SERVICE_ADDR", "checkout:5050")
        Env("AD_SERVICE_ADDR", "ad:9555")
        // The frontend does not start without it; the shopping assistant (it needs a cloud database) is not
        // deployed here, and only its page would call it.
        Env("SHOPPING_ASSISTANT_SERVICE_ADDR", "shoppingassistant:80")
        Route("/")
        // Placing an order gets a location and a rate-limit zone of its own.
        Route("/cart/checkout", match: .exact, timeout: .seconds(15), rateLimit: .perSecond(5, burst: 10))

        // The pages measured with client_golang's promhttp around each gorilla/mux route: http_requests_total and
        // http_request_duration_seconds{handler,method,code}, the route's path curried into handler, methods in
        // lower case, DefBuckets (0.5 s and 2.5 s among them).
        Metrics(.promhttp)
        SLO("home-page", handler: "/", method: "GET") {
            Availability(.percent(99.9))
            Latency(.percent(99), under: .milliseconds(500))
            Window(.days(30))
            Runbook("https://runbooks.example.com/boutique/home-page")
        }
        SLO("place-order", handler: "/cart/checkout", method: "POST") {
            Availability(.percent(99.5))
            Latency(.percent(99), under: .milliseconds(2500))
            Window(.days(30))
            Runbook("https://runbooks.example.com/boutique/place-order")
        }

        Override(.prod) {
            Autoscale(min: 3, max: 10, cpu: .percent(70))
            // Partners reach the frontend directly through a network load balancer; everyone else through the
            // gateway. Local keeps the client's address, which the ranges below are checked against.
            Expose(.loadBalancer(externalTrafficPolicy: .local, sourceRanges: ["203.0.113.0/24"]))
        }
    }
}
