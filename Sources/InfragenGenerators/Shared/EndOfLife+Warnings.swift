public import InfragenModel

extension EndOfLife {
    /// A warning for each runtime base past its end of life, each Go version past it, and a gateway image past it,
    /// at the line that chose it and acknowledgeable there (`.endOfLifeImage`, `.endOfLifeGo`): the image still
    /// builds and runs, but gets no more security fixes. Per service (not per environment: the build is the same in
    /// every one) and once for the gateway. The CLI's commands run this check (``RenderPipeline``'s
    /// `checksEndOfLife`).
    public static func warnings(_ system: ResolvedSystem) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for service in system.services where service.imageSource.isBuiltByInfragen {
            let path = DiagnosticPath(system: system.name, service: service.name)
            let base = service.base
            if base.family != .scratch, let day = ofImage(base.reference.text) {
                diagnostics.append(.warning(
                    path, field: "base",
                    "the runtime base \(base.reference.text) is past its end of life (since \(day)): it gets no more "
                        + "security fixes",
                    hint: "move to a supported release of the image", at: service.location(of: .base),
                    code: .endOfLifeImage))
            }
            let builder = service.builderImage.text
            if let version = GoReleases.version(ofBuilder: builder) ?? Optional(service.goVersion),
               let day = GoReleases.endOfLife(of: version) {
                diagnostics.append(.warning(
                    path, field: "go.version",
                    "Go \(version) (\(builder)) is past its end of life (since \(day)): it gets no more security fixes",
                    hint: "move to a supported Go release (the two newest are supported)",
                    at: service.location(of: .goVersion), code: .endOfLifeGo))
            }
        }
        let gateway = system.gateway
        if system.environments.contains(where: { !$0.routedServices.isEmpty }), let day = ofImage(gateway.image) {
            let chosen = gateway.location(of: "deployment.image")
            diagnostics.append(.warning(
                DiagnosticPath(system: system.name), field: "gateway.image",
                "the gateway's image \(gateway.image) is past its end of life (since \(day)): it gets no more security fixes",
                hint: "target a maintained nginx branch (NginxVersion) or name a maintained image (GatewayImage)",
                at: chosen == gateway.declaredAt ? gateway.location(of: "nginxVersion") : chosen, code: .endOfLifeImage))
        }
        return diagnostics
    }

    /// The warning codes of ``warnings(_:)``.
    public static let warningCodes: Set<WarningCode> = [.endOfLifeGo, .endOfLifeImage]
}
