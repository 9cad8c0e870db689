/// What the SLIs select a service's series by (README, "Flexible SLIs"): the service label's name and value, and
/// whether the environment's `namespace` label is matched. The scrape wiring (a PodMonitor or ServiceMonitor) gives
/// every series exactly these labels.
extension SettingKey where Value == String {
    /// The label that carries the service on every series: `service` unless set (`Metrics(serviceLabel:)` or
    /// `SLISelector(serviceLabel:)`).
    public static let sliServiceLabel = SettingKey("sli.serviceLabel", builtIn: "service") { name, check in
        if !TextRules.isPrometheusName(name) || name.hasPrefix("__") {
            check.error("\(name.quoted) is not a Prometheus label name",
                        hint: "use letters, digits and '_', not starting with a digit or '__', e.g. job")
        } else if ["le", "namespace"].contains(name) {
            check.error("the service label cannot be '\(name)', which the SLIs select on their own",
                        hint: "name the label the scrape puts the service in, e.g. service or job")
        }
    }
}

extension SettingKey where Value == String? {
    /// The service label's value: the service's name unless set (a team whose series carry `job="orders-api"`).
    public static let sliServiceLabelValue = SettingKey("sli.serviceLabelValue", builtIn: nil) { value, check in
        guard let value else { return }
        if value.isEmpty {
            check.error("the service label's value is empty, which Prometheus reads as a missing label",
                        hint: "give the value the series carry, e.g. orders-api, or leave it out for the service's name")
        } else if !TextRules.isSingleLineText(value) || TextRules.firstUnportableScalar(value) != nil {
            check.error("the service label's value \(value.quoted) holds a line break or a control character",
                        hint: "give the value the series carry, on one line")
        } else if value.utf8.count > SLISelectorLimits.maxValueBytes {
            check.error("the service label's value is \(value.utf8.count) bytes long",
                        hint: "keep it under \(SLISelectorLimits.maxValueBytes) bytes, as label values are "
                            + "stored with every sample")
        }
    }
}

extension Bool: SettingValue {}

extension SettingKey where Value == Bool {
    /// Whether the SLIs match `namespace="<the environment's namespace>"`: true unless set; false for a Prometheus
    /// whose scrape adds no namespace label.
    public static let sliMatchesNamespace = SettingKey("sli.matchNamespace", builtIn: true)
}

/// The bounds of the SLI selector's settings.
public enum SLISelectorLimits {
    /// The longest service label value: 1 KiB.
    public static let maxValueBytes = 1024
}
