/// The environment that holds a Go program to its container's limits. Before Go 1.25 the scheduler runs as many
/// threads as the node has cores, whatever the CPU quota (the quota then throttles it), and without a memory limit
/// the garbage collector lets the heap grow until the kernel kills the process.
public enum GoRuntimeLimits {
    /// The share of the memory limit given to `GOMEMLIMIT`: the rest is for what the Go runtime does not count
    /// (stacks of cgo threads, the binary's own pages, buffers of the kernel charged to the container).
    public static let memoryLimitPercent: Int64 = 90

    /// `GOMEMLIMIT` for a memory limit: 90 % of it, rounded down to whole MiB (`230MiB` for 256Mi), or to bytes below
    /// 1 MiB, in a form Go's runtime reads (an integer with the suffix `B`, `KiB`, `MiB` or `GiB`).
    public static func memoryLimit(for limit: DataSize) -> String {
        let bytes = limit.bytes / 100 * memoryLimitPercent + limit.bytes % 100 * memoryLimitPercent / 100
        let mebibyte: Int64 = 1 << 20
        return bytes >= mebibyte ? "\(bytes / mebibyte)MiB" : "\(bytes)B"
    }

    /// The variables resolution adds to a service infragen builds, where the blueprint sets neither name itself (in
    /// any layer, from any source): `GOMEMLIMIT` as a literal and `GOMAXPROCS` from `limits.cpu` through the
    /// downward API, which rounds the limit up to whole cores. Each is located where the limit it follows is set.
    static func variables(
        memoryLimit: DataSize, memoryLimitAt memoryLocation: SourceLocation, cpuLimitAt cpuLocation: SourceLocation,
        declared: [EnvironmentVariable]
    ) -> [EnvironmentVariable] {
        let names = Set(declared.map(\.name))
        var added: [EnvironmentVariable] = []
        if !names.contains("GOMEMLIMIT") {
            added.append(EnvironmentVariable(
                name: "GOMEMLIMIT", source: .literal(self.memoryLimit(for: memoryLimit)), location: memoryLocation))
        }
        if !names.contains("GOMAXPROCS") {
            added.append(EnvironmentVariable(name: "GOMAXPROCS", source: .resource(.cpuLimit), location: cpuLocation))
        }
        return added
    }
}
