import Infragen

extension Service {
    /// The products, their descriptions and prices.
    static let boutiqueProductCatalog = Service("productcatalog") {
        Summary("Lists the products and searches them")
        // The catalog (products.json) is embedded in the binary: infragen's image holds the binary alone.
        goGRPCService(port: 3550)
    }

    /// Places an order: reads the cart, prices it, charges, ships and confirms.
    static let boutiqueCheckout = Service("checkout") {
        Summary("Places orders: reads the cart, charges the card, ships and sends the confirmation")
        goGRPCService(port: 5050)
        DependsOn("cart", "productcatalog", "currency", "shipping", "email", "payment")
        Env("CART_SERVICE_ADDR", "cart:7070")
        Env("PRODUCT_CATALOG_SERVICE_ADDR", "productcatalog:3550")
        Env("CURRENCY_SERVICE_ADDR", "currency:7000")
        Env("SHIPPING_SERVICE_ADDR", "shipping:50051")
        Env("EMAIL_SERVICE_ADDR", "email:5000")
        Env("PAYMENT_SERVICE_ADDR", "payment:50051")
    }

    /// Quotes shipping costs and ships orders.
    static let boutiqueShipping = Service("shipping") {
        Summary("Quotes shipping costs and ships orders")
        goGRPCService(port: 50051)
    }
}

/// What the boutique's Go gRPC services share: infragen's Go build of the service's folder (src/<service>, with
/// go.mod and package main at its top), one gRPC port that also answers the standard health check
/// (grpc.health.v1) and no metrics endpoint (they export traces only). infragen holds their Go runtime to the
/// limits (GOMAXPROCS, GOMEMLIMIT) as it does for every Go service it builds.
func goGRPCService(port: Int) -> Group {
    Group {
        Port("grpc", port, appProtocol: .grpc)
        Health(.grpc(port: "grpc"))
        Metrics.none()
        Env("PORT", "\(port)")
    }
}
