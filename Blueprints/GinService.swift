import Infragen

/// What every Go/Gin HTTP service in this repository shares: one port for the API and for `/metrics`,
/// the probes, and release mode.
func ginService(port: Int = 8080) -> Group {
    Group {
        Port("http", port)
        Health(liveness: "/healthz", readiness: "/readyz")
        Env("GIN_MODE", "release")
        Env("PORT", "\(port)")
    }
}
