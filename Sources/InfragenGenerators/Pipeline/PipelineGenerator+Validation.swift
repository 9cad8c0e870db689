import InfragenModel

extension PipelineGenerator {
    /// What the pipeline cannot run: every value that reaches a shell or a CI expression is checked here, so that a
    /// branch, a folder or a command can never be more (or less) than the one word the jobs need.
    public func validate(_ system: ResolvedSystem) -> [Diagnostic] {
        guard let pipeline = system.pipeline else { return [] }
        let path = DiagnosticPath(system: system.name)
        func at(_ field: String) -> SourceLocation { pipeline.provenance[field] ?? pipeline.location }
        var diagnostics: [Diagnostic] = []
        func error(_ field: String, _ message: String, hint: String, at location: SourceLocation? = nil) {
            diagnostics.append(.error(path, field: "pipeline.\(field)", message, hint: hint,
                                      at: location ?? at(field)))
        }

        if !Self.isBranchName(pipeline.mainBranch) {
            error("mainBranch", "\(TextRules.quoted(pipeline.mainBranch)) is not a branch name the pipeline can test",
                  hint: "use letters, digits and . _ / - (as git allows), e.g. main or release/1.x")
        }
        if pipeline.command.isEmpty || !TextRules.isSingleLineText(pipeline.command) || pipeline.command.count > 200 {
            error("command", "the render command must be one line of at most 200 characters",
                  hint: "write how the jobs run your infragen executable, e.g. swift run deploy")
        }
        if !TextRules.isSimpleRelativePath(pipeline.outputFolder) {
            error("outputFolder", "\(TextRules.quoted(pipeline.outputFolder)) is not a folder inside the repository",
                  hint: "give the output folder relative to the repository root, e.g. Output")
        }
        let built = Set(system.services.filter { $0.imageSource.isBuiltForPipeline }.map(\.name))
        for (service, folder) in pipeline.sourceFolders.sorted(by: { $0.key < $1.key }) {
            let field = "sourceFolders[\(service)]"
            if !built.contains(service) {
                error(field, "no service '\(service)' whose image the pipeline builds",
                      hint: built.isEmpty ? "remove the SourceFolder" : "name one of \(built.sorted().joined(separator: ", "))")
            }
            if folder != "." && !TextRules.isSimpleRelativePath(folder) {
                error(field, "\(TextRules.quoted(folder)) is not a folder inside the repository",
                      hint: "give it relative to the repository root, with letters, digits and . _ / -, e.g. services/orders")
            }
        }
        if let restore = pipeline.snapshotRestore, restore.isEmpty || !TextRules.isSingleLineText(restore) {
            error("snapshotRestore", "the snapshot restore command must be one non-empty line",
                  hint: "name a script in the repository, e.g. scripts/restore-dev-snapshot.sh")
        }
        let timeout = Shell.seconds(pipeline.rolloutTimeout)
        if pipeline.rolloutTimeout < .seconds(10) || timeout > 3600 {
            error("rolloutTimeout", "a rollout timeout of \(timeout) s is outside 10 s to 1 h",
                  hint: "use e.g. RolloutTimeout(.minutes(5))")
        }
        diagnostics += imageProblems(system, path)
        diagnostics += environmentProblems(system, pipeline, path)
        diagnostics += gateProblems(system, pipeline, path)
        return diagnostics
    }

    /// One image per service: the build pushes it once, and every environment deploys it.
    private func imageProblems(_ system: ResolvedSystem, _ path: DiagnosticPath) -> [Diagnostic] {
        var repositories: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        for environment in system.environments {
            for service in environment.services where service.imageSource.isBuiltForPipeline {
                let repository = service.image.repository
                if let first = repositories[service.name], first != repository {
                    diagnostics.append(.error(
                        DiagnosticPath(system: system.name, environment: environment.name, service: service.name),
                        field: "pipeline", "the pipeline builds one image per service, but \(service.name) is "
                            + "\(repository) here and \(first) in \(system.environments[0].name)",
                        hint: "set ImageRegistry once for every environment", at: service.declaredAt))
                }
                repositories[service.name] = repositories[service.name] ?? repository
            }
        }
        return diagnostics
    }

    private func environmentProblems(
        _ system: ResolvedSystem, _ pipeline: PipelineDescription, _ path: DiagnosticPath
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (index, environment) in system.environments.enumerated() {
            let place = DiagnosticPath(system: system.name, environment: environment.name)
            let canary = environment.services.contains { $0.canary != nil }
            if canary && index != system.environments.count - 1 {
                diagnostics.append(.error(
                    place, field: "canary", "the pipeline releases a canary only to the last environment, behind its "
                        + "approval and release gate, but \(environment.name) comes before "
                        + "\(system.environments.last?.name ?? "")", hint: "run the canary in the last environment",
                    at: environment.canaryLocation))
            }
            if case .snapshotRestore = environment.rollout.rollback, pipeline.snapshotRestore == nil {
                diagnostics.append(.error(
                    place, field: "rollout.rollback", "\(environment.name) rolls back by snapshot restore, and the "
                        + "pipeline has no command for it", hint: "add SnapshotRestore(\"scripts/restore.sh\") to Pipeline",
                    at: environment.rolloutLocation))
            }
            if case .canaryCutback = environment.rollout.rollback, !canary {
                diagnostics.append(.error(
                    place, field: "rollout.rollback", "\(environment.name) rolls back by canary cut-back, and runs no canary",
                    hint: "add Canary(.percent(10)) to the environment, or roll back with .imageRollback",
                    at: environment.rolloutLocation))
            }
        }
        return diagnostics
    }

    private func gateProblems(
        _ system: ResolvedSystem, _ pipeline: PipelineDescription, _ path: DiagnosticPath
    ) -> [Diagnostic] {
        let gate = PipelineGate(system: system, pipeline: pipeline)
        guard let release = pipeline.gate else {
            guard gate.environment != nil else { return [] }
            return [.error(path, field: "pipeline.gate",
                           "the canary in \(gate.environment?.name ?? "") has no release gate to judge it",
                           hint: "add ReleaseGate(prometheus: \"http://prometheus.monitoring.svc:9090\") to Pipeline",
                           at: pipeline.location)]
        }
        var diagnostics: [Diagnostic] = []
        func error(_ message: String, hint: String) {
            diagnostics.append(.error(path, field: "pipeline.gate", message, hint: hint, at: release.location))
        }
        if gate.environment == nil {
            error("a release gate, and no environment runs a canary", hint: "add Canary(…) to the last environment")
        }
        if !Self.isPrometheusURL(release.prometheus) {
            error("\(TextRules.quoted(release.prometheus)) is not an http(s) URL of Prometheus",
                  hint: "write it like http://prometheus-operated.monitoring.svc:9090, without a path or credentials")
        }
        let seconds = Int(release.analysis.components.seconds)
        if seconds % 60 != 0 || !CanaryRecords.windows.contains(seconds / 60) {
            error("an analysis window of \(seconds) s is not one the canary comparison rules record",
                  hint: "use one of " + CanaryRecords.windows.map { PromQL.duration(minutes: $0) }.joined(separator: ", "))
        }
        if !(1...100).contains(release.tolerance) || release.tolerance.isNaN {
            error("a tolerance of \(release.tolerance) is outside 1 to 100",
                  hint: "use 1 (the canary may burn no faster than stable) or e.g. 1.5")
        }
        return diagnostics
    }

    /// A branch name as git allows it, restricted to what needs no quoting: `main`, `release/1.x`.
    static func isBranchName(_ text: String) -> Bool {
        guard (1...200).contains(text.utf8.count), !text.hasPrefix("-"), !text.hasPrefix("/"), !text.hasSuffix("/"),
              !text.hasSuffix(".lock"), !text.contains(".."), !text.contains("//") else { return false }
        return text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || "._/-".utf8.contains(byte)
        }
    }

    /// `http://host[:port]` or `https://…`, a DNS name or an IP address, no path, query or credentials.
    static func isPrometheusURL(_ text: String) -> Bool {
        for scheme in ["http://", "https://"] where text.hasPrefix(scheme) {
            let rest = String(text.dropFirst(scheme.count))
            let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count) else { return false }
            if parts.count == 2 {
                guard let port = Int(parts[1]), (1...65535).contains(port), String(port) == parts[1] else { return false }
            }
            return TextRules.isHostName(String(parts[0])) || TextRules.isIPv4Address(String(parts[0]))
        }
        return false
    }
}
