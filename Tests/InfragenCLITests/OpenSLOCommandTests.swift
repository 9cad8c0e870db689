import Foundation
import Infragen
import InfragenCLI
import InfragenTestSupport
import Testing

/// `infragen render --package <folder>` reads a service's OpenSLO file from the package; a file that cannot be mapped
/// is refused before anything is written: the output folder stays exactly as it was, or is not created at all.
@Suite struct OpenSLOCommandTests {
    static let system = System("checkout", fileID: "Blueprints/Checkout.swift", line: 1) {
        Deploy(to: .prod)
        ExternalService("checkout", namespace: "shop", fileID: "Blueprints/Checkout.swift", line: 3) {
            ImportOpenSLO("slo/checkout.yaml", fileID: "Blueprints/Checkout.swift", line: 4)
        }
    }.description

    static let valid = """
        apiVersion: openslo/v1
        kind: SLO
        metadata:
          name: checkout
        spec:
          service: checkout
          budgetingMethod: Occurrences
          timeWindow: [{duration: 28d, isRolling: true}]
          objectives: [{target: 0.999}]
          indicator:
            spec:
              ratioMetric:
                bad: {metricSource: {type: Prometheus, spec: {query: 'sum(rate(errors_total{namespace="$namespace"}[$window]))'}}}
                total: {metricSource: {type: Prometheus, spec: {query: 'sum(rate(requests_total{namespace="$namespace"}[$window]))'}}}

        """

    /// Every file under the folder, with its bytes.
    static func snapshot(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            if let data = FileManager.default.contents(atPath: url.path) {
                files[String(url.path.dropFirst(folder.path.count))] = data
            }
        }
        return files
    }

    func render(_ package: URL, _ extra: String...) -> Int32 {
        InfragenCLI.run(systems: [Self.system], arguments: [
            "render", "--output", package.appendingPathComponent("Output").path, "--package", package.path,
        ] + extra)
    }

    @Test func aRefusedFileLeavesTheOutputFolderUntouched() throws {
        try withTemporaryFolder { package in
            let output = package.appendingPathComponent("Output")
            // Refused on a first render: no output folder at all.
            try writeFiles([("slo/checkout.yaml", Self.valid.replacingOccurrences(of: "0.999", with: "1.5"))], under: package)
            #expect(render(package) == 1)
            #expect(!FileManager.default.fileExists(atPath: output.path))
            // Valid: rendered, and up to date.
            try writeFiles([("slo/checkout.yaml", Self.valid)], under: package)
            #expect(render(package) == 0)
            let before = Self.snapshot(output)
            #expect(before.keys.contains("/checkout/prod/prometheus/slo-rules.yaml"))
            #expect(render(package, "--check") == 0)
            // review renders the same blueprints, so it reads the file too (it could not before: "no package root").
            #expect(InfragenCLI.run(systems: [Self.system], arguments: [
                "review", "--base", output.path, "--output", output.path, "--package", package.path,
            ]) == 0)
            // Each broken file, and a missing one: refused, and not one byte of Output/ changes.
            for broken in [
                Self.valid.replacingOccurrences(of: "kind: SLO", with: "kind: Service"),
                Self.valid.replacingOccurrences(of: "[$window]", with: "[5m]"),
                Self.valid.replacingOccurrences(of: "  service: checkout\n", with: "  service: &s checkout\n"),
                Self.valid + "  owner: someone\n",
            ] {
                try writeFiles([("slo/checkout.yaml", broken)], under: package)
                #expect(render(package) == 1)
                #expect(Self.snapshot(output) == before)
            }
            try FileManager.default.removeItem(at: package.appendingPathComponent("slo/checkout.yaml"))
            #expect(render(package) == 1)
            #expect(InfragenCLI.run(systems: [Self.system], arguments: ["lint", "--package", package.path]) == 1)
            #expect(Self.snapshot(output) == before)
        }
    }
}
