/// The settings of a service's canary, in an environment released through a canary (`Canary(_:)`).
extension SettingKey where Value == Int {
    /// How many pods the canary runs: 2 unless set, so that one pod's restart or a node drain never leaves the
    /// canary's share of traffic with nothing to serve it (the canary has a PodDisruptionBudget from 2 pods on).
    public static let canaryReplicas = SettingKey("canary.replicas", builtIn: 2) { count, check in
        if !(1...100).contains(count) {
            check.error("\(count) canary replicas is outside 1-100",
                        hint: "run a few pods of the canary, e.g. CanaryReplicas(2)")
        }
    }
}

/// Whether a service takes part in its environment's canary.
public enum CanaryParticipation: String, Sendable, Hashable, Codable, SettingValue {
    /// The service has a canary wherever the environment releases through one (the default).
    case included
    /// The service never has a canary: every request goes to its stable pods (`NoCanary()`).
    case excluded
}

extension SettingKey where Value == CanaryParticipation {
    /// Whether a service has a canary in an environment that releases through one.
    public static let canaryParticipation = SettingKey("canary", builtIn: .included)
}
