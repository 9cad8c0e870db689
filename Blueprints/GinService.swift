import Infragen

/// What every Go/Gin HTTP service in this repository shares: one port for the API and for `/metrics`,
/// the probes, release mode, and one metrics middleware.
func ginService(port: Int = 8080) -> Group {
    Group {
        Port("http", port)
        // slok/go-http-metrics' Gin middleware: http_request_duration_seconds{handler,method,code}, handler the
        // route pattern (c.FullPath()), no request counter (the histogram's _count is the total). Its default
        // buckets are Prometheus's DefBuckets, which have 0.5 and 1 but not the seed's 800 ms: rounding the
        // objective to a bucket would loosen it to 1 s or tighten it to 500 ms, and an SLI between buckets cannot be
        // exact. So the services set Config.DurationBuckets to DefBuckets plus 0.8, and declare the same list here.
        Metrics(.goHTTPMetrics, buckets: shopDurationBuckets)
        Health(liveness: "/healthz", readiness: "/readyz")
        Env("GIN_MODE", "release")
        Env("PORT", "\(port)")
    }
}

/// `prometheus.DefBuckets` with 0.8 s added, as the shop's services pass it in go-http-metrics'
/// `Config.DurationBuckets`: .005 .01 .025 .05 .1 .25 .5 .8 1 2.5 5 10.
let shopDurationBuckets: [Duration] = [5, 10, 25, 50, 100, 250, 500, 800, 1000, 2500, 5000, 10000]
    .map { Duration.milliseconds($0) }
