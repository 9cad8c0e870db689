import InfragenModel

/// One objective of one SLO as it runs in one environment: the unit that gets recording rules, metadata, alerts and
/// tests. An SLO with both an availability and a latency objective is two of these.
struct SLIObjective {
    enum Kind: String {
        case availability, latency
    }

    let kind: Kind
    let objective: Percentage
    /// Where the blueprint states the objective, for diagnostics.
    let location: SourceLocation
    /// The latency threshold, for latency objectives.
    let threshold: Duration?
    let slo: ResolvedSLO
    let service: ResolvedService

    /// The labels of every recorded series and alert of this objective, sorted by name: environment, namespace,
    /// objective, service, slo.
    let labels: [(String, String)]
    /// `{environment="prod",namespace="shop-prod",objective="availability",service="order-service",slo="order-creation"}`.
    let labelMatchers: String
    /// The matchers that pick this SLO's requests: namespace (unless `SLISelector(matchNamespace: false)`), the service
    /// label, then the SLO's own matchers.
    let requestMatchers: [PromQL.Matcher]
    /// `OrderCreationAvailabilityBudgetBurn`.
    let alertName: String

    /// (The derived texts are made once here: the rules and tests read them hundreds of times per objective.)
    init(
        kind: Kind, objective: Percentage, location: SourceLocation, threshold: Duration?, slo: ResolvedSLO,
        service: ResolvedService
    ) {
        (self.kind, self.objective, self.location, self.threshold, self.slo, self.service) =
            (kind, objective, location, threshold, slo, service)
        labels = [("environment", service.environment.name), ("namespace", service.namespace),
                  ("objective", kind.rawValue), ("service", service.name), ("slo", slo.name)]
        labelMatchers = "{" + labels.map { "\($0.0)=\(PromQL.quoted($0.1))" }.joined(separator: ",") + "}"
        let selector = Self.serviceSelector(service)
        var (samples, decoys) = Self.samples(selector + slo.matchers)
        // A latency SLI over some status codes: its series carry a code it counts, its decoys one it does not, all slow.
        var codeMatchers: [PromQL.Matcher] = []
        if kind == .latency, let codes = slo.latency?.value.codes {
            let label = service.metrics.codeLabel
            codeMatchers = [PromQL.Matcher(name: label, value: codes, regex: true)]
            let pattern = StatusCodePattern(codes)
            samples.append(PromQL.Matcher(name: label, value: String(pattern?.testIncludedCode ?? 200)))
            if let excluded = pattern?.testExcludedCode {
                decoys.append((samples.count - 1, PromQL.Matcher(name: label, value: String(excluded))))
            }
        }
        requestMatchers = selector.map { PromQL.Matcher(name: $0.name, value: $0.value) }
            + slo.matchers.map { PromQL.Matcher(name: $0.name, value: $0.value, regex: $0.op != .equal,
                                                negated: $0.op == .doesNotMatch) }
            + codeMatchers
        (sampleMatchers, decoyMatchers) = (samples, decoys)
        let stem = Self.alertStem(slo, kind)
        alertName = stem + "BudgetBurn"
        noDataAlertName = stem + "NoData"
    }

    /// The equalities that pick the service's series: `namespace` (unless the environment does not match it) and the
    /// service label with its value.
    static func serviceSelector(_ service: ResolvedService) -> [LabelMatcher] {
        let metrics = service.metrics
        return (metrics.matchesNamespace ? [LabelMatcher("namespace", service.namespace)] : [])
            + [LabelMatcher(metrics.serviceLabel, metrics.serviceLabelValue)]
    }

    /// `OrderCreationAvailability`: the SLO's `AlertName`, else its name in upper camel case, then the objective,
    /// said once (`requests-availability` gives `RequestsAvailability`, not `RequestsAvailabilityAvailability`).
    static func alertStem(_ slo: ResolvedSLO, _ kind: Kind) -> String {
        let objective = kind.rawValue.prefix(1).uppercased() + kind.rawValue.dropFirst()
        if let name = slo.alertName { return name + objective }
        let words = slo.name.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }
        return words.last == objective ? words.joined() : words.joined() + objective
    }

    /// Whether the SLO raises alerts of a severity here (the environment's policy and the SLO's `Alerts`).
    func raises(_ severity: BurnRatePolicy.Severity) -> Bool { severity == .page ? slo.pages : slo.tickets }

    /// `OrderCreationAvailabilityNoData`: the SLI's denominator has no series.
    let noDataAlertName: String

    /// Minutes the denominator must stay absent before the no-data ticket fires, unless the SLO says `NoDataAfter`:
    /// long enough for a rollout's new pods to serve their first request, short enough to be noticed the same hour.
    static let noDataForMinutes = SLODescription.defaultNoDataMinutes

    /// Minutes the denominator must stay absent before this SLI's no-data ticket fires (`NoDataAfter`, else 10).
    var noDataMinutes: Int { slo.noDataMinutes }

    /// A raw-PromQL SLI (`SLI(errors:total:)`), which the availability objective measures in place of the preset's.
    var raw: RawSLI? { kind == .availability ? slo.rawSLI?.value : nil }

    /// A raw SLI's query over one window in this environment, in parentheses on lines of their own (a trailing
    /// `# comment` stays inside).
    func rawQuery(_ query: String, minutes: Int) -> String {
        "(\n" + PromQLSyntax.substitute(query, window: PromQL.duration(minutes: minutes), namespace: service.namespace)
            + "\n)"
    }

    /// The denominator of the SLI, without a range: `http_requests_total{namespace="…",service="…",…}`; a raw SLI's
    /// total over 5m.
    var denominatorSelector: String {
        if let raw { return rawQuery(raw.total, minutes: 5) }
        return kind == .availability ? PromQL.selector(metrics.totalSeries, requestMatchers)
            : PromQL.selector(metrics.durationHistogram + "_count", requestMatchers)
    }

    /// One equality per label of the request matchers, on a value they all select, for the series the generated tests
    /// feed: a regular expression's value is one it matches (`=~`) or does not (`!~`), as validation made sure exists.
    let sampleMatchers: [PromQL.Matcher]
    /// Per request matcher, the index of its label in ``sampleMatchers`` and an equality on a value it does not select
    /// (the label's other matchers do, where infragen finds one): the decoys of the generated tests. A matcher that
    /// selects every value (`=~".*"`) has none.
    let decoyMatchers: [(index: Int, matcher: PromQL.Matcher)]

    static func samples(_ matchers: [LabelMatcher]) -> ([PromQL.Matcher], [(index: Int, matcher: PromQL.Matcher)]) {
        var names: [String] = []
        for matcher in matchers where !names.contains(matcher.name) { names.append(matcher.name) }
        var samples: [PromQL.Matcher] = [], decoys: [(index: Int, matcher: PromQL.Matcher)] = []
        for (index, name) in names.enumerated() {
            let (selected, rejected) = LabelMatcher.sampleValues(matchers.filter { $0.name == name })
            samples.append(PromQL.Matcher(name: name, value: selected ?? ""))
            for value in rejected.compactMap({ $0 }) where !decoys.contains(where: { $0.matcher.value == value && $0.index == index }) {
                decoys.append((index, PromQL.Matcher(name: name, value: value)))
            }
        }
        return (samples, decoys)
    }

    /// The labels `absent(denominator)` returns: the selector's equality matchers (PromQL drops the others).
    var absentLabels: [(String, String)] {
        if raw != nil { return [] }
        return requestMatchers.filter { !$0.regex }.map { ($0.name, $0.value) }
    }

    /// The objectives of one SLO, availability before latency.
    static func all(of slo: ResolvedSLO, in service: ResolvedService) -> [SLIObjective] {
        var objectives: [SLIObjective] = []
        if let availability = slo.availability {
            objectives.append(SLIObjective(
                kind: .availability, objective: availability.value, location: availability.location,
                threshold: nil, slo: slo, service: service))
        }
        if let latency = slo.latency {
            objectives.append(SLIObjective(
                kind: .latency, objective: latency.value.target, location: latency.location,
                threshold: latency.value.threshold, slo: slo, service: service))
        }
        return objectives
    }

    var budget: Percentage { objective.complement }
    var window: TimeWindow { slo.window }
    var metrics: ResolvedMetrics { service.metrics }
    var team: String { slo.team }

    /// The series the SLI reads, with the labels the instrumentation gives them: the counter (or the histogram's
    /// `_count`) for availability, the histogram for latency.
    var inputSeries: (name: String, labels: [String]) {
        let instrumentation = metrics.instrumentation
        return kind == .availability ? (instrumentation.totalSeries, instrumentation.totalLabels)
            : (instrumentation.durationHistogram, instrumentation.histogramLabels)
    }

    /// The matcher that picks the bad requests of an availability SLI: `code=~"5.."`.
    var errorMatcher: PromQL.Matcher {
        PromQL.Matcher(name: metrics.codeLabel, value: slo.errorCodes, regex: true)
    }

    /// The histogram bucket of the latency threshold: `le="0.8"`. Prometheus 3 writes whole numbers in float form
    /// (`le="1.0"`, where 2.x wrote `le="1"`), so a whole-second threshold matches both spellings: `le=~"1|1\\.0"`.
    var bucketMatcher: PromQL.Matcher {
        let le = threshold?.secondsText ?? "+Inf"
        return le.contains(".") ? PromQL.Matcher(name: "le", value: le)
            : PromQL.Matcher(name: "le", value: "\(le)|\(le)\\.0", regex: true)
    }

    /// The bucket's `le` value as a 2.x client writes it: `0.8`, `1`.
    var bucketLabel: String { threshold?.secondsText ?? "+Inf" }

    /// What counts as bad, for comments: `code=~"5.."`, `slower than 0.8s (le="0.8")`, `slower than 0.8s, le="0.8", of
    /// code=~"2.."`.
    var badRequests: String {
        switch kind {
        case .availability: raw == nil ? errorMatcher.text : "the SLI's errors query"
        case .latency:
            "slower than \(bucketLabel)s, \(bucketMatcher.text)"
                + (slo.latency?.value.codes.map { ", of " + PromQL.Matcher(name: metrics.codeLabel, value: $0, regex: true).text } ?? "")
        }
    }

    /// The requests of the SLO, for annotations: `order-service {handler="/api/orders",method="POST"}`.
    var requestsText: String {
        slo.matchers.isEmpty ? service.name
            : service.name + " {"
                + slo.matchers.map { "\($0.name)\($0.op.rawValue)\(PromQL.quoted($0.value))" }.joined(separator: ",")
                + "}"
    }

    /// `SLI:error ratio` recorded-series name for a window: `slo:sli_error:ratio_rate5m`.
    static func ratioRecord(minutes: Int) -> String { "slo:sli_error:ratio_rate\(PromQL.duration(minutes: minutes))" }

    /// The recorded error ratio over a window, selected by this objective's labels.
    func ratio(minutes: Int) -> String { Self.ratioRecord(minutes: minutes) + labelMatchers }

    /// The windows the error ratio is recorded over: the alert windows, then the SLO window unless it is one of them.
    var windows: [Int] {
        let period = window.days * 1440
        return BurnRatePolicy.windows.contains(period) ? BurnRatePolicy.windows : BurnRatePolicy.windows + [period]
    }

    var periodMinutes: Int { window.days * 1440 }

    /// The error-ratio threshold of a burn-rate condition, factor × budget, exactly.
    func threshold(_ condition: BurnRateCondition) -> Fraction {
        Fraction(condition.thresholdE10(window: window, budget: budget), 10_000_000_000)
    }

    /// The error-ratio expression over one window: bad / total, weighted by traffic.
    func errorRatioExpression(minutes: Int) -> String {
        badRateExpression(minutes: minutes) + "\n/\n" + totalRateExpression(minutes: minutes) + "\n"
    }

    /// The rate of the SLI's requests over one window, per second: `sum(rate(total[5m]))`.
    func totalRateExpression(minutes: Int) -> String {
        if let raw { return rawQuery(raw.total, minutes: minutes) }
        let range = "[\(PromQL.duration(minutes: minutes))]"
        switch kind {
        case .availability:
            return "sum(rate(\(PromQL.selector(metrics.totalSeries, requestMatchers))\(range)))"
        case .latency:
            return "sum(rate(\(PromQL.selector(metrics.durationHistogram + "_count", requestMatchers))\(range)))"
        }
    }

    /// The rate of the SLI's bad requests over one window, per second; 0 (not absent) when there are requests and
    /// none is bad.
    func badRateExpression(minutes: Int) -> String {
        if let raw { return "(" + rawQuery(raw.errors, minutes: minutes) + " or vector(0))" }
        let range = "[\(PromQL.duration(minutes: minutes))]"
        switch kind {
        case .availability:
            let bad = PromQL.selector(metrics.totalSeries, requestMatchers + [errorMatcher])
            return "(sum(rate(\(bad)\(range))) or vector(0))"
        case .latency:
            let good = PromQL.selector(metrics.durationHistogram + "_bucket", requestMatchers + [bucketMatcher])
            return """
                (
                  \(totalRateExpression(minutes: minutes))
                  -
                  sum(rate(\(good)\(range)))
                )
                """
        }
    }
}
