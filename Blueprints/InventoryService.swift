import Infragen

extension Service {
    /// Knows what is in stock.
    static let inventoryService = Service("inventory-service") {
        Summary("Tracks stock levels")
        Team("orders")
        Build(main: "./cmd/inventory-service", versionVariable: "main.version", commitVariable: "main.commit")
        ginService()
        Env("DATABASE_PASSWORD", secret: "inventory-db", key: "password")
        Route("/api/inventory", timeout: .seconds(5), maxBodySize: .kibibytes(512))
    }
}
