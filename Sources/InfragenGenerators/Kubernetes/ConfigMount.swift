import InfragenModel

/// A directory the service's config files are mounted in, read-only: one volume of the ConfigMap per directory,
/// holding the files mounted there.
struct ConfigMount {
    var volume: String
    var directory: String
    var files: [String]

    /// The config files grouped by the directory they are mounted in, in the order of their first files; the volume
    /// is `config`, or `config-1`, `config-2` … when there are several.
    static func all(_ service: ResolvedService) -> [ConfigMount] {
        var groups: [(directory: String, files: [String])] = []
        var positions: [String: Int] = [:]
        for file in service.configFiles {
            let directory = mountPath(file.mountDirectory)
            if let position = positions[directory] {
                groups[position].files.append(file.name)
            } else {
                positions[directory] = groups.count
                groups.append((directory, [file.name]))
            }
        }
        return groups.enumerated().map { index, group in
            ConfigMount(
                volume: groups.count == 1 ? "config" : "config-\(index + 1)",
                directory: group.directory, files: group.files)
        }
    }

    /// A mount directory without trailing slashes, so that `/etc/app/` and `/etc/app` are one mount.
    static func mountPath(_ directory: String) -> String {
        var path = Substring(directory)
        while path.count > 1 && path.hasSuffix("/") { path = path.dropLast() }
        return String(path)
    }
}
