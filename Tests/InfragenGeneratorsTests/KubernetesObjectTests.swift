import InfragenExampleBlueprints
import Infragen
import InfragenYAML
import Testing
@testable import InfragenGenerators

/// The typed Kubernetes objects read as their documents: every object of the repository's systems and the edge
/// fixture writes `apiVersion` and `kind` (constants of its type), then exactly the stored properties its type declares
/// that are not nil, in declaration order, all the way down; and between them the objects write every declared field
/// of every type at least once.
@Suite struct KubernetesObjectTests {
    static let systems = [
        System.shop.description, System.storefront.description, System.polyglot.description, KubernetesFixtures.edge,
        KubernetesFixtures.probes, KubernetesFixtures.workloads,
    ]

    @Test func everyObjectWritesItsDeclaredFieldsInDeclarationOrder() throws {
        var fields = FieldCoverage()
        var count = 0
        for system in Self.systems {
            for environment in system.resolve().environments {
                var objects: [any YAMLObject] = [
                    ClusterManifests.namespace(environment), ClusterManifests.defaultDeny(environment),
                    ClusterManifests.kustomization(environment, resources: ["namespace.yaml"]),
                    ClusterManifests.kustomization(environment, resources: ["namespace.yaml"], patches: [
                        K8s.Kustomization.Patch(patch: "spec: {}\n",
                                                target: K8s.Kustomization.Target(kind: "Deployment", name: "api")),
                    ]),
                ]
                for service in environment.services {
                    objects += ServiceManifests(service: service, environment: environment).objects as [any YAMLObject]
                }
                if let gateway = try GatewayManifests(system: system.resolve(), environment: environment) {
                    objects += gateway.objects as [any YAMLObject]
                }
                for object in objects {
                    let node = object.yamlNode
                    let kind = node["kind"]?.scalarText ?? "?"
                    fields.check(object, node, at: "\(system.name)/\(environment.name)/\(kind)")
                    count += 1
                }
            }
        }
        #expect(count > 100)
        #expect(fields.types.count > 30)
        for (type, declared) in fields.declared.sorted(by: { $0.key < $1.key }) {
            #expect(fields.written[type, default: []] == declared, "\(type): fields no object writes")
        }
    }

    @Test func apiVersionAndKindComeFirstAsConstantsOfTheType() {
        let namespace = K8s.Namespace(metadata: K8s.ObjectMeta(name: "shop"))
        #expect(namespace.yamlNode == [
            "apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "shop"],
        ])
        let budget = K8s.PodDisruptionBudget(
            metadata: K8s.ObjectMeta(name: "api"),
            spec: K8s.PodDisruptionBudgetSpec(
                maxUnavailable: .int(1), selector: K8s.LabelSelector(), unhealthyPodEvictionPolicy: "AlwaysAllow"))
        #expect(budget.yamlNode.mappingKeys == ["apiVersion", "kind", "metadata", "spec"])
        #expect(budget.yamlNode["kind"] == "PodDisruptionBudget" && budget.yamlNode["apiVersion"] == "policy/v1")
        #expect(K8s.LabelSelector().yamlNode == .mapping([]))
        #expect(K8s.IntOrString.string("25%").yamlNode == "25%")
        #expect(K8s.IntOrString.int(0).yamlNode == 0)
    }
}

/// Walks a typed value beside its YAML tree: at every ``YAMLObject``, the keys are the labels of its non-nil stored
/// properties (through `Mirror`, which lists them in declaration order), and each value is walked in turn.
struct FieldCoverage {
    var declared: [String: [String]] = [:]
    var written: [String: [String]] = [:]
    var types: Set<String> { Set(declared.keys) }

    mutating func check(_ value: Any, _ node: YAMLNode?, at path: String) {
        let mirror = Mirror(reflecting: value)
        if value is any YAMLObject {
            let type = String(describing: Swift.type(of: value))
            let children = mirror.children.compactMap { child in child.label.map { ($0, unwrapped(child.value)) } }
            declared[type] = children.map(\.0)
            let present = children.compactMap { label, value in value.map { (label, $0) } }
            guard case .mapping(let mapping)? = node else {
                Issue.record("\(path): \(type) is not a mapping")
                return
            }
            // An API object writes its type's constants first.
            let constants = value is any KubernetesObject ? ["apiVersion", "kind"] : []
            #expect(mapping.keys == constants + present.map(\.0), "\(path): \(type)")
            let seen = Set(written[type, default: []] + present.map(\.0))
            written[type] = children.map(\.0).filter(seen.contains)
            for (label, child) in present { check(child, mapping[label], at: "\(path).\(label)") }
        } else if mirror.displayStyle == .collection, case .sequence(let items)? = node {
            #expect(items.count == mirror.children.count, "\(path)")
            for (index, element) in zip(items.indices, mirror.children) {
                check(element.value, items[index], at: "\(path)[\(index)]")
            }
        }
    }

    /// The value inside an optional, nil for an empty one; any other value as it is.
    private func unwrapped(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first.map(\.value)
    }
}

extension YAMLNode {
    var mappingKeys: [String] {
        guard case .mapping(let mapping) = self else { return [] }
        return mapping.keys
    }
}
