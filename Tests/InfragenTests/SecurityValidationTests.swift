import Infragen
import InfragenTestSupport
import Testing

/// `RunAs(user:group:)` is refused for the reason that holds: root, a negative id, or an id beyond what Kubernetes
/// accepts for runAsUser and runAsGroup (0...2147483647).
@Suite struct SecurityValidationTests {
    static let file = "Blueprints/RunAs.swift"

    func messages(_ user: Int, _ group: Int?) -> [String] {
        let system = sampleSystem(fileID: Self.file, line: 1) { RunAs(user: user, group: group, fileID: Self.file, line: 2) }
        return system.validate().map(\.description)
    }

    @Test func idsOutOfRangeAndNegativeIdsSayWhy() {
        #expect(messages(Int.max, -1) == [
            "Blueprints/RunAs.swift:2: error: sample/api: security.runAsGroup: gid -1 is negative; use a numeric group id between 10001 and 2147483647, e.g. 10001",
            "Blueprints/RunAs.swift:2: error: sample/api: security.runAsUser: uid 9223372036854775807 is above 2147483647, the largest Kubernetes accepts; use a numeric user id between 10001 and 2147483647, e.g. 10001",
        ])
        #expect(messages(2_147_483_648, 10001) == [
            "Blueprints/RunAs.swift:2: error: sample/api: security.runAsUser: uid 2147483648 is above 2147483647, the largest Kubernetes accepts; use a numeric user id between 10001 and 2147483647, e.g. 10001",
        ])
        #expect(messages(-5, 2_147_483_648) == [
            "Blueprints/RunAs.swift:2: error: sample/api: security.runAsGroup: gid 2147483648 is above 2147483647, the largest Kubernetes accepts; use a numeric group id between 10001 and 2147483647, e.g. 10001",
            "Blueprints/RunAs.swift:2: error: sample/api: security.runAsUser: uid -5 is negative; use a numeric user id between 10001 and 2147483647, e.g. 10001",
        ])
    }

    @Test func rootKeepsItsOwnMessage() {
        #expect(messages(0, nil) == [
            "Blueprints/RunAs.swift:2: error: sample/api: security.runAsUser: the containers would run as root (uid or gid 0); run as a numeric non-root user above 10000, e.g. 10001",
        ])
        #expect(messages(10001, 0) == [
            "Blueprints/RunAs.swift:2: error: sample/api: security.runAsUser: the containers would run as root (uid or gid 0); run as a numeric non-root user above 10000, e.g. 10001",
        ])
    }

    @Test func theLargestIdKubernetesAcceptsIsValid() {
        #expect(messages(2_147_483_647, 2_147_483_647).isEmpty)
    }
}
