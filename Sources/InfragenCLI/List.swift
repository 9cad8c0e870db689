import ArgumentParser
import InfragenGenerators
import InfragenModel
import InfragenRender

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List systems, their environments and services, and the files each produces.")

    @OptionGroup var selection: SelectionOptions

    @OptionGroup var packageOptions: PackageOptions

    @Flag(name: .long, help: """
        Instead, compare the services' base images: family, libc, shell, package manager and the documented \
        download and unpacked sizes, with where and when each figure was read (no network).
        """)
    var images = false

    func run() throws {
        let systems = InfragenCLI.systems
        let chosen = try selection.selection(in: systems)
        if images {
            let shown = systems.filter { chosen.systems.isEmpty || chosen.systems.contains($0.name) }
            printOut(shown.map { ImageComparison.text(for: $0.resolve()) }.joined(separator: "\n"))
            return
        }
        let pipeline = RenderPipeline(
            generators: InfragenCLI.generators, packageRoot: packageOptions.root, checksEndOfLife: true)
        let result = try pipeline.render(systems, selection: chosen)
        var text = ""
        for system in systems where chosen.systems.isEmpty || chosen.systems.contains(system.name) {
            text += "system \(system.name)\(system.summary.map { ": \($0)" } ?? "")\n"
            text += "  environments: \(system.environments.map(\.environment.name).joined(separator: ", "))\n"
            text += "  services: \(system.services.map(\.name).joined(separator: ", "))\n"
            if !system.externalServices.isEmpty {
                text += "  external services (SLO rules only): "
                    + "\(system.externalServices.map(\.name).joined(separator: ", "))\n"
            }
            if let plan = result.plan {
                text += "  files:\n"
                for file in plan.files where file.system == system.name { text += "    \(file.path)\n" }
            }
        }
        printOut(text)
        report(result.diagnostics)
        if result.plan == nil { throw ExitCode(1) }
    }
}

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate the blueprints and report every problem; writes nothing.",
        discussion: """
            --system and --environment validate only what they select, --only only the checks of those kinds of \
            file (the model's own checks always run); the checks of the whole catalog, such as two systems of one \
            name, see every system.
            """)

    @OptionGroup var selection: SelectionOptions

    @OptionGroup var packageOptions: PackageOptions

    func run() throws {
        let systems = InfragenCLI.systems
        let chosen = try selection.selection(in: systems)
        let diagnostics = Self.validate(systems, chosen, packageRoot: packageOptions.root)
        report(diagnostics)
        if diagnostics.hasErrors { throw ExitCode(1) }
        let count = systems.filter { chosen.systems.isEmpty || chosen.systems.contains($0.name) }.count
        printOut("\(count) system\(count == 1 ? "" : "s") checked: no errors"
            + (diagnostics.isEmpty ? "" : ", \(diagnostics.count) warning\(diagnostics.count == 1 ? "" : "s")") + "\n")
    }

    /// The selected systems through the selected generators' checks, and every system through the catalog's checks.
    /// An unselected system takes part only as a stand-in with its name and place, whose own findings (no
    /// environments, no services) are taken out again; a finding in an unselected environment is left out.
    static func validate(_ systems: [SystemDescription], _ chosen: RenderSelection, packageRoot: String?) -> [Diagnostic] {
        var standIns: [Diagnostic: Int] = [:]
        let validated = systems.map { system -> SystemDescription in
            guard !chosen.systems.isEmpty, !chosen.systems.contains(system.name) else { return system }
            let standIn = SystemDescription(name: system.name, location: system.location)
            for diagnostic in standIn.validate() { standIns[diagnostic, default: 0] += 1 }
            return standIn
        }
        let diagnostics = RenderPipeline(generators: InfragenCLI.generators, packageRoot: packageRoot, checksEndOfLife: true)
            .validate(validated, kinds: chosen.kinds)
        return diagnostics.filter { diagnostic in
            if let count = standIns[diagnostic], count > 0 {
                standIns[diagnostic] = count - 1
                return false
            }
            guard let environment = diagnostic.path.environment, !chosen.environments.isEmpty else { return true }
            return chosen.environments.contains(environment)
        }
    }
}

/// The seed's base-image comparison for `infragen list --images`: one row per service, then the sources of the sizes.
/// For an image infragen does not build it says only what the blueprint states: its own Dockerfile, or the prebuilt
/// image, and the family when given.
enum ImageComparison {
    static func text(for system: ResolvedSystem) -> String {
        var text = "system \(system.name): base images (the Dockerfile is the same in every environment)\n"
        guard let environment = system.environments.first else { return text + "  no environments\n" }
        var rows = [["service", "base image", "family", "libc", "shell", "package manager", "download", "unpacked"]]
        var sources: [(String, String)] = []
        for service in environment.services {
            let facts = BaseImageFacts.facts(for: service)
            rows.append([
                service.name, image(service), family(service), facts?.libc ?? "-",
                facts.map { $0.shell.map { "yes: \($0)" } ?? "no" } ?? "-",
                facts.map { $0.packageManager ?? "none" } ?? "-",
                facts?.size?.download ?? "-", facts?.size?.unpacked ?? "-",
            ])
            let source = source(service, facts)
            if !sources.contains(where: { $0 == source }) { sources.append(source) }
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }
            text += "  " + cells.joined(separator: "  ") + "\n"
        }
        text += "  sizes for linux/amd64, as documented (\"-\": not documented or not known):\n"
        for (image, line) in sources { text += "    \(image): \(line)\n" }
        return text
    }

    private static func image(_ service: ResolvedService) -> String {
        switch service.imageSource {
        case .goBuild: service.base.reference.text
        case .dockerfile(let own): "own Dockerfile \(own.path)"
        case .prebuilt: "\(service.image.text) (prebuilt)"
        }
    }

    private static func family(_ service: ResolvedService) -> String {
        guard service.imageSource.isBuiltByInfragen else { return service.runtimeFamily?.rawValue ?? "not stated" }
        let base = service.base
        guard base.family == .distroless else { return base.family.rawValue }
        return "distroless/\((base.distrolessVariant ?? .static).rawValue)"
    }

    /// Where the row's figures come from, keyed by the image they describe.
    private static func source(_ service: ResolvedService, _ facts: BaseImageFacts?) -> (String, String) {
        let stated = service.runtimeFamily.map { "the blueprint states the family \($0.rawValue)" }
            ?? "the blueprint states no family, so nothing is known"
        switch service.imageSource {
        case .dockerfile(let own):
            return (own.path, "built from its own Dockerfile (context \(own.context)); \(stated)")
        case .goBuild, .prebuilt:
            let image = BaseImageFacts.documentedImage(of: service) ?? service.image.text
            if let size = facts?.size {
                return (image, "\(size.source), read \(size.read)" + (size.note.map { "; \($0)" } ?? ""))
            }
            if service.imageSource.isBuiltByInfragen {
                return (image, "not in infragen's table (BaseImageFacts); family facts only")
            }
            return (image, "prebuilt, not in infragen's table (BaseImageFacts); \(stated)")
        }
    }
}
