import InfragenModel
import InfragenYAML

extension OpenSLOFile {
    static let sloSpecFields = [
        "description", "service", "indicator", "indicatorRef", "budgetingMethod", "timeWindow", "objectives",
        "alertPolicies",
    ]

    /// One `SLO` object as infragen's SLO, or nil after refusing what cannot be mapped.
    mutating func slo(_ object: Object) -> SLODescription? {
        let before = reader.diagnostics.count
        guard let spec = reader.mapping(object.spec, "spec", known: Self.sloSpecFields,
                                        hint: "an SLO's spec has \(Self.sloSpecFields.joined(separator: ", "))")
        else { return nil }
        if let node = reader.required(spec, "service", in: object.spec, "spec", hint: "write spec.service: \(service)"),
           let name = reader.text(node, "spec.service", hint: "write spec.service: \(service)"), name != service {
            reader.refuse("spec.service",
                          "the SLO is for service \(TextRules.quoted(String(name.prefix(100)))), and the file is "
                              + "imported into '\(service)'",
                          hint: "import the file into that service's ImportOpenSLO, or write spec.service: \(service)",
                          at: node.mark)
        }
        if let description = spec["description"] {
            _ = reader.text(description, "spec.description", limit: 1024, hint: "write one line, or leave it out")
        }
        if let node = reader.required(spec, "budgetingMethod", in: object.spec, "spec",
                                      hint: "write budgetingMethod: Occurrences"),
           let method = reader.text(node, "spec.budgetingMethod", hint: "write budgetingMethod: Occurrences"),
           method != "Occurrences" {
            reader.refuse("spec.budgetingMethod",
                          "the budgeting method \(TextRules.quoted(String(method.prefix(100)))) is not infragen's: its "
                              + "error ratio counts events over the window (Occurrences), weighted by traffic",
                          hint: "write budgetingMethod: Occurrences", at: node.mark)
        }
        var window: TimeWindow?
        if let node = reader.required(spec, "timeWindow", in: object.spec, "spec",
                                      hint: "write timeWindow: [{duration: 28d, isRolling: true}]") {
            window = timeWindow(node)
        }
        let sli = indicator(spec, object.spec)
        var objective: Setting<Percentage>?
        if let node = reader.required(spec, "objectives", in: object.spec, "spec",
                                      hint: "write objectives: [{target: 0.999}]") {
            objective = self.objective(node)
        }
        var alerts: (pages: Bool, tickets: Bool)?
        if let node = spec["alertPolicies"] { alerts = alerting(node, window: window) }
        var slo = SLODescription(name: object.name, location: reader.location(object.nameMark))
        labelsAndAnnotations(object.metadata, into: &slo)
        guard reader.diagnostics.count == before, let window, let sli, let objective else { return nil }
        slo.window = window
        slo.rawSLI = sli
        slo.availability = objective
        if let alerts {
            slo.pages = alerts.pages
            slo.tickets = alerts.tickets
        }
        return slo
    }

    /// `timeWindow`: one rolling window of whole days (`28d`, `4w`).
    private mutating func timeWindow(_ node: MarkedYAMLNode) -> TimeWindow? {
        let field = "spec.timeWindow"
        guard let items = reader.sequence(node, field, hint: "write timeWindow: [{duration: 28d, isRolling: true}]")
        else { return nil }
        guard items.count == 1 else {
            reader.refuse(field, "an SLO has \(items.count) time windows, and infragen measures one",
                          hint: "write one rolling window, e.g. duration: 28d", at: items.dropFirst().first?.mark ?? node.mark)
            return nil
        }
        let item = items[0], at = "\(field)[0]"
        guard let values = reader.mapping(item, at, known: ["duration", "isRolling", "calendar"],
                                          hint: "write duration: 28d and isRolling: true") else { return nil }
        if let calendar = values["calendar"] {
            reader.refuse("\(at).calendar",
                          "a calendar window (from a start date, in a time zone) is not what infragen's rules measure: "
                              + "they measure the last N days at every evaluation",
                          hint: "remove calendar and write isRolling: true", at: calendar.mark)
        }
        if let rolling = reader.required(values, "isRolling", in: item, at, hint: "write isRolling: true"),
           reader.bool(rolling, "\(at).isRolling") == false {
            reader.refuse("\(at).isRolling",
                          "a calendar-aligned window (isRolling: false) is not what infragen's rules measure: they "
                              + "measure the last N days at every evaluation", hint: "write isRolling: true",
                          at: rolling.mark)
        }
        guard let durationNode = reader.required(values, "duration", in: item, at, hint: "write duration: 28d"),
              let duration = reader.text(durationNode, "\(at).duration", limit: 32, hint: "write e.g. 28d or 4w")
        else { return nil }
        guard let (count, unit) = Self.duration(duration), let number = Int(count) else {
            reader.refuse("\(at).duration", "\(TextRules.quoted(duration)) is not an OpenSLO duration",
                          hint: "write a number of days or weeks, e.g. 28d or 4w", at: durationNode.mark)
            return nil
        }
        guard unit == "d" || unit == "w" else {
            reader.refuse("\(at).duration", "\(TextRules.quoted(duration)) is not a whole number of days",
                          hint: "infragen's SLO windows are whole days: write e.g. 28d or 4w", at: durationNode.mark)
            return nil
        }
        let days = unit == "w" ? number * 7 : number
        guard (1...365).contains(days) else {
            reader.refuse("\(at).duration", "the window \(duration) is outside 1d-365d",
                          hint: "write e.g. 28d, 30d or 4w", at: durationNode.mark)
            return nil
        }
        return .days(days)
    }

    /// `12d` as ("12", "d"): at most 6 digits and one of OpenSLO's units.
    static func duration(_ text: String) -> (String, Character)? {
        guard let unit = text.last, "smhdwMQY".contains(unit) else { return nil }
        let count = text.dropLast()
        guard !count.isEmpty, count.count <= 6, count.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return (String(count), unit)
    }

    /// `objectives`: exactly one, whose `target` (0-1) or `targetPercent` (0-100) is the availability objective.
    private mutating func objective(_ node: MarkedYAMLNode) -> Setting<Percentage>? {
        let field = "spec.objectives"
        let known = ["displayName", "target", "targetPercent", "op", "value", "timeSliceTarget", "timeSliceWindow",
                     "indicator", "indicatorRef", "compositeWeight"]
        guard let items = reader.sequence(node, field, hint: "write objectives: [{target: 0.999}]") else { return nil }
        guard items.count == 1 else {
            reader.refuse(field,
                          items.isEmpty ? "the SLO has no objective"
                              : "the SLO has \(items.count) objectives, and an infragen SLO has one availability objective",
                          hint: items.isEmpty ? "write objectives: [{target: 0.999}]"
                              : "write one SLO document per objective", at: items.dropFirst().first?.mark ?? node.mark)
            return nil
        }
        let item = items[0], at = "\(field)[0]"
        guard let values = reader.mapping(item, at, known: known, hint: "write target: 0.999") else { return nil }
        if let displayName = values["displayName"] {
            _ = reader.text(displayName, "\(at).displayName", hint: "write a display name, or leave it out")
        }
        for key in ["op", "value"] where values[key] != nil {
            reader.refuse("\(at).\(key)", "op and value compare a threshold metric's values, which infragen does not read",
                          hint: "remove it: a ratio metric's objective is its target", at: values[key]!.mark)
        }
        for key in ["timeSliceTarget", "timeSliceWindow"] where values[key] != nil {
            reader.refuse("\(at).\(key)", "time slices belong to budgetingMethod: Timeslices, which infragen does not use",
                          hint: "remove it and write budgetingMethod: Occurrences", at: values[key]!.mark)
        }
        for key in ["indicator", "indicatorRef", "compositeWeight"] where values[key] != nil {
            reader.refuse("\(at).\(key)", "an objective with its own indicator makes a composite SLO, which infragen "
                              + "does not write", hint: "write the indicator in spec.indicator, one SLO per objective",
                          at: values[key]!.mark)
        }
        switch (values["target"], values["targetPercent"]) {
        case (let target?, nil):
            let hint = "write the share of good events as a fraction between 0 and 1, e.g. 0.999"
            guard let millionths = reader.fixedPoint(target, "\(at).target", decimals: 6, hint: hint) else { return nil }
            guard millionths > 0 && millionths < 1_000_000 else {
                reader.refuse("\(at).target", "the target \(target.scalar?.text ?? "") is not between 0 and 1 (both excluded)",
                              hint: hint, at: target.mark)
                return nil
            }
            return Setting(.millionths(millionths), at: reader.location(target.mark))
        case (nil, let percent?):
            let hint = "write the percentage of good events between 0 and 100, e.g. 99.9"
            guard let tenThousandths = reader.fixedPoint(percent, "\(at).targetPercent", decimals: 4, hint: hint)
            else { return nil }
            guard tenThousandths > 0 && tenThousandths < 1_000_000 else {
                reader.refuse("\(at).targetPercent",
                              "the target \(percent.scalar?.text ?? "") % is not between 0 and 100 (both excluded)",
                              hint: hint, at: percent.mark)
                return nil
            }
            return Setting(.millionths(tenThousandths), at: reader.location(percent.mark))
        case (_?, let percent?):
            reader.refuse("\(at).targetPercent", "the objective has both target and targetPercent",
                          hint: "write one of them", at: percent.mark)
        case (nil, nil):
            reader.refuse("\(at).target", "the objective has no target", hint: "write target: 0.999 (or targetPercent: 99.9)",
                          at: item.mark)
        }
        return nil
    }

    /// The SLO's `metadata.labels` as its alerts' labels (one value each), and `metadata.annotations` as their
    /// annotations: `summary`, `description` and `dashboard_url`, and `runbook_url` as the SLO's runbook.
    private mutating func labelsAndAnnotations(_ metadata: [String: MarkedYAMLNode], into slo: inout SLODescription) {
        if let labels = metadata["labels"], let entries = labels.entries ?? {
            reader.refuse("metadata.labels", "the labels are not a mapping", hint: "write name: value pairs", at: labels.mark)
            return nil
        }() {
            for entry in entries {
                let field = "metadata.labels.\(entry.key)"
                var value = entry.value
                if let items = entry.value.items {
                    guard items.count == 1 else {
                        reader.refuse(field, "the label has \(items.count) values, and a Prometheus label has one",
                                      hint: "give it one value", at: entry.value.mark)
                        continue
                    }
                    value = items[0]
                }
                if let text = reader.text(value, field, limit: 1024, hint: "write the label's value") {
                    slo.alertLabels[entry.key] = text
                }
            }
        }
        guard let annotations = metadata["annotations"] else { return }
        let known = ["summary", "description", "dashboard_url", "runbook_url"]
        guard let values = reader.mapping(
            annotations, "metadata.annotations", known: known,
            hint: "infragen's alerts have the annotations \(known.joined(separator: ", "))") else { return }
        for key in known {
            guard let node = values[key],
                  let text = reader.text(node, "metadata.annotations.\(key)", limit: 1024, hint: "write one line of text")
            else { continue }
            if key == "runbook_url" { slo.runbookURL = text } else { slo.annotations[key] = text }
        }
    }
}
