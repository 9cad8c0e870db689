/// Everything that may differ between environments, each value with the place the blueprint set it.
///
/// The same type holds a system's defaults, a service's own settings, an environment's settings for all of its
/// services and a service's override for one environment; ``merging(_:)`` lays one over another. A `nil` field means
/// "not set here".
public struct ServiceSettings: Sendable, Hashable, Codable {
    public var team: Setting<String>?
    public var replicas: Setting<Int>?
    public var cpuRequest: Setting<CPU>?
    public var memoryRequest: Setting<DataSize>?
    public var cpuLimit: Setting<CPU>?
    public var memoryLimit: Setting<DataSize>?
    public var autoscaling: Setting<AutoscalingDescription>?
    /// Environment variables, in declaration order; a later one with the same name replaces the earlier one.
    public var environmentVariables: [EnvironmentVariable]
    public var imageRegistry: Setting<String>?
    public var imageTag: Setting<String>?
    public var imageDigest: Setting<String>?
    /// The image tag the canary runs, in environments released through a canary (the stable tag when nil).
    public var canaryImageTag: Setting<String>?
    public var goVersion: Setting<String>?
    public var builderImage: Setting<ImageReference>?
    public var base: Setting<BaseImage>?
    public var security: Setting<SecurityDescription>?
    public var terminationGracePeriodSeconds: Setting<Int>?
    /// Probe timings, each over the built-in values for its kind.
    public var livenessProbe: Setting<ProbeTiming>?
    public var readinessProbe: Setting<ProbeTiming>?
    public var startupProbe: Setting<ProbeTiming>?
    /// The PodDisruptionBudget of a service with more than one replica.
    public var disruptionBudget: Setting<DisruptionBudgetDescription>?
    /// How the pods of a service with more than one replica are spread.
    public var topologySpread: Setting<TopologySpreadDescription>?
    /// The size limit of the writable `/tmp` volume (the root filesystem is read-only).
    public var tmpVolumeSize: Setting<DataSize>?
    /// The namespace of the gateway (Nginx), which NetworkPolicies let in to services that declare routes.
    public var gatewayNamespace: Setting<String>?
    /// The Prometheus pods NetworkPolicies let in on the metrics port; a setting whose value is nil lets none in.
    public var metricsScraper: Setting<NetworkPeer?>?
    /// The cluster DNS pods every service may reach.
    public var clusterDNS: Setting<ClusterDNSDescription>?

    public init() {
        self.environmentVariables = []
    }

    /// These settings with `other` laid over them: every field `other` sets wins; variables are merged by name.
    public func merging(_ other: ServiceSettings) -> ServiceSettings {
        var merged = self
        merged.team = other.team ?? team
        merged.replicas = other.replicas ?? replicas
        merged.cpuRequest = other.cpuRequest ?? cpuRequest
        merged.memoryRequest = other.memoryRequest ?? memoryRequest
        merged.cpuLimit = other.cpuLimit ?? cpuLimit
        merged.memoryLimit = other.memoryLimit ?? memoryLimit
        merged.autoscaling = other.autoscaling ?? autoscaling
        merged.imageRegistry = other.imageRegistry ?? imageRegistry
        merged.imageTag = other.imageTag ?? imageTag
        merged.imageDigest = other.imageDigest ?? imageDigest
        merged.canaryImageTag = other.canaryImageTag ?? canaryImageTag
        merged.goVersion = other.goVersion ?? goVersion
        merged.builderImage = other.builderImage ?? builderImage
        merged.base = other.base ?? base
        // Security is merged by part, not replaced: a RunAs in one layer keeps another layer's exemptions.
        if let over = other.security {
            merged.security = security.map { Setting($0.value.overlaid(by: over.value), at: over.location) } ?? over
        }
        merged.terminationGracePeriodSeconds = other.terminationGracePeriodSeconds ?? terminationGracePeriodSeconds
        merged.livenessProbe = other.livenessProbe ?? livenessProbe
        merged.readinessProbe = other.readinessProbe ?? readinessProbe
        merged.startupProbe = other.startupProbe ?? startupProbe
        merged.disruptionBudget = other.disruptionBudget ?? disruptionBudget
        merged.topologySpread = other.topologySpread ?? topologySpread
        merged.tmpVolumeSize = other.tmpVolumeSize ?? tmpVolumeSize
        merged.gatewayNamespace = other.gatewayNamespace ?? gatewayNamespace
        merged.metricsScraper = other.metricsScraper ?? metricsScraper
        merged.clusterDNS = other.clusterDNS ?? clusterDNS
        for variable in other.environmentVariables {
            if let index = merged.environmentVariables.firstIndex(where: { $0.name == variable.name }) {
                merged.environmentVariables[index] = variable
            } else {
                merged.environmentVariables.append(variable)
            }
        }
        return merged
    }
}

/// A HorizontalPodAutoscaler's range and target.
public struct AutoscalingDescription: Sendable, Hashable, Codable {
    public var minReplicas: Int
    public var maxReplicas: Int
    public var targetCPUUtilization: Percentage

    public init(minReplicas: Int, maxReplicas: Int, targetCPUUtilization: Percentage) {
        self.minReplicas = minReplicas
        self.maxReplicas = maxReplicas
        self.targetCPUUtilization = targetCPUUtilization
    }
}

