import ArgumentParser
import Foundation
import InfragenModel
import InfragenRender

struct Dump: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the resolved model (every service as it runs in each environment) as JSON with sorted keys.")

    @OptionGroup var selection: SelectionOptions

    func run() throws {
        let systems = InfragenCLI.systems
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
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}
