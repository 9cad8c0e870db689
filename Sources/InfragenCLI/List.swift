import ArgumentParser
import InfragenModel
import InfragenRender

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List systems, their environments and services, and the files each produces.")

    @OptionGroup var selection: SelectionOptions

    func run() throws {
        let systems = InfragenCLI.systems
        let chosen = try selection.selection(in: systems)
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
        abstract: "Validate the blueprints and report every problem; writes nothing.")

    func run() throws {
        let systems = InfragenCLI.systems
        let diagnostics = RenderPipeline(generators: InfragenCLI.generators).validate(systems)
        report(diagnostics)
        if diagnostics.hasErrors { throw ExitCode(1) }
        printOut("\(systems.count) system\(systems.count == 1 ? "" : "s") checked: no errors"
            + (diagnostics.isEmpty ? "" : ", \(diagnostics.count) warning\(diagnostics.count == 1 ? "" : "s")") + "\n")
    }
}
