import InfragenModel
import InfragenYAML

extension K8s {
    /// `apps/v1` Deployment.
    typealias Deployment = Object<DeploymentSpec>

    struct DeploymentSpec: ObjectSpec {
        static let apiVersion = "apps/v1"
        static let kind = "Deployment"
        /// Nil when an autoscaler owns the count.
        var replicas: Int?
        var selector: LabelSelector
        var strategy: DeploymentStrategy
        var template: PodTemplateSpec

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("replicas", replicas)
            yaml.add("selector", selector)
            yaml.add("strategy", strategy)
            yaml.add("template", template)
        }
    }

    struct DeploymentStrategy: YAMLObject, Sendable {
        let type = "RollingUpdate"
        var rollingUpdate: RollingUpdateDeployment

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("type", type)
            yaml.add("rollingUpdate", rollingUpdate)
        }
    }

    struct RollingUpdateDeployment: YAMLObject, Sendable {
        var maxSurge: IntOrString
        var maxUnavailable: IntOrString

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("maxSurge", maxSurge)
            yaml.add("maxUnavailable", maxUnavailable)
        }
    }

    struct PodTemplateSpec: YAMLObject, Sendable {
        var metadata: ObjectMeta
        var spec: PodSpec

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("metadata", metadata)
            yaml.add("spec", spec)
        }
    }
}

/// The Deployment: restricted pod security, probes (or the reason there are none), resources, the rolling update of
/// the environment, spread over nodes when there is more than one replica. No `replicas` when an autoscaler owns the
/// count.
struct DeploymentBuilder: ServiceObjectBuilder {
    static let tmpVolume = "tmp"

    func objects(for context: ServiceContext) -> [any KubernetesObject] {
        let service = context.service
        guard case .deployment = service.workload else { return [] }
        let rollout = context.environment.rollout
        let spec = K8s.DeploymentSpec(
            replicas: service.autoscaling == nil ? service.replicas : nil,
            selector: K8s.LabelSelector(matchLabels: context.selector),
            strategy: K8s.DeploymentStrategy(rollingUpdate: K8s.RollingUpdateDeployment(
                maxSurge: Self.intOrPercent(rollout.maxSurge),
                maxUnavailable: Self.intOrPercent(rollout.maxUnavailable))),
            template: podTemplate(context, labels: context.labels + Labels.track(canary: context.isCanary)))
        return [K8s.Deployment(metadata: workloadMetadata(context), spec: spec)]
    }

    /// The workload's metadata: the service's, with the reasons of its exemptions and checkov's skips.
    func workloadMetadata(_ context: ServiceContext, name: String? = nil) -> K8s.ObjectMeta {
        let annotations = Exemptions.annotations(
            context.service, for: Set(SecurityExemption.Control.allCases), health: true, checkovSkips: true)
        return context.adding(.workload, to: context.metadata(name: name, annotations: annotations))
    }

    /// The pods the workload runs: every label (a Deployment's with the track), the scrape annotations, the pod spec.
    func podTemplate(_ context: ServiceContext, labels: K8s.StringMap? = nil) -> K8s.PodTemplateSpec {
        K8s.PodTemplateSpec(
            metadata: context.adding(
                .pods, to: K8s.ObjectMeta(labels: labels ?? context.labels, annotations: scrapeAnnotations(context))),
            spec: podSpec(context))
    }

    /// `0`, or a whole percentage such as `25%` (validation refuses fractions).
    static func intOrPercent(_ share: Percentage) -> K8s.IntOrString {
        share.millionths == 0 ? .int(0) : .string("\(share.wholePercent)%")
    }

    /// Where Prometheus finds the metrics (the `prometheus.io/*` convention of the community scrape configs), only in
    /// an environment that scrapes by annotation (`ScrapeBy(.annotations)`); otherwise a monitor object says it.
    func scrapeAnnotations(_ context: ServiceContext) -> K8s.StringMap? {
        guard context.service.metricsScrape == .annotations, let port = context.metricsPort else { return nil }
        return [
            "prometheus.io/scrape": "true",
            "prometheus.io/port": String(port.number),
            "prometheus.io/path": context.service.metrics.path,
        ]
    }

    func podSpec(_ context: ServiceContext) -> K8s.PodSpec {
        let service = context.service
        let security = service.security
        let tmp = K8s.EmptyDirVolumeSource(sizeLimit: service.tmpVolumeSize.quantity)
        var volumes = [K8s.Volume(name: Self.tmpVolume, emptyDir: tmp)]
        if let config = context.config {
            for mount in config.mounts {
                let items = mount.files.map { K8s.KeyToPath(key: $0, path: $0) }
                let source = K8s.ConfigMapVolumeSource(name: config.name, items: items)
                volumes.append(K8s.Volume(name: mount.volume, configMap: source))
            }
        }
        volumes += service.volumes.compactMap(Self.volume)
        let persistent = service.volumes.contains { volume in
            switch volume.source {
            case .claim, .claimTemplate: true
            default: false
            }
        }
        return K8s.PodSpec(
            serviceAccountName: service.name,
            automountServiceAccountToken: context.mountsServiceAccountToken,
            enableServiceLinks: false,
            securityContext: K8s.PodSecurityContext(
                runAsNonRoot: true,
                runAsUser: security.runAsUser,
                runAsGroup: security.runAsGroup,
                fsGroup: security.runAsGroup,
                fsGroupChangePolicy: persistent ? "OnRootMismatch" : nil,
                seccompProfile: K8s.SeccompProfile(type: "RuntimeDefault")),
            terminationGracePeriodSeconds: service.terminationGracePeriodSeconds,
            restartPolicy: service.runsToCompletion ? "Never" : nil,
            topologySpreadConstraints: topologySpread(context),
            initContainers: service.extraContainers.map(Self.extraContainer).nonEmpty,
            containers: [container(context)],
            volumes: volumes)
    }

    /// Spreads the pods over nodes (or the configured domains) when more than one can run. For a Deployment,
    /// `matchLabelKeys: [pod-template-hash]` computes the spread per ReplicaSet, so a rollout does not skew the new
    /// pods; a StatefulSet's pods are spread all together (it replaces them one by one).
    func topologySpread(_ context: ServiceContext) -> [K8s.TopologySpreadConstraint]? {
        guard context.service.maximumReplicas > 1 else { return nil }
        let spread = context.service.topologySpread
        return [
            K8s.TopologySpreadConstraint(
                maxSkew: spread.maxSkew,
                topologyKey: spread.topologyKey,
                whenUnsatisfiable: spread.whenUnsatisfiable.rawValue,
                labelSelector: K8s.LabelSelector(matchLabels: context.selector),
                matchLabelKeys: context.service.workload == .deployment ? ["pod-template-hash"] : nil),
        ]
    }
}
