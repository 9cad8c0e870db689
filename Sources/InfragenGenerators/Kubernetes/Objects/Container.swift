import InfragenYAML

extension K8s {
    /// A `Container`: image, ports, environment, resources, probes, security context and mounts.
    struct Container: YAMLObject, Sendable {
        var name: String
        var image: String
        var imagePullPolicy: String
        var command: [String]? = nil
        var args: [String]? = nil
        var workingDir: String? = nil
        var ports: [ContainerPort]?
        var env: [EnvVar]?
        var resources: ResourceRequirements
        /// `Always` for a native sidecar (an init container that keeps running).
        var restartPolicy: String? = nil
        var startupProbe: Probe?
        var livenessProbe: Probe?
        var readinessProbe: Probe?
        var lifecycle: Lifecycle?
        var securityContext: SecurityContext
        var volumeMounts: [VolumeMount]

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("name", name)
            yaml.add("image", image)
            yaml.add("imagePullPolicy", imagePullPolicy)
            yaml.add("command", command)
            yaml.add("args", args)
            yaml.add("workingDir", workingDir)
            yaml.add("ports", ports)
            yaml.add("env", env)
            yaml.add("resources", resources)
            yaml.add("restartPolicy", restartPolicy)
            yaml.add("startupProbe", startupProbe)
            yaml.add("livenessProbe", livenessProbe)
            yaml.add("readinessProbe", readinessProbe)
            yaml.add("lifecycle", lifecycle)
            yaml.add("securityContext", securityContext)
            yaml.add("volumeMounts", volumeMounts)
        }
    }

    struct ContainerPort: YAMLObject, Sendable {
        var name: String
        var containerPort: Int
        var `protocol`: String

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("name", name)
            yaml.add("containerPort", containerPort)
            yaml.add("protocol", `protocol`)
        }
    }

    /// An `EnvVar`: a literal `value`, or `valueFrom` a ConfigMap or Secret key.
    struct EnvVar: YAMLObject, Sendable {
        var name: String
        var value: String?
        var valueFrom: EnvVarSource?

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("name", name)
            yaml.add("value", value)
            yaml.add("valueFrom", valueFrom)
        }
    }

    struct EnvVarSource: YAMLObject, Sendable {
        var fieldRef: FieldSelector? = nil
        var resourceFieldRef: ResourceFieldSelector? = nil
        var configMapKeyRef: KeySelector? = nil
        var secretKeyRef: KeySelector? = nil

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("fieldRef", fieldRef)
            yaml.add("resourceFieldRef", resourceFieldRef)
            yaml.add("configMapKeyRef", configMapKeyRef)
            yaml.add("secretKeyRef", secretKeyRef)
        }
    }

    /// An `ObjectFieldSelector`: `fieldPath: status.podIP`.
    struct FieldSelector: YAMLObject, Sendable {
        var fieldPath: String

        func writeFields(to yaml: inout YAMLFields) { yaml.add("fieldPath", fieldPath) }
    }

    /// A `ResourceFieldSelector` of the container itself: `resource: limits.memory`.
    struct ResourceFieldSelector: YAMLObject, Sendable {
        var resource: String
        /// `1` on a CPU quantity: whole cores, rounded up (`500m` gives 1), said rather than left to the default.
        var divisor: String? = nil

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("resource", resource)
            yaml.add("divisor", divisor)
        }
    }

    /// A `ConfigMapKeySelector` or `SecretKeySelector`.
    struct KeySelector: YAMLObject, Sendable {
        var name: String
        var key: String

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("name", name)
            yaml.add("key", key)
        }
    }

    struct ResourceRequirements: YAMLObject, Sendable {
        var requests: ResourceList
        var limits: ResourceList

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("requests", requests)
            yaml.add("limits", limits)
        }
    }

    /// Quantities, as Kubernetes writes them (`250m`, `128Mi`).
    struct ResourceList: YAMLObject, Sendable {
        var cpu: String
        var memory: String

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("cpu", cpu)
            yaml.add("memory", memory)
        }
    }

    /// A `Probe`: one action (`exec`, `httpGet`, `tcpSocket` or `grpc`), then its timings.
    struct Probe: YAMLObject, Sendable {
        var exec: ExecAction?
        var httpGet: HTTPGetAction?
        var tcpSocket: TCPSocketAction?
        var grpc: GRPCAction?
        var initialDelaySeconds: Int?
        var periodSeconds: Int
        var timeoutSeconds: Int
        var failureThreshold: Int

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("exec", exec)
            yaml.add("httpGet", httpGet)
            yaml.add("tcpSocket", tcpSocket)
            yaml.add("grpc", grpc)
            yaml.add("initialDelaySeconds", initialDelaySeconds)
            yaml.add("periodSeconds", periodSeconds)
            yaml.add("timeoutSeconds", timeoutSeconds)
            yaml.add("failureThreshold", failureThreshold)
        }
    }

    /// What runs around a container's start and stop; infragen sets only what runs before SIGTERM.
    struct Lifecycle: YAMLObject, Sendable {
        var preStop: LifecycleHandler

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("preStop", preStop)
        }
    }

    /// A lifecycle handler: a command (the gateway's graceful quit), or a pause.
    struct LifecycleHandler: YAMLObject, Sendable {
        var exec: ExecAction? = nil
        var sleep: SleepAction? = nil

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("exec", exec)
            yaml.add("sleep", sleep)
        }
    }

    struct SleepAction: YAMLObject, Sendable {
        var seconds: Int

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("seconds", seconds)
        }
    }

    struct ExecAction: YAMLObject, Sendable {
        var command: [String]

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("command", command)
        }
    }

    struct HTTPGetAction: YAMLObject, Sendable {
        var path: String
        var port: IntOrString
        /// `HTTPS`; nil is Kubernetes' default, `HTTP`.
        var scheme: String?
        var httpHeaders: [HTTPHeader]?

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("path", path)
            yaml.add("port", port)
            yaml.add("scheme", scheme)
            yaml.add("httpHeaders", httpHeaders)
        }
    }

    struct HTTPHeader: YAMLObject, Sendable {
        var name: String
        var value: String

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("name", name)
            yaml.add("value", value)
        }
    }

    struct TCPSocketAction: YAMLObject, Sendable {
        var port: IntOrString

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("port", port)
        }
    }

    /// A gRPC health check; its port is a number (Kubernetes takes no port name here).
    struct GRPCAction: YAMLObject, Sendable {
        var port: Int
        /// The service name of the `HealthCheckRequest`; nil asks for the server's overall health.
        var service: String?

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("port", port)
            yaml.add("service", service)
        }
    }

    /// A container's `SecurityContext`.
    struct SecurityContext: YAMLObject, Sendable {
        var allowPrivilegeEscalation: Bool
        var privileged: Bool
        var readOnlyRootFilesystem: Bool
        var runAsNonRoot: Bool
        var capabilities: Capabilities

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("allowPrivilegeEscalation", allowPrivilegeEscalation)
            yaml.add("privileged", privileged)
            yaml.add("readOnlyRootFilesystem", readOnlyRootFilesystem)
            yaml.add("runAsNonRoot", runAsNonRoot)
            yaml.add("capabilities", capabilities)
        }
    }

    struct Capabilities: YAMLObject, Sendable {
        var drop: [String]

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("drop", drop)
        }
    }

    struct VolumeMount: YAMLObject, Sendable {
        var name: String
        var mountPath: String
        var readOnly: Bool?

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("name", name)
            yaml.add("mountPath", mountPath)
            yaml.add("readOnly", readOnly)
        }
    }
}
