/// Where things are in every service image infragen builds: the Dockerfile puts them there, the Kubernetes
/// generator keeps its mounts off them, and a blueprint names them instead of writing the path again:
///
/// ```swift
/// HealthCommand(ImageLayout.binary, "-healthcheck")
/// ```
public enum ImageLayout {
    /// The service's program; the image's working directory is its folder.
    public static let binary = "/app/server"

    /// The folder the binary is in: `/app`.
    public static var binaryDirectory: String { "/" + binary.split(separator: "/").dropLast().joined(separator: "/") }

    /// Why a mount at `directory` (absolute, no trailing `/`) would break the binary, or nil: it hides it when it is
    /// the binary's path or a folder above it (`/`, `/app`), and cannot be made under it (the binary is a file).
    public static func conflictWithBinary(mountedAt directory: String) -> String? {
        if directory == binary || binary.hasPrefix(directory == "/" ? "/" : directory + "/") {
            return "mounting config over \(directory) hides the service's binary \(binary)"
        }
        if directory.hasPrefix(binary + "/") {
            return "\(directory) lies under the service's binary \(binary), which is a file"
        }
        return nil
    }
}
