import Foundation
import InfragenYAML

/// What one rendered output tree means, read back from its files (the Kubernetes YAML through libyaml, the Nginx
/// configuration through a small tokenizer, the Dockerfiles' ARG lines): the same reading for the in-memory render
/// and for a base tree on disk or at a git ref, so that both sides of a review are compared alike.
struct ReviewSnapshot {
    /// One system and environment: `shop/prod`.
    struct Scope: Hashable, Comparable, CustomStringConvertible {
        var system: String
        var environment: String
        var description: String { "\(system)/\(environment)" }
        static func < (a: Scope, b: Scope) -> Bool { (a.system, a.environment) < (b.system, b.environment) }
    }

    /// A Kubernetes object as written.
    struct Object {
        var kind: String
        var namespace: String
        var name: String
        var node: YAMLNode
        /// The service it belongs to: its `app.kubernetes.io/name` label, else its name.
        var service: String
        var key: String { "\(kind) \(namespace)/\(name)" }
    }

    struct Environment {
        var objects: [String: Object] = [:]
        /// SLO alerts as `Name (severity)`, per service.
        var alerts: [String: Set<String>] = [:]
        /// SLO objectives per service: `slo objective` → the ratio.
        var objectives: [String: [String: String]] = [:]
        /// The gateway's routes: `host path` → what limits it.
        var routes: [String: String] = [:]
        /// The canary's share of clients (`10%`), when the gateway splits traffic.
        var canaryShare: String?
    }

    /// The images a service's Dockerfile builds from (`ARG` defaults).
    struct Dockerfile: Equatable {
        var runtime: String?
        var builder: String?
    }

    var environments: [Scope: Environment] = [:]
    /// Per `system/service`.
    var dockerfiles: [String: Dockerfile] = [:]
    /// Files that could not be read, with why (a hand-edited base, say): shown in the review, never guessed at.
    var unreadable: [String] = []

    /// Reads a tree of files keyed by their path under the output folder (`shop/prod/kubernetes/order-service.yaml`).
    init(files: [String: String]) {
        for path in files.keys.sorted() {
            let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 3, let text = files[path] else { continue }
            if parts.count == 4, parts[1] == "docker", parts[3] == "Dockerfile" {
                dockerfiles["\(parts[0])/\(parts[2])"] = Self.dockerfile(text)
                continue
            }
            guard parts.count == 4 else { continue }
            let scope = Scope(system: parts[0], environment: parts[1])
            let file = parts[3]
            switch parts[2] {
            case "kubernetes" where file.hasSuffix(".yaml") || file.hasSuffix(".yml"):
                readKubernetes(text, path: path, scope: scope)
            case "prometheus" where (file.hasSuffix(".yaml") || file.hasSuffix(".yml")) && !file.contains(".test."):
                do {
                    for document in try YAML.parse(text) { readRules(document["groups"], scope: scope) }
                } catch {
                    unreadable.append("\(path): \(error)")
                }
            case "nginx" where file.hasSuffix(".conf"):
                readNginx(text, scope: scope)
            default:
                continue
            }
        }
    }

    private mutating func readKubernetes(_ text: String, path: String, scope: Scope) {
        let documents: [YAMLNode]
        do { documents = try YAML.parse(text) } catch {
            unreadable.append("\(path): \(error)")
            return
        }
        for document in documents {
            guard let kind = document["kind"]?.scalarText, let name = document["metadata"]?["name"]?.scalarText else {
                continue
            }
            let namespace = document["metadata"]?["namespace"]?.scalarText ?? scope.environment
            let service = document["metadata"]?["labels"]?["app.kubernetes.io/name"]?.scalarText ?? name
            let object = Object(kind: kind, namespace: namespace, name: name, node: document, service: service)
            environments[scope, default: Environment()].objects[object.key] = object
            if kind == "PrometheusRule" { readRules(document["spec"]?["groups"], scope: scope) }
        }
    }

    /// Alert names and objectives from rule groups (a rule file's `groups`, a PrometheusRule's `spec.groups`).
    private mutating func readRules(_ groups: YAMLNode?, scope: Scope) {
        guard case .sequence(let groups)? = groups else { return }
        for group in groups {
            guard case .sequence(let rules)? = group["rules"] else { continue }
            for rule in rules {
                let labels = rule["labels"]
                let service = labels?["service"]?.scalarText ?? "(system)"
                if let alert = rule["alert"]?.scalarText {
                    let severity = labels?["severity"]?.scalarText.map { " (\($0))" } ?? ""
                    environments[scope, default: Environment()].alerts[service, default: []].insert(alert + severity)
                } else if rule["record"]?.scalarText == "slo:objective:ratio", let expr = rule["expr"]?.scalarText {
                    let slo = [labels?["slo"]?.scalarText, labels?["objective"]?.scalarText].compactMap { $0 }
                        .joined(separator: " ")
                    environments[scope, default: Environment()].objectives[service, default: [:]][slo] =
                        Self.vectorValue(expr)
                }
            }
        }
    }

    /// `vector(0.995)` → `0.995`; any other expression as written.
    static func vectorValue(_ expr: String) -> String {
        let trimmed = expr.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("vector("), trimmed.hasSuffix(")") else { return trimmed }
        return String(trimmed.dropFirst(7).dropLast())
    }

    /// The `ARG` defaults infragen's Dockerfiles name their images with.
    static func dockerfile(_ text: String) -> Dockerfile {
        var arguments: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard words.count == 2, words[0] == "ARG" else { continue }
            let pair = words[1].split(separator: "=", maxSplits: 1)
            if pair.count == 2 { arguments[String(pair[0])] = String(pair[1]) }
        }
        func image(_ prefix: String) -> String? {
            guard let name = arguments["\(prefix)_IMAGE"] else { return nil }
            return arguments["\(prefix)_TAG"].map { "\(name):\($0)" } ?? name
        }
        return Dockerfile(runtime: image("RUNTIME"), builder: image("BUILDER"))
    }
}
