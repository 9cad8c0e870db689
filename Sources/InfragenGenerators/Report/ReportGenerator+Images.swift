import InfragenModel

extension ReportGenerator {
    /// The "Base images" section: per service the image it runs on and only what is known of it (a Go build's base;
    /// for other images, what the blueprint states), where the documented sizes come from, and how the images
    /// infragen does not build come to be.
    func baseImages(_ system: ResolvedSystem, _ doc: inout Markdown) {
        doc.heading(2, "Base images")
        let services = system.services
        doc.table(
            ["service", "runtime image", "family", "libc", "shell", "package manager", "download", "unpacked", "builder"],
            services.map { service in
                let facts = BaseImageFacts.facts(for: service)
                return [
                    service.name, Self.runtimeImage(service), service.runtimeFamily?.rawValue ?? "-",
                    facts?.libc ?? "-", facts.map { $0.shell ?? "none" } ?? "-",
                    facts.map { $0.packageManager ?? "none" } ?? "-",
                    facts?.size?.download ?? "-", facts?.size?.unpacked ?? "-", Self.builder(service),
                ]
            })
        var sources: [String] = []
        for service in services {
            guard let image = BaseImageFacts.documentedImage(of: service),
                  let size = BaseImageFacts.facts(for: service)?.size else { continue }
            let line = "\(image): \(size.source), read \(size.read)" + (size.note.map { "; \($0)" } ?? "")
            if !sources.contains(line) { sources.append(line) }
        }
        if !sources.isEmpty {
            doc.paragraph("Sizes for linux/amd64 as their publishers document them (\"-\": not documented), not measured here:")
            doc.list(sources.map { Markdown.inline($0) })
        }
        let others = services.filter { !$0.imageSource.isBuiltByInfragen }
        guard !others.isEmpty else { return }
        doc.paragraph(
            "Images infragen does not build (no Dockerfile in docker/). The table shows of them only what the "
                + "blueprint states (\"-\": not known), and each pod runs as the numeric user given here, over the "
                + "image's own USER (RunAs changes it):")
        // Each environment's services by name, once: a search per service would grow with N².
        let environments = system.environments.map { environment in
            (environment.name,
             Dictionary(environment.services.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first }))
        }
        doc.list(others.map { service in
            Self.origin(service, in: environments.compactMap { name, services in
                services[service.name].map { (name, $0) }
            })
        })
    }

    /// `` `alpine:3.19` ``, `built from its own Dockerfile`, or `` `redis:7.2-alpine` (prebuilt) ``.
    private static func runtimeImage(_ service: ResolvedService) -> String {
        switch service.imageSource {
        case .goBuild: Markdown.rawCell(Markdown.code(service.base.reference.text))
        case .dockerfile: "built from its own Dockerfile"
        case .prebuilt: Markdown.rawCell(Markdown.code(service.image.text) + " (prebuilt)")
        }
    }

    /// The Go builder image, the team's Dockerfile, or `none: prebuilt`.
    private static func builder(_ service: ResolvedService) -> String {
        switch service.imageSource {
        case .goBuild: Markdown.rawCell(Markdown.code(service.builderImage.text))
        case .dockerfile(let own): Markdown.rawCell(Markdown.code(own.path))
        case .prebuilt: "none: prebuilt"
        }
    }

    /// One line on how the image of a service infragen does not build comes to be, the image each environment runs
    /// (the canary's too) and the user it runs as.
    private static func origin(_ service: ResolvedService, in environments: [(String, ResolvedService)]) -> String {
        let user = "Runs as user \(service.security.runAsUser), group \(service.security.runAsGroup)."
        let name = Markdown.inline(service.name)
        switch service.imageSource {
        case .goBuild:
            return name
        case .dockerfile(let own):
            let build = "docker build -f \(own.path) -t \(service.image.repository):<tag> \(own.context)"
            let tags = perEnvironment(environments.map { ($0.0, $0.1.imageTag) })
            let canaries = environments.compactMap { name, running -> (String, String)? in
                guard let canary = running.canary, canary.imageTag != running.imageTag else { return nil }
                return (name, canary.imageTag)
            }
            let canary = canaries.isEmpty ? "" : ", and for the canary \(perEnvironment(canaries, always: true))"
            return "\(name): built from its own Dockerfile by your pipeline, \(Markdown.code(build)), "
                + "tagged \(tags)\(canary). \(user)"
        case .prebuilt:
            let references = perEnvironment(environments.map { ($0.0, $0.1.image.text) }, code: true)
            return "\(name): runs the prebuilt image \(references) as it is. \(user)"
        }
    }

    /// `value` when every environment has it (unless `always` names them), else `a in dev and staging, b in prod`.
    private static func perEnvironment(
        _ values: [(String, String)], code: Bool = false, always: Bool = false
    ) -> String {
        let show = { (value: String) in code ? Markdown.code(value) : Markdown.inline(value) }
        var order: [String] = []
        var environments: [String: [String]] = [:]
        for (environment, value) in values {
            if environments[value] == nil { order.append(value) }
            environments[value, default: []].append(Markdown.inline(environment))
        }
        guard order.count > 1 || always else { return order.first.map(show) ?? "-" }
        return order.map { "\(show($0)) in \(environments[$0, default: []].joined(separator: " and "))" }
            .joined(separator: ", ")
    }
}
