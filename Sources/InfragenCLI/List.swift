import ArgumentParser
import InfragenGenerators
import InfragenModel
import InfragenRender

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List systems, their environments and services, and the files each produces.")

    @OptionGroup var selection: SelectionOptions

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
        let pipeline = RenderPipeline(generators: InfragenCLI.generators)
        let result = try pipeline.render(systems, selection: chosen)
        var text = ""
        for system in systems where chosen.systems.isEmpty || chosen.systems.contains(system.name) {
            text += "system \(system.name)\(system.summary.map { ": \($0)" } ?? "")\n"
            text += "  environments: \(system.environments.map(\.environment.name).joined(separator: ", "))\n"
            text += "  services: \(system.services.map(\.name).joined(separator: ", "))\n"
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

    func run() throws {
        let systems = InfragenCLI.systems
        let chosen = try selection.selection(in: systems)
        let diagnostics = Self.validate(systems, chosen)
        report(diagnostics)
        if diagnostics.hasErrors { throw ExitCode(1) }
        let count = systems.filter { chosen.systems.isEmpty || chosen.systems.contains($0.name) }.count
        printOut("\(count) system\(count == 1 ? "" : "s") checked: no errors"
            + (diagnostics.isEmpty ? "" : ", \(diagnostics.count) warning\(diagnostics.count == 1 ? "" : "s")") + "\n")
    }

    /// The selected systems through the selected generators' checks, and every system through the catalog's checks.
    /// An unselected system takes part only as a stand-in with its name and place, whose own findings (no
    /// environments, no services) are taken out again; a finding in an unselected environment is left out.
    static func validate(_ systems: [SystemDescription], _ chosen: RenderSelection) -> [Diagnostic] {
        var standIns: [Diagnostic: Int] = [:]
        let validated = systems.map { system -> SystemDescription in
            guard !chosen.systems.isEmpty, !chosen.systems.contains(system.name) else { return system }
            let standIn = SystemDescription(name: system.name, location: system.location)
            for diagnostic in standIn.validate() { standIns[diagnostic, default: 0] += 1 }
            return standIn
        }
        let diagnostics = RenderPipeline(generators: InfragenCLI.generators).validate(validated, kinds: chosen.kinds)
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
enum ImageComparison {
    static func text(for system: ResolvedSystem) -> String {
        var text = "system \(system.name): base images (the Dockerfile is the same in every environment)\n"
        guard let environment = system.environments.first else { return text + "  no environments\n" }
        var rows = [["service", "base image", "family", "libc", "shell", "package manager", "download", "unpacked"]]
        var sources: [(String, BaseImageFacts.DocumentedSize?)] = []
        for service in environment.services {
            let base = service.base
            let facts = BaseImageFacts.facts(for: base)
            let family = base.family == .distroless
                ? "distroless/\((base.distrolessVariant ?? .static).rawValue)" : base.family.rawValue
            rows.append([
                service.name, base.reference.text, family, facts.libc, facts.shell.map { "yes: \($0)" } ?? "no",
                facts.packageManager ?? "none", facts.size?.download ?? "-", facts.size?.unpacked ?? "-",
            ])
            if !sources.contains(where: { $0.0 == base.reference.text }) { sources.append((base.reference.text, facts.size)) }
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }
            text += "  " + cells.joined(separator: "  ") + "\n"
        }
        text += "  sizes for linux/amd64, as documented (\"-\": not documented):\n"
        for (image, size) in sources {
            guard let size else {
                text += "    \(image): not in infragen's table (BaseImageFacts); family facts only\n"
                continue
            }
            text += "    \(image): \(size.source), read \(size.read)" + (size.note.map { "; \($0)" } ?? "") + "\n"
        }
        return text
    }
}
