import InfragenModel

/// The gateway of an environment as Kubernetes objects, in the order of its file `<system>-gateway.yaml`:
/// ServiceAccount, the hashed ConfigMap of the Nginx files, the cert-manager Certificate (with `GatewayCertificate`
/// and TLS), Deployment, the LoadBalancer Service, HorizontalPodAutoscaler (with `GatewayAutoscale`),
/// PodDisruptionBudget (when more than one pod must stay up) and its NetworkPolicy.
///
/// nginx runs as in "Run the whole thing" of the Nginx output: prefix ``prefix``, the ConfigMap's files and the TLS
/// Secret's in one projected volume at `<prefix>/conf/` (key by key, so nothing else appears there), and an
/// `emptyDir` at `<prefix>/tmp/` for the pid file and the temp paths; the root filesystem is read-only.
struct GatewayManifests {
    /// nginx's prefix in the container (`-p`).
    static let prefix = "/gateway/"
    static let configDirectory = "/gateway/conf"
    static let tmpDirectory = "/gateway/tmp"
    static let containerName = "nginx"
    /// The emptyDir of the pid file and the temp paths (request bodies and responses nginx buffers to disk).
    static let tmpSize = DataSize.mebibytes(256)

    let system: ResolvedSystem
    let environment: ResolvedEnvironment
    let gateway: ResolvedGateway
    /// The Nginx files, name and bytes, as the Nginx folder holds them.
    let files: [(name: String, contents: String)]

    /// The gateway of an environment that routes a service; nil otherwise. With `cache`, the Nginx files are made
    /// once per render for this and the Nginx folder.
    init?(system: ResolvedSystem, environment: ResolvedEnvironment, cache: GenerationCache? = nil) throws {
        let files = try cache.map { try NginxGenerator.configuration(system: system, environment: environment, cache: $0) }
            ?? NginxGenerator.configuration(system: system, environment: environment)
        guard !files.isEmpty else { return nil }
        self.system = system
        self.environment = environment
        self.gateway = system.gateway
        self.files = files.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
    }

    /// The gateway's objects without its Nginx files, for what does not read them (its NetworkPolicy, which the
    /// system README reads): nil where ``init(system:environment:)`` is (no routed service, no host, no target).
    init?(withoutFilesFor system: ResolvedSystem, environment: ResolvedEnvironment) {
        guard !environment.routedServices.isEmpty, environment.host != nil, system.gateway.target != nil else {
            return nil
        }
        self.system = system
        self.environment = environment
        self.gateway = system.gateway
        self.files = []
    }

    var name: String { gateway.name }
    var fileName: String { "\(name).yaml" }

    /// nginx's command line: the prefix, the configuration, errors to stderr from the start, in the foreground.
    static let command = ["nginx"]
    static let arguments = ["-p", prefix, "-c", "conf/nginx.conf", "-e", "stderr", "-g", "daemon off;"]

    var configMapName: String {
        let entries = files.map { ConfigMapContent.Entry(key: $0.name, value: $0.contents) }
        return "\(name)-config-\(ConfigMapContent.hash(entries))"
    }

    var labels: K8s.StringMap {
        [
            "app.kubernetes.io/name": name,
            "app.kubernetes.io/instance": "\(name)-\(environment.name)",
            "app.kubernetes.io/version": gateway.nginxVersion,
            "app.kubernetes.io/component": "gateway",
            "app.kubernetes.io/part-of": system.name,
            "app.kubernetes.io/managed-by": Labels.managedBy,
        ]
    }

    var selector: K8s.StringMap {
        ["app.kubernetes.io/name": name, "app.kubernetes.io/instance": "\(name)-\(environment.name)"]
    }

    /// What the routed services' NetworkPolicies let in: the gateway's pods, in their namespace.
    static func podLabels(system: String) -> K8s.StringMap { ["app.kubernetes.io/name": "\(system)-gateway"] }

    func metadata(name: String? = nil) -> K8s.ObjectMeta {
        K8s.ObjectMeta(name: name ?? self.name, namespace: environment.namespace, labels: labels)
    }

    var objects: [any KubernetesObject] {
        var objects: [any KubernetesObject] = [
            K8s.ServiceAccount(metadata: metadata(), automountServiceAccountToken: false),
            K8s.ConfigMap(
                metadata: metadata(name: configMapName), immutable: true,
                data: K8s.StringMap(files.map { (key: $0.name, value: $0.contents) })),
        ]
        if let certificate { objects.append(certificate) }
        objects.append(deployment)
        objects.append(service)
        if let autoscaling = gateway.autoscaling {
            let cpu = K8s.ResourceMetricSource(
                name: "cpu", target: K8s.MetricTarget(averageUtilization: autoscaling.targetCPUUtilization.wholePercent))
            objects.append(K8s.HorizontalPodAutoscaler(metadata: metadata(), spec: K8s.HorizontalPodAutoscalerSpec(
                scaleTargetRef: K8s.CrossVersionObjectReference(apiVersion: "apps/v1", kind: "Deployment", name: name),
                minReplicas: autoscaling.minReplicas, maxReplicas: autoscaling.maxReplicas,
                metrics: [K8s.MetricSpec(resource: cpu)])))
        }
        if gateway.minimumReplicas > 1 {
            objects.append(K8s.PodDisruptionBudget(metadata: metadata(), spec: K8s.PodDisruptionBudgetSpec(
                maxUnavailable: .int(1), selector: K8s.LabelSelector(matchLabels: selector),
                unhealthyPodEvictionPolicy: "AlwaysAllow")))
        }
        objects.append(networkPolicy)
        return objects
    }

    // MARK: - TLS

    /// The Certificate that fills the TLS Secret, where the environment serves TLS on a host and the blueprint names
    /// an issuer.
    var certificate: K8s.Certificate? {
        guard environment.tls, let host = environment.host, let issuer = gateway.certificateIssuer else { return nil }
        return K8s.Certificate(metadata: metadata(), spec: K8s.CertificateSpec(
            secretName: gateway.tlsSecret, dnsNames: [host],
            issuerRef: K8s.IssuerReference(name: issuer.name, kind: issuer.kind.rawValue),
            privateKey: K8s.CertificatePrivateKey()))
    }

    // MARK: - Deployment

    /// The listen ports: HTTP, and HTTPS where the environment serves TLS.
    var ports: [(name: String, container: Int, service: Int)] {
        [(name: "http", container: gateway.listen.httpPort, service: 80)]
            + (environment.tls ? [(name: "https", container: gateway.listen.httpsPort, service: 443)] : [])
    }

    /// The pause, then a graceful quit (SIGTERM would be nginx's fast shutdown, which cuts requests in flight), then
    /// a wait until the master is gone, so that the kubelet's SIGTERM finds nothing left to cut.
    var preStop: [String] {
        let quit = (Self.command + Self.arguments.filter { $0 != "daemon off;" && $0 != "-g" } + ["-s", "quit"])
            .joined(separator: " ")
        return [
            "/bin/sh", "-c",
            "sleep \(gateway.preStopPause.components.seconds); \(quit); "
                + "while [ -e \(Self.tmpDirectory)/nginx.pid ]; do sleep 1; done",
        ]
    }

    var deployment: K8s.Deployment {
        let probe = { (failures: Int) in
            K8s.Probe(
                httpGet: K8s.HTTPGetAction(path: "/healthz", port: .string("http"), scheme: nil, httpHeaders: nil),
                periodSeconds: 10, timeoutSeconds: 2, failureThreshold: failures)
        }
        var sources = [K8s.VolumeProjection(configMap: K8s.KeyProjection(
            name: configMapName, items: files.map { K8s.KeyToPath(key: $0.name, path: $0.name) }))]
        if environment.tls {
            sources.append(K8s.VolumeProjection(secret: K8s.KeyProjection(name: gateway.tlsSecret, items: [
                K8s.KeyToPath(key: "tls.crt", path: environment.tlsCertificate.certificate),
                K8s.KeyToPath(key: "tls.key", path: environment.tlsCertificate.key),
            ])))
        }
        let container = K8s.Container(
            name: Self.containerName,
            image: gateway.image,
            // A tag can move, so it is re-resolved at every start; a digest cannot.
            imagePullPolicy: gateway.image.contains("@") ? "IfNotPresent" : "Always",
            command: Self.command,
            args: Self.arguments,
            ports: ports.map { K8s.ContainerPort(name: $0.name, containerPort: $0.container, protocol: "TCP") },
            env: nil,
            resources: K8s.ResourceRequirements(
                requests: K8s.ResourceList(cpu: gateway.cpuRequest.quantity, memory: gateway.memoryRequest.quantity),
                limits: K8s.ResourceList(cpu: gateway.cpuLimit.quantity, memory: gateway.memoryLimit.quantity)),
            startupProbe: nil,
            livenessProbe: probe(3),
            readinessProbe: probe(1),
            lifecycle: K8s.Lifecycle(preStop: K8s.LifecycleHandler(exec: K8s.ExecAction(command: preStop))),
            securityContext: K8s.SecurityContext(
                allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: true,
                capabilities: K8s.Capabilities(drop: ["ALL"])),
            volumeMounts: [
                K8s.VolumeMount(name: "conf", mountPath: Self.configDirectory, readOnly: true),
                K8s.VolumeMount(name: "tmp", mountPath: Self.tmpDirectory, readOnly: nil),
            ])
        let user = ResolvedGateway.runAsUser
        let spread = environment.gatewaySpread
        let pod = K8s.PodSpec(
            serviceAccountName: name,
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: K8s.PodSecurityContext(
                runAsNonRoot: true, runAsUser: user, runAsGroup: user, fsGroup: user,
                seccompProfile: K8s.SeccompProfile(type: "RuntimeDefault")),
            terminationGracePeriodSeconds: gateway.terminationGracePeriodSeconds,
            topologySpreadConstraints: gateway.maximumReplicas > 1 ? [
                K8s.TopologySpreadConstraint(
                    maxSkew: spread.maxSkew, topologyKey: spread.topologyKey,
                    whenUnsatisfiable: spread.whenUnsatisfiable.rawValue,
                    labelSelector: K8s.LabelSelector(matchLabels: selector), matchLabelKeys: ["pod-template-hash"]),
            ] : nil,
            containers: [container],
            volumes: [
                K8s.Volume(name: "conf", projected: K8s.ProjectedVolumeSource(sources: sources, defaultMode: 0o440)),
                K8s.Volume(name: "tmp", emptyDir: K8s.EmptyDirVolumeSource(sizeLimit: Self.tmpSize.quantity)),
            ])
        let rollout = environment.rollout
        return K8s.Deployment(metadata: metadata(), spec: K8s.DeploymentSpec(
            replicas: gateway.autoscaling == nil ? gateway.replicas : nil,
            selector: K8s.LabelSelector(matchLabels: selector),
            strategy: K8s.DeploymentStrategy(rollingUpdate: K8s.RollingUpdateDeployment(
                maxSurge: DeploymentBuilder.intOrPercent(rollout.maxSurge),
                maxUnavailable: DeploymentBuilder.intOrPercent(rollout.maxUnavailable))),
            template: K8s.PodTemplateSpec(metadata: K8s.ObjectMeta(labels: labels), spec: pod)))
    }

    // MARK: - Service and NetworkPolicy

    /// A LoadBalancer on 80 and 443; `Local` keeps the client's address (the load balancer only sends to nodes
    /// with a ready gateway pod), which rate limits and logs key on.
    var service: K8s.Service {
        K8s.Service(metadata: metadata(), spec: K8s.ServiceSpec(
            type: ServiceExposure.Kind.loadBalancer.rawValue,
            selector: selector,
            ports: ports.map {
                K8s.ServicePort(name: $0.name, port: $0.service, targetPort: .string($0.name), protocol: "TCP")
            },
            externalTrafficPolicy: ServiceExposure.TrafficPolicy.local.rawValue,
            loadBalancerSourceRanges: gateway.sourceRanges.nonEmpty))
    }

    /// In: the source ranges (else any address) on the listen ports. Out: each routed service's pods (its canary's
    /// too) on its route ports, a fixed IPv4 `UpstreamAddress` on its port, and the cluster DNS as a service's policy
    /// lets out to it.
    var networkPolicy: K8s.NetworkPolicy {
        let ingress = K8s.NetworkPolicyIngressRule(
            from: (gateway.sourceRanges.isEmpty ? ["0.0.0.0/0"] : gateway.sourceRanges).map {
                K8s.NetworkPolicyPeer(ipBlock: K8s.IPBlock(cidr: $0, except: nil))
            },
            ports: ports.map { K8s.NetworkPolicyPort(port: .int($0.container), protocol: "TCP") })
        var egress: [K8s.NetworkPolicyEgressRule] = environment.routedServices.map { service in
            let names = Set(service.routes.map(\.port.name))
            return K8s.NetworkPolicyEgressRule(
                to: [NetworkPolicyBuilder.podPeer(service)],
                ports: NetworkPolicyBuilder.ports(service.ports.filter { names.contains($0.name) }))
        }
        // A service the blueprint reaches at a fixed IPv4 address (`UpstreamAddress`), on the port nginx connects to;
        // one at a host name cannot be named in a policy (allow it with a RawObject policy of your own).
        for service in environment.routedServices {
            let servicePorts = Set(service.routes.map(\.port.servicePort)).sorted()
            for canary in [false, true] {
                guard let address = gateway.upstreamAddress(for: service.name, canary: canary),
                      let host = address.host, TextRules.isIPv4Address(host) else { continue }
                egress.append(K8s.NetworkPolicyEgressRule(
                    to: [K8s.NetworkPolicyPeer(ipBlock: K8s.IPBlock(cidr: "\(host)/32", except: nil))],
                    ports: (address.port.map { [$0] } ?? servicePorts).map {
                        K8s.NetworkPolicyPort(port: .int($0), protocol: "TCP")
                    }))
            }
        }
        egress.append(NetworkPolicyBuilder.dnsRule(environment.gatewayClusterDNS))
        return K8s.NetworkPolicy(metadata: metadata(), spec: K8s.NetworkPolicySpec(
            podSelector: K8s.LabelSelector(matchLabels: Self.podLabels(system: system.name)),
            policyTypes: ["Ingress", "Egress"], ingress: [ingress], egress: egress))
    }
}
