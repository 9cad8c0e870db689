import Infragen
import InfragenYAML

extension HostileCorpus {
    // MARK: - Names

    static func names() -> [HostileCase] {
        var cases: [HostileCase] = []
        func refusedSystemName(_ id: String, _ name: String) {
            let f = file(id)
            cases.append(
                .refused(
                    id, blueprint(f, name: name),
                    .error("name", "is not a valid system name", at: f, line: 1)))
        }
        refusedSystemName("system-name-with-capitals", "Shop")
        refusedSystemName("system-name-with-a-dot", "shop.v2")
        refusedSystemName("system-name-with-slashes", "shop/../../etc")
        refusedSystemName("system-name-dot-dot", "..")

        func refusedServiceName(_ id: String, _ name: String, _ fragment: String = "is not a valid service name") {
            let f = file(id)
            cases.append(
                .refused(
                    id, blueprint(f, system: { Service(name, fileID: f, line: 10) {} }),
                    .error("name", fragment, at: f, line: 10)))
        }
        refusedServiceName("service-name-with-capitals", "Payments")
        refusedServiceName("service-name-with-a-dot", "api.v2")
        refusedServiceName("service-name-with-slashes", "../../etc/passwd")
        refusedServiceName("service-name-unicode", "zahlungsdienst-ü")
        // Fixed here: the message printed a name that looks valid; it names the character now.
        refusedServiceName(
            "service-name-with-a-zero-width-space", "ap\u{200B}i",
            "'ap\u{200B}i' (U+200B ZERO WIDTH SPACE at character 3) is not a valid service name")
        refusedServiceName(
            "service-name-with-a-cyrillic-letter", "p\u{0430}yments",
            "(U+0430 CYRILLIC SMALL LETTER A at character 2) is not a valid service name")
        refusedServiceName("service-name-over-63-characters", String(repeating: "a", count: 64))
        refusedServiceName("service-name-empty", "")
        // Fixed here: a DNS label may start with a digit, a Kubernetes Service name (DNS-1035) may not.
        refusedServiceName("service-name-starting-with-a-digit", "1api", "starts with a digit")

        do {
            // Fixed here: 63 characters is a valid name, but the instance label "<service>-<environment>" is not.
            let f = file("service-name-too-long-for-the-instance-label")
            let name = String(repeating: "n", count: 62)
            let system = blueprint(f, system: {
                Service(name, fileID: f, line: 10) { HealthCommand("/app/server", "-healthcheck") }
            })
            cases.append(
                .refused(
                    "service-name-too-long-for-the-instance-label", system,
                    .error("name", "the instance label", at: f, line: 10),
                    .error("name", "the instance label", at: f, line: 10)))
        }
        func refusedEnvironmentName(_ id: String, _ name: String, _ fragment: String) {
            let f = file(id)
            let system = blueprint(
                f,
                system: {
                    Deploy(to: Environment(name), fileID: f, line: 10) {
                        Host("qa.hostile.example.com", fileID: f, line: 11)
                    }
                })
            cases.append(.refused(id, system, .error("name", fragment, at: f, line: 10)))
        }
        refusedEnvironmentName("environment-name-with-capitals", "QA", "is not a valid environment name")
        refusedEnvironmentName("environment-name-with-slashes", "qa/../../x", "is not a valid environment name")
        refusedEnvironmentName("environment-name-reserved-docker", "docker", "is reserved for the Output/ layout")
        do {
            let f = file("namespace-with-an-underscore")
            let system = blueprint(
                f,
                system: {
                    Deploy(to: "qa", fileID: f, line: 10) {
                        Host("qa.hostile.example.com", fileID: f, line: 11)
                        Namespace("hostile_qa", fileID: f, line: 12)
                    }
                })
            cases.append(
                .refused(
                    "namespace-with-an-underscore", system,
                    .error("namespace", "is not a valid Kubernetes namespace", at: f, line: 12)))
        }
        do {
            // Fixed here: both names are valid, the namespace made of them is 71 characters.
            let f = file("derived-namespace-over-63-characters")
            let system = blueprint(
                f, name: String(repeating: "s", count: 40),
                system: {
                    Deploy(to: Environment(String(repeating: "e", count: 30)), fileID: f, line: 10) {
                        Host("qa.hostile.example.com", fileID: f, line: 11)
                    }
                })
            cases.append(
                .refused(
                    "derived-namespace-over-63-characters", system,
                    .error("namespace", "made of the system and environment names", at: f, line: 10),
                    // And the gateway's instance label, <system>-gateway-<environment>, would be longer still.
                    .error("gateway.name", "is longer than 63 characters", at: f, line: 10)))
        }
        do {
            let f = file("port-name-over-15-characters")
            let system = blueprint(f, service: { Port("administrative-api", 9090, fileID: f, line: 10) })
            cases.append(
                .refused(
                    "port-name-over-15-characters", system,
                    .error("ports[administrative-api].name", "is not a valid port name", at: f, line: 10)))
        }
        return cases
    }
}
