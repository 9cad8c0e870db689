/// What the SLIs select a service's series by, besides the SLO's own matchers: the service label's name and value,
/// and whether `namespace` is matched. Set in `Defaults`, a service, an environment (`Deploy(to:)`) or an `Override`,
/// part by part: a later layer changes only what it names.
///
/// By default the SLIs select `namespace="<the environment's namespace>",service="<the service's name>"`, and the
/// generated PodMonitor or ServiceMonitor gives every series exactly those labels.
///
/// ```swift
/// Service("orders") {
///     SLISelector(serviceLabel: "job", value: "orders-api")     // job="orders-api", as the team's series carry
///     SLO("order-creation", handler: "/api/orders", method: "POST") { Availability(.percent(99.9)) }
/// }
/// Deploy(to: .dev) {
///     SLISelector(matchNamespace: false)      // dev's Prometheus scrapes without Kubernetes discovery
/// }
/// ```
public struct SLISelector: SettingsComponent {
    let serviceLabel: String?
    let value: String?
    let matchNamespace: Bool?
    let location: SourceLocation

    /// - Parameters:
    ///   - serviceLabel: the label that carries the service on every series (`service` unless set).
    ///   - value: its value (the service's name unless set).
    ///   - matchNamespace: whether the SLIs match the environment's `namespace` label (true unless set).
    public init(
        serviceLabel: String? = nil, value: String? = nil, matchNamespace: Bool? = nil,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.serviceLabel = serviceLabel
        self.value = value
        self.matchNamespace = matchNamespace
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to settings: inout ServiceSettings) {
        if let serviceLabel { settings[.sliServiceLabel] = Setting(serviceLabel, at: location) }
        if let value { settings[.sliServiceLabelValue] = Setting(value, at: location) }
        if let matchNamespace { settings[.sliMatchesNamespace] = Setting(matchNamespace, at: location) }
    }
}
