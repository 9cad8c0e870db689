/// A team's own labels and annotations on a service's objects, and how its Service is exposed: what the model has
/// no word of its own for, passed through, checked like everything else.
public struct ExtraMetadata: SettingValue, Sendable, Hashable, Encodable {
    /// The objects an entry goes on.
    public enum Target: String, Sendable, Hashable, Encodable, CaseIterable, Comparable {
        /// The Deployment.
        case workload
        /// The pods (the Deployment's pod template).
        case pods
        /// The Service.
        case service

        public static func < (lhs: Target, rhs: Target) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var workload: [String: String] = [:]
    public var pods: [String: String] = [:]
    public var service: [String: String] = [:]

    public init() {}

    public init(_ entries: [String: String], on targets: Set<Target>) {
        for target in targets { self[target] = entries }
    }

    public subscript(target: Target) -> [String: String] {
        get {
            switch target {
            case .workload: workload
            case .pods: pods
            case .service: service
            }
        }
        set {
            switch target {
            case .workload: workload = newValue
            case .pods: pods = newValue
            case .service: service = newValue
            }
        }
    }

    /// Key by key: a later layer adds keys and replaces the values of keys it names; the others stay.
    public func overlaid(by later: ExtraMetadata) -> ExtraMetadata {
        var merged = self
        for target in Target.allCases { merged[target].merge(later[target]) { _, new in new } }
        return merged
    }

    /// The entries on `target`, sorted by key.
    public func sorted(on target: Target) -> [(key: String, value: String)] {
        self[target].sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
    }

    /// Each entry with its target, sorted.
    var all: [(target: Target, key: String, value: String)] {
        Target.allCases.flatMap { target in sorted(on: target).map { (target, $0.key, $0.value) } }
    }
}

/// Keys infragen writes itself; a blueprint's entry there would change or contradict them.
enum ReservedMetadata {
    /// The recommended labels, which selectors use.
    static func isReservedLabel(_ key: String) -> Bool { domain(of: key) == "app.kubernetes.io" }

    /// The scrape annotations, checkov's skips and infragen's own (`security.infragen.io/…`).
    static func isReservedAnnotation(_ key: String) -> Bool {
        guard let domain = domain(of: key) else { return false }
        return ["prometheus.io", "checkov.io", "infragen.io"].contains(domain) || domain.hasSuffix(".infragen.io")
    }

    private static func domain(of key: String) -> String? {
        let parts = key.split(separator: "/", maxSplits: 1)
        return parts.count == 2 ? String(parts[0]) : nil
    }
}

extension SettingKey where Value == ExtraMetadata {
    /// Labels of the team's own (cost centre, data class …) on the Deployment, the pods or the Service.
    public static let labels = SettingKey("metadata.labels", builtIn: ExtraMetadata()) { metadata, check in
        for (target, key, value) in metadata.all {
            let part = "\(target.rawValue)[\(key)]"
            if !TextRules.isLabelKey(key) {
                check.error("\(key.quoted) is not a label key",
                            hint: "use an optional DNS prefix and '/', then at most 63 letters, digits, '-', '_' and '.', e.g. example.com/cost-center",
                            part: part)
            } else if ReservedMetadata.isReservedLabel(key) {
                check.error("\(key.quoted) is one of the recommended labels infragen sets (and selectors use)",
                            hint: "use a prefix of your own, e.g. example.com/\(key.split(separator: "/").last ?? "")",
                            part: part)
            }
            if !TextRules.isLabelValue(value) {
                check.error("\(value.quoted) is not a label value",
                            hint: "use at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit",
                            part: part)
            }
        }
    }

    /// Annotations of the team's own (a cloud load balancer's settings, a mesh's) on the Deployment, the pods or
    /// the Service.
    public static let annotations = SettingKey("metadata.annotations", builtIn: ExtraMetadata()) { metadata, check in
        for (target, key, value) in metadata.all {
            let part = "\(target.rawValue)[\(key)]"
            if !TextRules.isLabelKey(key) {
                check.error("\(key.quoted) is not an annotation key",
                            hint: "use an optional DNS prefix and '/', then at most 63 letters, digits, '-', '_' and '.'",
                            part: part)
            } else if ReservedMetadata.isReservedAnnotation(key) {
                check.error("\(key.quoted) is an annotation infragen writes itself",
                            hint: "leave prometheus.io/*, checkov.io/* and infragen's own keys to the generator (Metrics, Exempt, NoHealthCheck)",
                            part: part)
            }
            if !TextRules.isMultiLineText(value) {
                check.error("the value of \(key.quoted) contains a control character",
                            hint: "use printable text, line breaks and tabs only", part: part)
            }
        }
        for target in ExtraMetadata.Target.allCases {
            let size = metadata[target].reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count }
            if size > 262_144 {
                check.error("the annotations on the \(target.rawValue) hold \(size) bytes, more than Kubernetes' 256 KiB",
                            hint: "keep large data in a ConfigMap", part: target.rawValue)
            }
        }
    }
}

/// How a service's Service is reached: inside the cluster only (ClusterIP, the default), on every node's port, or
/// through a cloud load balancer.
public struct ServiceExposure: SettingValue, Sendable, Hashable, Encodable {
    public enum Kind: String, Sendable, Hashable, Encodable {
        case clusterIP = "ClusterIP", nodePort = "NodePort", loadBalancer = "LoadBalancer"
    }

    /// `Local` keeps the client's address and sends traffic only to nodes with a pod; `Cluster` spreads it.
    public enum TrafficPolicy: String, Sendable, Hashable, Encodable { case cluster = "Cluster", local = "Local" }

    public var kind: Kind
    public var externalTrafficPolicy: TrafficPolicy?
    /// The client ranges a load balancer accepts (CIDR); every client when empty.
    public var sourceRanges: [String]

    public static let clusterIP = ServiceExposure(kind: .clusterIP, externalTrafficPolicy: nil, sourceRanges: [])

    public static func nodePort(externalTrafficPolicy: TrafficPolicy? = nil) -> ServiceExposure {
        ServiceExposure(kind: .nodePort, externalTrafficPolicy: externalTrafficPolicy, sourceRanges: [])
    }

    public static func loadBalancer(
        externalTrafficPolicy: TrafficPolicy? = nil, sourceRanges: [String] = []
    ) -> ServiceExposure {
        ServiceExposure(kind: .loadBalancer, externalTrafficPolicy: externalTrafficPolicy, sourceRanges: sourceRanges)
    }
}

extension SettingKey where Value == ServiceExposure {
    /// The Service's type; set it per environment (`Deploy(to: .prod) { Expose(.loadBalancer()) }`) or per service.
    public static let exposure = SettingKey("service.type", builtIn: ServiceExposure.clusterIP) { exposure, check in
        for range in exposure.sourceRanges where !TextRules.isIPv4CIDR(range) {
            check.error("\(range.quoted) is not an IPv4 range in CIDR notation",
                        hint: "write it as address/prefix, e.g. 203.0.113.0/24", part: "sourceRanges")
        }
    }
}
