/// Scratch space beside `/tmp`: `ScratchVolume("cache", at: "/var/cache/nginx", size: .mebibytes(256))`, on the
/// node's disk, or in memory with `inMemory: true` (counted against the memory limit).
public struct ScratchVolume: ServiceComponent {
    let description: VolumeDescription

    public init(
        _ name: String, at path: String, size: DataSize, inMemory: Bool = false,
        fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line
    ) {
        description = VolumeDescription(
            name: name, mountPath: path, source: .scratch(size: size, inMemory: inMemory),
            location: SourceLocation(fileID, filePath, line))
    }

    public func apply(to service: inout ServiceDescription) { service.volumes.append(description) }
}

/// Keys of a Secret as read-only files (owner-read only), rather than environment variables:
/// `SecretFiles("tls", secret: "api-tls", keys: ["tls.crt", "tls.key"], at: "/etc/api/tls")`.
public struct SecretFiles: ServiceComponent {
    let description: VolumeDescription

    public init(
        _ name: String, secret: String, keys: [String], at path: String,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        description = VolumeDescription(
            name: name, mountPath: path, source: .secretFiles(secret: secret, keys: keys),
            location: SourceLocation(fileID, filePath, line))
    }

    public func apply(to service: inout ServiceDescription) { service.volumes.append(description) }
}

/// Keys of a ConfigMap the team manages (not infragen's own, which holds `ConfigFile`s) as read-only files (owner and
/// group read only), each named like its key:
/// `ConfigMapFiles("nginx-conf", configMap: "edge-nginx", keys: ["nginx.conf"], at: "/etc/nginx/conf.d")`.
public struct ConfigMapFiles: ServiceComponent {
    let description: VolumeDescription

    public init(
        _ name: String, configMap: String, keys: [String], at path: String,
        fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line
    ) {
        description = VolumeDescription(
            name: name, mountPath: path, source: .configMapFiles(configMap: configMap, keys: keys),
            location: SourceLocation(fileID, filePath, line))
    }

    public func apply(to service: inout ServiceDescription) { service.volumes.append(description) }
}

/// An existing PersistentVolumeClaim, mounted writable: `PersistentVolume("data", claim: "uploads", at: "/data")`.
public struct PersistentVolume: ServiceComponent {
    let description: VolumeDescription

    public init(
        _ name: String, claim: String, at path: String,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        description = VolumeDescription(
            name: name, mountPath: path, source: .claim(claim), location: SourceLocation(fileID, filePath, line))
    }

    public func apply(to service: inout ServiceDescription) { service.volumes.append(description) }
}

/// A projected service account token for one audience, rotated by the kubelet (the pod's default token stays off):
/// `ServiceAccountToken("vault-token", audience: "vault", at: "/var/run/secrets/vault")`.
public struct ServiceAccountToken: ServiceComponent {
    let description: VolumeDescription

    public init(
        _ name: String, audience: String, at path: String, expirationSeconds: Int = 3600,
        fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line
    ) {
        description = VolumeDescription(
            name: name, mountPath: path,
            source: .serviceAccountToken(audience: audience, expirationSeconds: expirationSeconds),
            location: SourceLocation(fileID, filePath, line))
    }

    public func apply(to service: inout ServiceDescription) { service.volumes.append(description) }
}

/// A container that runs to completion before the service's starts, in declaration order: a migration, a wait for
/// a dependency. `InitContainer("migrate", image: "registry.example.com/shop/migrate:1.2.0", command: ["/migrate",
/// "up"])`. Hardened like the service's container, with `/tmp`, and small requests and limits unless given.
public struct InitContainer: ServiceComponent {
    let description: ExtraContainerDescription

    public init(
        _ name: String, image: String, command: [String]? = nil, arguments: [String]? = nil,
        requests: (cpu: CPU, memory: DataSize) = (.millicores(50), .mebibytes(32)),
        limits: (cpu: CPU, memory: DataSize) = (.millicores(200), .mebibytes(64)),
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        description = .declared(
            .initialization, name, image, command, arguments, requests, limits, fileID, filePath, line)
    }

    public func apply(to service: inout ServiceDescription) { service.extraContainers.append(description) }
}

/// A native sidecar (Kubernetes 1.29 and later): it starts before the service's container and runs beside it, and
/// stops after it. `Sidecar("proxy", image: "registry.example.com/cloud-sql-proxy:2.11.0", arguments: ["--port",
/// "5432", "project:region:db"])`.
public struct Sidecar: ServiceComponent {
    let description: ExtraContainerDescription

    public init(
        _ name: String, image: String, command: [String]? = nil, arguments: [String]? = nil,
        requests: (cpu: CPU, memory: DataSize) = (.millicores(50), .mebibytes(32)),
        limits: (cpu: CPU, memory: DataSize) = (.millicores(200), .mebibytes(64)),
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        description = .declared(.sidecar, name, image, command, arguments, requests, limits, fileID, filePath, line)
    }

    public func apply(to service: inout ServiceDescription) { service.extraContainers.append(description) }
}

extension ExtraContainerDescription {
    /// What `InitContainer` and `Sidecar` declare, as the model holds it.
    fileprivate static func declared(
        _ role: Role, _ name: String, _ image: String, _ command: [String]?, _ arguments: [String]?,
        _ requests: (cpu: CPU, memory: DataSize), _ limits: (cpu: CPU, memory: DataSize), _ fileID: String, _ filePath: String,
        _ line: Int
    ) -> ExtraContainerDescription {
        ExtraContainerDescription(
            role: role, name: name, image: ImageReference(image), command: command, arguments: arguments,
            cpuRequest: requests.cpu, memoryRequest: requests.memory, cpuLimit: limits.cpu, memoryLimit: limits.memory,
            location: SourceLocation(fileID, filePath, line))
    }
}
