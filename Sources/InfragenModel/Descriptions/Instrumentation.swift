/// The HTTP request metrics a service exports, as one instrumentation package writes them: the series, their labels,
/// the default histogram buckets and how the method and route labels are spelled. The SLIs select exactly these.
///
/// Each preset was read from its package's source (commit and line cited at each one), not from its README:
///
/// ```swift
/// Metrics(.promhttp)                                   // client_golang's promhttp, DefBuckets
/// Metrics(.goHTTPMetrics, buckets: [...])              // slok/go-http-metrics with Config.DurationBuckets
/// Metrics(.custom(requestCounter: "api_requests_total", durationHistogram: "api_request_seconds",
///                 buckets: [.milliseconds(100), .seconds(1)]))
/// ```
public struct Instrumentation: Sendable, Hashable, Codable {
    /// How the method label spells an HTTP method.
    public enum MethodSpelling: String, Sendable, Hashable, Codable {
        /// As the request sent it: `POST`.
        case asSent
        /// In lower case: `post` (promhttp's sanitizeMethod).
        case lowercase
    }

    /// `promhttp`, `go-http-metrics`, `go-gin-prometheus`, `custom`.
    public var name: String
    /// The Go package, for the README: `github.com/prometheus/client_golang/prometheus/promhttp`.
    public var package: String?
    /// A counter of requests with the code label; nil when the histogram's `_count` is the request total.
    public var requestCounter: String?
    /// The labels the counter carries (besides those the scrape adds).
    public var counterLabels: [String]
    /// A histogram of request durations in seconds.
    public var durationHistogram: String
    /// The labels the histogram carries (besides `le` and those the scrape adds).
    public var histogramLabels: [String]
    /// The histogram's default bucket bounds.
    public var buckets: [Duration]
    /// The label that carries the HTTP status code.
    public var codeLabel: String
    /// The label that carries the HTTP method, and how it spells one.
    public var methodLabel: String
    public var methodSpelling: MethodSpelling
    /// The label an SLO's `handler:` names, and what it holds, for the README.
    public var handlerLabel: String
    public var handlerContents: String

    public init(
        name: String, package: String?, requestCounter: String?, counterLabels: [String], durationHistogram: String,
        histogramLabels: [String], buckets: [Duration], codeLabel: String, methodLabel: String,
        methodSpelling: MethodSpelling, handlerLabel: String, handlerContents: String
    ) {
        self.name = name
        self.package = package
        self.requestCounter = requestCounter
        self.counterLabels = counterLabels
        self.durationHistogram = durationHistogram
        self.histogramLabels = histogramLabels
        self.buckets = buckets
        self.codeLabel = codeLabel
        self.methodLabel = methodLabel
        self.methodSpelling = methodSpelling
        self.handlerLabel = handlerLabel
        self.handlerContents = handlerContents
    }

    /// The series whose rate is the request total: the counter, else the histogram's `_count`.
    public var totalSeries: String { requestCounter ?? durationHistogram + "_count" }
    /// The labels of the total series.
    public var totalLabels: [String] { requestCounter == nil ? histogramLabels : counterLabels }

    /// An HTTP method as the method label writes it.
    public func methodValue(_ method: String) -> String {
        switch methodSpelling {
        case .asSent: method
        case .lowercase: method.lowercased()
        }
    }

    /// `prometheus.DefBuckets`: `[]float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}`, defined in
    /// prometheus/client_golang prometheus/histogram.go line 271 (commit 89c60c0, 2026-08-20), and used by a
    /// histogram whose `HistogramOpts.Buckets` is empty (histogram.go line 574, `h.upperBounds = DefBuckets`).
    public static let defaultBuckets: [Duration] = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000]
        .map { Duration.milliseconds($0) }

    /// prometheus/client_golang's promhttp, as its own example wires it (examples/middleware/httpmiddleware/
    /// httpmiddleware.go, commit 89c60c0): `promhttp.InstrumentHandlerCounter` over a CounterVec
    /// `http_requests_total` (line 46) and `promhttp.InstrumentHandlerDuration` over a HistogramVec
    /// `http_request_duration_seconds` (line 52), both with the dynamic labels `method` and `code` (lines 48 and 56;
    /// the only ones promhttp fills, prometheus/promhttp/instrument_server.go `checkLabels`, line 323) and the route's
    /// name in a `handler` label fixed per route (by `MustCurryWith(prometheus.Labels{"handler": …})`, as in
    /// instrument_server_test.go line 724, or by `WrapRegistererWith`, httpmiddleware.go line 42). promhttp writes the
    /// method in lower case (`sanitizeMethod`, instrument_server.go line 448: `POST` → `post`) and the code as
    /// three digits (`sanitizeCode`, line 485). The buckets are DefBuckets unless the HistogramOpts set them
    /// (declare yours with `Metrics(.promhttp, buckets: …)`).
    public static let promhttp = Instrumentation(
        name: "promhttp", package: "github.com/prometheus/client_golang/prometheus/promhttp",
        requestCounter: "http_requests_total", counterLabels: ["code", "handler", "method"],
        durationHistogram: "http_request_duration_seconds", histogramLabels: ["code", "handler", "method"],
        buckets: defaultBuckets, codeLabel: "code", methodLabel: "method", methodSpelling: .lowercase,
        handlerLabel: "handler",
        handlerContents: "the name each route's handler is curried with (MustCurryWith)")

    /// slok/go-http-metrics with its Prometheus recorder (metrics/prometheus/prometheus.go, commit 7668c45): one
    /// histogram `http_request_duration_seconds` (Subsystem "http", Name "request_duration_seconds", lines 79-80;
    /// no request counter, so its `_count` is the total) with the labels `service`, `handler`, `method`, `code`
    /// (line 83, names from `Config.defaults`, lines 48-62) and `Config.DurationBuckets`, DefBuckets when empty
    /// (lines 36-38). The middleware (middleware/middleware.go) sets `handler` to the handler ID, or when that is
    /// empty to the reporter's URL path (lines 92-94), which its Gin reporter takes from `c.FullPath()`, the route
    /// pattern such as `/api/orders/:id` (middleware/gin/gin.go line 30); `method` is the request's method as sent
    /// (gin.go line 26); `code` is the status code, or `5xx` with `Config.GroupedStatus` (middleware.go lines
    /// 121-125: leave it off, the SLIs match three-digit codes). Leave `Config.Service` empty: its `service` label
    /// would take the place of the one the scrape adds.
    public static let goHTTPMetrics = Instrumentation(
        name: "go-http-metrics", package: "github.com/slok/go-http-metrics",
        requestCounter: nil, counterLabels: [],
        durationHistogram: "http_request_duration_seconds", histogramLabels: ["code", "handler", "method"],
        buckets: defaultBuckets, codeLabel: "code", methodLabel: "method", methodSpelling: .asSent,
        handlerLabel: "handler",
        handlerContents: "the route pattern (Gin's c.FullPath(), e.g. /api/orders/:id) unless a handler ID is given")

    /// zsais/go-gin-prometheus (middleware.go, commit d85b239), created with `NewPrometheus("gin")` or
    /// `NewWithConfig` (whose Subsystem defaults to "gin", line 170): a counter `gin_requests_total` with the labels
    /// `code`, `method`, `handler`, `host`, `url` (lines 22-27) and a histogram `gin_request_duration_seconds` with
    /// `code`, `method`, `url` only (lines 29-35) and no Buckets, so DefBuckets (`NewMetric`, lines 386-394). Its
    /// `handler` label is `c.HandlerName()` (line 496), the Go function's name such as `main.createOrder`, never the
    /// path; `url` is `c.Request.URL.Path` (line 202, one series per distinct path unless `ReqCntURLLabelMappingFn`
    /// maps it), so an SLO names its path with `handler:`, which this preset matches on `url`. `method` is the
    /// request's method as sent (line 495).
    public static let goGinPrometheus = Instrumentation(
        name: "go-gin-prometheus", package: "github.com/zsais/go-gin-prometheus",
        requestCounter: "gin_requests_total", counterLabels: ["code", "handler", "host", "method", "url"],
        durationHistogram: "gin_request_duration_seconds", histogramLabels: ["code", "method", "url"],
        buckets: defaultBuckets, codeLabel: "code", methodLabel: "method", methodSpelling: .asSent,
        handlerLabel: "url",
        handlerContents: "the request path (c.Request.URL.Path, or what ReqCntURLLabelMappingFn makes of it); its "
            + "own handler label is the Go function's name")

    /// Request metrics of your own naming.
    ///
    /// - Parameters:
    ///   - requestCounter: a counter of requests with the code label; nil when the histogram's `_count` is the total.
    ///   - durationHistogram: a histogram of request durations in seconds.
    ///   - labels: the labels both series carry (besides `le` and the scrape's).
    ///   - buckets: the histogram's bucket bounds; a latency threshold must be one of them.
    ///   - codeLabel: the label that carries the status code.
    ///   - lowercaseMethods: whether the method label writes `post` rather than `POST`.
    public static func custom(
        requestCounter: String? = "http_requests_total", durationHistogram: String = "http_request_duration_seconds",
        labels: [String] = ["code", "handler", "method"], buckets: [Duration] = defaultBuckets,
        codeLabel: String = "code", methodLabel: String = "method", lowercaseMethods: Bool = false,
        handlerLabel: String = "handler"
    ) -> Instrumentation {
        Instrumentation(
            name: "custom", package: nil, requestCounter: requestCounter, counterLabels: labels.sorted(),
            durationHistogram: durationHistogram, histogramLabels: labels.sorted(), buckets: buckets,
            codeLabel: codeLabel, methodLabel: methodLabel, methodSpelling: lowercaseMethods ? .lowercase : .asSent,
            handlerLabel: handlerLabel, handlerContents: "as the service writes it")
    }
}
