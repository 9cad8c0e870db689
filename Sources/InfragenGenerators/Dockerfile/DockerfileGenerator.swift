public import InfragenModel

/// A Dockerfile and its ignore file per service whose image infragen builds (a Go build), the same for every
/// environment:
///
///     <system>/docker/<service>/Dockerfile
///     <system>/docker/<service>/Dockerfile.dockerignore
///
/// Built with `docker build -f Output/<system>/docker/<service>/Dockerfile <service source dir>`; BuildKit reads the
/// ignore file beside the Dockerfile (`<Dockerfile>.dockerignore`), because a `.dockerignore` is only looked for in
/// the build context.
public struct DockerfileGenerator: Generator {
    public let kind = ArtifactKind.dockerfile
    public let folders = [folder]
    static let folder = OutputFolder.inSystem("docker")

    public init() {}

    public func validate(_ system: ResolvedSystem) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        guard let first = system.environments.first else { return [] }
        // Each other environment's services by name, once (a search per service would grow with N²).
        let others = system.environments.dropFirst().map { environment in
            (environment, Dictionary(environment.services.indices.map { (environment.services[$0].name, $0) },
                                     uniquingKeysWith: { first, _ in first }))
        }
        // A service whose image the team's own Dockerfile or someone else builds gets no Dockerfile to check.
        for service in first.services where service.imageSource.isBuiltByInfragen {
            let path = DiagnosticPath(system: system.name, service: service.name)
            diagnostics += checkSourceRepository(service, path)
            for (environment, positions) in others {
                guard let position = positions[service.name] else { continue }
                diagnostics += checkSameImage(service, in: first.name, as: environment.services[position],
                                              in: environment.name, system: system.name)
            }
        }
        return diagnostics
    }

    /// The service's Dockerfile and its ignore file, once for every environment (``validate(_:)`` holds that what
    /// they bake in is the same everywhere); none for an image infragen does not build.
    public func files(service: ResolvedService, system: ResolvedSystem, cache: GenerationCache) throws
        -> [GeneratedFile] {
        guard service.imageSource.isBuiltByInfragen else { return [] }
        let folder = "\(Self.folder.path(system: system.name))/\(service.name)"
        let header = FileHeader.hash(source: service.declaredAt, system: system.name, command: system.command)
        let dockerfile = try DockerfilePrinter.print(ServiceDockerfile(service).document, header: header)
        return [
            GeneratedFile(path: "\(folder)/Dockerfile", contents: dockerfile, kind: kind, system: system.name,
                          environment: nil),
            GeneratedFile(path: "\(folder)/Dockerfile.dockerignore", contents: header + DockerIgnore.contents,
                          kind: kind, system: system.name, environment: nil),
        ]
    }

    // MARK: - Checks only the Dockerfile needs

    /// The labels `org.opencontainers.image.source` and `.licenses` need a repository and its license (their form
    /// is the model's rule, checked where the blueprint declares them).
    private func checkSourceRepository(_ service: ResolvedService, _ path: DiagnosticPath) -> [Diagnostic] {
        guard service.sourceRepository == nil else { return [] }
        return [.error(
            path, field: "sourceRepository",
            "the image labels need the source repository and its license, and the blueprint names neither",
            hint: "add SourceRepository(\"https://git.example.com/\(service.system)\", license: \"Apache-2.0\") to the system or the service",
            at: service.declaredAt)]
    }

    /// One Dockerfile serves every environment, so what it bakes in must not differ between them.
    private func checkSameImage(
        _ service: ResolvedService, in firstName: String, as other: ResolvedService, in otherName: String, system: String
    ) -> [Diagnostic] {
        let path = DiagnosticPath(system: system, environment: otherName, service: service.name)
        let hint = "the Dockerfile is the same in every environment: set it in the system's Defaults or the service, "
            + "not per environment"
        var diagnostics: [Diagnostic] = []
        if other.builderImage != service.builderImage {
            diagnostics.append(.error(
                path, field: "builder",
                "the builder image \(other.builderImage) differs from \(service.builderImage) in \(firstName)",
                hint: hint, at: other.settings.location(of: .builderImage) ?? other.location(of: .goVersion)))
        }
        if other.base != service.base {
            diagnostics.append(.error(
                path, field: "base", "the base image \(other.base) differs from \(service.base) in \(firstName)",
                hint: hint, at: other.location(of: .base)))
        }
        if (other.security.runAsUser, other.security.runAsGroup) != (service.security.runAsUser, service.security.runAsGroup) {
            diagnostics.append(.error(
                path, field: "security.runAsUser",
                "the user \(other.security.runAsUser):\(other.security.runAsGroup) differs from the image's USER "
                    + "\(service.security.runAsUser):\(service.security.runAsGroup) in \(firstName)",
                hint: hint, at: other.location(of: .security)))
        }
        return diagnostics
    }
}
