/// The settings only the cluster reads: probe timings, the disruption budget, the spread, the `/tmp` volume and the
/// network peers a service's NetworkPolicy names.
extension SettingKey where Value == ProbeTiming {
    /// Restarts a container after 3 failed checks 10 s apart, starting 10 s after it starts.
    public static let livenessProbe = SettingKey(
        "probes.liveness",
        builtIn: ProbeTiming(initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3),
        rule: { $0.check(&$1) })
    /// Takes a pod out of its Service after 3 failed checks 5 s apart.
    public static let readinessProbe = SettingKey(
        "probes.readiness", builtIn: ProbeTiming(periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3),
        rule: { $0.check(&$1) })
    /// Gives a slow starter 30 checks 5 s apart (150 s) before liveness takes over.
    public static let startupProbe = SettingKey(
        "probes.startup", builtIn: ProbeTiming(periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 30),
        rule: { $0.check(&$1) })

    /// The key of a probe kind.
    public static func probe(_ kind: ProbeTiming.Kind) -> SettingKey<ProbeTiming> {
        switch kind {
        case .liveness: .livenessProbe
        case .readiness: .readinessProbe
        case .startup: .startupProbe
        }
    }
}

extension ProbeTiming: SettingValue {
    /// Part by part: the parts a later layer sets replace these, the others stay.
    public func overlaid(by later: ProbeTiming) -> ProbeTiming {
        var merged = self
        for part in later.parts { merged[part] = later[part] }
        merged.parts.formUnion(later.parts)
        return merged
    }

    func check(_ check: inout SettingCheck) {
        if parts.contains(.initialDelaySeconds), !(0...3600).contains(initialDelaySeconds) {
            check.error("\(initialDelaySeconds)s is outside 0-3600s",
                        hint: "use the seconds the service needs before the first check, e.g. 10",
                        part: "initialDelaySeconds")
        }
        for part in [Part.periodSeconds, .timeoutSeconds] where parts.contains(part) && !(1...3600).contains(self[part]) {
            check.error("\(self[part])s is outside 1-3600s",
                        hint: "Kubernetes counts probe times in whole seconds, at least 1", part: part.rawValue)
        }
        if parts.contains(.failureThreshold), !(1...1000).contains(failureThreshold) {
            check.error("\(failureThreshold) is outside 1-1000",
                        hint: "use the failed checks in a row that mean trouble, e.g. 3", part: "failureThreshold")
        }
    }
}

extension SettingKey where Value == DisruptionBudgetDescription {
    /// The PodDisruptionBudget of a service with more than one replica.
    public static let disruptionBudget = SettingKey(
        "disruptionBudget", builtIn: DisruptionBudgetDescription(maxUnavailable: 1)
    ) { budget, check in
        if budget.maxUnavailable < 1 {
            check.error("a budget of \(budget.maxUnavailable) unavailable pods blocks every node drain",
                        hint: "allow at least 1", part: "maxUnavailable")
        }
    }
}

extension SettingKey where Value == TopologySpreadDescription {
    /// How the pods of a service with more than one replica are spread: over nodes, never leaving a pod Pending.
    public static let topologySpread = SettingKey(
        "topologySpread",
        builtIn: TopologySpreadDescription(
            topologyKey: "kubernetes.io/hostname", maxSkew: 1, whenUnsatisfiable: .scheduleAnyway)
    ) { spread, check in
        if !TextRules.isLabelKey(spread.topologyKey) {
            check.error("\(spread.topologyKey.quoted) is not a node label key",
                        hint: "use e.g. kubernetes.io/hostname or topology.kubernetes.io/zone", part: "topologyKey")
        }
        if spread.maxSkew < 1 {
            check.error("the skew must be at least 1", hint: "use 1 for an even spread", part: "maxSkew")
        }
    }
}

extension SettingKey where Value == DataSize {
    /// The size limit of the writable `/tmp` volume (the root filesystem is read-only).
    public static let tmpVolumeSize = SettingKey("tmpVolume", builtIn: .mebibytes(64)) { size, check in
        if size.bytes <= 0 || size > SanityLimits.maxMemory {
            check.error("the /tmp size \(size) is outside 1 byte to \(SanityLimits.maxMemory)",
                        hint: "use e.g. .mebibytes(64)", part: "size")
        }
    }
}

extension SettingKey where Value == String? {
    /// The namespace of a gateway infragen does not deploy (an ingress controller of the cluster's), whose pods the
    /// NetworkPolicies of services with routes let in beside infragen's own gateway pods; nil (the default) lets in
    /// only those.
    public static let gatewayNamespace = SettingKey("gatewayNamespace", builtIn: nil) { namespace, check in
        if let namespace { check.check(namespace, is: .namespace) }
    }
}

extension SettingKey where Value == NetworkPeer? {
    /// The Prometheus pods NetworkPolicies let in on the metrics port; nil lets none in.
    public static let metricsScraper = SettingKey(
        "metricsScraper",
        builtIn: NetworkPeer(namespace: "monitoring", podLabels: ["app.kubernetes.io/name": "prometheus"])
    ) { peer, check in
        peer?.check(&check)
    }
}

extension SettingKey where Value == ClusterDNSDescription {
    /// The cluster DNS servers every service may reach: pods, addresses, or both.
    public static let clusterDNS = SettingKey(
        "clusterDNS",
        builtIn: ClusterDNSDescription(peer: NetworkPeer(namespace: "kube-system", podLabels: ["k8s-app": "kube-dns"]),
                                       port: 53)
    ) { dns, check in
        dns.peer?.check(&check)
        for cidr in dns.cidrs where !TextRules.isIPv4CIDR(cidr) {
            check.error("\(cidr.quoted) is not an IPv4 range in CIDR notation",
                        hint: "write it as address/prefix, e.g. 169.254.20.10/32", part: "cidrs")
        }
        if dns.peer == nil, dns.cidrs.isEmpty {
            check.error("no DNS server is named, so every lookup would be blocked",
                        hint: "name the DNS pods, their addresses (cidrs:), or both", part: "cidrs")
        }
        if !(1...65535).contains(dns.port) {
            check.error("port \(dns.port) is outside 1-65535", hint: "use the port the DNS pods listen on, e.g. 53",
                        part: "port")
        }
    }
}

extension DisruptionBudgetDescription: SettingValue {}
extension TopologySpreadDescription: SettingValue {}
extension ClusterDNSDescription: SettingValue {}

extension NetworkPeer: SettingValue {
    func check(_ check: inout SettingCheck) {
        check.check(namespace, is: .namespace, part: "namespace")
        for (key, value) in podLabels.sorted(by: { $0.key < $1.key }) {
            if !TextRules.isLabelKey(key) {
                check.error("\(key.quoted) is not a label key", hint: "use e.g. app.kubernetes.io/name", part: "podLabels")
            }
            if !TextRules.isLabelValue(value) {
                check.error("\(value.quoted) is not a valid value for label \(key.quoted)",
                            hint: "use at most 63 letters, digits, '-', '_' and '.'", part: "podLabels")
            }
        }
    }
}

/// How Prometheus finds a service's metrics in an environment: a prometheus-operator PodMonitor (the default: it
/// selects the stable and the canary pods alike, and needs no Service), a ServiceMonitor (through the service's
/// Service and its canary's), or the `prometheus.io/*` pod annotations of the community scrape configurations, which
/// the operator ignores and which carry no relabelings.
public enum MetricsScrape: String, SettingValue, CaseIterable {
    case podMonitor
    case serviceMonitor
    case annotations
}

extension SettingKey where Value == MetricsScrape {
    /// A PodMonitor per service with metrics unless an environment says otherwise.
    public static let metricsScrape = SettingKey("metricsScrape", builtIn: MetricsScrape.podMonitor)
}
