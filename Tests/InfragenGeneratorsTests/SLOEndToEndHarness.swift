import Foundation
import InfragenTestSupport
import InfragenYAML

/// What the SLO end-to-end test (``SLOEndToEndTests``) runs besides infragen: processes it starts and stops, the
/// Prometheus HTTP API read through curl, and the scrape configuration that is equivalent to a generated PodMonitor.
enum SLOEndToEndHarness {
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    // MARK: - Processes

    /// A process that runs in the background, its output in a log file; `stop()` ends it (and only it).
    final class Background {
        let process = Process()
        let log: URL
        let name: String

        init(_ name: String, _ executable: String, _ arguments: [String], log: URL,
             environment: [String: String] = [:]) throws {
            self.name = name
            self.log = log
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            let handle = try FileHandle(forWritingTo: log)
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            process.standardOutput = handle
            process.standardError = handle
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }

        var isRunning: Bool { process.isRunning }

        /// SIGTERM, then SIGKILL after 10 s; waits for the exit.
        func stop() {
            guard process.isRunning else { return }
            process.terminate()
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }

        /// The last lines of its log, for failure messages.
        var logTail: String {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            return "--- \(name) log (last 30 lines)\n" + text.split(separator: "\n").suffix(30).joined(separator: "\n")
        }
    }

    /// Polls `probe` every `interval` until it returns a value; on timeout throws with the last answer it saw.
    static func waitFor<T>(
        _ what: String, timeout: Duration, interval: Duration = .seconds(1), context: () -> String = { "" },
        _ probe: () throws -> (value: T?, answer: String)
    ) throws -> T {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var last = "(no answer)"
        while true {
            let (value, answer) = try probe()
            if let value { return value }
            last = answer
            if clock.now >= deadline { break }
            Thread.sleep(forTimeInterval: Double(interval.components.seconds)
                + Double(interval.components.attoseconds) / 1e18)
        }
        throw Failure("timed out after \(timeout) waiting for \(what); the last answer was:\n\(last)\n\(context())")
    }

    // MARK: - Prometheus's HTTP API

    /// GET `path` with the query parameters, through curl; the answer's text.
    static func get(_ curl: String, port: Int, _ path: String, _ parameters: [(String, String)] = []) throws -> String {
        var arguments = ["-sS", "--max-time", "5", "-G", "http://127.0.0.1:\(port)\(path)"]
        for (name, value) in parameters { arguments += ["--data-urlencode", "\(name)=\(value)"] }
        let result = try runProcess(curl, arguments, timeout: .seconds(15))
        return result.status == 0 ? result.stdout : "curl failed: \(result)"
    }

    /// The `data.result` of an instant query, or of `/api/v1/alerts` the `data.alerts`: (the items, the answer's text).
    static func api(_ curl: String, port: Int, query: String? = nil) throws -> (items: [[String: Any]], answer: String) {
        let answer = try query.map { try get(curl, port: port, "/api/v1/query", [("query", $0)]) }
            ?? get(curl, port: port, "/api/v1/alerts")
        guard let json = try? JSONSerialization.jsonObject(with: Data(answer.utf8)) as? [String: Any],
              json["status"] as? String == "success", let data = json["data"] as? [String: Any]
        else { return ([], answer) }
        return ((data[query == nil ? "alerts" : "result"] as? [[String: Any]]) ?? [], answer)
    }

    /// The labels of an API item (`metric` of a sample, `labels` of an alert).
    static func labels(_ item: [String: Any]) -> [String: String] {
        (item["metric"] ?? item["labels"]) as? [String: String] ?? [:]
    }

    /// A sample's value as a number.
    static func value(_ item: [String: Any]) -> Double? {
        ((item["value"] as? [Any])?.last as? String).flatMap(Double.init)
    }

    /// An alert's `activeAt` (`2026-12-03T21:30:01.123456789Z`), to the second (the fraction dropped).
    static func activeAt(_ alert: [String: Any]) -> Date? {
        guard let text = alert["activeAt"] as? String else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text.replacing(/\.[0-9]+/, with: ""))
    }

    // MARK: - The scrape configuration a PodMonitor amounts to

    /// A scrape job equivalent to the PodMonitor's first endpoint, for a pod of the Deployment listening at `target`.
    ///
    /// The target carries the `__meta_kubernetes_*` labels Kubernetes service discovery (role pod) would give the
    /// pod: its namespace and name, every pod-template label (sanitized as Prometheus does, with `labelpresent`), and
    /// the container's and the port's names. The relabelings are prometheus-operator's selection (the monitor's
    /// `matchLabels` and port, as the operator writes them) followed by the monitor's own relabelings, copied with
    /// their fields in snake_case. The operator's default target labels (namespace, pod, container, endpoint) are
    /// left out on purpose: every label the SLIs select must come from the monitor's own relabelings.
    static func scrapeJob(monitor: YAMLNode, deployment: YAMLNode, target: String, interval: String) throws -> YAMLNode {
        func text(_ node: YAMLNode?, _ what: String) throws -> String {
            guard let text = node?.scalarText else { throw Failure("the generated objects lack \(what)") }
            return text
        }
        let namespace = try text(monitor["metadata"]?["namespace"], "the PodMonitor's namespace")
        let name = try text(monitor["metadata"]?["name"], "the PodMonitor's name")
        guard let endpoint = monitor["spec"]?["podMetricsEndpoints"]?[0] else { throw Failure("no podMetricsEndpoints") }
        let port = try text(endpoint["port"], "the endpoint's port")
        let template = deployment["spec"]?["template"]
        let container = template?["spec"]?["containers"]?[0]
        guard case .mapping(let podLabels)? = template?["metadata"]?["labels"] else { throw Failure("no pod labels") }
        guard case .sequence(let ports)? = container?["ports"],
              ports.contains(where: { $0["name"]?.scalarText == port })
        else { throw Failure("the container declares no port named \(port)") }

        var meta: [(String, YAMLNode?)] = [
            ("__meta_kubernetes_namespace", .string(namespace)),
            ("__meta_kubernetes_pod_name", .string("\(name)-0")),
            ("__meta_kubernetes_pod_container_name", .string(try text(container?["name"], "the container's name"))),
            ("__meta_kubernetes_pod_container_port_name", .string(port)),
        ]
        for pair in podLabels {
            let key = sanitized(pair.key)
            meta.append(("__meta_kubernetes_pod_label_\(key)", .string(try text(pair.value, "a pod label's value"))))
            meta.append(("__meta_kubernetes_pod_labelpresent_\(key)", .string("true")))
        }

        var relabelings: [YAMLNode] = []
        guard case .mapping(let selector)? = monitor["spec"]?["selector"]?["matchLabels"] else {
            throw Failure("the PodMonitor selects no labels")
        }
        for pair in selector {
            let key = sanitized(pair.key)
            relabelings.append(.mapping([
                ("action", .string("keep")),
                ("source_labels", .sequence([.string("__meta_kubernetes_pod_label_\(key)"),
                                             .string("__meta_kubernetes_pod_labelpresent_\(key)")])),
                ("regex", .string("(\(try text(pair.value, "a selector value")));true")),
            ]))
        }
        relabelings.append(.mapping([
            ("action", .string("keep")),
            ("source_labels", .sequence([.string("__meta_kubernetes_pod_container_port_name")])),
            ("regex", .string(port)),
        ]))
        guard case .sequence(let own)? = endpoint["relabelings"] else { throw Failure("the endpoint has no relabelings") }
        relabelings += own.map(snakeCased)

        return .mapping([
            ("job_name", .string("podMonitor/\(namespace)/\(name)/0")),
            ("scrape_interval", .string(interval)),
            ("scrape_timeout", .string(interval)),
            ("metrics_path", .string(try text(endpoint["path"], "the endpoint's path"))),
            ("static_configs", .sequence([.mapping([
                ("targets", .sequence([.string(target)])),
                ("labels", .mapping(meta)),
            ])])),
            ("relabel_configs", .sequence(relabelings)),
        ])
    }

    /// A label name as Kubernetes service discovery writes it (`infragen.io/track` → `infragen_io_track`).
    static func sanitized(_ name: String) -> String {
        String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") ? $0 : "_" })
    }

    /// prometheus-operator's camelCase relabeling fields as Prometheus's snake_case (`sourceLabels` → `source_labels`).
    static func snakeCased(_ node: YAMLNode) -> YAMLNode {
        guard case .mapping(let mapping) = node else { return node }
        return .mapping(mapping.map { pair -> (String, YAMLNode?) in
            (pair.key.reduce(into: "") { name, character in
                if character.isUppercase { name += "_" + character.lowercased() } else { name.append(character) }
            }, pair.value)
        })
    }
}
