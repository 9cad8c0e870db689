import InfragenModel
import InfragenYAML

extension OpenSLOFile {
    /// The placeholder Sloth's OpenSLO reader uses for a query's range; read as infragen's `$window`.
    static let slothWindow = "{{.window}}"

    /// `indicator` (inline) or `indicatorRef` (an `SLI` object of the file), as a raw SLI: `bad` is the errors query,
    /// `good` becomes `(total) - (good)`.
    mutating func indicator(_ spec: [String: MarkedYAMLNode], _ specNode: MarkedYAMLNode) -> Setting<RawSLI>? {
        switch (spec["indicator"], spec["indicatorRef"]) {
        case (let inline?, nil):
            guard let sliSpec = self.inline(inline, "spec.indicator", kind: nil) else { return nil }
            return sli(sliSpec, "spec.indicator.spec")
        case (nil, let reference?):
            guard let name = reader.text(reference, "spec.indicatorRef", limit: 253, hint: "name an SLI of the file")
            else { return nil }
            guard let object = slis[name] else {
                reader.refuse("spec.indicatorRef", "no SLI named \(TextRules.quoted(String(name.prefix(100)))) in \(reader.file)",
                              hint: "add an object of kind: SLI with that metadata.name to the file, or write the "
                                  + "indicator inline", at: reference.mark)
                return nil
            }
            return sli(object.spec, "spec")
        case (_?, let reference?):
            reader.refuse("spec.indicatorRef", "the SLO has both indicator and indicatorRef", hint: "keep one of them",
                          at: reference.mark)
        case (nil, nil):
            reader.refuse("spec.indicator", "the SLO has no indicator",
                          hint: "write spec.indicator (a ratioMetric) or spec.indicatorRef (the name of an SLI)",
                          at: specNode.mark)
        }
        return nil
    }

    /// An SLI's spec: a `ratioMetric` of Prometheus queries.
    private mutating func sli(_ node: MarkedYAMLNode, _ field: String) -> Setting<RawSLI>? {
        guard let values = reader.mapping(node, field, known: ["ratioMetric", "thresholdMetric"],
                                          hint: "write a ratioMetric") else { return nil }
        if let threshold = values["thresholdMetric"] {
            reader.refuse("\(field).thresholdMetric",
                          "a threshold metric (one value compared with a threshold) has no good and total events for "
                              + "infragen's error ratio",
                          hint: "write a ratioMetric whose bad query counts the events over the threshold (the slow "
                              + "requests of a histogram) and whose total counts all", at: threshold.mark)
            return nil
        }
        let at = "\(field).ratioMetric"
        guard let ratio = reader.required(values, "ratioMetric", in: node, field, hint: "write a ratioMetric"),
              let metric = reader.mapping(ratio, at, known: ["counter", "good", "bad", "total", "rawType", "raw"],
                                          hint: "write good or bad, and total")
        else { return nil }
        if let counter = metric["counter"] { _ = reader.bool(counter, "\(at).counter") }
        for key in ["raw", "rawType"] where metric[key] != nil {
            reader.refuse("\(at).\(key)", "a raw ratio (one precomputed ratio series) cannot be weighted by traffic over "
                              + "infragen's windows", hint: "write good or bad, and total queries", at: metric[key]!.mark)
        }
        var total: String?
        if let node = reader.required(metric, "total", in: ratio, at, hint: "write total: the query of all events") {
            total = query(node, "\(at).total")
        }
        var errors: String?
        switch (metric["good"], metric["bad"]) {
        case (let good?, nil):
            if let good = query(good, "\(at).good"), let total { errors = "(\(total)) - (\(good))" }
        case (nil, let bad?):
            errors = query(bad, "\(at).bad")
        case (_?, let bad?):
            reader.refuse("\(at).bad", "the ratio metric has both good and bad", hint: "keep one of them", at: bad.mark)
        case (nil, nil):
            reader.refuse("\(at).good", "the ratio metric has neither good nor bad",
                          hint: "write good (the good events) or bad (the bad events) beside total", at: ratio.mark)
        }
        guard let errors, let total else { return nil }
        return Setting(RawSLI(errors: errors, total: total), at: reader.location(ratio.mark))
    }

    /// A `metricSource` of type Prometheus whose `spec.query` PromQLSyntax accepts, with `{{.window}}` read as
    /// `$window`.
    private mutating func query(_ node: MarkedYAMLNode, _ field: String) -> String? {
        let inline = "write metricSource: {type: Prometheus, spec: {query: …}}"
        guard let metric = reader.mapping(node, field, known: ["metricSource"], hint: inline),
              let sourceNode = reader.required(metric, "metricSource", in: node, field, hint: inline)
        else { return nil }
        let at = "\(field).metricSource"
        guard let source = reader.mapping(sourceNode, at, known: ["type", "metricSourceRef", "spec"], hint: inline)
        else { return nil }
        if let reference = source["metricSourceRef"] {
            reader.refuse("\(at).metricSourceRef",
                          "a data source by reference: infragen's rules run in the Prometheus that loads them",
                          hint: "remove metricSourceRef and write type: Prometheus", at: reference.mark)
            return nil
        }
        guard let typeNode = reader.required(source, "type", in: sourceNode, at, hint: "write type: Prometheus"),
              let type = reader.text(typeNode, "\(at).type", hint: "write type: Prometheus") else { return nil }
        guard type.lowercased() == "prometheus" else {
            reader.refuse("\(at).type",
                          "the metric source \(TextRules.quoted(String(type.prefix(100)))) is not Prometheus, where "
                              + "infragen's rules run", hint: "write the SLI as a Prometheus query (type: Prometheus)",
                          at: typeNode.mark)
            return nil
        }
        guard let specNode = reader.required(source, "spec", in: sourceNode, at, hint: "write spec: {query: …}"),
              let spec = reader.mapping(specNode, "\(at).spec", known: ["query"], hint: "write query: <PromQL>"),
              let queryNode = reader.required(spec, "query", in: specNode, "\(at).spec", hint: "write query: <PromQL>"),
              let written = reader.text(queryNode, "\(at).spec.query", limit: 65_536, hint: "write a PromQL query")
        else { return nil }
        let query = written.replacing(Self.slothWindow, with: RawSLI.placeholder)
        do {
            try PromQLSyntax.check(query)
        } catch {
            let shown = query.utf8.count > 200 ? String(decoding: query.utf8.prefix(200), as: UTF8.self) + "…" : query
            reader.refuse("\(at).spec.query",
                          "the query is not a PromQL expression infragen can use: \(error.message), at offset "
                              + "\(error.offset) of \(TextRules.quoted(shown))",
                          hint: "write one PromQL expression that returns an instant vector, with [$window] as every "
                              + "range (not a fixed range such as [5m]), e.g. sum(rate(http_requests_total{code=~\"5..\"}"
                              + "[$window]))", at: queryNode.mark)
            return nil
        }
        return query
    }
}
