/// The settings of a workload: who owns it, how many replicas, what each container may use, its variables, how long
/// it may take to stop.
extension SettingKey where Value == String {
    /// The team that owns a service (labels, alerts); the system's `Team`, else `platform`.
    public static let team = SettingKey("team", builtIn: "platform") { team, check in
        check.collector.checkTeamName(team, check.path, field: check.field, at: check.location)
    }
}

extension SettingKey where Value == Int {
    /// A fixed number of replicas (checked as resolved, per environment: ``SystemDescription``'s resolved checks).
    public static let replicas = SettingKey("replicas", builtIn: 1)

    /// Seconds between SIGTERM and SIGKILL.
    public static let terminationGracePeriodSeconds = SettingKey("terminationGracePeriod", builtIn: 30) { seconds, check in
        if !(0...3600).contains(seconds) {
            check.error("\(seconds)s is outside 0-3600s", hint: "use the time the service needs to drain, e.g. 30")
        }
    }
}

extension SettingKey where Value == CPU {
    public static let cpuRequest = SettingKey("requests.cpu", builtIn: .millicores(100))
    public static let cpuLimit = SettingKey("limits.cpu", builtIn: .millicores(500))
}

extension SettingKey where Value == DataSize {
    public static let memoryRequest = SettingKey("requests.memory", builtIn: .mebibytes(128))
    public static let memoryLimit = SettingKey("limits.memory", builtIn: .mebibytes(256))
}

extension SettingKey where Value == AutoscalingDescription? {
    /// A HorizontalPodAutoscaler instead of a fixed replica count (checked as resolved).
    public static let autoscaling = SettingKey("autoscaling", builtIn: nil)
}

extension SettingKey where Value == [EnvironmentVariable] {
    /// The container's environment: layers merge by name, a later layer's variable replacing an earlier one's.
    public static let environmentVariables = SettingKey("env", builtIn: []) { variables, check in
        EnvironmentVariable.check(variables, check.path, &check.collector)
    }
}

extension CPU: SettingValue {}
extension DataSize: SettingValue {}
extension AutoscalingDescription: SettingValue {}

extension Array: SettingValue where Element == EnvironmentVariable {
    /// Variables merged by name: a later layer's replaces the earlier one's in place; new ones follow.
    public func overlaid(by later: [EnvironmentVariable]) -> [EnvironmentVariable] {
        var merged = self
        var positions = Dictionary(merged.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        for variable in later {
            if let position = positions[variable.name] {
                merged[position] = variable
            } else {
                positions[variable.name] = merged.count
                merged.append(variable)
            }
        }
        return merged
    }
}

extension SettingKey where Value == Duration? {
    /// How long a serving container waits, once told to stop, before it gets SIGTERM (`lifecycle.preStop.sleep`,
    /// Kubernetes 1.30 and later): long enough for the endpoints, kube-proxy and the gateway to stop sending it new
    /// requests, so that a rollout or a node drain loses none. Whole seconds; nil turns it off. Workers (no ports)
    /// get none. The grace period must be longer (``ResolvedService``'s resolved checks).
    public static let preStopPause = SettingKey("lifecycle.preStop.sleep", builtIn: .seconds(5)) { pause, check in
        guard let pause else { return }
        let (seconds, rest) = pause.components
        if rest != 0 || !(1...3600).contains(seconds) {
            check.error("a pause of \(pause) is not a whole number of seconds from 1 to 3600",
                        hint: "use e.g. .seconds(5), or PreStopPause(nil) for none")
        }
    }
}

extension Duration: SettingValue {}

/// Whether the Go runtime of a service infragen builds is held to the container's limits.
public enum GoRuntimeSizing: String, Sendable, Hashable, Codable, SettingValue {
    /// `GOMAXPROCS` from `limits.cpu` (rounded up to whole cores) and `GOMEMLIMIT` at 90 % of `limits.memory`,
    /// unless the blueprint sets either variable itself.
    case fromLimits
    /// Neither variable unless the blueprint sets it.
    case off
}

extension SettingKey where Value == GoRuntimeSizing {
    /// The Go runtime of a service infragen builds, sized from the container's limits (``GoRuntimeLimits``).
    public static let goRuntimeSizing = SettingKey("goRuntime", builtIn: .fromLimits)
}
