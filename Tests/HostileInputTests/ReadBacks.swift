import Foundation
import InfragenYAML
import Testing

/// The environment a container process sees: the Deployment read by a YAML reader, then the kubelet's `$(VAR)`
/// expansion (``KubernetesExpansion``). Two readers: libyaml (linked in), and kubectl's own Go YAML through
/// `kubectl kustomize` (which reads every file of the environment and writes them out again).
struct ContainerEnvironment: ReadBack {
    enum Reader: Sendable { case libyaml, kustomize }

    var system = "hostile"
    let environment: String
    var service = "api"
    let expected: [(name: String, value: String)]
    var reader = Reader.libyaml

    var tool: String? { reader == .kustomize ? "kubectl" : nil }
    var description: String {
        let values = expected.map { "\($0.name)=\($0.value.debugDescription)" }
        return "\(environment)/\(service) container env read by \(reader) is \(values)"
    }

    func check(_ files: [String: String]) throws {
        let deployment: YAMLNode
        switch reader {
        case .libyaml:
            deployment = try KubernetesConsumer.deployment(
                files, system: system, environment: environment, service: service)
        case .kustomize:
            let documents = try KubernetesConsumer.kustomized(files, folder: "\(system)/\(environment)/kubernetes")
            guard
                let found = documents.first(where: {
                    $0["kind"]?.scalarText == "Deployment" && $0["metadata"]?["name"]?.scalarText == service
                })
            else { throw ReadBackFailed("kubectl kustomize wrote no Deployment \(service)") }
            deployment = found
        }
        let seen = KubernetesConsumer.containerEnvironment(try KubernetesConsumer.container(deployment))
        for (name, value) in expected where seen[name] != value {
            let message = "\(environment)/\(service) env \(name) read by \(reader): expected \(value.debugDescription), "
                + "the container sees \(seen[name]?.debugDescription ?? "nothing")"
            Issue.record(Comment(rawValue: message))
        }
    }
}

/// One variable of ``ContainerEnvironment``, read with libyaml.
func ContainerEnv(environment: String, variable: String, value: String) -> ContainerEnvironment {
    ContainerEnvironment(environment: environment, expected: [(variable, value)])
}

/// A scalar in a generated YAML file, as libyaml parses it: the path is a list of mapping keys and sequence
/// indexes from the document root.
struct YAMLScalarValue: ReadBack {
    enum Step: Sendable, CustomStringConvertible {
        case key(String)
        case index(Int)
        var description: String {
            switch self {
            case .key(let key): key
            case .index(let index): "[\(index)]"
            }
        }
    }

    let file: String
    /// The document's `kind`, or nil for the first document.
    var kind: String?
    let path: [Step]
    let expected: YAMLNode

    var tool: String? { nil }
    var description: String { "\(file) \(kind ?? "") \(path.map(\.description).joined(separator: ".")) is \(expected)" }

    func check(_ files: [String: String]) throws {
        let documents = try KubernetesConsumer.documents(files, file)
        guard var node = kind == nil ? documents.first : documents.first(where: { $0["kind"]?.scalarText == kind })
        else {
            throw ReadBackFailed("\(file) has no document \(kind ?? "")")
        }
        for step in path {
            let next: YAMLNode?
            switch step {
            case .key(let key): next = node[key]
            case .index(let index): next = node[index]
            }
            guard let next else { throw ReadBackFailed("\(description), but \(step) is missing") }
            node = next
        }
        guard node == expected else { throw ReadBackFailed("\(description), but it is \(node)") }
    }

    /// A path into the first container of a service's Deployment.
    static func container(
        _ environment: String, _ path: Step..., is expected: YAMLNode, system: String = "hostile",
        service: String = "api"
    ) -> YAMLScalarValue {
        YAMLScalarValue(
            file: "\(system)/\(environment)/kubernetes/\(service).yaml", kind: "Deployment",
            path: [.key("spec"), .key("template"), .key("spec"), .key("containers"), .index(0)] + path,
            expected: expected)
    }
}

/// Text in the system README as a Markdown reader (markdown-it-py) renders it: a table cell, or the intro paragraph.
struct ReportText: ReadBack {
    enum Place: Sendable, CustomStringConvertible {
        /// The cell in the row whose first cell is `row`, in the column with this header, of the table under `table`.
        case cell(table: String, row: String, column: String)
        /// The first paragraph, which reads "<summary>. Owned by <team>. …".
        case intro

        var description: String {
            switch self {
            case .cell(let table, let row, let column): "table \(table), row \(row), column \(column)"
            case .intro: "the intro"
            }
        }
    }

    var system = "hostile"
    let place: Place
    let expected: String

    var tool: String? { MarkdownReader.tool }
    var description: String { "README \(place) reads \(expected.debugDescription)" }

    func check(_ files: [String: String]) throws {
        guard let readme = files["\(system)/README.md"] else { throw ReadBackFailed("no README") }
        let structure = try MarkdownReader.read([readme])[0]
        let seen: String?
        switch place {
        case .cell(let table, let row, let column):
            let found = structure.tables.first { $0.heading == table }
            let columnIndex = found?.header.firstIndex(of: column)
            let cells = found?.rows.first { $0.first == row }
            seen = columnIndex.flatMap { index in cells.flatMap { index < $0.count ? $0[index] : nil } }
        case .intro:
            seen = structure.paragraphs.first
        }
        guard seen == expected else {
            throw ReadBackFailed("\(description), but it reads \(seen?.debugDescription ?? "nothing")")
        }
    }
}
