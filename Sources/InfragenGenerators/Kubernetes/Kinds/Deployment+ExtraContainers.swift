import InfragenModel

extension DeploymentBuilder {
    /// An init container or a native sidecar (`restartPolicy: Always`), hardened like the main container: no
    /// privilege escalation, every capability dropped, a read-only root filesystem with the pod's `/tmp`, its own
    /// requests and limits.
    static func extraContainer(_ container: ExtraContainerDescription) -> K8s.Container {
        K8s.Container(
            name: container.name,
            image: container.image.text,
            imagePullPolicy: container.image.digest == nil ? "Always" : "IfNotPresent",
            command: container.command,
            args: container.arguments,
            ports: nil,
            env: nil,
            resources: K8s.ResourceRequirements(
                requests: K8s.ResourceList(cpu: container.cpuRequest.quantity, memory: container.memoryRequest.quantity),
                limits: K8s.ResourceList(cpu: container.cpuLimit.quantity, memory: container.memoryLimit.quantity)),
            restartPolicy: container.role == .sidecar ? "Always" : nil,
            startupProbe: nil,
            livenessProbe: nil,
            readinessProbe: nil,
            lifecycle: nil,
            securityContext: K8s.SecurityContext(
                allowPrivilegeEscalation: false,
                privileged: false,
                readOnlyRootFilesystem: true,
                runAsNonRoot: true,
                capabilities: K8s.Capabilities(drop: ["ALL"])),
            volumeMounts: [K8s.VolumeMount(name: tmpVolume, mountPath: "/tmp")])
    }
}
