import ArgumentParser
import Foundation
import InfragenModel
import InfragenRender

/// `infragen review`: what the current blueprints change compared with a base, as Markdown for a pull request.
///
/// Exit codes: 0 the review was printed (with `--fail-on risk`: and flags no risk); 1 `--fail-on risk` and at least
/// one risk flagged; 2 no review (a blueprint error, an unreadable base, an unknown ref, no git repository); 64 a
/// usage error.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Print what the blueprints change compared with a base output tree, and the risks, as Markdown.",
        discussion: """
            Compares the current render (in memory, exactly what `render` would write) with --base (an earlier \
            output folder) or --base-ref (the output folder committed at a git ref). Exit codes: 0 reviewed; 1 with \
            --fail-on risk when a risk is flagged; 2 no review (blueprint errors, an unreadable base, an unknown \
            ref, no git repository); 64 usage.
            """)

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case risk
    }

    @Option(name: .long, help: "An earlier output folder to compare with.")
    var base: String?

    @Option(name: .long, help: "A git ref whose committed output folder to compare with (HEAD, origin/main …).")
    var baseRef: String?

    @Option(name: .long, help: "The output folder (its committed version is what --base-ref reads).")
    var output: String = "Output"

    @Option(name: .long, help: "Exit 1 when the review flags a risk.")
    var failOn: FailOn?

    @OptionGroup var selection: SelectionOptions

    @OptionGroup var packageOptions: PackageOptions

    static let noReview = ExitCode(2)

    func validate() throws {
        if (base == nil) == (baseRef == nil) {
            throw ValidationError("give exactly one of --base DIR (an earlier output folder) or --base-ref REF")
        }
    }

    func run() throws {
        let systems = InfragenCLI.systems
        let chosen = try selection.selection(in: systems)
        let result = try RenderPipeline(
            generators: InfragenCLI.generators, packageRoot: packageOptions.root, command: InfragenCLI.command,
            checksEndOfLife: true
        ).render(systems, selection: chosen)
        report(result.diagnostics)
        guard let plan = result.plan else { throw Self.noReview }
        let current = Dictionary(uniqueKeysWithValues: plan.files.map { ($0.path, $0.contents) })
        let baseFiles: [String: String]
        // Named without a path of this machine: the folder's own name and the ref as given.
        let label: String
        do {
            if let baseRef {
                // git runs in the output folder's parent, so `--output` may name a folder of another checkout.
                let folder = URL(fileURLWithPath: output).standardizedFileURL
                baseFiles = try ReviewBase.gitRef(
                    baseRef, output: folder.lastPathComponent, in: folder.deletingLastPathComponent())
                label = "`\(folder.lastPathComponent)/` at `\(baseRef)`"
            } else {
                baseFiles = try ReviewBase.folder(URL(fileURLWithPath: base ?? ""))
                label = "the base output folder"
            }
        } catch {
            printError("error: \(error)\n")
            throw Self.noReview
        }
        let layout = OutputLayout(InfragenCLI.generators)
        let scoped = baseFiles.filter { chosen.contains(path: $0.key, in: layout) }
        let review = OutputReview.review(base: scoped, current: current, clusterDNS: OutputReview.clusterDNS(of: systems))
        printOut(review.markdown(base: label))
        if failOn == .risk && !review.risks.isEmpty { throw ExitCode(1) }
    }
}
