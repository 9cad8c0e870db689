/// A volume mounted into the service's container, beside `/tmp` and the config files.
public struct VolumeDescription: Sendable, Hashable, Codable {
    public enum Source: Sendable, Hashable, Codable {
        /// An `emptyDir`: scratch space for the pod's life, on the node's disk or in memory (counted against the
        /// memory limit), at most `size`.
        case scratch(size: DataSize, inMemory: Bool)
        /// Keys of a Kubernetes Secret as files, read-only (owner-read only), rather than environment variables.
        case secretFiles(secret: String, keys: [String])
        /// Keys of a ConfigMap the team manages (not infragen's own `<service>-config-<hash>`) as files, read-only
        /// (owner and group read only), e.g. a web server's configuration.
        case configMapFiles(configMap: String, keys: [String])
        /// An existing PersistentVolumeClaim.
        case claim(String)
        /// A projected service account token for `audience` (Vault, a cloud's workload identity), rotated by the
        /// kubelet, valid `expirationSeconds`.
        case serviceAccountToken(audience: String, expirationSeconds: Int)
        /// A claim per pod of a StatefulSet, from its `volumeClaimTemplates` (`VolumeClaim`).
        case claimTemplate(VolumeClaimDescription)
    }

    /// The volume's name in the pod.
    public var name: String
    /// An absolute path in the container.
    public var mountPath: String
    public var source: Source
    public var location: SourceLocation

    public init(name: String, mountPath: String, source: Source, location: SourceLocation) {
        self.name = name
        self.mountPath = mountPath
        self.source = source
        self.location = location
    }

    /// Whether the container may write to it.
    public var isWritable: Bool {
        switch source {
        case .scratch, .claim, .claimTemplate: true
        case .secretFiles, .configMapFiles, .serviceAccountToken: false
        }
    }
}

extension SystemDescription {
    func checkVolumes(_ service: ServiceDescription, _ path: DiagnosticPath, _ c: inout DiagnosticCollector) {
        var names: [String: SourceLocation] = ["tmp": service.location]
        for volume in service.volumes {
            let field = "volumes[\(volume.name)]"
            if !TextRules.isDNSLabel(volume.name) || volume.name == "tmp" || volume.name.hasPrefix("config") {
                c.error(path, field: field, "\(volume.name.quoted) cannot name a volume",
                        hint: "use lower-case letters, digits and '-' (tmp and config… are infragen's)", at: volume.location)
            } else if let earlier = names[volume.name], volume.name != "tmp" {
                c.error(path, field: field, "the volume \(volume.name.quoted) is declared again (first at \(earlier))",
                        hint: "give each volume its own name", at: volume.location)
            }
            names[volume.name] = names[volume.name] ?? volume.location
            let mount = volume.mountPath
            if !mount.hasPrefix("/") || !TextRules.isSingleLineText(mount) || mount.contains("/../") || mount.hasSuffix("/..")
                || mount.contains(":") {
                c.error(path, field: "\(field).mountPath", "\(mount.quoted) is not an absolute path",
                        hint: "write it from the root, e.g. /var/lib/\(service.name)", at: volume.location)
            } else if mount == "/" || mount == "/tmp" || mount.hasPrefix("/tmp/") {
                c.error(path, field: "\(field).mountPath", "\(mount) is the root or the writable /tmp volume",
                        hint: "mount it in a folder of its own, e.g. /var/lib/\(service.name)", at: volume.location)
            } else if imageIsBuiltByInfragen(service), let conflict = ImageLayout.conflictWithBinary(mountedAt: mount) {
                c.error(path, field: "\(field).mountPath", conflict,
                        hint: "mount it in a folder of its own, e.g. /var/lib/\(service.name)", at: volume.location)
            }
            switch volume.source {
            case .scratch(let size, _):
                if size.bytes <= 0 || size > .gibibytes(1024) {
                    c.error(path, field: "\(field).size", "a scratch volume of \(size) is not a size to use",
                            hint: "give it a positive size up to 1Ti, e.g. .mebibytes(256)", at: volume.location)
                }
            case .secretFiles(let secret, let keys):
                c.check(secret, is: .secret, path, field: "\(field).secret", at: volume.location)
                checkKeys(keys, of: "Secret", example: "[\"tls.crt\", \"tls.key\"]", rule: .secretKey, volume, path, &c)
            case .configMapFiles(let configMap, let keys):
                if c.check(configMap, is: .configMap, path, field: "\(field).configMap", at: volume.location),
                   let owner = services.first(where: { configMap.hasPrefix("\($0.name)-config") }) {
                    c.error(path, field: "\(field).configMap",
                            "\(configMap.quoted) is named like infragen's own ConfigMap of \(owner.name.quoted)",
                            hint: "infragen names a service's ConfigMap '<service>-config-<hash>'; "
                                + "name the team's otherwise", at: volume.location)
                }
                checkKeys(keys, of: "ConfigMap", example: "[\"nginx.conf\"]", rule: .configMapKey, volume, path, &c)
            case .claim(let claim):
                if !TextRules.isDNSSubdomain(claim) {
                    c.error(path, field: "\(field).claim", "\(claim.quoted) is not a PersistentVolumeClaim name",
                            hint: "use lower-case letters, digits, '-' and '.'", at: volume.location)
                }
            case .claimTemplate(let claim):
                if case .statefulSet = service.workload {} else {
                    c.error(path, field: field, "a VolumeClaim gives each pod of a StatefulSet a volume of its own, "
                                + "and \(service.name) runs as a \(service.workload.kindName)",
                            hint: "declare StatefulSet(), or mount a claim the pods share with PersistentVolume(_:claim:at:)",
                            at: volume.location)
                }
                if claim.size.bytes <= 0 || claim.size > .tebibytes(64) {
                    c.error(path, field: "\(field).size", "a claim of \(claim.size) is not a size to ask for",
                            hint: "give it a positive size up to 64Ti, e.g. .gibibytes(10)", at: volume.location)
                }
                if let storageClass = claim.storageClass, !TextRules.isDNSSubdomain(storageClass) {
                    c.error(path, field: "\(field).storageClass", "\(storageClass.quoted) is not a StorageClass name",
                            hint: "use lower-case letters, digits, '-' and '.', or leave it out for the cluster's default",
                            at: volume.location)
                }
            case .serviceAccountToken(let audience, let seconds):
                if audience.isEmpty || !TextRules.isSingleLineText(audience) || audience.contains(" ") {
                    c.error(path, field: "\(field).audience", "\(audience.quoted) is not a token audience",
                            hint: "name the audience the token is for, e.g. vault", at: volume.location)
                }
                if !(600...86_400 * 2).contains(seconds) {
                    c.error(path, field: "\(field).expirationSeconds", "\(seconds) s is outside 600 s-48 h",
                            hint: "Kubernetes refuses tokens under 10 minutes; e.g. 3600", at: volume.location)
                }
            }
        }
        // Mounts inside each other: the outer one would hide the inner one's files, or the other way round.
        let mounts = service.volumes.map { (path: $0.mountPath, at: $0.location) }
            + service.configFiles.map { (path: $0.mountDirectory, at: $0.location) }
        for (index, volume) in service.volumes.enumerated() {
            let path_ = volume.mountPath
            // Each pair once: against the volumes before it and every config folder.
            for (other, otherIndex) in zip(mounts, mounts.indices) where otherIndex < index || otherIndex >= service.volumes.count {
                let o = other.path.hasSuffix("/") && other.path.count > 1 ? String(other.path.dropLast()) : other.path
                if o == path_ || o.hasPrefix(path_ + "/") || path_.hasPrefix(o + "/") {
                    c.error(path, field: "volumes[\(volume.name)].mountPath",
                            "\(path_) and \(o) (at \(other.at)) are the same folder or one inside the other",
                            hint: "mount each volume in a folder of its own, side by side", at: volume.location)
                    break
                }
            }
        }
    }

    /// The keys a volume mounts as files of the same name: at least one, each a valid key and a file name the
    /// kubelet accepts (not starting with `..`), none named twice.
    private func checkKeys(
        _ keys: [String], of kind: String, example: String, rule: NameRule, _ volume: VolumeDescription,
        _ path: DiagnosticPath, _ c: inout DiagnosticCollector
    ) {
        let field = "volumes[\(volume.name)].keys"
        if keys.isEmpty {
            c.error(path, field: field, "no keys are named",
                    hint: "name the \(kind)'s keys to mount, e.g. keys: \(example)", at: volume.location)
        }
        var seen: Set<String> = []
        for key in keys where c.check(key, is: rule, path, field: field, at: volume.location) {
            if key.hasPrefix("..") {
                c.error(path, field: field, "the key \(key.quoted) would be a mounted file name starting with '..'",
                        hint: "Kubernetes keeps those names for its own bookkeeping; rename the key",
                        at: volume.location)
            } else if !seen.insert(key).inserted {
                c.error(path, field: field, "the key \(key.quoted) is named twice, and each key is one file",
                        hint: "name each key once", at: volume.location)
            }
        }
    }
}
