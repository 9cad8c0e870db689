import InfragenModel

/// The data of a service's ConfigMap (its `Env(_:config:)` values and its config files) and the name that carries
/// a hash of it, so that a change of content is a new ConfigMap, a changed pod template and a rollout.
///
/// `name = <service>-config-<hash8>`, where hash8 is the first 8 hex digits of the SHA-256 of the canonical form:
/// for every key in UTF-8 byte order, `key \n byte-length-of-value \n value \n`. The length prefix keeps values
/// with line breaks unambiguous. Only the data is hashed, so equal contents get equal names.
struct ConfigMapContent {
    struct Entry {
        var key: String
        var value: String
    }

    /// The entries, sorted by key (byte order).
    let entries: [Entry]
    let name: String
    /// Where the config files are mounted.
    let mounts: [ConfigMount]

    /// The ConfigMap of a service, or nil when it has nothing to hold.
    init?(_ service: ResolvedService) {
        var entries: [Entry] = []
        for variable in EnvironmentVariables.effective(service) {
            if case .config(let value) = variable.source { entries.append(Entry(key: variable.name, value: value)) }
        }
        entries += service.configFiles.map { Entry(key: $0.name, value: $0.contents) }
        guard !entries.isEmpty else { return nil }
        self.entries = entries.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
        self.name = "\(service.name)-config-\(Self.hash(self.entries))"
        self.mounts = ConfigMount.all(service)
    }

    /// The first 8 hex digits of the SHA-256 of the canonical form.
    static func hash(_ entries: [Entry]) -> String {
        var canonical: [UInt8] = []
        for entry in entries {
            canonical += Array(entry.key.utf8) + [0x0a]
            canonical += Array(String(entry.value.utf8.count).utf8) + [0x0a]
            canonical += Array(entry.value.utf8) + [0x0a]
        }
        return String(SHA256.hex(canonical).prefix(8))
    }

    /// The bytes Kubernetes counts against a ConfigMap's 1 MiB limit (keys and values).
    var size: Int { entries.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count } }
}
