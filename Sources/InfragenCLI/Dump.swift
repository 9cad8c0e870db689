import ArgumentParser
import Foundation
import InfragenModel
import InfragenRender

struct Dump: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the resolved model (every service as it runs in each environment) as JSON with sorted keys.")

    @OptionGroup var selection: SelectionOptions

    @OptionGroup var packageOptions: PackageOptions

    func run() throws {
        // The model as the render pipeline sees it: with the SLOs of its OpenSLO files.
        let (systems, diagnostics) = OpenSLOImport.apply(InfragenCLI.systems, packageRoot: packageOptions.root)
        report(diagnostics)
        let chosen = try selection.selection(in: systems)
        let resolved = systems
            .filter { chosen.systems.isEmpty || chosen.systems.contains($0.name) }
            .map { system -> ResolvedSystem in
                var resolved = system.resolve()
                if !chosen.environments.isEmpty {
                    resolved.environments.removeAll { !chosen.environments.contains($0.name) }
                }
                return resolved
            }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = try encoder.encode(resolved)
        printOut(String(decoding: data, as: UTF8.self) + "\n")
    }
}
