/// Scratch space beside `/tmp`: `ScratchVolume("cache", at: "/var/cache/nginx", size: .mebibytes(256))`, on the
/// node's disk, or in memory with `inMemory: true` (counted against the memory limit).
public struct ScratchVolume: ServiceComponent {
    let description: VolumeDescription

    public init(
        _ name: String, at path: String, size: DataSize, inMemory: Bool = false, fileID: String = #fileID,
        line: Int = #line
    ) {
        description = VolumeDescription(
            name: name, mountPath: path, source: .scratch(size: size, inMemory: inMemory),
            location: SourceLocation(fileID, line))
    }

    public func apply(to service: inout ServiceDescription) { service.volumes.append(description) }
}

/// Keys of a Secret as read-only files (owner-read only), rather than environment variables:
/// `SecretFiles("tls", secret: "api-tls", keys: ["tls.crt", "tls.key"], at: "/etc/api/tls")`.
public struct SecretFiles: ServiceComponent {
    let description: VolumeDescription

    public init(
        _ name: String, secret: String, keys: [String], at path: String, fileID: String = #fileID, line: Int = #line
    ) {
        description = VolumeDescription(
            name: name, mountPath: path, source: .secretFiles(secret: secret, keys: keys),
            location: SourceLocation(fileID, line))
    }

    public func apply(to service: inout ServiceDescription) { service.volumes.append(description) }
}

/// An existing PersistentVolumeClaim, mounted writable: `PersistentVolume("data", claim: "uploads", at: "/data")`.
public struct PersistentVolume: ServiceComponent {
    let description: VolumeDescription

    public init(_ name: String, claim: String, at path: String, fileID: String = #fileID, line: Int = #line) {
        description = VolumeDescription(
            name: name, mountPath: path, source: .claim(claim), location: SourceLocation(fileID, line))
    }

    public func apply(to service: inout ServiceDescription) { service.volumes.append(description) }
}

/// A projected service account token for one audience, rotated by the kubelet (the pod's default token stays off):
/// `ServiceAccountToken("vault-token", audience: "vault", at: "/var/run/secrets/vault")`.
public struct ServiceAccountToken: ServiceComponent {
    let description: VolumeDescription

    public init(
        _ name: String, audience: String, at path: String, expirationSeconds: Int = 3600, fileID: String = #fileID,
        line: Int = #line
    ) {
        description = VolumeDescription(
            name: name, mountPath: path,
            source: .serviceAccountToken(audience: audience, expirationSeconds: expirationSeconds),
            location: SourceLocation(fileID, line))
    }

    public func apply(to service: inout ServiceDescription) { service.volumes.append(description) }
}
