import InfragenModel
import InfragenYAML

/// Every place in an environment's manifests where a service's own image stands, as a kustomize JSON patch target:
/// the deploy step pins each to the image it chooses (the build's digest, or what the cluster runs) without editing
/// the generated files. Found by walking the objects the Kubernetes generator writes, so a new workload kind or a
/// sidecar with the service's image is never missed.
struct ImageTarget: Hashable {
    enum Track: String {
        case stable, canary
    }

    var service: String
    var track: Track
    var kind: String
    var name: String
    /// A JSON pointer: `/spec/template/spec/containers/0/image`.
    var path: String

    /// The same place as a kubectl JSONPath: `{.spec.template.spec.containers[0].image}`.
    var jsonPath: String {
        "{" + path.split(separator: "/").map { part in
            part.allSatisfy(\.isNumber) ? "[\(part)]" : ".\(part)"
        }.joined().replacing(".[", with: "[") + "}"
    }

    static func all(in environment: ResolvedEnvironment) -> [ImageTarget] {
        let index = ServiceIndex(environment)
        return environment.services.filter { $0.imageSource.isBuiltForPipeline }.flatMap { service in
            let manifests = ServiceManifests(service: service, environment: environment, index: index)
            let images = Set([service.image.text] + (service.canary.map { [$0.image.text] } ?? []))
            return manifests.documents.flatMap { document -> [ImageTarget] in
                // A Job's pod template cannot change once it exists: it runs the image its blueprint names.
                guard let kind = document["kind"]?.scalarText, kind != "Job",
                      let name = document["metadata"]?["name"]?.scalarText else { return [] }
                let track: Track = name == service.canary?.name ? .canary : .stable
                return paths(in: document, "", where: images).map {
                    ImageTarget(service: service.name, track: track, kind: kind, name: name, path: $0)
                }
            }
        }
    }

    /// Every Deployment and StatefulSet of the environment's services, built here or not: `Deployment/desk`.
    static func rollouts(in environment: ResolvedEnvironment) -> [String] {
        let index = ServiceIndex(environment)
        var rollouts: [String] = []
        for service in environment.services {
            for document in ServiceManifests(service: service, environment: environment, index: index).documents {
                guard let kind = document["kind"]?.scalarText, kind == "Deployment" || kind == "StatefulSet",
                      let name = document["metadata"]?["name"]?.scalarText,
                      !rollouts.contains("\(kind)/\(name)") else { continue }
                rollouts.append("\(kind)/\(name)")
            }
        }
        return rollouts
    }

    private static func paths(in node: YAMLNode, _ path: String, where images: Set<String>) -> [String] {
        switch node {
        case .scalar: return []
        case .sequence(let items):
            return items.enumerated().flatMap { paths(in: $0.element, "\(path)/\($0.offset)", where: images) }
        case .mapping(let mapping):
            return mapping.flatMap { pair -> [String] in
                if pair.key == "image", let text = pair.value.scalarText, images.contains(text) {
                    return ["\(path)/image"]
                }
                return paths(in: pair.value, "\(path)/\(pair.key)", where: images)
            }
        }
    }
}

extension ImageSource {
    /// Whether the pipeline builds the image: infragen's Go Dockerfile or the team's own; a prebuilt image is
    /// someone else's.
    var isBuiltForPipeline: Bool {
        if case .prebuilt = self { return false }
        return true
    }
}
