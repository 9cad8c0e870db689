import Infragen
import InfragenCLI
import InfragenTestSupport
import Testing

/// `infragen lint` narrows like every command: `--system`, `--environment` and `--only` validate only what they
/// select, while the checks of the whole catalog (two systems of one name) still run.
@Suite struct LintTests {
    /// A valid system with one service, in dev and prod; `prod` and `service` add to them.
    static func system(
        _ name: String, @ListBuilder<any EnvironmentComponent> prod: () -> [any EnvironmentComponent] = { [] },
        @ListBuilder<any ServiceComponent> service: () -> [any ServiceComponent] = { [] }
    ) -> SystemDescription {
        let (prod, service) = (prod(), service())
        return System(name, fileID: "Blueprints/\(name).swift", line: 1) {
            SourceRepository("https://git.example.com/\(name)", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .dev) { Host("dev.\(name).example.com") }
            Deploy(to: .prod) { Host("\(name).example.com"); prod }
            Service("api") {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
                Route("/api")
                service
            }
        }.description
    }

    static let good = system("good")
    /// Broken in prod only: replicas 0.
    static let brokenInProd = system("broken", prod: { Replicas(0) })
    /// Valid for the model, refused by the Kubernetes generator only (a share Kubernetes cannot write).
    static let kubernetesOnly = system("kube", prod: { Rollout(maxSurge: .percent(12.5)) })

    func lint(_ systems: [SystemDescription], _ arguments: String...) -> Int32 {
        InfragenCLI.run(systems: systems, arguments: ["lint"] + arguments)
    }

    @Test func theWholeCatalogWithoutASelection() {
        #expect(lint([Self.good]) == 0)
        #expect(lint([Self.good, Self.brokenInProd]) == 1)
    }

    @Test func systemSelectsTheSystemsValidated() {
        #expect(lint([Self.good, Self.brokenInProd], "--system", "good") == 0)
        #expect(lint([Self.good, Self.brokenInProd], "--system", "broken") == 1)
        #expect(lint([Self.good, Self.brokenInProd], "--system", "good", "--system", "broken") == 1)
    }

    @Test func environmentSelectsTheEnvironmentsValidated() {
        #expect(lint([Self.brokenInProd], "--environment", "dev") == 0)
        #expect(lint([Self.brokenInProd], "--environment", "prod") == 1)
    }

    @Test func onlySelectsTheGeneratorsWhoseChecksRun() {
        #expect(lint([Self.kubernetesOnly]) == 1)
        #expect(lint([Self.kubernetesOnly], "--only", "kubernetes") == 1)
        #expect(lint([Self.kubernetesOnly], "--only", "nginx,dockerfile") == 0)
    }

    /// The names the registered generators' folders reserve (`docker`, `README.md`) are refused as environments
    /// whichever kinds `--only` selects: rendering any of them would fail.
    @Test func reservedNamesAreCheckedWhateverOnlySelects() {
        let docker = System("docker-env", fileID: "Blueprints/docker-env.swift", line: 1) {
            SourceRepository("https://git.example.com/docker-env", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: Environment("docker")) { Host("docker.example.com") }
            Service("api") { Port("http", 8080); Health(liveness: "/healthz", readiness: "/readyz") }
        }.description
        #expect(lint([docker]) == 1)
        #expect(lint([docker], "--only", "kubernetes") == 1)
        #expect(lint([Self.good], "--only", "kubernetes") == 0)
    }

    /// Two systems of one name break the whole catalog (their files would share Output/<name>/), whichever is
    /// selected.
    @Test func catalogWideChecksStillRun() {
        let twice = [Self.good, Self.system("twin"), Self.system("twin")]
        #expect(lint(twice, "--system", "good") == 1)
        #expect(lint([Self.good, Self.system("twin")], "--system", "good") == 0)
    }

    @Test func unknownNamesAreUsageErrors() {
        #expect(lint([Self.good], "--system", "god") == 64)
        #expect(lint([Self.good], "--only", "helm") == 64)
    }
}
