import Infragen
import InfragenRender
import InfragenTestSupport
import Testing

/// `infragen review` on pairs of renders: two small systems built with the DSL, both rendered in memory, reviewed.
/// One test per risk, asserting the flag and its wording; and that the base side alone does not flag it.
@Suite struct ReviewRiskTests {
    /// A system `demo` with a service `api` (and `worker` unless `worker` is false), in dev and prod.
    static func system(
        worker: Bool = true, digest: Bool = true,
        @ListBuilder<any SettingsComponent> defaults: () -> [any SettingsComponent] = { [] },
        @ListBuilder<any EnvironmentComponent> prod: () -> [any EnvironmentComponent] = { [] },
        @ListBuilder<any ServiceComponent> api: () -> [any ServiceComponent] = { [] }
    ) -> SystemDescription {
        let (defaults, prod, api) = (defaults(), prod(), api())
        return System("demo", fileID: "Blueprints/Demo.swift", line: 1) {
            SourceRepository("https://git.example.com/demo", license: "Apache-2.0")
            Defaults {
                ImageTag("1.0.0", digest: digest ? "sha256:" + String(repeating: "a", count: 64) : nil)
                defaults
            }
            Deploy(to: .dev) { Host("dev.demo.example.com") }
            Deploy(to: .prod) {
                Host("demo.example.com")
                prod
            }
            Service("api") {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                Route("/api")
                api
            }
            if worker {
                Service("worker") {
                    Port("http", 8080)
                    Health(liveness: "/healthz", readiness: "/readyz")
                }
            }
        }.description
    }

    static func review(_ base: SystemDescription, _ current: SystemDescription) throws -> ReviewReport {
        OutputReview.review(base: try renderInMemory([base]), current: try renderInMemory([current]))
    }

    /// The flagged lines of one kind.
    static func flagged(_ report: ReviewReport, _ kind: ReviewReport.Risk.Kind) -> [String] {
        report.risks.filter { $0.kind == kind }.map(\.line)
    }

    /// A prefix route is two nginx locations (`= /p` and `/p/`); review lists it once, as the route the blueprint
    /// declares. An exact route beside it keeps its own row.
    @Test func aPrefixRouteIsOneRow() throws {
        let report = try Self.review(Self.system(), Self.system(api: {
            Route("/reports", timeout: .seconds(20))
            Route("/exports", match: .exact, methods: [.post])
        }))
        let routes = report.changes.filter { $0.scope == "demo/prod" && $0.what.hasPrefix("route ") }.map(\.what)
        #expect(routes.sorted() == ["route demo.example.com /reports", "route demo.example.com = /exports"].sorted(),
                "\(routes)")
        let reports = report.changes.first { (change: ReviewReport.Change) in change.what == "route demo.example.com /reports" }
        #expect(reports?.after?.contains("read 20s") == true, "\(String(describing: reports))")
    }

    @Test func identicalRendersFlagNothingAndChangeNothing() throws {
        let report = try Self.review(Self.system(), Self.system())
        #expect(report.risks.isEmpty)
        #expect(report.changes.isEmpty)
        #expect(report.markdown(base: "HEAD").contains("No change in meaning."))
    }

    @Test func aChangedSelectorIsFlagged() throws {
        // The base as an older generator wrote it: pods selected by name only.
        var base = try renderInMemory([Self.system()])
        let path = "demo/prod/kubernetes/api.yaml"
        let selector = "  selector:\n    matchLabels:\n      app.kubernetes.io/name: api\n      app.kubernetes.io/instance: api-prod\n  strategy:"
        let text = try #require(base[path])
        try #require(text.contains(selector))
        base[path] = text.replacingOccurrences(of: selector, with: "  selector:\n    matchLabels:\n      app.kubernetes.io/name: api\n  strategy:")
        let report = OutputReview.review(base: base, current: try renderInMemory([Self.system()]))
        #expect(Self.flagged(report, .selectorChanged) == [
            "**Selector changed** (demo/prod): Deployment `api`: `kubectl apply` will fail: a Deployment's selector is "
                + "immutable; delete the Deployment first (`kubectl delete deployment api -n demo-prod "
                + "--cascade=orphan`), then apply",
        ])
    }

    @Test func replicasGivingWayToAnAutoscalerIsTheScaleToOneTrap() throws {
        let report = try Self.review(
            Self.system(api: { Replicas(3) }), Self.system(api: { Autoscale(min: 2, max: 6) }))
        let lines = Self.flagged(report, .scaleToOne)
        #expect(lines.contains(
            "**replicas → HorizontalPodAutoscaler** (demo/prod): Deployment `api`: `replicas: 3` is removed as "
                + "HorizontalPodAutoscaler `api` appears: `kubectl apply` removes a field it applied before, so the "
                + "Deployment scales to 1 pod until the autoscaler reacts, unless `replicas` is first removed from its "
                + "last-applied configuration (`kubectl apply edit-last-applied`)"))
        #expect(report.changes.contains { $0.scope == "demo/prod" && $0.service == "api" && $0.what == "replicas"
            && $0.before == "3" && $0.after == "autoscaled 2–6 at cpu 70 %" })
        // The other way round is no trap.
        let back = try Self.review(Self.system(api: { Autoscale(min: 2, max: 6) }), Self.system(api: { Replicas(3) }))
        #expect(Self.flagged(back, .scaleToOne).isEmpty)
    }

    @Test func objectsRemovedFromTheOutputAreFlagged() throws {
        let report = try Self.review(Self.system(), Self.system(worker: false))
        let lines = Self.flagged(report, .removedObject)
        #expect(lines.contains(
            "**Removed from the output** (demo/prod): Deployment `worker`: `kubectl apply` does not delete what is no "
                + "longer in its files (unless run with `--prune`); delete it by hand (`kubectl delete deployment "
                + "worker -n demo-prod`) or leave it on purpose"))
        #expect(lines.contains { $0.hasPrefix("**Removed from the output** (demo/dev): Service `worker`:") })
        #expect(Self.flagged(try Self.review(Self.system(worker: false), Self.system()), .removedObject).isEmpty)
    }

    @Test func newExternalEgressIsFlagged() throws {
        let report = try Self.review(
            Self.system(), Self.system(api: { Egress("payments.example.net", ports: [443], cidrs: ["203.0.113.0/24"]) }))
        #expect(Self.flagged(report, .externalEgress) == ["demo/dev", "demo/prod"].map {
            "**New external egress** (\($0)): `api` to `203.0.113.0/24 on 443/TCP`: a NetworkPolicy lets it reach "
                + "addresses outside the cluster (an ipBlock); check that the destination is meant"
        })
        #expect(report.changes.contains { $0.what == "network" && $0.after == "egress to ipBlock 203.0.113.0/24 on 443/TCP" })
    }

    /// The cluster DNS rule (`ClusterDNS(cidrs:)`: NodeLocal DNSCache, the kube-dns ClusterIP) is an ipBlock egress
    /// every pod has: a new service's lookups are not external egress. An egress to those addresses on another port is.
    @Test func theClusterDNSRuleIsNotExternalEgress() throws {
        let dns: () -> [any SettingsComponent] = { [ClusterDNS(cidrs: ["169.254.20.10/32", "10.96.0.10/32"])] }
        let base = Self.system(worker: false, defaults: dns)
        let current = Self.system(defaults: dns, api: { Egress("cache", ports: [443], cidrs: ["169.254.20.10/32"]) })
        let files = (base: try renderInMemory([base]), current: try renderInMemory([current]))
        let report = OutputReview.review(base: files.base, current: files.current,
                                         clusterDNS: OutputReview.clusterDNS(of: [current]))
        #expect(Self.flagged(report, .externalEgress) == ["demo/dev", "demo/prod"].map {
            "**New external egress** (\($0)): `api` to `169.254.20.10/32 on 443/TCP`: a NetworkPolicy lets it reach "
                + "addresses outside the cluster (an ipBlock); check that the destination is meant"
        })
        // Without the blueprints' DNS addresses, the new worker's lookups read as external egress.
        let unaware = OutputReview.review(base: files.base, current: files.current)
        #expect(Self.flagged(unaware, .externalEgress).contains { $0.contains("`worker` to `10.96.0.10/32 on 53/UDP, 53/TCP`") })
    }

    @Test func aVolumeClaimOfAnotherSizeOrClassIsFlagged() throws {
        func redis(_ size: DataSize, _ storageClass: String) -> SystemDescription {
            Self.system(api: {
                StatefulSet()
                VolumeClaim("data", at: "/data", size: size, storageClass: storageClass)
            })
        }
        let report = try Self.review(redis(.gibibytes(10), "standard"), redis(.gibibytes(20), "fast-ssd"))
        #expect(Self.flagged(report, .volumeClaim).contains(
            "**Volume claim changed** (demo/prod): StatefulSet `api` claim `data`: 10Gi, storage class standard → "
                + "20Gi, storage class fast-ssd: volumeClaimTemplates are immutable, so `kubectl apply` fails, and the "
                + "existing claims keep their size and class; resize each claim, then recreate the StatefulSet with "
                + "`--cascade=orphan`"))
    }

    @Test func aNewSecurityExemptionIsFlagged() throws {
        let report = try Self.review(
            Self.system(), Self.system(api: { Exempt(.writableRootFilesystem, because: "writes a cache to /var/cache") }))
        #expect(Self.flagged(report, .securityExemption).contains(
            "**New security exemption** (demo/prod): Deployment `api` container `api`: `readOnlyRootFilesystem` is "
                + "not true: the container may write to its root filesystem"))
    }

    @Test func privilegedContainersAndAddedCapabilitiesAreFlagged() throws {
        let base = try renderInMemory([Self.system()])
        var current = base
        let path = "demo/prod/kubernetes/api.yaml"
        let strict = "          allowPrivilegeEscalation: false\n          privileged: false\n"
        let text = try #require(base[path])
        try #require(text.contains(strict))
        current[path] = text.replacingOccurrences(
            of: strict, with: "          allowPrivilegeEscalation: true\n          privileged: true\n")
            .replacingOccurrences(of: "            drop:\n            - ALL\n",
                                  with: "            drop:\n            - ALL\n            add:\n            - NET_ADMIN\n")
        let lines = Self.flagged(OutputReview.review(base: base, current: current), .securityExemption)
        #expect(lines.contains("**New security exemption** (demo/prod): Deployment `api` container `api`: "
            + "`privileged: true`: the container gets the host's devices and every capability"))
        #expect(lines.contains("**New security exemption** (demo/prod): Deployment `api` container `api`: adds "
            + "capability `NET_ADMIN`: the container may do what NET_ADMIN allows"))
        #expect(lines.contains("**New security exemption** (demo/prod): Deployment `api` container `api`: "
            + "`allowPrivilegeEscalation` is not false: a process may gain more privileges than its parent (setuid binaries)"))
    }

    @Test func aProdImageWithoutADigestIsFlaggedInProdOnly() throws {
        let report = try Self.review(Self.system(), Self.system(digest: false, api: { ImageTag("1.1.0") }))
        let lines = Self.flagged(report, .undigestedImage)
        #expect(lines.count == 2)
        #expect(lines.contains(
            "**Prod image without a digest** (demo/prod): Deployment `api` container `api` runs `demo/api:1.1.0`: a tag "
                + "can be moved to other contents, so what runs is not what was reviewed; pin it with a digest"))
        #expect(lines.allSatisfy { $0.contains("(demo/prod)") })
        #expect(report.changes.contains { $0.scope == "demo/prod" && $0.what == "tag" && $0.before == "1.0.0"
            && $0.after == "1.1.0" })
        #expect(report.changes.contains { $0.scope == "demo/prod" && $0.service == "api" && $0.what == "digest"
            && $0.before == "sha256:" + String(repeating: "a", count: 64) && $0.after == "none" })
    }

    @Test func baseImagesAndGoVersionsPastEndOfLifeAreFlagged() throws {
        let report = try Self.review(
            Self.system(defaults: { Base(.alpine("3.21.8")); Go(version: "1.25") }),
            Self.system(defaults: { Base(.alpine("3.19")); Go(version: "1.22") }))
        let lines = Self.flagged(report, .endOfLife)
        #expect(lines.contains("**Past end of life** (demo): `api` runs on `alpine:3.19`: end of life since "
            + "2025-11-01: no more security fixes; move to a supported release"))
        #expect(lines.contains("**Past end of life** (demo): `api` builds with Go 1.22 (`golang:1.22-alpine`): end of "
            + "life since 2025-02-11: no more security fixes; move to a supported Go release"))
        // Already so in the base: listed, not flagged.
        let again = try Self.review(
            Self.system(defaults: { Base(.alpine("3.19")) }), Self.system(defaults: { Base(.alpine("3.19")) }))
        #expect(Self.flagged(again, .endOfLife).isEmpty)
        #expect(again.present.contains { $0.kind == .endOfLife })
    }
}
