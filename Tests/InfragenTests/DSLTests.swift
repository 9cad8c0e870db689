import Infragen
import Testing

@Suite struct DSLTests {
    @Test func loopsConditionsAndReusableGroupsBuildTheSameModel() {
        let withTracing = true
        let written = System("s") {
            Deploy(to: .dev)
            Service("api") {
                Port("http", 8080)
                for name in ["a", "b"] { DependsOn(name) }
                if withTracing { Env("TRACING", "on") } else { Env("TRACING", "off") }
                if !withTracing { Env("NEVER", "x") }
                Group { Port("metrics", 9090) }
            }
        }.description
        let service = written.services[0]
        #expect(service.dependencies.map(\.service) == ["a", "b"])
        #expect(service.settings[.environmentVariables]?.value.map(\.name) == ["TRACING"])
        #expect(service.settings[.environmentVariables]?.value.first?.source == .literal("on"))
        #expect(service.ports.map(\.name) == ["http", "metrics"])
    }

    @Test func unitsAreExactAndPrintAsKubernetesQuantities() {
        #expect(CPU.cores(0.5).quantity == "500m")
        #expect(CPU.cores(2).quantity == "2")
        #expect(CPU.millicores(250).cores == "0.25")
        #expect(DataSize.mebibytes(100).quantity == "100Mi")
        #expect(DataSize.gibibytes(1).quantity == "1Gi")
        #expect(DataSize.bytes(1500).quantity == "1500")
        #expect(Percentage.percent(99.9).fraction == "0.999")
        #expect(Percentage.percent(99.9).complement.fraction == "0.001")
        #expect(Percentage.percent(99.95).fraction == "0.9995")
        #expect(Percentage.percent(10).fraction == "0.1")
        #expect(Duration.milliseconds(800).secondsText == "0.8")
        #expect(Decimal6.text(millionths: 14_400_000) == "14.4")
    }
}
