import InfragenGenerators
import InfragenModel
import InfragenYAML

extension OpenSLOFile {
    /// `alertPolicies` as `Alerts(page:ticket:)`: each policy's conditions switch on infragen's page or ticket alert
    /// (their `severity`), and must state one of that alert's own burn-rate conditions for the SLO's window. Nil (the
    /// environment's policy decides, as for an SLO without `Alerts`) when the list is empty.
    mutating func alerting(_ node: MarkedYAMLNode, window: TimeWindow?) -> (pages: Bool, tickets: Bool)? {
        let field = "spec.alertPolicies"
        guard let items = reader.sequence(node, field, hint: "write a list of AlertPolicy names or inline policies"),
              !items.isEmpty else { return nil }
        var severities = Set<String>()
        for (index, item) in items.enumerated() {
            let at = "\(field)[\(index)]"
            var policy: MarkedYAMLNode?
            var reference: MarkedYAMLNode?
            if item.scalar != nil {
                reference = item
            } else if item.entries?.contains(where: { $0.key == "alertPolicyRef" }) == true {
                reference = reader.mapping(item, at, known: ["alertPolicyRef"], hint: "write alertPolicyRef: <name>")?["alertPolicyRef"]
            } else {
                policy = inline(item, at, kind: "AlertPolicy")
            }
            if let reference, let name = reader.text(reference, at, limit: 253, hint: "name an AlertPolicy of the file") {
                if let object = policies[name] {
                    policy = object.spec
                } else {
                    reader.refuse(at, "no AlertPolicy named \(TextRules.quoted(String(name.prefix(100)))) in \(reader.file)",
                                  hint: "add an object of kind: AlertPolicy with that metadata.name, or write it inline",
                                  at: reference.mark)
                }
            }
            if let policy { severities.formUnion(self.policy(policy, window: window)) }
        }
        return (severities.contains("page"), severities.contains("ticket"))
    }

    private mutating func policy(_ node: MarkedYAMLNode, window: TimeWindow?) -> Set<String> {
        let known = ["description", "alertWhenNoData", "alertWhenBreaching", "alertWhenResolved", "conditions",
                     "notificationTargets"]
        guard let values = reader.mapping(node, "spec", known: known, hint: "an AlertPolicy's spec has conditions")
        else { return [] }
        if let description = values["description"] {
            _ = reader.text(description, "spec.description", limit: 1024, hint: "write one line, or leave it out")
        }
        if let targets = values["notificationTargets"] {
            reader.refuse("spec.notificationTargets",
                          "infragen routes alerts with the blueprint's AlertRouting (by team, severity and "
                              + "environment), not per policy",
                          hint: "remove notificationTargets and route the SLO's team in AlertRouting", at: targets.mark)
        }
        let refusals = [
            ("alertWhenBreaching", "infragen's alerts fire when the error budget burns",
             "remove alertWhenBreaching: false, or the policy from the SLO"),
            ("alertWhenNoData", "infragen raises a no-data ticket for every SLI wherever it raises tickets",
             "remove alertWhenNoData: false"),
            ("alertWhenResolved", "whether a resolved alert is notified is the receiver's setting (send_resolved)",
             "remove alertWhenResolved: false"),
        ]
        for (key, why, hint) in refusals {
            if let node = values[key], reader.bool(node, "spec.\(key)") == false {
                reader.refuse("spec.\(key)", "\(key): false cannot be honoured: \(why)", hint: hint, at: node.mark)
            }
        }
        guard let conditionsNode = reader.required(values, "conditions", in: node, "spec",
                                                   hint: "write conditions: [{conditionRef: <name>}]"),
              let items = reader.sequence(conditionsNode, "spec.conditions", hint: "write a list of conditions")
        else { return [] }
        guard !items.isEmpty else {
            reader.refuse("spec.conditions", "the policy has no condition", hint: "write a page or ticket condition",
                          at: conditionsNode.mark)
            return []
        }
        var severities = Set<String>()
        for (index, item) in items.enumerated() {
            let at = "spec.conditions[\(index)]"
            var condition: MarkedYAMLNode?
            if item.entries?.contains(where: { $0.key == "conditionRef" }) == true {
                guard let reference = reader.mapping(item, at, known: ["conditionRef"], hint: "write conditionRef: <name>")?["conditionRef"],
                      let name = reader.text(reference, "\(at).conditionRef", limit: 253, hint: "name an AlertCondition")
                else { continue }
                guard let object = conditions[name] else {
                    reader.refuse("\(at).conditionRef",
                                  "no AlertCondition named \(TextRules.quoted(String(name.prefix(100)))) in \(reader.file)",
                                  hint: "add an object of kind: AlertCondition with that metadata.name, or write it inline",
                                  at: reference.mark)
                    continue
                }
                condition = object.spec
            } else {
                condition = inline(item, at, kind: "AlertCondition")
            }
            if let condition, let severity = self.condition(condition, window: window) { severities.insert(severity) }
        }
        return severities
    }

    /// An AlertCondition's spec: its severity, if its burn-rate condition is one of infragen's for that severity.
    private mutating func condition(_ node: MarkedYAMLNode, window: TimeWindow?) -> String? {
        guard let values = reader.mapping(node, "spec", known: ["description", "severity", "condition"],
                                          hint: "an AlertCondition's spec has severity and condition") else { return nil }
        if let description = values["description"] {
            _ = reader.text(description, "spec.description", limit: 1024, hint: "write one line, or leave it out")
        }
        guard let severityNode = reader.required(values, "severity", in: node, "spec", hint: "write severity: page or ticket"),
              let severity = reader.text(severityNode, "spec.severity", limit: 64, hint: "write page or ticket")
        else { return nil }
        guard severity == "page" || severity == "ticket" else {
            reader.refuse("spec.severity", "the severity \(TextRules.quoted(String(severity.prefix(100)))) is not one of "
                              + "infragen's alerts", hint: "write page or ticket", at: severityNode.mark)
            return nil
        }
        let hint = window.map { window in
            "state one of infragen's \(severity) conditions for a \(window) window: "
                + BurnRateAlertCondition.all(window: window).filter { $0.severity == severity }.map(\.summary)
                    .joined(separator: " or ") + "; a policy switches infragen's alerts on, it cannot change them"
        } ?? "state one of infragen's \(severity) conditions (README, \"Multiwindow, multi-burn-rate alerts\")"
        guard let conditionNode = reader.required(values, "condition", in: node, "spec", hint: hint),
              let condition = reader.mapping(conditionNode, "spec.condition",
                                             known: ["kind", "op", "threshold", "lookbackWindow", "alertAfter"], hint: hint)
        else { return nil }
        let at = "spec.condition"
        if let kindNode = reader.required(condition, "kind", in: conditionNode, at, hint: "write kind: burnrate"),
           let kind = reader.text(kindNode, "\(at).kind", limit: 64, hint: "write kind: burnrate"), kind != "burnrate" {
            reader.refuse("\(at).kind", "the condition kind \(TextRules.quoted(String(kind.prefix(100)))) is not infragen's",
                          hint: "write kind: burnrate", at: kindNode.mark)
            return nil
        }
        if let opNode = condition["op"], let op = reader.text(opNode, "\(at).op", limit: 64, hint: "write op: gt"), op != "gt" {
            reader.refuse("\(at).op", "infragen's burn-rate alerts compare with > (gt), not \(TextRules.quoted(String(op.prefix(100))))",
                          hint: "write op: gt", at: opNode.mark)
            return nil
        }
        guard let thresholdNode = reader.required(condition, "threshold", in: conditionNode, at, hint: hint),
              let threshold = reader.fixedPoint(thresholdNode, "\(at).threshold", decimals: 4, hint: hint),
              let lookbackNode = reader.required(condition, "lookbackWindow", in: conditionNode, at, hint: hint),
              let lookback = minutes(lookbackNode, "\(at).lookbackWindow", hint: hint)
        else { return nil }
        var after: Int?
        if let afterNode = condition["alertAfter"] {
            guard let minutes = minutes(afterNode, "\(at).alertAfter", hint: hint) else { return nil }
            after = minutes
        }
        guard let window else { return nil }
        let matches = BurnRateAlertCondition.all(window: window).contains {
            $0.severity == severity && $0.factorTenThousandths == threshold && $0.longWindowMinutes == lookback
                && (after == nil || after == $0.forMinutes)
        }
        guard matches else {
            reader.refuse(at, "the \(severity) condition (burn rate \(thresholdNode.scalar?.text ?? "") over "
                              + "\(lookbackNode.scalar?.text ?? "")\(after == nil ? "" : ", after \(condition["alertAfter"]?.scalar?.text ?? "")")) "
                              + "is not one of infragen's", hint: hint, at: conditionNode.mark)
            return nil
        }
        return severity
    }

    /// A duration of whole minutes (`5m`, `1h`, `1d`, `120s`).
    private mutating func minutes(_ node: MarkedYAMLNode, _ field: String, hint: String) -> Int? {
        guard let text = reader.text(node, field, limit: 32, hint: hint) else { return nil }
        let factors: [Character: Int] = ["m": 1, "h": 60, "d": 1440, "w": 10_080]
        if let (count, unit) = Self.duration(text), let number = Int(count) {
            if unit == "s", number % 60 == 0 { return number / 60 }
            if let factor = factors[unit] { return number * factor }
        }
        reader.refuse(field, "\(TextRules.quoted(text)) is not a duration of whole minutes", hint: hint, at: node.mark)
        return nil
    }
}
