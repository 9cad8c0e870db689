public import InfragenModel
import InfragenYAML

/// Prometheus SLO rules: per system and environment one rule file for all SLOs of the system, and promtool unit
/// tests for every SLO next to it. Systems without SLOs get no files.
///
///     <system>/<env>/prometheus/slo-rules.yaml                 recording rules, metadata and alerts
///     <system>/<env>/prometheus/<slo>.test.yaml                promtool tests, 1m grid
///     <system>/<env>/prometheus/<slo>.long.test.yaml           promtool tests, 1h grid      (first SLO of a shape)
///     <system>/<env>/prometheus/<slo>.period.test.yaml         promtool tests, 1d grid      (first SLO of a shape)
///
/// SLOs with the same objectives and window share the tests that depend only on those (``SLOTests/Shape``).
public struct PrometheusGenerator: Generator {
    public let kind = ArtifactKind.prometheus
    public let folders = [folder]
    static let folder = OutputFolder.inEnvironment("prometheus")

    public static let ruleFile = "slo-rules.yaml"

    public init() {}

    public func validate(_ system: ResolvedSystem) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // The SLOs do not depend on the environment: check them as the first environment resolves them.
        guard let environment = system.environments.first else { return [] }
        diagnostics += serviceLabelProblems(system)
        diagnostics += rawSLINamespaceProblems(system)
        var declared: [String: String] = [:]
        var alertNames: [String: String] = [:]
        for service in environment.sloServices {
            let path = DiagnosticPath(system: system.name, service: service.name)
            for slo in service.slos {
                let field = "slo[\(slo.name)]"
                if let other = declared[slo.name] {
                    diagnostics.append(.error(
                        path, field: "\(field).name",
                        "SLO '\(slo.name)' is also declared by service '\(other)', and one rule file holds every SLO "
                            + "of the system", hint: "give each SLO of the system its own name", at: slo.location))
                }
                declared[slo.name] = declared[slo.name] ?? service.name
                if slo.rawSLI != nil {
                    diagnostics += rawSLIProblems(slo, path, field)
                } else {
                    diagnostics += matcherProblems(slo, service, path, field)
                }
                if slo.availability != nil {
                    diagnostics += errorCodeProblems(slo, path, field)
                }
                diagnostics += latencyCodeProblems(slo, service, path, field)
                for objective in SLIObjective.all(of: slo, in: service) {
                    for name in [objective.alertName, objective.noDataAlertName] {
                        if let other = alertNames[name], other != slo.name {
                            diagnostics.append(.error(
                                path, field: "\(field).alertName",
                                "the alert name '\(name)' is also an alert of SLO '\(other)'",
                                hint: "rename one of the SLOs, or give one an AlertName(…)", at: slo.location))
                        }
                        alertNames[name] = alertNames[name] ?? slo.name
                    }
                    diagnostics += neverFiring(objective, path, field)
                    diagnostics += tooStrict(objective, path, field)
                }
            }
        }
        return diagnostics
    }

    /// The service label the scrape sets must not be one the instrumentation writes itself: the scrape's value would
    /// replace the application's (kept as `exported_<label>`), and the SLO's matchers on it would select nothing.
    /// Checked in every environment (`SLISelector` may be set in one), each place once.
    private func serviceLabelProblems(_ system: ResolvedSystem) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = [], reported = Set<SourceLocation>()
        for environment in system.environments {
            for service in environment.sloServices where !service.slos.isEmpty {
                let metrics = service.metrics, instrumentation = metrics.instrumentation
                let written = Set(instrumentation.counterLabels + instrumentation.histogramLabels)
                let location = service.location(of: .sliServiceLabel)
                guard written.contains(metrics.serviceLabel), reported.insert(location).inserted else { continue }
                diagnostics.append(.error(
                    DiagnosticPath(system: system.name, environment: environment.name, service: service.name),
                    field: SettingKey.sliServiceLabel.name,
                    "the service label '\(metrics.serviceLabel)' is one \(instrumentation.name) writes on the request "
                        + "series itself (\(written.sorted().joined(separator: ", "))), and the scrape's value would "
                        + "replace it", hint: "name a label the scrape adds, e.g. service or job", at: location))
            }
        }
        return diagnostics
    }

    /// A condition whose threshold (factor × budget) is 1 or more can never fire: an error ratio is at most 1 and the
    /// comparison is strict.
    private func neverFiring(_ objective: SLIObjective, _ path: DiagnosticPath, _ field: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for severity in BurnRatePolicy.Severity.allCases {
            for condition in severity.conditions {
                let threshold = condition.thresholdE10(window: objective.window, budget: objective.budget)
                guard threshold >= 10_000_000_000 else { continue }
                // The largest budget (in millionths) that keeps factor × budget below 1.
                let factor = condition.factorTenThousandths(window: objective.window)
                let largestBudget = (10_000_000_000 - 1) / factor
                let lowestObjective = Percentage.millionths(1_000_000 - largestBudget)
                diagnostics.append(.error(
                    path, field: "\(field).\(objective.kind.rawValue)",
                    "the \(severity.rawValue) alert on \(PromQL.duration(minutes: condition.longMinutes)) and "
                        + "\(PromQL.duration(minutes: condition.shortMinutes)) can never fire: its threshold "
                        + "\(condition.factor(window: objective.window)) × the error budget "
                        + "\(objective.budget.fraction) "
                        + "is \(Self.decimal(threshold, scale: 10)), and an error ratio is at most 1",
                    hint: "use an objective of at least \(lowestObjective) for a \(objective.window) window, "
                        + "or a shorter window", at: objective.location))
            }
        }
        return diagnostics
    }

    /// A threshold below one bad request in a million is more precise than the generated tests (and most traffic) can
    /// show: the lowest one, the 3d ticket's, must be at least 10⁻⁶.
    private func tooStrict(_ objective: SLIObjective, _ path: DiagnosticPath, _ field: String) -> [Diagnostic] {
        let conditions = BurnRatePolicy.Severity.allCases.flatMap { severity in
            severity.conditions.map { (severity, $0) }
        }
        guard let (severity, condition) = conditions.min(by: {
            $0.1.thresholdE10(window: objective.window, budget: objective.budget)
                < $1.1.thresholdE10(window: objective.window, budget: objective.budget)
        }) else { return [] }
        let threshold = condition.thresholdE10(window: objective.window, budget: objective.budget)
        guard threshold < 10_000 else { return [] }
        let factor = condition.factorTenThousandths(window: objective.window)
        let smallestBudget = (10_000 + factor - 1) / factor
        return [.error(
            path, field: "\(field).\(objective.kind.rawValue)",
            "the \(severity.rawValue) alert on \(PromQL.duration(minutes: condition.longMinutes)) and "
                + "\(PromQL.duration(minutes: condition.shortMinutes)) would fire above an error ratio of "
                + "\(Self.decimal(threshold, scale: 10)), less than one request in a million, which the generated "
                + "tests cannot exercise",
            hint: "use an objective of at most \(Percentage.millionths(1_000_000 - smallestBudget)) for a "
                + "\(objective.window) window, or a longer window", at: objective.location)]
    }

    /// Labels the generator sets itself cannot also be SLO matchers.
    private func matcherProblems(
        _ slo: ResolvedSLO, _ service: ResolvedService, _ path: DiagnosticPath, _ field: String
    ) -> [Diagnostic] {
        let metrics = service.metrics
        let reserved = ["namespace", metrics.serviceLabel, metrics.codeLabel, "le"]
        var diagnostics: [Diagnostic] = []
        // A label may carry one equality, or any number of regular expressions (`=~` and `!~` together).
        var equal = Set<String>(), any = Set<String>()
        for matcher in slo.matchers {
            let location = matcher.location ?? slo.location
            if reserved.contains(matcher.name) {
                diagnostics.append(.error(
                    path, field: "\(field).matchers",
                    "the SLO matches on '\(matcher.name)', which the generated rules already set",
                    hint: "match on request labels such as handler and method; the namespace, service, status code "
                        + "and bucket come from the environment and Metrics(…)", at: location))
            } else if equal.contains(matcher.name) || (matcher.op == .equal && any.contains(matcher.name)) {
                diagnostics.append(.error(
                    path, field: "\(field).matchers", "the SLO matches on '\(matcher.name)' twice",
                    hint: "match each label once, or only with regular expressions", at: location))
            }
            any.insert(matcher.name)
            if matcher.op == .equal { equal.insert(matcher.name) }
        }
        // Every matcher must name a label of every series the SLO's SLIs read, or the SLI selects nothing.
        let instrumentation = metrics.instrumentation
        for objective in SLIObjective.all(of: slo, in: service) {
            let (series, labels) = objective.inputSeries
            for matcher in slo.matchers where !reserved.contains(matcher.name) && !labels.contains(matcher.name) {
                diagnostics.append(.error(
                    path, field: "\(field).matchers",
                    "the \(objective.kind.rawValue) SLI reads \(series), which \(instrumentation.name) writes with the "
                        + "labels \(labels.joined(separator: ", ")), not '\(matcher.name)', so it would select nothing",
                    hint: instrumentation.name == "custom"
                        ? "match on one of its labels, or list the label in Metrics(.custom(labels:))"
                        : "match on one of its labels, or describe the series with Metrics(.custom(…))",
                    at: matcher.location ?? slo.location))
            }
        }
        return diagnostics
    }

    /// `SLI(errors:total:)`: both queries parse as PromQL with `[$window]` ranges (``PromQLSyntax``), an
    /// `Availability` measures them, and the SLO has no matcher or latency objective of the instrumentation's.
    private func rawSLIProblems(_ slo: ResolvedSLO, _ path: DiagnosticPath, _ field: String) -> [Diagnostic] {
        guard let raw = slo.rawSLI else { return [] }
        var diagnostics: [Diagnostic] = []
        for (name, query) in [("errors", raw.value.errors), ("total", raw.value.total)] {
            do {
                try PromQLSyntax.check(query)
            } catch {
                let shown = query.utf8.count > 200 ? String(decoding: query.utf8.prefix(200), as: UTF8.self) + "…" : query
                diagnostics.append(.error(
                    path, field: "\(field).sli.\(name)",
                    "the \(name) query is not a PromQL expression infragen can use: \(error.message), at offset "
                        + "\(error.offset) of \(TextRules.quoted(shown))",
                    hint: "write one PromQL expression that returns an instant vector, e.g. "
                        + "sum(rate(requests_total{code=~\"5..\"}[$window])), with [$window] as every range",
                    at: raw.location))
            }
        }
        if slo.availability == nil {
            diagnostics.append(.error(
                path, field: "\(field).sli", "the SLI(errors:total:) has no objective",
                hint: "add Availability(.percent(…)): the share of events that must not be errors", at: raw.location))
        }
        if let latency = slo.latency {
            diagnostics.append(.error(
                path, field: "\(field).latency",
                "a Latency objective reads the instrumentation's histogram, and this SLO's SLI is SLI(errors:total:)",
                hint: "write the latency SLI as an SLI(errors:total:) of another SLO (slow events as errors)",
                at: latency.location))
        }
        if !slo.matchers.isEmpty {
            diagnostics.append(.error(
                path, field: "\(field).matchers",
                "the SLO's handler, method and Match(…) select the instrumentation's series, which an "
                    + "SLI(errors:total:) does not read", hint: "put the matchers into the SLI's queries",
                at: slo.matchers.first?.location ?? slo.location))
        }
        return diagnostics
    }

    /// `Latency(…, codes:)`: a pattern of 3-digit codes that selects some codes and not all, on a histogram that
    /// carries the code label.
    private func latencyCodeProblems(
        _ slo: ResolvedSLO, _ service: ResolvedService, _ path: DiagnosticPath, _ field: String
    ) -> [Diagnostic] {
        guard let latency = slo.latency, let codes = latency.value.codes else { return [] }
        let field = "\(field).latency.codes", at = latency.location
        let instrumentation = service.metrics.instrumentation
        guard instrumentation.histogramLabels.contains(instrumentation.codeLabel) else {
            return [.error(
                path, field: field,
                "the latency SLI reads \(instrumentation.durationHistogram), which \(instrumentation.name) writes with "
                    + "the labels \(instrumentation.histogramLabels.joined(separator: ", ")), without its code label "
                    + "'\(instrumentation.codeLabel)', so it cannot count only the requests of codes \(TextRules.quoted(codes))",
                hint: instrumentation.name == "custom"
                    ? "list the code label in Metrics(.custom(labels:)) if the histogram carries it, or leave codes: out"
                    : "leave codes: out, or describe a histogram with the code label with Metrics(.custom(…))",
                at: at)]
        }
        guard !codes.isEmpty, TextRules.isSingleLineText(codes) else {
            return [.error(path, field: field, "the code pattern is empty or spans lines",
                           hint: "use a pattern of 3-digit codes, e.g. 2..", at: at)]
        }
        guard let pattern = StatusCodePattern(codes) else {
            return [.error(
                path, field: field, "\(TextRules.quoted(codes)) is not a pattern of 3-digit status codes that infragen can test",
                hint: "use alternatives of three digits, '.', '\\d' or classes such as [23], e.g. 2.. or 2..|404",
                at: at)]
        }
        if pattern.testIncludedCode == nil {
            return [.error(path, field: field, "\(TextRules.quoted(codes)) matches no status code 100-599",
                           hint: "use e.g. 2..", at: at)]
        }
        if pattern.testExcludedCode == nil {
            return [.error(path, field: field, "\(TextRules.quoted(codes)) matches every status code",
                           hint: "leave codes: out to count every request", at: at)]
        }
        return []
    }

    private func errorCodeProblems(_ slo: ResolvedSLO, _ path: DiagnosticPath, _ field: String) -> [Diagnostic] {
        guard TextRules.isSingleLineText(slo.errorCodes), !slo.errorCodes.isEmpty else { return [] }
        guard let pattern = StatusCodePattern(slo.errorCodes) else {
            return [.error(
                path, field: "\(field).errorCodes",
                "'\(slo.errorCodes)' is not a pattern of 3-digit status codes that infragen can test",
                hint: "use alternatives of three digits, '.', '\\d' or classes such as [45], e.g. 5.. or 5..|429",
                at: slo.location)]
        }
        if pattern.testErrorCode == nil {
            return [.error(path, field: "\(field).errorCodes", "'\(slo.errorCodes)' matches no status code 100-599",
                           hint: "use e.g. 5..", at: slo.location)]
        }
        if pattern.testSuccessCode == nil {
            return [.error(path, field: "\(field).errorCodes",
                           "'\(slo.errorCodes)' counts every status code as an error",
                           hint: "use e.g. 5..", at: slo.location)]
        }
        return []
    }

    /// The SLOs of the environment's services, deployed and external, in the rule file's order.
    static func units(_ environment: ResolvedEnvironment) -> [SLOUnit] {
        environment.sloServices.flatMap { service in service.slos.map { unit($0, service) } }
    }

    /// The rule file: every SLO of the system, as the environment runs its services.
    public func files(environment: ResolvedEnvironment, system: ResolvedSystem, cache: GenerationCache) throws
        -> [GeneratedFile] {
        let units = Self.units(environment)
        guard !units.isEmpty else { return [] }
        let rules = try SLORuleTexts.of(environment, system: system.name, cache: cache)
        let header = FileHeader.hash(source: system.declaredAt, system: system.name, command: system.command)
        return [file(Self.ruleFile, contents: rules.ruleFile(after: header + SLORules.comment(environment, units)),
                     environment, system)]
    }

    /// The promtool tests of the service's SLOs: all of them for the first SLO of its shape in the environment, the
    /// 1m-grid tests of its own names and labels for the others (see ``SLOTests``).
    public func files(service: ResolvedService, environment: ResolvedEnvironment, system: ResolvedSystem,
                      cache: GenerationCache) throws -> [GeneratedFile] {
        guard !service.slos.isEmpty else { return [] }
        let firstOfShape = cache.value(for: SLOTests.FirstOfShape(system: system.name, environment: environment.name)) {
            SLOTests.FirstOfShape.find(in: environment)
        }
        // A raw SLI's queries read series infragen does not know: it gets `promtool check rules` only, no unit tests.
        return try service.slos.filter { $0.rawSLI == nil }.flatMap { slo in
            let first = firstOfShape[SLOTests.Shape(slo)]
            let tests = try SLOTests.files(Self.unit(slo, service), ruleFile: Self.ruleFile, cache: cache,
                                           provenBy: first == slo.name ? nil : first)
            return try tests.map { test in
                file(test.name, test.comment, try YAML.render([test.document]), slo.location, environment, system)
            }
        }
    }

    /// The promtool tests of an external service's SLOs, as for a deployed service's.
    public func files(externalService: ResolvedService, environment: ResolvedEnvironment, system: ResolvedSystem,
                      cache: GenerationCache) throws -> [GeneratedFile] {
        try files(service: externalService, environment: environment, system: system, cache: cache)
    }

    private static func unit(_ slo: ResolvedSLO, _ service: ResolvedService) -> SLOUnit {
        SLOUnit(slo: slo, service: service, objectives: SLIObjective.all(of: slo, in: service))
    }

    private func file(
        _ name: String, _ comment: String, _ yaml: String, _ source: SourceLocation,
        _ environment: ResolvedEnvironment, _ system: ResolvedSystem
    ) -> GeneratedFile {
        file(name, contents: FileHeader.hash(source: source, system: system.name, command: system.command) + comment + yaml,
             environment, system)
    }

    private func file(_ name: String, contents: String, _ environment: ResolvedEnvironment, _ system: ResolvedSystem)
        -> GeneratedFile {
        GeneratedFile(
            path: "\(Self.folder.path(system: system.name, environment: environment.name))/\(name)",
            contents: contents, kind: kind, system: system.name, environment: environment.name)
    }

    /// An integer over 10^scale as exact decimal text: `decimal(144, scale: 2)` is `1.44`.
    static func decimal(_ value: Int, scale: Int) -> String {
        var digits = String(value.magnitude)
        if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
        var whole = String(digits.prefix(digits.count - scale)), fraction = String(digits.suffix(scale))
        while fraction.last == "0" { fraction.removeLast() }
        if whole.isEmpty { whole = "0" }
        return (value < 0 ? "-" : "") + (fraction.isEmpty ? whole : "\(whole).\(fraction)")
    }
}
