/// Matching a parsed pattern against a value, fully anchored as Prometheus does, and finding values it matches.
extension RE2Pattern {
    /// Whether the whole value matches, as Prometheus's `=~` reads it. Nil when the search gave up (a pattern whose
    /// backtracking explodes on this value).
    public func matches(_ value: String) -> Bool? {
        let matcher = Matcher(text: Array(value.unicodeScalars))
        let result = matcher.match(root, 0) { $0 == matcher.text.count }
        return matcher.steps > Matcher.budget ? nil : result
    }

    /// Short values the pattern might match: the first branch of each alternation, each repetition at its minimum
    /// (and at one), the first character of each class.
    static func witnesses(_ node: Node) -> [String] {
        switch node {
        case .empty, .lineStart, .lineEnd, .textStart, .textEnd, .wordBoundary: return [""]
        case .literal(let scalar, _): return [String(scalar)]
        case .any: return ["a"]
        case .set(let ranges, let negated, _):
            if !negated { return ranges.first.flatMap { Unicode.Scalar($0.lowerBound) }.map { [String($0)] } ?? [] }
            let probes: [Unicode.Scalar] = ["a", "0", "x", "Z", "-", "_", " ", "~", "é"]
            return probes.filter { probe in !ranges.contains { $0.contains(probe.value) } }.prefix(1).map { String($0) }
        case .concat(let parts):
            var results = [""]
            for part in parts {
                let options = witnesses(part)
                results = results.flatMap { prefix in options.map { prefix + $0 } }
                if results.count > 16 { results = Array(results.prefix(16)) }
                if results.isEmpty { return [] }
            }
            return results
        case .alternate(let branches): return Array(branches.flatMap(witnesses).prefix(16))
        case .repeat(let inner, let min, _):
            let options = witnesses(inner)
            return options.map { String(repeating: $0, count: min) } + options.map { String(repeating: $0, count: Swift.max(min, 1)) }
        }
    }

    /// A backtracking matcher with a step budget (a class: its continuations re-enter it).
    final class Matcher {
        let text: [Unicode.Scalar]
        var steps = 0

        /// How deep the continuations are nested now: each scalar matched adds a few frames, so a long value
        /// against a long pattern would exhaust a thread's stack (a 5,000-character literal crashed the process).
        var depth = 0

        init(text: [Unicode.Scalar]) { self.text = text }
        static let budget = 200_000
        /// The deepest nesting the search goes to before it gives up (nil): in a test thread of a debug build,
        /// 4,000 passed and 16,000 crashed. Patterns are at most ``RE2Pattern/maxBytes`` long, so their own values fit.
        static let maxDepth = 2_000

        func match(_ node: Node, _ i: Int, _ next: (Int) -> Bool) -> Bool {
            steps += 1
            depth += 1
            defer { depth -= 1 }
            if depth > Self.maxDepth { steps = Self.budget + 1 }
            if steps > Self.budget { return false }
            switch node {
            case .empty: return next(i)
            case .literal(let scalar, let fold):
                guard i < text.count, Self.equal(text[i], scalar, fold) else { return false }
                return next(i + 1)
            case .set(let ranges, let negated, let fold):
                guard i < text.count else { return false }
                let c = text[i]
                var inside = ranges.contains { $0.contains(c.value) }
                if fold, !inside {
                    inside = Self.caseVariants(c).contains { v in ranges.contains { $0.contains(v.value) } }
                }
                return inside != negated ? next(i + 1) : false
            case .any(let dotNewline):
                guard i < text.count, dotNewline || text[i] != "\n" else { return false }
                return next(i + 1)
            case .concat(let parts): return matchSequence(parts[...], i, next)
            case .alternate(let branches):
                for branch in branches where match(branch, i, next) { return true }
                return false
            case .repeat(let inner, let min, let max): return matchRepeat(inner, min, max, 0, i, next)
            case .lineStart(let multi):
                return (i == 0 || (multi && text[i - 1] == "\n")) ? next(i) : false
            case .lineEnd(let multi):
                return (i == text.count || (multi && text[i] == "\n")) ? next(i) : false
            case .textStart: return i == 0 ? next(i) : false
            case .textEnd: return i == text.count ? next(i) : false
            case .wordBoundary(let at):
                let before = i > 0 && Self.isWord(text[i - 1]), after = i < text.count && Self.isWord(text[i])
                return ((before != after) == at) ? next(i) : false
            }
        }

        func matchSequence(_ parts: ArraySlice<Node>, _ i: Int, _ next: (Int) -> Bool) -> Bool {
            guard let first = parts.first else { return next(i) }
            let rest = parts.dropFirst()
            return match(first, i) { j in matchSequence(rest, j, next) }
        }

        func matchRepeat(
            _ inner: Node, _ min: Int, _ max: Int?, _ count: Int, _ i: Int, _ next: (Int) -> Bool
        ) -> Bool {
            if let max, count >= max { return next(i) }
            // Greedy: one more first; an iteration that consumes nothing ends the loop.
            let more = match(inner, i) { j in
                (j == i && count >= min) ? false : matchRepeat(inner, min, max, count + 1, j, next)
            }
            if more { return true }
            return count >= min ? next(i) : false
        }

        static func isWord(_ c: Unicode.Scalar) -> Bool {
            c == "_" || ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
        }

        static func caseVariants(_ c: Unicode.Scalar) -> [Unicode.Scalar] {
            (c.properties.lowercaseMapping + c.properties.uppercaseMapping).unicodeScalars.map { $0 }
        }

        static func equal(_ a: Unicode.Scalar, _ b: Unicode.Scalar, _ fold: Bool) -> Bool {
            a == b || (fold && caseVariants(a).contains(b))
        }
    }
}
