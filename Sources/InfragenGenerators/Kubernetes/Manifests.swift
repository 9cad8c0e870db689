import InfragenModel
import InfragenYAML

/// Builders for the Kubernetes objects, each with keys in the order kubectl users know.
enum Manifests {
    static func namespace(_ environment: ResolvedEnvironment) -> YAMLNode {
        .mapping([
            ("apiVersion", "v1"),
            ("kind", "Namespace"),
            ("metadata", .mapping([
                ("name", .string(environment.namespace)),
                ("labels", .mapping([
                    ("app.kubernetes.io/part-of", .string(environment.system)),
                    ("app.kubernetes.io/managed-by", "infragen"),
                    ("pod-security.kubernetes.io/enforce", "restricted"),
                ])),
            ])),
        ])
    }

    static func kustomization(_ environment: ResolvedEnvironment, resources: [String]) -> YAMLNode {
        .mapping([
            ("apiVersion", "kustomize.config.k8s.io/v1beta1"),
            ("kind", "Kustomization"),
            ("namespace", .string(environment.namespace)),
            ("resources", .sequence(resources.map { .string($0) })),
        ])
    }

    static func documents(for service: ResolvedService, in environment: ResolvedEnvironment) -> [YAMLNode] {
        var documents = [deployment(service)]
        if !service.description.ports.isEmpty { documents.append(kubernetesService(service)) }
        return documents
    }

    // MARK: - Labels

    /// The selector: only labels that never change over the life of a Deployment.
    static func selectorLabels(_ service: ResolvedService) -> YAMLNode {
        .mapping([
            ("app.kubernetes.io/name", .string(service.name)),
            ("app.kubernetes.io/instance", .string("\(service.name)-\(service.environment.name)")),
        ])
    }

    static func labels(_ service: ResolvedService) -> YAMLNode {
        .mapping([
            ("app.kubernetes.io/name", .string(service.name)),
            ("app.kubernetes.io/instance", .string("\(service.name)-\(service.environment.name)")),
            ("app.kubernetes.io/version", .string(service.imageTag)),
            ("app.kubernetes.io/component", .string(service.description.ports.isEmpty ? "worker" : "server")),
            ("app.kubernetes.io/part-of", .string(service.system)),
            ("app.kubernetes.io/managed-by", "infragen"),
        ])
    }

    static func metadata(_ service: ResolvedService, name: String? = nil) -> YAMLNode {
        .mapping([
            ("name", .string(name ?? service.name)),
            ("namespace", .string(service.namespace)),
            ("labels", labels(service)),
        ])
    }

    // MARK: - Deployment

    static func deployment(_ service: ResolvedService) -> YAMLNode {
        .mapping([
            ("apiVersion", "apps/v1"),
            ("kind", "Deployment"),
            ("metadata", metadata(service)),
            ("spec", .mapping([
                ("replicas", service.autoscaling == nil ? .integer(service.replicas) : nil),
                ("selector", .mapping([("matchLabels", selectorLabels(service))])),
                ("template", .mapping([
                    ("metadata", .mapping([("labels", labels(service))])),
                    ("spec", podSpec(service)),
                ])),
            ])),
        ])
    }

    static func podSpec(_ service: ResolvedService) -> YAMLNode {
        let security = service.security
        return .mapping([
            ("securityContext", .mapping([
                ("runAsNonRoot", true),
                ("runAsUser", .integer(security.runAsUser)),
                ("runAsGroup", .integer(security.runAsGroup)),
                ("fsGroup", .integer(security.runAsGroup)),
                ("seccompProfile", .mapping([("type", "RuntimeDefault")])),
            ])),
            ("terminationGracePeriodSeconds", .integer(service.terminationGracePeriodSeconds)),
            ("containers", .sequence([container(service)])),
            ("volumes", .sequence([.mapping([("name", "tmp"), ("emptyDir", .mapping([]))])])),
        ])
    }

    static func container(_ service: ResolvedService) -> YAMLNode {
        let description = service.description
        return .mapping([
            ("name", .string(service.name)),
            ("image", .string(service.image.text)),
            ("ports", description.ports.isEmpty ? nil : .sequence(description.ports.map { port in
                .mapping([
                    ("name", .string(port.name)),
                    ("containerPort", .integer(port.number)),
                    ("protocol", .string(port.transport.rawValue)),
                ])
            })),
            ("env", service.environmentVariables.isEmpty ? nil : .sequence(service.environmentVariables.map(environmentVariable))),
            ("resources", .mapping([
                ("requests", .mapping([
                    ("cpu", .string(service.resources.cpuRequest.quantity)),
                    ("memory", .string(service.resources.memoryRequest.quantity)),
                ])),
                ("limits", .mapping([
                    ("cpu", .string(service.resources.cpuLimit.quantity)),
                    ("memory", .string(service.resources.memoryLimit.quantity)),
                ])),
            ])),
            ("livenessProbe", description.health.map { probe(path: $0.liveness, port: probePort(service, $0)) }),
            ("readinessProbe", description.health.map { probe(path: $0.readiness, port: probePort(service, $0)) }),
            ("securityContext", .mapping([
                ("allowPrivilegeEscalation", false),
                ("readOnlyRootFilesystem", .boolean(!service.security.isExempt(from: .writableRootFilesystem))),
                ("runAsNonRoot", true),
                ("capabilities", .mapping([("drop", ["ALL"])])),
            ])),
            ("volumeMounts", .sequence([.mapping([("name", "tmp"), ("mountPath", "/tmp")])])),
        ])
    }

    static func probePort(_ service: ResolvedService, _ health: HealthDescription) -> String {
        health.port ?? service.description.ports.first?.name ?? "http"
    }

    static func probe(path: String, port: String) -> YAMLNode {
        .mapping([("httpGet", .mapping([("path", .string(path)), ("port", .string(port))]))])
    }

    static func environmentVariable(_ variable: EnvironmentVariable) -> YAMLNode {
        switch variable.source {
        case .literal(let value):
            return .mapping([("name", .string(variable.name)), ("value", .string(value))])
        case .secret(let name, let key):
            return .mapping([
                ("name", .string(variable.name)),
                ("valueFrom", .mapping([("secretKeyRef", .mapping([("name", .string(name)), ("key", .string(key))]))])),
            ])
        case .config(let value):
            return .mapping([("name", .string(variable.name)), ("value", .string(value))])
        }
    }

    // MARK: - Service

    static func kubernetesService(_ service: ResolvedService) -> YAMLNode {
        .mapping([
            ("apiVersion", "v1"),
            ("kind", "Service"),
            ("metadata", metadata(service)),
            ("spec", .mapping([
                ("type", "ClusterIP"),
                ("selector", selectorLabels(service)),
                ("ports", .sequence(service.description.ports.map { port in
                    .mapping([
                        ("name", .string(port.name)),
                        ("port", .integer(port.number)),
                        ("targetPort", .string(port.name)),
                        ("protocol", .string(port.transport.rawValue)),
                    ])
                })),
            ])),
        ])
    }
}
