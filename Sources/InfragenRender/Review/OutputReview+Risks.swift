import InfragenGenerators
import InfragenYAML

/// The risks a text diff does not show. Two sorts: those of a transition (a selector that changed, an object that
/// is gone), found by comparing the two sides; and those of a state (an image without a digest), found on each side
/// and flagged only when the base did not have them already.
extension OutputReview {
    typealias Risk = ReviewReport.Risk

    struct StateRisk {
        var risk: Risk
        /// What makes two of them the same across both sides.
        var identity: String { "\(risk.kind.rawValue)|\(risk.scope)|\(risk.subject)" }
    }

    static func transitionRisks(_ old: ReviewSnapshot, _ new: ReviewSnapshot) -> [Risk] {
        var risks: [Risk] = []
        for (scope, before) in old.environments {
            let after = new.environments[scope] ?? .init()
            let place = scope.description
            for key in before.objects.keys.sorted() {
                guard let was = before.objects[key] else { continue }
                let subject = "\(was.kind) `\(was.name)`"
                guard let now = after.objects[key] else {
                    if !superseded(was, in: after) {
                        risks.append(Risk(kind: .removedObject, scope: place, subject: subject,
                            why: "`kubectl apply` does not delete what is no longer in its files (unless run with "
                                + "`--prune`); delete it by hand (`kubectl delete \(was.kind.lowercased()) \(was.name) "
                                + "-n \(was.namespace)`) or leave it on purpose"))
                    }
                    continue
                }
                guard ["Deployment", "StatefulSet", "DaemonSet"].contains(was.kind) else { continue }
                let (a, b) = (was.node["spec"]?["selector"], now.node["spec"]?["selector"])
                if a != b {
                    risks.append(Risk(kind: .selectorChanged, scope: place, subject: subject,
                        why: "`kubectl apply` will fail: a \(was.kind)'s selector is immutable; delete the \(was.kind) "
                            + "first (`kubectl delete \(was.kind.lowercased()) \(was.name) -n \(was.namespace) "
                            + "--cascade=orphan`), then apply"))
                }
                if was.node["spec"]?["replicas"] != nil, now.node["spec"]?["replicas"] == nil,
                   before.autoscaler(of: was) == nil, let hpa = after.autoscaler(of: now) {
                    let count = was.node["spec"]?["replicas"]?.scalarText ?? "?"
                    risks.append(Risk(kind: .scaleToOne, scope: place, subject: subject,
                        why: "`replicas: \(count)` is removed as HorizontalPodAutoscaler `\(hpa.name)` appears: "
                            + "`kubectl apply` removes a field it applied before, so the \(was.kind) scales to 1 pod "
                            + "until the autoscaler reacts, unless `replicas` is first removed from its last-applied "
                            + "configuration (`kubectl apply edit-last-applied`)"))
                }
                let oldClaims = ReviewSnapshot.Environment.claims(of: was)
                let newClaims = ReviewSnapshot.Environment.claims(of: now)
                for name in Set(oldClaims.map(\.name)).union(newClaims.map(\.name)).sorted() {
                    let (c, d) = (oldClaims.first { $0.name == name }, newClaims.first { $0.name == name })
                    guard c != d else { continue }
                    risks.append(Risk(kind: .volumeClaim, scope: place, subject: "\(subject) claim `\(name)`",
                        why: "\(c?.summary ?? "none") → \(d?.summary ?? "none"): volumeClaimTemplates are immutable, "
                            + "so `kubectl apply` fails, and the existing claims keep their size and class; resize "
                            + "each claim, then recreate the StatefulSet with `--cascade=orphan`"))
                }
            }
        }
        return risks
    }

    static func stateRisks(_ snapshot: ReviewSnapshot, clusterDNS: [String: Set<String>] = [:]) -> [StateRisk] {
        var risks: [Risk] = []
        for (scope, environment) in snapshot.environments {
            let place = scope.description
            for (service, destinations) in environment.externalEgress {
                for destination in destinations where !(clusterDNS[place]?.contains(destination) ?? false) {
                    risks.append(Risk(kind: .externalEgress, scope: place, subject: "`\(service)` to `\(destination)`",
                        why: "a NetworkPolicy lets it reach addresses outside the cluster (an ipBlock); check that "
                            + "the destination is meant"))
                }
            }
            let production = isProduction(scope.environment)
            for workload in environment.workloads {
                let pod = ReviewSnapshot.Environment.podSpec(of: workload)
                for (name, container) in ReviewSnapshot.Environment.containers(of: workload) {
                    let subject = "\(workload.kind) `\(workload.name)` container `\(name)`"
                    for (setting, why) in loosened(container, pod: pod) {
                        risks.append(Risk(kind: .securityExemption, scope: place, subject: "\(subject): \(setting)",
                                          why: why))
                    }
                    guard let image = container["image"]?.scalarText else { continue }
                    if production && ImageParts(image).digest == nil {
                        risks.append(Risk(kind: .undigestedImage, scope: place, subject: "\(subject) runs `\(image)`",
                            why: "a tag can be moved to other contents, so what runs is not what was reviewed; pin it "
                                + "with a digest"))
                    }
                    if let day = endOfLife(image: image) {
                        risks.append(Risk(kind: .endOfLife, scope: place, subject: "\(subject) runs `\(image)`",
                            why: "end of life since \(day): no more security fixes; move to a supported release"))
                    }
                }
            }
        }
        for (key, dockerfile) in snapshot.dockerfiles {
            let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
            if let runtime = dockerfile.runtime, let day = endOfLife(image: runtime) {
                risks.append(Risk(kind: .endOfLife, scope: parts[0], subject: "`\(parts[1])` runs on `\(runtime)`",
                    why: "end of life since \(day): no more security fixes; move to a supported release"))
            }
            if let builder = dockerfile.builder, let version = GoReleases.version(ofBuilder: builder),
               let day = GoReleases.endOfLife(of: version) {
                risks.append(Risk(kind: .endOfLife, scope: parts[0],
                    subject: "`\(parts[1])` builds with Go \(version) (`\(builder)`)",
                    why: "end of life since \(day): no more security fixes; move to a supported Go release"))
            }
        }
        return risks.map(StateRisk.init)
    }

    /// `prod`, `production`, `prod-eu` …
    static func isProduction(_ environment: String) -> Bool { ProductionEnvironments.contains(environment) }

    /// The shared table's day (``EndOfLife``), which the system README and the warnings read too.
    static func endOfLife(image: String) -> String? { EndOfLife.ofImage(image) }

    /// The settings of a container's security context that are looser than infragen's defaults, with why each
    /// matters. The container's own context wins over the pod's, as in Kubernetes.
    static func loosened(_ container: YAMLNode, pod: YAMLNode?) -> [(String, String)] {
        let own = container["securityContext"], shared = pod?["securityContext"]
        func value(_ key: String) -> String? { own?[key]?.scalarText ?? shared?[key]?.scalarText }
        var list: [(String, String)] = []
        if value("runAsNonRoot") != "true" { list.append(("`runAsNonRoot` is not true", "the container may run as root")) }
        if own?["privileged"]?.scalarText == "true" {
            list.append(("`privileged: true`", "the container gets the host's devices and every capability"))
        }
        if case .sequence(let added)? = own?["capabilities"]?["add"] {
            for capability in added.compactMap(\.scalarText).sorted() {
                list.append(("adds capability `\(capability)`", "the container may do what \(capability) allows"))
            }
        }
        if own?["readOnlyRootFilesystem"]?.scalarText != "true" {
            list.append(("`readOnlyRootFilesystem` is not true", "the container may write to its root filesystem"))
        }
        if own?["allowPrivilegeEscalation"]?.scalarText != "false" {
            list.append(("`allowPrivilegeEscalation` is not false",
                         "a process may gain more privileges than its parent (setuid binaries)"))
        }
        return list
    }
}
