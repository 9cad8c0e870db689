import InfragenModel

extension DeploymentBuilder {
    /// The service's one container: its image, ports, environment, requests and limits, probes, a locked-down
    /// security context, `/tmp` and the config mounts.
    func container(_ context: ServiceContext) -> K8s.Container {
        let service = context.service
        let resources = service.resources
        var mounts = [K8s.VolumeMount(name: Self.tmpVolume, mountPath: "/tmp")]
        for mount in context.config?.mounts ?? [] {
            mounts.append(K8s.VolumeMount(name: mount.volume, mountPath: mount.directory, readOnly: true))
        }
        for volume in service.volumes {
            mounts.append(K8s.VolumeMount(name: volume.name, mountPath: volume.mountPath,
                                          readOnly: volume.isWritable ? nil : true))
        }
        let process = service[.process]
        return K8s.Container(
            name: service[.containerName] ?? service.name,
            image: service.image.text,
            // A tag can move, so it is re-resolved at every start; a digest cannot.
            imagePullPolicy: service.imageDigest == nil ? "Always" : "IfNotPresent",
            command: process.command,
            args: process.arguments,
            workingDir: process.workingDirectory,
            ports: service.ports.map { port in
                K8s.ContainerPort(name: port.name, containerPort: port.number, protocol: port.transport.rawValue)
            }.nonEmpty,
            env: EnvironmentVariables.ordered(service).map { variable($0, config: context.config) }.nonEmpty,
            resources: K8s.ResourceRequirements(
                requests: K8s.ResourceList(
                    cpu: resources.cpuRequest.quantity, memory: resources.memoryRequest.quantity),
                limits: K8s.ResourceList(cpu: resources.cpuLimit.quantity, memory: resources.memoryLimit.quantity)),
            startupProbe: probe(.startup, service),
            livenessProbe: probe(.liveness, service),
            // A Job's pod is never behind a Service: nothing reads its readiness.
            readinessProbe: service.runsToCompletion ? nil : probe(.readiness, service),
            lifecycle: service.preStopPause.map { pause in
                K8s.Lifecycle(preStop: K8s.LifecycleHandler(sleep: K8s.SleepAction(seconds: Int(pause.components.seconds))))
            },
            securityContext: K8s.SecurityContext(
                allowPrivilegeEscalation: false,
                privileged: false,
                readOnlyRootFilesystem: !service.security.isExempt(from: .writableRootFilesystem),
                runAsNonRoot: true,
                capabilities: K8s.Capabilities(drop: ["ALL"])),
            volumeMounts: mounts)
    }

    /// The service's check of the probe kind, with its timings; nil for a startup probe the service did not ask
    /// for, and for every kind of a service with NoHealthCheck.
    func probe(_ kind: ProbeTiming.Kind, _ service: ResolvedService) -> K8s.Probe? {
        guard let check = service.health?[kind] else { return nil }
        let timing = service.probes[kind]
        var probe = K8s.Probe(
            initialDelaySeconds: timing.initialDelaySeconds == 0 ? nil : timing.initialDelaySeconds,
            periodSeconds: timing.periodSeconds,
            timeoutSeconds: timing.timeoutSeconds,
            failureThreshold: timing.failureThreshold)
        switch check {
        case .http(let path, let port, let scheme, let headers):
            probe.httpGet = K8s.HTTPGetAction(
                path: path, port: .string(port.name), scheme: scheme == .http ? nil : scheme.rawValue,
                httpHeaders: headers.map { K8s.HTTPHeader(name: $0.name, value: $0.value) }.nonEmpty)
        case .grpc(let port, let name):
            probe.grpc = K8s.GRPCAction(port: port.number, service: name)
        case .tcp(let port):
            probe.tcpSocket = K8s.TCPSocketAction(port: .string(port.name))
        case .exec(let command):
            probe.exec = K8s.ExecAction(command: command)
        }
        return probe
    }

    /// A volume of the blueprint's (`ScratchVolume`, `SecretFiles`, `ConfigMapFiles`, `PersistentVolume`,
    /// `ServiceAccountToken`). Secret and ConfigMap keys become files of the same name, mode 0440.
    static func volume(_ volume: VolumeDescription) -> K8s.Volume? {
        switch volume.source {
        case .scratch(let size, let inMemory):
            K8s.Volume(name: volume.name,
                       emptyDir: K8s.EmptyDirVolumeSource(medium: inMemory ? "Memory" : nil, sizeLimit: size.quantity))
        case .secretFiles(let secret, let keys):
            K8s.Volume(name: volume.name, secret: K8s.SecretVolumeSource(
                secretName: secret, items: keys.map { K8s.KeyToPath(key: $0, path: $0) }))
        case .configMapFiles(let configMap, let keys):
            K8s.Volume(name: volume.name, configMap: K8s.ConfigMapVolumeSource(
                name: configMap, items: keys.map { K8s.KeyToPath(key: $0, path: $0) }, defaultMode: 0o440))
        case .claim(let claim):
            K8s.Volume(name: volume.name, persistentVolumeClaim: K8s.PersistentVolumeClaimVolumeSource(claimName: claim))
        case .serviceAccountToken(let audience, let seconds):
            K8s.Volume(name: volume.name, projected: K8s.ProjectedVolumeSource(sources: [
                K8s.VolumeProjection(serviceAccountToken: K8s.ServiceAccountTokenProjection(
                    audience: audience, expirationSeconds: seconds, path: "token")),
            ]))
        case .claimTemplate:
            // The StatefulSet's volumeClaimTemplates name it; the pod's volume is the claim of its ordinal.
            nil
        }
    }

    /// A literal (escaped so that the container sees exactly it), or a reference to the ConfigMap or Secret key.
    func variable(_ variable: EnvironmentVariable, config: ConfigMapContent?) -> K8s.EnvVar {
        switch variable.source {
        case .literal(let value):
            return K8s.EnvVar(name: variable.name, value: EnvironmentVariables.escapeLiteral(value))
        case .config(let value):
            // The ConfigMap holds every config value, so it exists; were it missing, the value would still reach
            // the container as a literal.
            guard let config else {
                return K8s.EnvVar(name: variable.name, value: EnvironmentVariables.escapeLiteral(value))
            }
            let key = K8s.KeySelector(name: config.name, key: variable.name)
            return K8s.EnvVar(name: variable.name, valueFrom: K8s.EnvVarSource(configMapKeyRef: key))
        case .secret(let name, let key):
            let key = K8s.KeySelector(name: name, key: key)
            return K8s.EnvVar(name: variable.name, valueFrom: K8s.EnvVarSource(secretKeyRef: key))
        case .field(let field):
            return K8s.EnvVar(name: variable.name, valueFrom: K8s.EnvVarSource(fieldRef: K8s.FieldSelector(fieldPath: field.rawValue)))
        case .resource(let resource):
            let isCPU = resource == .cpuLimit || resource == .cpuRequest
            let selector = K8s.ResourceFieldSelector(resource: resource.rawValue, divisor: isCPU ? "1" : nil)
            return K8s.EnvVar(name: variable.name, valueFrom: K8s.EnvVarSource(resourceFieldRef: selector))
        }
    }
}
