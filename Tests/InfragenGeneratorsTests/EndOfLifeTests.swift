import InfragenExampleBlueprints
import Infragen
import InfragenGenerators
import InfragenRender
import InfragenTestSupport
import Testing

/// Issue 19: one table of end-of-life days, read by `infragen review`, the system README and the warnings; and the
/// warnings themselves, at the line that chose the version, acknowledgeable there.
@Suite struct EndOfLifeTests {
    @Test func goVersionsEndWhenTheSecondNewerReleaseShips() {
        #expect(GoReleases.endOfLife(of: "1.22") == "2025-02-11")
        #expect(GoReleases.endOfLife(of: "1.24.3") == "2026-02-10")  // go1.26.0
        #expect(GoReleases.endOfLife(of: "1.25") == "2026-08-19")  // go1.27.0
        #expect(GoReleases.endOfLife(of: "1.26") == nil)
        #expect(GoReleases.endOfLife(of: "1.27-alpine") == nil)
        #expect(GoReleases.endOfLife(of: "1.17") == "before 2023-08-08")
    }

    @Test func nginxBranchesEndWhenTheBranchTwoOnShips() {
        #expect(EndOfLife.ofImage("nginx:1.22.1-alpine") == "2023-04-11")  // 1.24.0, the next stable
        #expect(EndOfLife.ofImage("docker.io/library/nginx:1.27.3") == "2025-06-24")  // 1.29.0, the next mainline
        #expect(EndOfLife.ofImage("nginx:1.28.0@sha256:" + String(repeating: "a", count: 64)) == "2026-04-14")
        #expect(EndOfLife.ofImage("nginx:1.29.8") == "2026-05-13")
        #expect(EndOfLife.ofImage("nginx:1.30.1-alpine") == nil)
        #expect(EndOfLife.ofImage("nginx:1.31.2") == nil)
        #expect(EndOfLife.ofImage("nginx:stable") == nil, "a tag without a version says nothing")
        #expect(EndOfLife.ofImage("registry.example.com/nginx:1.22.1") == nil, "not the official image")
        #expect(EndOfLife.ofImage("alpine:3.19") == "2025-11-01")
    }

    @Test func eachEndOfLifeIsAWarningAtTheLineThatChoseIt() throws {
        let file = "Blueprints/Old.swift"
        let system = System("old", fileID: file, line: 1) {
            SourceRepository("https://git.example.com/old", license: "Apache-2.0")
            Gateway(fileID: file, line: 2) { NginxVersion("1.28.0", fileID: file, line: 3) }
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .dev) { Host("dev.old.example.com") }
            Service("api", fileID: file, line: 5) {
                Go(version: "1.24", fileID: file, line: 6)
                Base(.alpine("3.19"), fileID: file, line: 7)
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                Route("/api")
            }
        }.description
        let all = RenderPipeline(checksEndOfLife: true).validate([system])
        #expect(!all.hasErrors, "\(all.map(\.description))")
        let warnings = all.filter { $0.code == .endOfLifeGo || $0.code == .endOfLifeImage }
        let expected: [String] = [
            "Blueprints/Old.swift:3: warning: old: gateway.image: the gateway's image nginx:1.28.0 is past its end of life "
                + "(since 2026-04-14): it gets no more security fixes; target a maintained nginx branch (NginxVersion) or "
                + "name a maintained image (GatewayImage) [Acknowledge(.endOfLifeImage, because: …)]",
            "Blueprints/Old.swift:6: warning: old/api: go.version: Go 1.24 (golang:1.24-alpine) is past its end of life "
                + "(since 2026-02-10): it gets no more security fixes; move to a supported Go release (the two newest are "
                + "supported) [Acknowledge(.endOfLifeGo, because: …)]",
            "Blueprints/Old.swift:7: warning: old/api: base: the runtime base alpine:3.19 is past its end of life "
                + "(since 2025-11-01): it gets no more security fixes; move to a supported release of the image "
                + "[Acknowledge(.endOfLifeImage, because: …)]",
        ]
        #expect(warnings.map(\.description) == expected)
        // Supported versions warn of nothing; scratch has no release to age.
        let current = sampleSystem { Go(version: "1.27"); Base(.scratch) }
        let aged = RenderPipeline(checksEndOfLife: true).validate([current]).filter { diagnostic in
            diagnostic.code == .endOfLifeGo || (diagnostic.code == .endOfLifeImage && diagnostic.path.service != nil)
        }
        #expect(aged.isEmpty, "\(aged)")
    }

    /// The CLI checks end of life; a library caller that does not ask gets neither the warnings nor a complaint about
    /// the blueprint's acknowledgements of them.
    @Test func offTheCheckWarnsOfNothingAndJudgesNoAcknowledgementOfIt() {
        let shop = System.shop.description
        #expect(RenderPipeline().validate([shop]).isEmpty, "\(RenderPipeline().validate([shop]))")
        // On, the shop's acknowledgements cover every warning: nothing prints.
        #expect(RenderPipeline(checksEndOfLife: true).validate([shop]).isEmpty)
        let stale = sampleSystem { Go(version: "1.27"); Acknowledge(.endOfLifeGo, because: "was 1.22") }
        #expect(RenderPipeline(checksEndOfLife: true).validate([stale]).map(\.message).contains {
            $0.contains("nothing to acknowledge: no endOfLifeGo warning occurs at sample/api")
        })
        #expect(!RenderPipeline().validate([stale]).contains { $0.message.contains("nothing to acknowledge") })
    }
}
