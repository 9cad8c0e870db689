import InfragenModel
import InfragenYAML

extension ServiceManifests {
    static let tmpVolume = "tmp"

    /// The Deployment: restricted pod security, probes, resources, the rolling update of the environment, spread
    /// over nodes when there is more than one replica. No `replicas` when an autoscaler owns the count.
    var deployment: YAMLNode {
        let rollout = environment.description.rollout
        return .mapping([
            ("apiVersion", "apps/v1"),
            ("kind", "Deployment"),
            ("metadata", metadata(annotations: Exemptions.annotations(
                service, for: Set(SecurityExemption.Control.allCases), checkovSkips: true))),
            ("spec", .mapping([
                ("replicas", service.autoscaling == nil ? .integer(service.replicas) : nil),
                ("selector", .mapping([("matchLabels", Labels.selector(service, canary: isCanary))])),
                ("strategy", .mapping([
                    ("type", "RollingUpdate"),
                    ("rollingUpdate", .mapping([
                        ("maxSurge", Self.intOrPercent(rollout.maxSurge)),
                        ("maxUnavailable", Self.intOrPercent(rollout.maxUnavailable)),
                    ])),
                ])),
                ("template", .mapping([
                    ("metadata", .mapping([
                        ("labels", Labels.all(service, canary: isCanary)),
                        ("annotations", scrapeAnnotations),
                    ])),
                    ("spec", podSpec),
                ])),
            ])),
        ])
    }

    /// `0`, or a whole percentage such as `25%` (validation refuses fractions).
    static func intOrPercent(_ share: Percentage) -> YAMLNode {
        share.millionths == 0 ? .integer(0) : .string("\(share.wholePercent)%")
    }

    /// The container port that serves metrics: the one `Metrics(port:)` names, else the first.
    var metricsPort: PortDescription? {
        let ports = service.description.ports
        return service.description.metrics.port.flatMap { name in ports.first { $0.name == name } } ?? ports.first
    }

    /// Where Prometheus finds the metrics (the `prometheus.io/*` convention of the community scrape configs).
    var scrapeAnnotations: YAMLNode? {
        guard let port = metricsPort else { return nil }
        return .mapping([
            ("prometheus.io/scrape", "true"),
            ("prometheus.io/port", .string(String(port.number))),
            ("prometheus.io/path", .string(service.description.metrics.path)),
        ])
    }

    var podSpec: YAMLNode {
        let security = service.security
        var volumes: [YAMLNode] = [
            .mapping([
                ("name", .string(Self.tmpVolume)),
                ("emptyDir", .mapping([("sizeLimit", .string(service.tmpVolumeSize.quantity))])),
            ]),
        ]
        for mount in configMounts {
            volumes.append(.mapping([
                ("name", .string(mount.volume)),
                ("configMap", .mapping([
                    ("name", .string(config!.name)),
                    ("items", .sequence(mount.files.map { .mapping([("key", .string($0)), ("path", .string($0))]) })),
                ])),
            ]))
        }
        return .mapping([
            ("serviceAccountName", .string(service.name)),
            ("automountServiceAccountToken", .boolean(mountsServiceAccountToken)),
            ("enableServiceLinks", false),
            ("securityContext", .mapping([
                ("runAsNonRoot", true),
                ("runAsUser", .integer(security.runAsUser)),
                ("runAsGroup", .integer(security.runAsGroup)),
                ("fsGroup", .integer(security.runAsGroup)),
                ("seccompProfile", .mapping([("type", "RuntimeDefault")])),
            ])),
            ("terminationGracePeriodSeconds", .integer(service.terminationGracePeriodSeconds)),
            ("topologySpreadConstraints", topologySpread),
            ("containers", [container]),
            ("volumes", .sequence(volumes)),
        ])
    }

    /// Spreads the pods over nodes (or the configured domains) when more than one can run. `matchLabelKeys:
    /// [pod-template-hash]` computes the spread per ReplicaSet, so a rollout does not skew the new pods.
    var topologySpread: YAMLNode? {
        guard service.maximumReplicas > 1 else { return nil }
        let spread = service.topologySpread
        return [
            .mapping([
                ("maxSkew", .integer(spread.maxSkew)),
                ("topologyKey", .string(spread.topologyKey)),
                ("whenUnsatisfiable", .string(spread.whenUnsatisfiable.rawValue)),
                ("labelSelector", .mapping([("matchLabels", Labels.selector(service, canary: isCanary))])),
                ("matchLabelKeys", ["pod-template-hash"]),
            ]),
        ]
    }

    /// The config files grouped by the directory they are mounted in, one volume per directory.
    var configMounts: [(volume: String, directory: String, files: [String])] {
        var directories: [String] = []
        var files: [String: [String]] = [:]
        for file in service.description.configFiles {
            let directory = Self.mountPath(file.mountDirectory)
            if files[directory] == nil { directories.append(directory) }
            files[directory, default: []].append(file.name)
        }
        return directories.enumerated().map { index, directory in
            (directories.count == 1 ? "config" : "config-\(index + 1)", directory, files[directory]!)
        }
    }

    /// A mount directory without trailing slashes, so that `/etc/app/` and `/etc/app` are one mount.
    static func mountPath(_ directory: String) -> String {
        var path = Substring(directory)
        while path.count > 1 && path.hasSuffix("/") { path = path.dropLast() }
        return String(path)
    }

    var container: YAMLNode {
        let description = service.description
        let resources = service.resources
        var mounts: [YAMLNode] = [.mapping([("name", .string(Self.tmpVolume)), ("mountPath", "/tmp")])]
        for mount in configMounts {
            mounts.append(.mapping([
                ("name", .string(mount.volume)),
                ("mountPath", .string(mount.directory)),
                ("readOnly", true),
            ]))
        }
        let environment = EnvironmentVariables.ordered(service).map(environmentVariable)
        return .mapping([
            ("name", .string(service.name)),
            ("image", .string(service.image.text)),
            // A tag can move, so it is re-resolved at every start; a digest cannot.
            ("imagePullPolicy", service.imageDigest == nil ? "Always" : "IfNotPresent"),
            ("ports", description.ports.isEmpty ? nil : .sequence(description.ports.map { port in
                .mapping([
                    ("name", .string(port.name)),
                    ("containerPort", .integer(port.number)),
                    ("protocol", .string(port.transport.rawValue)),
                ])
            })),
            ("env", environment.isEmpty ? nil : .sequence(environment)),
            ("resources", .mapping([
                ("requests", .mapping([
                    ("cpu", .string(resources.cpuRequest.quantity)),
                    ("memory", .string(resources.memoryRequest.quantity)),
                ])),
                ("limits", .mapping([
                    ("cpu", .string(resources.cpuLimit.quantity)),
                    ("memory", .string(resources.memoryLimit.quantity)),
                ])),
            ])),
            ("startupProbe", probe(.startup)),
            ("livenessProbe", probe(.liveness)),
            ("readinessProbe", probe(.readiness)),
            ("securityContext", .mapping([
                ("allowPrivilegeEscalation", false),
                ("privileged", false),
                ("readOnlyRootFilesystem", .boolean(!service.security.isExempt(from: .writableRootFilesystem))),
                ("runAsNonRoot", true),
                ("capabilities", .mapping([("drop", ["ALL"])])),
            ])),
            ("volumeMounts", .sequence(mounts)),
        ])
    }

    /// An HTTP probe on the health port (the first port unless `Health(port:)` names one), or the health command;
    /// nil for a startup probe the service did not ask for.
    func probe(_ kind: ProbeTiming.Kind) -> YAMLNode? {
        let description = service.description
        let action: (String, YAMLNode)
        if let health = description.health {
            let path: String? = switch kind {
            case .liveness: health.liveness
            case .readiness: health.readiness
            case .startup: health.startup
            }
            guard let path, let port = health.port ?? description.ports.first?.name else { return nil }
            action = ("httpGet", .mapping([("path", .string(path)), ("port", .string(port))]))
        } else if let check = description.healthCommand, kind != .startup {
            action = ("exec", .mapping([("command", .sequence(check.command.map { .string($0) }))]))
        } else {
            return nil
        }
        let timing = service.probes[kind]
        return .mapping([
            action,
            ("initialDelaySeconds", timing.initialDelaySeconds == 0 ? nil : .integer(timing.initialDelaySeconds)),
            ("periodSeconds", .integer(timing.periodSeconds)),
            ("timeoutSeconds", .integer(timing.timeoutSeconds)),
            ("failureThreshold", .integer(timing.failureThreshold)),
        ])
    }

    func environmentVariable(_ variable: EnvironmentVariable) -> YAMLNode {
        switch variable.source {
        case .literal(let value):
            return .mapping([
                ("name", .string(variable.name)),
                ("value", .string(EnvironmentVariables.escapeLiteral(value))),
            ])
        case .config:
            return .mapping([
                ("name", .string(variable.name)),
                ("valueFrom", .mapping([("configMapKeyRef", .mapping([
                    ("name", .string(config!.name)),
                    ("key", .string(variable.name)),
                ]))])),
            ])
        case .secret(let name, let key):
            return .mapping([
                ("name", .string(variable.name)),
                ("valueFrom", .mapping([("secretKeyRef", .mapping([
                    ("name", .string(name)),
                    ("key", .string(key)),
                ]))])),
            ])
        }
    }
}
