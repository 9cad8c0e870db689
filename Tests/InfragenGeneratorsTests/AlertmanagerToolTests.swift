import InfragenExampleBlueprints
import Foundation
import Infragen
import InfragenTestSupport
import InfragenYAML
import Testing
@testable import InfragenGenerators

/// Issue 17's alert routing, checked by Alertmanager's own tool (Debian 12's `prometheus-alertmanager`, amtool 0.25):
/// the configuration is accepted, and `amtool config routes test` sends every combination of team, severity and
/// environment to the receivers the blueprint's routes name; a broken configuration fails.
@Suite(.serialized) struct AlertmanagerToolTests {
    /// Where alerts with these labels go by the blueprint's routes, as Alertmanager routes (the first route whose
    /// matchers all hold, and the routes after one that continues; the default when none does), worked out here from
    /// the description, independently of the generator.
    static func expectedReceivers(_ routing: AlertRoutingDescription, _ labels: [String: String]) -> [String] {
        var receivers: [String] = []
        for route in routing.routes where route.matchers.allSatisfy({ labels[$0.label] == $0.value }) {
            receivers.append(route.receiver)
            if !route.alsoLater { break }
        }
        return receivers.isEmpty ? [routing.defaultReceiver] : receivers
    }

    static func writeConfiguration(of system: SystemDescription, in folder: URL) throws -> String {
        let files = try renderInMemory([system])
        let text = try #require(files["\(system.name)/alertmanager/alertmanager.yaml"])
        let path = folder.appendingPathComponent("alertmanager.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(.enabled(if: ExternalTool.usable("amtool"), ExternalTool.skipNote("amtool")))
    func theShopsConfigurationPassesAmtoolCheckConfig() throws {
        let amtool = try ExternalTool.path("amtool")
        try withTemporaryFolder { root in
            let path = try Self.writeConfiguration(of: System.shop.description, in: root)
            let result = try runProcess(amtool, ["check-config", path], in: root)
            #expect(result.status == 0 && result.stdout.contains("SUCCESS"), "\(result)")
            #expect(result.stdout.contains(" - 1 inhibit rules") && result.stdout.contains(" - 4 receivers"), "\(result)")

            // A receiver the route names but the file lacks: amtool refuses it.
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let broken = root.appendingPathComponent("broken.yaml")
            try text.replacingOccurrences(of: "- name: orders-chat\n", with: "- name: orders-chats\n")
                .write(to: broken, atomically: true, encoding: .utf8)
            let failure = try runProcess(amtool, ["check-config", broken.path], in: root)
            #expect(failure.status != 0 && failure.stdout.contains("orders-chat"), "\(failure)")
        }
    }

    /// The seed: when an SLO threshold breaks, the team's chat gets the alert; a page in prod also reaches on-call.
    @Test(.enabled(if: ExternalTool.usable("amtool"), ExternalTool.skipNote("amtool")))
    func everyTeamSeverityAndEnvironmentReachesTheBlueprintsReceivers() throws {
        let amtool = try ExternalTool.path("amtool")
        let shop = System.shop.description
        let routing = try #require(shop.alertRouting)
        try withTemporaryFolder { root in
            let path = try Self.writeConfiguration(of: shop, in: root)
            func route(_ labels: [String: String]) throws -> [String] {
                let arguments = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }
                let result = try runProcess(amtool, ["config", "routes", "test", "--config.file=\(path)"] + arguments,
                                            in: root)
                #expect(result.status == 0, "\(result)")
                return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",").map(String.init)
            }
            // What the shop's blueprint says, spelt out.
            #expect(try route(["team": "orders", "severity": "page", "environment": "prod"])
                == ["orders-oncall", "orders-chat"])
            #expect(try route(["team": "orders", "severity": "ticket", "environment": "prod"]) == ["orders-chat"])
            #expect(try route(["team": "orders", "severity": "page", "environment": "staging"]) == ["orders-chat"])
            #expect(try route(["team": "payments", "severity": "ticket", "environment": "staging"])
                == ["payments-chat"])
            #expect(try route(["team": "web", "severity": "page", "environment": "prod"]) == ["platform-chat"])
            // And every combination, as the routes read.
            var checked = 0
            for team in ["orders", "payments", "platform", "web"] {
                for severity in AlertSeverity.allCases.map(\.rawValue) {
                    for environment in ["dev", "staging", "prod"] {
                        let labels = ["team": team, "severity": severity, "environment": environment]
                        #expect(try route(labels) == Self.expectedReceivers(routing, labels), "\(labels)")
                        checked += 1
                    }
                }
            }
            #expect(checked == 24)
        }
    }

    /// A team name with a quote and a backslash reaches Alertmanager's matcher exactly.
    @Test(.enabled(if: ExternalTool.usable("amtool"), ExternalTool.skipNote("amtool")))
    func matcherValuesAreQuotedAsAlertmanagerReadsThem() throws {
        let amtool = try ExternalTool.path("amtool")
        let system = System("quoted") {
            SourceRepository("https://git.example.com/quoted", license: "Apache-2.0")
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .prod) { Host("quoted.example.com"); TLS() }
            AlertRouting(default: "fallback") {
                Receiver("fallback", .chat(channel: nil))
                Receiver("odd", .email(to: "odd@example.com", from: "am@example.com", smarthost: "smtp.example.com:25",
                                       username: nil))
                AlertRoute(to: "odd", team: #"o"dd\team"#)
            }
            Service("api") {
                Port("http", 8080)
                Health(liveness: "/healthz", readiness: "/readyz")
            }
        }.description
        try withTemporaryFolder { root in
            let path = try Self.writeConfiguration(of: system, in: root)
            let check = try runProcess(amtool, ["check-config", path], in: root)
            #expect(check.status == 0, "\(check)")
            let odd = try runProcess(amtool, ["config", "routes", "test", "--config.file=\(path)", #"team="o\"dd\\team""#],
                                     in: root)
            #expect(odd.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "odd", "\(odd)")
            let other = try runProcess(amtool, ["config", "routes", "test", "--config.file=\(path)", "team=odd"], in: root)
            #expect(other.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "fallback", "\(other)")
        }
    }
}

/// The file's shape, without the tool: no secret in it, every secret a file under the receiver's Secret.
@Suite struct AlertmanagerGeneratorTests {
    @Test func secretsAreFilesOfTheReceiversSecretNeverValues() throws {
        let files = try renderInMemory([System.shop.description])
        let text = try #require(files["shop/alertmanager/alertmanager.yaml"])
        let configuration = try #require(try YAML.parse(text).first)
        guard case .sequence(let receivers)? = configuration["receivers"] else { Issue.record("no receivers"); return }
        let chat = try #require(receivers.first { $0["name"] == "orders-chat" })
        #expect(chat["slack_configs"]?[0]?["api_url_file"] == "/etc/alertmanager/secrets/orders-chat/url")
        #expect(chat["slack_configs"]?[0]?["api_url"] == nil)
        let oncall = try #require(receivers.first { $0["name"] == "orders-oncall" })
        #expect(oncall["webhook_configs"]?[0]?["http_config"]?["authorization"]?["credentials_file"]
            == "/etc/alertmanager/secrets/orders-oncall/token")
        // The inhibition: a page holds back the tickets of its SLO, environment and service.
        #expect(configuration["inhibit_rules"]?[0]?["equal"] == ["environment", "service", "slo"])
        #expect(configuration["route"]?["group_by"] == ["alertname", "environment", "slo"])
        // Systems without AlertRouting get no file.
        let storefront = try renderInMemory([System.storefront.description])
        #expect(!storefront.keys.contains { $0.contains("/alertmanager/") })
    }
}
