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

