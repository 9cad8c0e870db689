import InfragenExampleBlueprints
import Infragen
import InfragenRender
import InfragenTestSupport
import InfragenYAML
import Testing
@testable import InfragenGenerators

/// The Kubernetes generator: one golden file per resource kind (from the edge fixture, where every setting is
/// changed, and from a system on defaults), and the behaviour behind them.
@Suite struct KubernetesGeneratorTests {
    // MARK: - Golden files, one per kind

    @Test func namespace() throws {
        assertGolden(try edgeFile("namespace.yaml"), "kubernetes/namespace.yaml")
    }

    @Test func defaultDenyNetworkPolicy() throws {
        assertGolden(try edgeFile("default-deny.yaml"), "kubernetes/default-deny.yaml")
    }

    @Test func kustomization() throws {
        assertGolden(try edgeFile("kustomization.yaml"), "kubernetes/kustomization.yaml")
    }

    @Test func serviceAccount() throws {
        assertGolden(document("ServiceAccount", in: try edgeFile("api.yaml")), "kubernetes/serviceaccount.yaml")
    }

    @Test func configMap() throws {
        assertGolden(document("ConfigMap", in: try edgeFile("api.yaml")), "kubernetes/configmap.yaml")
    }

    @Test func deployment() throws {
        assertGolden(document("Deployment", in: try edgeFile("api.yaml")), "kubernetes/deployment.yaml")
    }

    @Test func workerDeployment() throws {
        assertGolden(document("Deployment", in: try edgeFile("worker.yaml")), "kubernetes/deployment-worker.yaml")
    }

    @Test func service() throws {
        assertGolden(document("Service", in: try edgeFile("api.yaml")), "kubernetes/service.yaml")
    }

    @Test func horizontalPodAutoscaler() throws {
        assertGolden(
            document("HorizontalPodAutoscaler", in: try edgeFile("api.yaml")),
            "kubernetes/horizontalpodautoscaler.yaml")
    }

    @Test func podDisruptionBudget() throws {
        assertGolden(
            document("PodDisruptionBudget", in: try edgeFile("api.yaml")), "kubernetes/poddisruptionbudget.yaml")
    }

    @Test func networkPolicy() throws {
        assertGolden(document("NetworkPolicy", in: try edgeFile("api.yaml")), "kubernetes/networkpolicy.yaml")
    }

    @Test func workerNetworkPolicy() throws {
        assertGolden(document("NetworkPolicy", in: try edgeFile("worker.yaml")), "kubernetes/networkpolicy-worker.yaml")
    }

    /// A whole service file with nothing but the built-in defaults.
    @Test func serviceOnDefaults() throws {
        let files = try kubernetesFiles(sampleSystem())
        assertGolden(try #require(files["sample/prod/kubernetes/api.yaml"]), "kubernetes/defaults-api.yaml")
    }

    // MARK: - Layout

    @Test func oneFolderPerEnvironmentWithOneFilePerService() throws {
        let files = try kubernetesFiles(KubernetesFixtures.edge)
        #expect(files.keys.sorted() == [
            "edge/prod/kubernetes/api.yaml", "edge/prod/kubernetes/default-deny.yaml",
            "edge/prod/kubernetes/edge-gateway.yaml", "edge/prod/kubernetes/kustomization.yaml",
            "edge/prod/kubernetes/namespace.yaml", "edge/prod/kubernetes/worker.yaml",
        ])
        let kustomization = try YAML.parse(try #require(files["edge/prod/kubernetes/kustomization.yaml"]))[0]
        #expect(kustomization["resources"]
                    == ["namespace.yaml", "default-deny.yaml", "edge-gateway.yaml", "api.yaml", "worker.yaml"])
        #expect(kustomization["namespace"] == "edge-live")
    }

    @Test func everyObjectStartsWithApiVersionKindMetadataAndNamesItsNamespace() throws {
        for (path, text) in try kubernetesFiles(KubernetesFixtures.edge) where !path.hasSuffix("kustomization.yaml") {
            for object in try YAML.parse(text) {
                guard case .mapping(let mapping) = object else { Issue.record("\(path): not a mapping"); continue }
                #expect(Array(mapping.keys.prefix(3)) == ["apiVersion", "kind", "metadata"], "\(path)")
                guard case .mapping(let metadata)? = object["metadata"] else { continue }
                let order = ["name", "namespace", "labels", "annotations"]
                #expect(metadata.keys == order.filter(metadata.keys.contains), "\(path)")
                if object["kind"] != "Namespace" { #expect(object["metadata"]?["namespace"] == "edge-live", "\(path)") }
            }
        }
    }

    @Test func renderingIsDeterministic() throws {
        let first = try kubernetesFiles(KubernetesFixtures.edge)
        let second = try kubernetesFiles(KubernetesFixtures.edge)
        #expect(first == second)
        for text in first.values {
            #expect(text.hasSuffix("\n") && !text.hasSuffix("\n\n") && !text.contains("\r"))
        }
    }

    // MARK: - ConfigMap

    /// The reference vectors: `printf 'LOG_LEVEL\n4\ninfo\n' | sha256sum | cut -c1-8` is 7f3872ed, and the
    /// reference order-service's three keys hash to ada92d79.
    @Test func configMapHashFollowsTheCanonicalForm() {
        #expect(ConfigMapContent.hash([.init(key: "LOG_LEVEL", value: "info")]) == "7f3872ed")
        #expect(ConfigMapContent.hash([
            .init(key: "INVENTORY_SERVICE_URL", value: "http://inventory-service:8080"),
            .init(key: "LOG_LEVEL", value: "info"),
            .init(key: "PAYMENT_SERVICE_URL", value: "http://payment-service:8080"),
        ]) == "ada92d79")
        // The length prefix keeps a line break in a value from reading as the next key.
        #expect(ConfigMapContent.hash([.init(key: "A", value: "1\nB\n1\n2")])
            != ConfigMapContent.hash([.init(key: "A", value: "1"), .init(key: "B", value: "2")]))
    }

    @Test func configMapNameChangesWithItsContentAndTheDeploymentFollows() throws {
        let path = "sample/prod/kubernetes/api.yaml"
        // GoRuntime(.off): the ConfigMap's key is the container's only variable.
        let info = try #require(try kubernetesFiles(sampleSystem {
            Env("LOG_LEVEL", config: "info")
            GoRuntime(.off)
        })[path])
        let debug = try #require(try kubernetesFiles(sampleSystem { Env("LOG_LEVEL", config: "debug") })[path])
        let infoObjects = try YAML.parse(info)
        #expect(infoObjects[1]["metadata"]?["name"] == "api-config-7f3872ed")
        #expect(infoObjects[1]["immutable"] == true)
        let reference = infoObjects[2]["spec"]?["template"]?["spec"]?["containers"]?[0]?["env"]?[0]
        #expect(reference?["valueFrom"]?["configMapKeyRef"]?["name"] == "api-config-7f3872ed")
        let debugName = try YAML.parse(debug)[1]["metadata"]?["name"]?.scalarText
        #expect(debugName?.hasPrefix("api-config-") == true && debugName != "api-config-7f3872ed")
        #expect(document("Deployment", in: debug).contains("name: \(debugName!)"))
    }

    @Test func noConfigMapWithoutConfig() throws {
        let text = try kubernetesFiles(sampleSystem())["sample/prod/kubernetes/api.yaml"]!
        #expect(!text.contains("kind: ConfigMap"))
        #expect(!text.contains("configMap"))
    }

    // MARK: - Environment variables

    @Test(arguments: [
        ("plain", "plain"),
        ("$(HOME)", "$$(HOME)"),
        ("$$", "$$$"),
        ("$HOME and $5", "$HOME and $5"),
        ("ends in $", "ends in $"),
        ("$$(X)", "$$$$(X)"),
        ("price: 5 $€", "price: 5 $$€"),
    ])
    func literalValuesAreEscapedForKubernetesExpansion(value: String, escaped: String) {
        #expect(EnvironmentVariables.escapeLiteral(value) == escaped)
    }

    /// Whatever the blueprint says, the container sees exactly that after the kubelet's expansion, even with
    /// variables of those names defined.
    @Test func escapedLiteralsSurviveTheKubeletsExpansion() {
        let defined = ["HOME": "/root", "X": "x", "PRICE": "5", "": "empty"]
        let values = [
            "", "$", "$$", "$$$", "$(", "$()", "$(HOME)", "$$(HOME)", "$(HOME", "a$b", "$é", "é$", "$€$(X)$",
            "((($)))", "$)($", "costs $(PRICE), or $$5, or $HOME; ends in $", "\u{1F600}$\u{1F600}$(X)",
        ]
        for value in values {
            let expanded = KubeletExpansion.expand(EnvironmentVariables.escapeLiteral(value)) { defined[$0] }
            #expect(expanded == Array(value.utf8), "\(value)")
        }
        // Without escaping, the kubelet would change them.
        #expect(KubeletExpansion.expand("$(HOME)") { defined[$0] } == Array("/root".utf8))
        #expect(KubeletExpansion.expand("$é") { defined[$0] } != Array("$é".utf8))
    }

    @Test func variablesAreListedLiteralsThenConfigThenSecretsWithTheLastValueOfAName() throws {
        let system = sampleSystem {
            Env("SECRET", secret: "api-secrets", key: "token")
            Env("CONFIG", config: "c")
            Env("LITERAL", "one")
            Override(.prod) { Env("LITERAL", "two") }
        }
        let deployment = try object("Deployment", in: try kubernetesFiles(system)["sample/prod/kubernetes/api.yaml"]!)
        let env = deployment["spec"]?["template"]?["spec"]?["containers"]?[0]?["env"]
        guard case .sequence(let items)? = env else { Issue.record("no env"); return }
        // The Go runtime's sizing is a literal (GOMEMLIMIT) and a resource of the downward API (GOMAXPROCS).
        #expect(items.map { $0["name"]?.scalarText } == ["LITERAL", "GOMEMLIMIT", "CONFIG", "SECRET", "GOMAXPROCS"])
        #expect(items[0]["value"] == "two")
        #expect(items[3]["valueFrom"]?["secretKeyRef"]?["name"] == "api-secrets")
    }

    // MARK: - Helpers

    func edgeFile(_ name: String) throws -> String {
        try #require(try kubernetesFiles(KubernetesFixtures.edge)["edge/prod/kubernetes/\(name)"])
    }
}

/// The Kubernetes files of a system, after checking that it is valid.
func kubernetesFiles(_ system: SystemDescription) throws -> [String: String] {
    let resolved = system.resolve()
    let diagnostics = system.validate() + KubernetesGenerator().validate(resolved)
    if diagnostics.hasErrors { throw InvalidSystem(diagnostics: diagnostics) }
    return Dictionary(uniqueKeysWithValues: try KubernetesGenerator().generate(resolved).map { ($0.path, $0.contents) })
}

struct InvalidSystem: Error, CustomStringConvertible {
    let diagnostics: [Diagnostic]
    var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// The first document of a kind in a multi-document file, as `---` and its lines.
func document(_ kind: String, in text: String) -> String {
    var documents: [[Substring]] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if line == "---" {
            documents.append([])
        } else if !documents.isEmpty {
            documents[documents.count - 1].append(line)
        }
    }
    guard let found = documents.first(where: { $0.contains("kind: \(kind)") }) else { return "" }
    var lines = found
    while lines.last == "" { lines.removeLast() }
    return "---\n" + lines.joined(separator: "\n") + "\n"
}

/// The first object of a kind in a multi-document file.
func object(_ kind: String, in text: String) throws -> YAMLNode {
    try #require(try YAML.parse(text).first { $0["kind"]?.scalarText == kind })
}

/// The kubelet's expansion of `$(NAME)` in env values, byte for byte as Kubernetes does it
/// (`third_party/forked/golang/expansion`), including its `string(byte)` for the character after a lone `$`.
enum KubeletExpansion {
    static func expand(_ input: String, _ lookup: (String) -> String?) -> [UInt8] {
        let bytes = Array(input.utf8)
        var output: [UInt8] = []
        var checkpoint = 0
        var cursor = 0
        while cursor < bytes.count {
            if bytes[cursor] == UInt8(ascii: "$") && cursor + 1 < bytes.count {
                output += bytes[checkpoint..<cursor]
                let rest = bytes[(cursor + 1)...]
                var advance = 1
                switch rest.first! {
                case UInt8(ascii: "$"):
                    output.append(UInt8(ascii: "$"))
                case UInt8(ascii: "("):
                    if let close = rest.dropFirst().firstIndex(of: UInt8(ascii: ")")) {
                        let name = String(decoding: bytes[(cursor + 2)..<close], as: UTF8.self)
                        output += Array((lookup(name) ?? "$(\(name))").utf8)
                        advance = close - cursor
                    } else {
                        output += Array("$(".utf8)
                    }
                default:
                    // Go's string(input[0]) turns the byte into the character with that code point.
                    output.append(UInt8(ascii: "$"))
                    output += Array(String(Character(Unicode.Scalar(rest.first!))).utf8)
                }
                cursor += advance
                checkpoint = cursor + 1
            }
            cursor += 1
        }
        return output + bytes[min(checkpoint, bytes.count)...]
    }
}
