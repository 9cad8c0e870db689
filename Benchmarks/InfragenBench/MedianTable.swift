import Foundation

/// The medians of the JSON lines per number of services, as the Markdown table BENCHMARKS.md shows.
struct MedianTable {
    struct Line: Decodable {
        var n: Int
        var files: Int
        var bytes: Int
        var model_ms: Double
        var validation_ms: Double
        var generation_ms: Double
        var writing_ms: Double
        var total_ms: Double
        var peak_rss_mib: Double
        var noop_ms: Double?
        var noop_writes: Int?
        var check_ms: Double?
        var check_clean: Bool?
        var generators: [String]
    }

    let lines: [Line]

    init(lines: [String]) {
        self.lines = lines.compactMap { try? JSONDecoder().decode(Line.self, from: Data($0.utf8)) }
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    var table: String {
        guard let first = lines.first else { return "" }
        var text = "\nmedians of \(lines.filter { $0.n == first.n }.count) runs; generators: \(first.generators.joined(separator: ", "))\n"
        text += "| N | files | bytes | model ms | validation ms | generation ms | writing ms | total ms | × time for 10× N | peak RSS MiB | no-op ms | no-op writes | check ms | clean |\n"
        text += "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|\n"
        let counts = Array(Set(lines.map(\.n))).sorted()
        var totals: [Int: Double] = [:]
        for count in counts {
            let runs = lines.filter { $0.n == count }
            func m(_ value: (Line) -> Double?) -> String {
                let values = runs.compactMap(value)
                return values.isEmpty ? "–" : String(format: "%.1f", Self.median(values))
            }
            let total = Self.median(runs.map(\.total_ms))
            totals[count] = total
            let growth = totals[count / 10].map { String(format: "%.1f×", total / $0) } ?? "–"
            let writes = runs.compactMap(\.noop_writes)
            let clean = runs.compactMap(\.check_clean)
            text += "| \(count) | \(runs[0].files) | \(runs[0].bytes) | \(m { $0.model_ms }) | \(m { $0.validation_ms }) "
                + "| \(m { $0.generation_ms }) | \(m { $0.writing_ms }) | \(m { $0.total_ms }) | \(growth) "
                + "| \(m { $0.peak_rss_mib }) | \(m { $0.noop_ms }) | \(writes.isEmpty ? "–" : "\(writes.max()!)") "
                + "| \(m { $0.check_ms }) | \(clean.isEmpty ? "–" : clean.allSatisfy { $0 } ? "yes" : "NO") |\n"
        }
        return text
    }
}
