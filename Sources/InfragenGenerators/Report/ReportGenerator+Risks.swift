import InfragenModel

extension ReportGenerator {
    /// Near the top: every image and Go version the system uses past its end of life (``EndOfLife``, the data
    /// `infragen review` reads too), with who uses it and whether the blueprint acknowledges the warning; and how many
    /// production images run without a digest.
    func attention(_ system: ResolvedSystem, _ doc: inout Markdown) {
        var rows: [(what: String, day: String, users: [String], code: WarningCode)] = []
        func add(_ what: String, _ day: String, _ user: String, _ code: WarningCode) {
            if let index = rows.firstIndex(where: { $0.what == what }) {
                if !rows[index].users.contains(user) { rows[index].users.append(user) }
            } else {
                rows.append((what, day, [user], code))
            }
        }
        for service in system.services {
            if service.imageSource.isBuiltByInfragen {
                if service.base.family != .scratch, let day = EndOfLife.ofImage(service.base.reference.text) {
                    add("runtime base \(service.base.reference.text)", day, service.name, .endOfLifeImage)
                }
                let builder = service.builderImage.text
                if let version = GoReleases.version(ofBuilder: builder) ?? Optional(service.goVersion),
                   let day = GoReleases.endOfLife(of: version) {
                    add("Go \(version) (\(builder))", day, service.name, .endOfLifeGo)
                }
            } else if let day = EndOfLife.ofImage(service.image.text) {
                add("image \(service.image.text)", day, service.name, .endOfLifeImage)
            }
        }
        if system.environments.contains(where: { !$0.routedServices.isEmpty }),
           let day = EndOfLife.ofImage(system.gateway.image) {
            add("gateway image \(system.gateway.image)", day, system.gateway.name, .endOfLifeImage)
        }
        let unpinned = Self.digestRows(system).production
        guard !rows.isEmpty || unpinned > 0 else { return }
        doc.heading(2, "Needs attention")
        if !rows.isEmpty {
            doc.paragraph("Past end of life: no more security fixes (infragen lint warns of each).")
            doc.table(
                ["what", "end of life since", "used by", "acknowledged"],
                rows.map { row in
                    let reasons = system.acknowledgements.filter { placed in
                        placed.acknowledgement.code == row.code && placed.path.environment == nil
                            && (placed.path.service == nil || row.users.contains(placed.path.service ?? ""))
                    }.map(\.acknowledgement.reason)
                    return [row.what, row.day, row.users.joined(separator: ", "),
                            reasons.isEmpty ? "no" : reasons.joined(separator: "; ")]
                })
        }
        if unpinned > 0 {
            doc.paragraph(
                "\(unpinned) image\(unpinned == 1 ? "" : "s") in production run\(unpinned == 1 ? "s" : "") by tag "
                    + "without a digest, so what runs may not be what was reviewed (see Digest pins).")
        }
    }

    /// Which images each environment pins by digest: the services' (and canaries'), their init containers and
    /// sidecars, and the gateway's.
    func digestPins(_ system: ResolvedSystem, _ doc: inout Markdown) {
        let table = Self.digestRows(system)
        guard !table.rows.isEmpty else { return }
        doc.heading(2, "Digest pins")
        doc.paragraph(
            "A tag can be moved to other contents; a digest cannot. \"tag only\" in production is flagged with ⚠ "
                + "(ImageDigest, or an Image with @sha256:…, pins one).")
        doc.table(["image of"] + system.environments.map(\.name), table.rows)
    }

    /// The rows of ``digestPins(_:_:)`` and how many production cells are tag only.
    static func digestRows(_ system: ResolvedSystem) -> (rows: [[String]], production: Int) {
        var order: [String] = []
        var cells: [String: [String: String]] = [:]
        var production = 0
        func add(_ workload: String, _ environment: String, _ reference: String) {
            if cells[workload] == nil { order.append(workload) }
            let digest = reference.split(separator: "@", maxSplits: 1).dropFirst().first.map(String.init)
            let text: String
            if let digest {
                text = Markdown.code(String(digest.prefix(19)) + "…")
            } else if ProductionEnvironments.contains(environment) {
                text = "⚠ tag only"
                production += 1
            } else {
                text = "tag only"
            }
            cells[workload, default: [:]][environment] = text
        }
        for environment in system.environments {
            for service in environment.services {
                add(service.name, environment.name, service.image.text)
                if let canary = service.canary { add("\(service.name) canary", environment.name, canary.image.text) }
                for container in service.extraContainers {
                    add("\(service.name) \(container.role.rawValue) \(container.name)", environment.name, container.image.text)
                }
            }
            if !environment.routedServices.isEmpty { add(system.gateway.name, environment.name, system.gateway.image) }
        }
        let rows = order.map { workload in
            [workload] + system.environments.map { Markdown.rawCell(cells[workload]?[$0.name] ?? "-") }
        }
        return (rows, production)
    }
}
