import Infragen
import Testing

/// The cycle check is linear in the number of services and reports what the first, quadratic one did.
@Suite struct DependencyCycleTests {
    struct SeededRandom: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// The first implementation, word for word: a depth-first search from every service.
    static func referenceCycleMessages(_ system: SystemDescription) -> [String] {
        var seenNames = Set<String>()
        let edges = Dictionary(uniqueKeysWithValues: system.services
            .filter { seenNames.insert($0.name).inserted }
            .map { ($0.name, $0.dependencies.map(\.service)) })
        var reported = Set<String>()
        var messages: [String] = []
        for service in system.services {
            var stack: [String] = [service.name]
            var visited: Set<String> = []
            func visit(_ name: String) -> [String]? {
                for next in edges[name] ?? [] {
                    if next == service.name { return stack + [next] }
                    guard visited.insert(next).inserted, edges[next] != nil else { continue }
                    stack.append(next)
                    if let cycle = visit(next) { return cycle }
                    stack.removeLast()
                }
                return nil
            }
            guard let cycle = visit(service.name), cycle.count > 2 else { continue }
            let key = Set(cycle).sorted().joined(separator: ",")
            guard reported.insert(key).inserted else { continue }
            messages.append("\(service.name): the dependencies form a cycle: \(cycle.joined(separator: " -> "))")
        }
        return messages.sorted()
    }

    static func cycleMessages(_ system: SystemDescription) -> [String] {
        system.validate().filter { $0.message.hasPrefix("the dependencies form a cycle") }
            .map { "\($0.path.service ?? ""): \($0.message)" }.sorted()
    }

    /// A system whose services call random others (repeats, unknown names, themselves, names declared twice).
    static func randomSystem(_ random: inout SeededRandom, services count: Int) -> SystemDescription {
        var system = SystemDescription(name: "s", location: SourceLocation(fileID: "B.swift", line: 1))
        for index in 0..<count {
            var service = ServiceDescription(
                name: "s\(Int.random(in: 0..<10, using: &random) == 0 ? Int.random(in: 0..<count, using: &random) : index)",
                location: SourceLocation(fileID: "B.swift", line: 10 + index))
            service.ports = [PortDescription(name: "http", number: 8080, location: service.location)]
            for _ in 0..<Int.random(in: 0...3, using: &random) {
                let target = Int.random(in: 0...count, using: &random)  // `count` is a name nobody declares
                service.dependencies.append(DependencyDescription(service: "s\(target)", location: service.location))
            }
            system.services.append(service)
        }
        return system
    }

    @Test(arguments: 0..<40)
    func sameWarningsAsTheFirstImplementation(seed: UInt64) {
        var random = SeededRandom(state: seed)
        for _ in 0..<25 {
            let system = Self.randomSystem(&random, services: Int.random(in: 2...40, using: &random))
            #expect(Self.cycleMessages(system) == Self.referenceCycleMessages(system), "seed \(seed)")
        }
    }

    @Test func twoCyclesThroughOneServiceAreBothReported() {
        let system = System("s", fileID: "B.swift", line: 1) {
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .dev)
            Service("a") { Port("http", 8080); DependsOn("b") }
            Service("b") { Port("http", 8080); DependsOn("a", "c") }
            Service("c") { Port("http", 8080); DependsOn("b") }
        }.description
        #expect(Self.cycleMessages(system) == [
            "a: the dependencies form a cycle: a -> b -> a",
            "c: the dependencies form a cycle: c -> b -> c",
        ])
    }

    /// A ring larger than the groups searched from every service: one warning, from its first service.
    @Test func aLargeRingIsOneWarning() {
        let count = 500
        let system = System("s", fileID: "B.swift", line: 1) {
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .dev)
            for index in 0..<count {
                Service("s\(index)") { Port("http", 8080); DependsOn("s\((index + 1) % count)", "s\((index + 2) % count)") }
            }
        }.description
        let messages = Self.cycleMessages(system)
        #expect(messages.count == 1)
        #expect(messages.first == "s0: the dependencies form a cycle: "
            + ((0..<count).map { "s\($0)" } + ["s0"]).joined(separator: " -> "))
    }
}
