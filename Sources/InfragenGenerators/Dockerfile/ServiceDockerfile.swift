import InfragenModel

/// The Dockerfile of one service: a build stage on the blueprint's Go image that cross-compiles a static binary, and
/// a runtime stage shaped by the base image's family.
struct ServiceDockerfile {
    let service: ResolvedService

    init(_ service: ResolvedService) { self.service = service }

    /// Where the binary is built; it runs from ``ImageLayout/binary``.
    static let buildOutput = "/out/server"
    /// Fixed module and build cache locations, whatever the builder image's defaults are (golang:* uses GOPATH=/go,
    /// Debian's golang-go $HOME/go), so that the cache mounts always match.
    static let moduleCache = "/go/pkg/mod"
    static let buildCache = "/root/.cache/go-build"
    static let cacheMounts = [moduleCache, buildCache].map { "type=cache,target=\($0)" }

    var base: BaseImage { service.base }
    var user: String { "\(service.security.runAsUser):\(service.security.runAsGroup)" }

    var document: Dockerfile {
        var file = Dockerfile()
        imageArguments(&file)
        file.blank()
        buildStage(&file)
        file.blank()
        runtimeStage(&file)
        return file
    }

    // MARK: - Image references

    /// Repository, tag and digest as build arguments with the blueprint's values as defaults, so a mirror can
    /// substitute them; separate so that every FROM visibly carries a tag (linters skip a FROM that is one variable).
    private func imageArguments(_ file: inout Dockerfile) {
        var images = [("BUILDER", service.builderImage)]
        if base.family != .scratch { images.append(("RUNTIME", base.reference)) }
        file.comment(
            "Build: docker build -f <this file> <the service's source folder>",
            "The images are build arguments, so a mirror can replace them without editing this file:")
        for (prefix, image) in images {
            let names = ["\(prefix)_IMAGE", "\(prefix)_TAG"] + (image.digest == nil ? [] : ["\(prefix)_DIGEST"])
            file.comment("  " + names.map { "--build-arg \($0)=..." }.joined(separator: " "))
        }
        file.comment("(repository and tag are separate so that every FROM names its tag).")
        for (prefix, image) in images { arguments(for: image, prefix: prefix, &file) }
    }

    private func arguments(for image: ImageReference, prefix: String, _ file: inout Dockerfile) {
        file.add(.arg("\(prefix)_IMAGE", default: image.repository))
        file.add(.arg("\(prefix)_TAG", default: image.tag))
        if let digest = image.digest { file.add(.arg("\(prefix)_DIGEST", default: digest)) }
    }

    private func fromReference(prefix: String, _ image: ImageReference) -> String {
        "${\(prefix)_IMAGE}:${\(prefix)_TAG}" + (image.digest == nil ? "" : "@${\(prefix)_DIGEST}")
    }

    // MARK: - Build stage

    private func buildStage(_ file: inout Dockerfile) {
        file.comment("---- build stage: runs on the build host's platform and cross-compiles for the target platform ----")
        file.add(.from(
            image: fromReference(prefix: "BUILDER", service.builderImage), platform: "$BUILDPLATFORM", stage: "build"))
        file.add(.args(["TARGETOS", "TARGETARCH"]))
        file.comment(
            "Fixed cache locations, whatever the builder image's defaults are",
            "(golang:* images: GOPATH=/go; Debian's golang-go: GOPATH=$HOME/go), so the cache mounts below always match.")
        file.add(.env([.init("GOMODCACHE", Self.moduleCache), .init("GOCACHE", Self.buildCache)]))

        let module = Self.normalizedModule(service.build.moduleDirectory)
        if module == "." {
            file.add(.workdir("/src"))
            file.add(.copy(sources: ["go.mod", "go.sum"], destination: "./", from: nil, chmod: nil))
        } else {
            file.add(.workdir("/src/\(module)"))
            file.add(.copy(sources: ["\(module)/go.mod", "\(module)/go.sum"], destination: "./", from: nil, chmod: nil))
        }
        file.comment("Dependencies first: this layer is rebuilt only when go.mod or go.sum change.")
        file.add(.run(mounts: Self.cacheMounts, lines: ["go mod download"]))
        file.add(.copy(sources: ["."], destination: module == "." ? "." : "/src/", from: nil, chmod: nil))

        let build = service.build
        var ldflags = ["-s", "-w"]
        if let variable = build.versionVariable { ldflags.append("-X \(variable)=${VERSION}") }
        if let variable = build.commitVariable { ldflags.append("-X \(variable)=${REVISION}") }
        if build.versionVariable != nil || build.commitVariable != nil {
            file.comment("After the download step, so that a new version does not invalidate it.")
            versionArguments(&file)
        }
        var flags = "go build -trimpath"
        if base.family == .scratch {
            // scratch has no /usr/share/zoneinfo: Go embeds the time zone database instead (about 450 kB).
            flags += " -tags timetzdata"
        }
        file.add(.run(mounts: Self.cacheMounts, lines: [
            "CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH",
            "\(flags) -ldflags \"\(ldflags.joined(separator: " "))\"",
            "-o \(Self.buildOutput) \(Self.normalizedPackage(build.mainPackage))",
        ]))
        if base.family == .scratch { scratchFiles(&file) }
    }

    /// passwd and group for the numeric user, made in the build stage so that any builder image works.
    private func scratchFiles(_ file: inout Dockerfile) {
        let uid = service.security.runAsUser, gid = service.security.runAsGroup
        file.comment(
            "Files the scratch image needs, made without a package manager so that any Go builder image works",
            "(golang:*-alpine and golang:*-bookworm both ship /etc/ssl/certs/ca-certificates.crt).",
            "Time zones are built into the binary (-tags timetzdata): golang:*-alpine has no /usr/share/zoneinfo,",
            "Debian's golang-go no $GOROOT/lib/time/zoneinfo.zip.")
        file.add(.run(mounts: [], lines: [
            "mkdir -p /out/etc",
            "&& printf 'app:x:\(uid):\(gid):app:/nonexistent:/sbin/nologin\\n' > /out/etc/passwd",
            "&& printf 'app:x:\(gid):\\n' > /out/etc/group",
        ]))
    }

    private func versionArguments(_ file: inout Dockerfile) {
        file.add(.arg("VERSION", default: "0.0.0-dev"))
        file.add(.arg("REVISION", default: "unknown"))
    }

    // MARK: - Runtime stage

    private func runtimeStage(_ file: inout Dockerfile) {
        switch base.family {
        case .scratch:
            file.comment("---- runtime stage: an empty image, no shell, no package manager ----")
            file.add(.from(image: "scratch", platform: nil, stage: nil))
            file.add(.copy(
                sources: ["/etc/ssl/certs/ca-certificates.crt"], destination: "/etc/ssl/certs/ca-certificates.crt",
                from: "build", chmod: nil))
            file.add(.copy(sources: ["/out/etc/passwd", "/out/etc/group"], destination: "/etc/", from: "build", chmod: nil))
        case .distroless:
            file.comment("---- runtime stage ----")
            file.add(.from(image: fromReference(prefix: "RUNTIME", base.reference), platform: nil, stage: nil))
            let variant = base.distrolessVariant ?? .static
            let contents = variant == .static
                ? "CA certificates, tzdata, /tmp and the user nonroot (65532:65532)"
                : "glibc, OpenSSL, CA certificates, tzdata, /tmp and the user nonroot (65532:65532)"
            file.comment("distroless/\(variant.rawValue) already has \(contents);", "it has no shell, so no RUN.")
        case .alpine, .debian, .ubuntu:
            file.comment("---- runtime stage ----")
            file.add(.from(image: fromReference(prefix: "RUNTIME", base.reference), platform: nil, stage: nil))
            packagesAndUser(&file)
        }
        file.add(.workdir(ImageLayout.binaryDirectory))
        file.comment("No --chown: the binary belongs to root, and mode 0755 lets the app user run it but not change it.")
        file.add(.copy(sources: [Self.buildOutput], destination: ImageLayout.binary, from: "build", chmod: "0755"))
        versionArguments(&file)
        file.add(.label(labels))
        file.add(.user(user))
        // EXPOSE knows TCP and UDP only; an SCTP port is documented by the Service alone.
        let ports = service.ports.compactMap { port -> String? in
            switch port.transport {
            case .tcp: "\(port.number)"
            case .udp: "\(port.number)/udp"
            case .sctp: nil
            }
        }
        if !ports.isEmpty { file.add(.expose(ports)) }
        healthcheck(&file)
        file.add(.entrypoint([ImageLayout.binary]))
    }

    private func packagesAndUser(_ file: inout Dockerfile) {
        let packages = BaseImage.runtimePackages.map { name in
            base.pinnedPackages[name].map { "\(name)=\($0)" } ?? name
        }
        let unpinned = BaseImage.runtimePackages.contains { base.pinnedPackages[$0] == nil }
        let uid = service.security.runAsUser, gid = service.security.runAsGroup
        switch base.packageManager {
        case .apk:
            if unpinned {
                file.comment("Unpinned package versions (hadolint DL3018): the base image tag is pinned; pin them with Base(…).pinning([…]).")
            }
            file.add(.run(mounts: [], lines: [
                "apk add --no-cache \(packages.joined(separator: " "))",
                "&& addgroup -S -g \(gid) app",
                "&& adduser -S -D -H -u \(uid) -G app -h /nonexistent -s /sbin/nologin app",
            ]))
        case .apt:
            if unpinned {
                file.comment("Unpinned package versions (hadolint DL3008): the base image tag is pinned; pin them with Base(…).pinning([…]).")
            }
            file.add(.run(mounts: [], lines: [
                "apt-get update",
                "&& DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \(packages.joined(separator: " "))",
                "&& rm -rf /var/lib/apt/lists/*",
                "&& groupadd --gid \(gid) app",
                "&& useradd --uid \(uid) --gid \(gid) --no-create-home --home-dir /nonexistent",
                "   --shell /usr/sbin/nologin --no-log-init app",
            ]))
        case nil:
            break
        }
    }

    private var labels: [Instruction.Label] {
        let description = service.summary ?? "\(service.name) of the \(service.system) system"
        return [
            .init("org.opencontainers.image.title", .text(service.name)),
            .init("org.opencontainers.image.description", .text(description)),
            .init("org.opencontainers.image.source", .text(service.sourceRepository?.url ?? "")),
            .init("org.opencontainers.image.licenses", .text(service.sourceRepository?.license ?? "")),
            .init("org.opencontainers.image.version", .expansion("${VERSION}")),
            .init("org.opencontainers.image.revision", .expansion("${REVISION}")),
        ]
    }

    // MARK: - Paths

    /// `.`, or the module folder without `./` and trailing `/`.
    static func normalizedModule(_ path: String) -> String {
        var path = Substring(path)
        while path.hasPrefix("./") { path = path.dropFirst(2) }
        while path.hasSuffix("/") { path = path.dropLast() }
        return path.isEmpty || path == "." ? "." : String(path)
    }

    /// A package path Go reads as a folder, not an import path: `./cmd/x`.
    static func normalizedPackage(_ path: String?) -> String {
        let module = normalizedModule(path ?? ".")
        return module == "." ? "." : "./\(module)"
    }
}
