import InfragenExampleBlueprints
import Infragen
import InfragenTestSupport
import InfragenYAML
import Testing
@testable import InfragenGenerators

/// A service's file is what the registered builders build, in the order of the registry; the README's recipe "Add a
/// Kubernetes kind" holds: one file (a typed object and its builder) and one line in the list put a new kind into
/// every service's file, in the place of its line, and change nothing else.
@Suite struct KubernetesBuilderRegistryTests {
    /// Step 1 of the recipe, one file (here, this one): the object, its fields named and ordered as the API has
    /// them, …
    typealias VerticalPodAutoscaler = K8s.Object<VerticalPodAutoscalerSpec>

    struct VerticalPodAutoscalerSpec: ObjectSpec {
        static let apiVersion = "autoscaling.k8s.io/v1"
        static let kind = "VerticalPodAutoscaler"
        var targetRef: K8s.CrossVersionObjectReference
        var updatePolicy: UpdatePolicy

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("targetRef", targetRef)
            yaml.add("updatePolicy", updatePolicy)
        }
    }

    struct UpdatePolicy: YAMLObject, Sendable {
        var updateMode: String

        func writeFields(to yaml: inout YAMLFields) { yaml.add("updateMode", updateMode) }
    }

    /// … and its builder: recommendations only, for services the HorizontalPodAutoscaler does not scale.
    struct VerticalPodAutoscalerBuilder: ServiceObjectBuilder {
        func objects(for context: ServiceContext) -> [any KubernetesObject] {
            guard context.service.autoscaling == nil else { return [] }
            let target = K8s.CrossVersionObjectReference(
                apiVersion: "apps/v1", kind: "Deployment", name: context.objectName)
            return [
                VerticalPodAutoscaler(
                    metadata: context.metadata(),
                    spec: .init(targetRef: target, updatePolicy: .init(updateMode: "Off"))),
            ]
        }
    }

    /// Step 2: one line in the list, here after the PodDisruptionBudget (what the generator is given stands for the
    /// edited `ServiceObjectBuilders.all`; the repository's own Output/ does not change).
    static let registry: [any ServiceObjectBuilder] = {
        var builders = ServiceObjectBuilders.all
        let position = builders.firstIndex { $0 is PodDisruptionBudgetBuilder }.map { $0 + 1 } ?? builders.endIndex
        builders.insert(VerticalPodAutoscalerBuilder(), at: position)
        return builders
    }()

    @Test func aRegisteredBuilderPutsItsKindIntoEveryServiceFileAtItsPlace() throws {
        let system = KubernetesFixtures.edge.resolve()
        let standard = try files(KubernetesGenerator().generate(system))
        let extended = try files(KubernetesGenerator(serviceBuilders: Self.registry).generate(system))
        #expect(extended.keys.sorted() == standard.keys.sorted())

        // The worker has a fixed replica count: its file gains the new object after the budget's place.
        let worker = try #require(extended["edge/prod/kubernetes/worker.yaml"])
        #expect(try YAML.parse(worker).compactMap { $0["kind"]?.scalarText }
            == ["ServiceAccount", "ConfigMap", "Deployment", "VerticalPodAutoscaler", "NetworkPolicy"])
        #expect(document("VerticalPodAutoscaler", in: worker) == """
            ---
            apiVersion: autoscaling.k8s.io/v1
            kind: VerticalPodAutoscaler
            metadata:
              name: worker
              namespace: edge-live
              labels:
                app.kubernetes.io/name: worker
                app.kubernetes.io/instance: worker-prod
                app.kubernetes.io/version: '1.4.2'
                app.kubernetes.io/component: worker
                app.kubernetes.io/part-of: edge
                app.kubernetes.io/managed-by: infragen
            spec:
              targetRef:
                apiVersion: apps/v1
                kind: Deployment
                name: worker
              updatePolicy:
                updateMode: 'Off'

            """)
        // Every other file, and every other object, stays byte for byte what it was.
        #expect(extended["edge/prod/kubernetes/api.yaml"] == standard["edge/prod/kubernetes/api.yaml"])
        #expect(worker.replacingOccurrences(of: document("VerticalPodAutoscaler", in: worker), with: "")
            == standard["edge/prod/kubernetes/worker.yaml"])
    }

    /// The registry's order is the file's order; the canary's Deployment, Service and PodDisruptionBudget come where
    /// the canary builder is registered, after the stable objects and before the network policy; the monitor is last.
    @Test func theRegistryOrdersTheObjectsOfAServiceFile() throws {
        let prod = try #require(System.shop.description.resolve().environments.first { $0.name == "prod" })
        let service = try #require(prod.service(named: "order-service"))
        let objects = ServiceManifests(service: service, environment: prod).objects
        #expect(objects.map { "\(type(of: $0).kind)/\($0.metadata.name ?? "")" } == [
            "ServiceAccount/order-service", "ConfigMap/order-service-config-35c1cb56", "Deployment/order-service",
            "Service/order-service", "HorizontalPodAutoscaler/order-service", "PodDisruptionBudget/order-service",
            "Deployment/order-service-canary", "Service/order-service-canary",
            "PodDisruptionBudget/order-service-canary", "NetworkPolicy/order-service", "PodMonitor/order-service",
        ])
    }

    func files(_ generated: [GeneratedFile]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: generated.map { ($0.path, $0.contents) })
    }
}
