import Infragen
import Testing

/// Labels, annotations and the Service's exposure are settings like any other: each layer adds keys and replaces
/// the ones it names, and an environment or an override changes the exposure.
@Suite struct MetadataSettingsTests {
    static let system = System("meta", fileID: "M.swift", line: 1) {
        Defaults { Labels(["example.com/cost-center": "1", "example.com/tier": "gold"]) }
        Deploy(to: .dev)
        Deploy(to: .prod) { Expose(.loadBalancer(externalTrafficPolicy: .local)) }
        Service("api", fileID: "M.swift", line: 5) {
            Port("http", 8080)
            Labels(["example.com/cost-center": "2"], on: [.pods])
            Override(.prod) {
                Labels(["example.com/tier": "platinum"], on: [.service])
                Expose(.nodePort(), fileID: "M.swift", line: 9)
            }
        }
        Service("web") { Port("http", 8000) }
    }.description

    @Test func layersAddAndReplaceKeys() throws {
        let environments = Self.system.resolve().environments
        let dev = try #require(environments[0].service(named: "api"))
        #expect(dev[.labels].pods == ["example.com/cost-center": "2", "example.com/tier": "gold"])
        #expect(dev[.labels].workload == ["example.com/cost-center": "1", "example.com/tier": "gold"])
        let prod = try #require(environments[1].service(named: "api"))
        #expect(prod[.labels].service == ["example.com/cost-center": "1", "example.com/tier": "platinum"])
        #expect(prod[.labels].pods == ["example.com/cost-center": "2", "example.com/tier": "gold"])
    }

    @Test func theExposureFollowsTheEnvironmentAndTheOverride() throws {
        let environments = Self.system.resolve().environments
        #expect(try #require(environments[0].service(named: "api"))[.exposure] == .clusterIP)
        #expect(try #require(environments[1].service(named: "web"))[.exposure] == .loadBalancer(externalTrafficPolicy: .local))
        let api = try #require(environments[1].service(named: "api"))
        #expect(api[.exposure] == .nodePort())
        #expect(api.location(of: .exposure) == SourceLocation(fileID: "M.swift", line: 9))
    }
}
