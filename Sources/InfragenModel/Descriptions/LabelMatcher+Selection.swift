extension LabelMatcher {
    /// Whether the matcher selects a series whose label has this value (Prometheus reads a missing label as "").
    /// Nil when a regular expression does not parse or its search gives up.
    public func selects(_ candidate: String) -> Bool? {
        switch op {
        case .equal: return candidate == value
        case .matches: return (try? RE2Pattern(value))?.matches(candidate)
        case .doesNotMatch: return (try? RE2Pattern(value))?.matches(candidate).map { !$0 }
        }
    }

    /// For the matchers of one label: a value all of them select (the generated tests' series carry it) and, per
    /// matcher, a value it does not select that the others do (the decoys that prove the matcher is in the rules);
    /// nil where infragen finds none (`=~"a"` with `!~"a"`; `=~".*"` alone).
    public static func sampleValues(_ matchers: [LabelMatcher]) -> (selected: String?, rejected: [String?]) {
        var witnesses: [(op: Operator, values: [String])] = []
        var candidates: [String] = []
        for matcher in matchers {
            switch matcher.op {
            case .equal:
                candidates += [matcher.value, matcher.value + "-decoy"]
            case .matches, .doesNotMatch:
                guard let pattern = try? RE2Pattern(matcher.value) else { continue }
                let values = Array(RE2Pattern.witnesses(pattern.root).prefix(16))
                witnesses.append((matcher.op, values))
                candidates += values
            }
        }
        // A value one expression matches inside another's (`/api/orders` + `/api//export` for `=~"/api/(orders|…)
        // (/.*)?"` with `!~"/api/.*/export"`).
        for (i, first) in witnesses.enumerated() {
            for (j, second) in witnesses.enumerated() where i != j {
                for a in first.values.prefix(4) { for b in second.values.prefix(4) { candidates.append(a + b) } }
            }
        }
        candidates += ["x-decoy", "decoy-x", "infragen-decoy", "", "0", "_", "\u{1F4A5}"]
        let verdicts = candidates.map { value in matchers.map { $0.selects(value) } }
        let selected = zip(candidates, verdicts).first { $0.1.allSatisfy { $0 == true } }?.0
        let rejected = matchers.indices.map { index -> String? in
            let others = zip(candidates, verdicts).first { _, verdict in
                verdict[index] == false && verdict.indices.allSatisfy { $0 == index || verdict[$0] == true }
            }
            return others?.0 ?? zip(candidates, verdicts).first { $0.1[index] == false }?.0
        }
        return (selected, rejected)
    }
}
