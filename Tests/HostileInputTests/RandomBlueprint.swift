import Infragen
import InfragenTestSupport

/// Random valid systems, built with the DSL, for property tests: names, ports, environment values with arbitrary
/// Unicode, quantities anywhere in their valid ranges, overrides.
struct RandomBlueprint {
    var random: SeededRandom

    init(seed: UInt64) { random = SeededRandom(seed: seed &* 0x2545_F491_4F6C_DD1D &+ 17) }

    // MARK: - Text

    static let lower = Array("abcdefghijklmnopqrstuvwxyz".unicodeScalars)
    static let digits = Array("0123456789".unicodeScalars)

    /// A DNS label of `1...maxLength` characters starting with a letter.
    mutating func label(maxLength: Int) -> String {
        let length = Int.random(in: 1...maxLength, using: &random)
        var scalars = String.UnicodeScalarView([Self.lower.randomElement(using: &random)!])
        while scalars.count < length {
            let last = scalars.count == length - 1
            switch Int.random(in: 0..<10, using: &random) {
            case 0 where !last && scalars.last != "-": scalars.append("-")
            case 1, 2: scalars.append(Self.digits.randomElement(using: &random)!)
            default: scalars.append(Self.lower.randomElement(using: &random)!)
            }
        }
        return String(scalars)
    }

    mutating func uniqueLabels(_ count: Int, maxLength: Int, excluding: Set<String> = []) -> [String] {
        var seen = excluding
        var result: [String] = []
        while result.count < count {
            let name = label(maxLength: maxLength)
            if seen.insert(name).inserted { result.append(name) }
        }
        return result
    }

    /// An environment variable name.
    mutating func variableName() -> String {
        let first = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ_abc".unicodeScalars)
        let rest = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789abc".unicodeScalars)
        var scalars = String.UnicodeScalarView([first.randomElement(using: &random)!])
        for _ in 0..<Int.random(in: 0...12, using: &random) { scalars.append(rest.randomElement(using: &random)!) }
        return String(scalars)
    }

    /// Characters that hit YAML, shells, Kubernetes and Markdown, then any valid scalar that validation lets through.
    static let tricky: [Unicode.Scalar] =
        Array(
            "abcXYZ019 -:#&*!|>'\"%@`,[]{}?.~_+=\\/;()<>^\t\n\r".unicodeScalars)
        + [
            "\u{1}", "\u{7}", "\u{1B}", "\u{A0}", "\u{FEFF}", "\u{2028}", "\u{2029}", "\u{202E}", "é", "中", "🚀",
            "\u{301}",
            "\u{3000}", "\u{2003}",
        ]
    static let words = [
        "true", "no", "on", "null", "~", "0777", "0x1F", "1e3", ".inf", "12:30", "2001-12-14", "-",
        "<<", "---", "...", "- a", "#x", "&a", "*a", "!t", "{}", "[]", "%x", "@x", "`x`",
    ]

    /// A value validation accepts for an environment variable: anything but NUL, the characters kustomize cannot
    /// carry, and '$' (which the Kubernetes generator on main does not escape yet; see HostileCorpus).
    mutating func environmentValue() -> String {
        if random.oneIn(8) { return Self.words.randomElement(using: &random)! }
        var scalars = String.UnicodeScalarView()
        let length =
            random.oneIn(20) ? Int.random(in: 200...2000, using: &random) : Int.random(in: 0...24, using: &random)
        while scalars.count < length {
            let scalar: Unicode.Scalar
            if random.oneIn(6) {
                guard let any = Unicode.Scalar(UInt32.random(in: 1...0x10FFFF, using: &random)) else { continue }
                scalar = any
            } else {
                scalar = Self.tricky.randomElement(using: &random)!
            }
            // Valid values only: no '$' (checked on its own), nothing kustomize mangles, no line break or control
            // character (env values are single-line; the refusal has its own corpus cases).
            guard scalar != "$", TextRules.firstUnportableScalar(String(scalar)) == nil,
                  TextRules.isSingleLineText(String(scalar)) else { continue }
            scalars.append(scalar)
        }
        return String(scalars)
    }

    // MARK: - Quantities

    mutating func cpuPair() -> (CPU, CPU) {
        let request =
            random.oneIn(3)
            ? Int.random(in: 1...256, using: &random) * 1000 : Int.random(in: 1...256_000, using: &random)
        let limit = random.oneIn(3) ? request : Int.random(in: request...256_000, using: &random)
        return (.millicores(request), .millicores(limit))
    }

    mutating func memoryPair() -> (DataSize, DataSize) {
        let max = Int64(1) << 40
        let request: Int64 =
            switch Int.random(in: 0..<3, using: &random) {
            case 0: Int64.random(in: 1...(1 << 20), using: &random)
            case 1: Int64.random(in: 1...(1 << 20), using: &random) << 20
            default: Int64.random(in: 1...max, using: &random)
            }
        let limit = random.oneIn(3) ? request : Int64.random(in: request...max, using: &random)
        return (.bytes(request), .bytes(limit))
    }

    // MARK: - Systems

    /// A valid system, and what the Kubernetes manifests must say.
    mutating func system() -> SystemDescription {
        let systemName = label(maxLength: 20)
        let environments = uniqueLabels(Int.random(in: 1...3, using: &random), maxLength: 20, excluding: ["docker"])
        let serviceNames = uniqueLabels(Int.random(in: 1...4, using: &random), maxLength: 30)
        var services: [Service] = []
        for (index, name) in serviceNames.enumerated() {
            services.append(service(name, index: index, environments: environments))
        }
        let (cpuRequest, cpuLimit) = cpuPair()
        let (memoryRequest, memoryLimit) = memoryPair()
        let tag = random.oneIn(2) ? "1.\(Int.random(in: 0...99, using: &random)).0" : label(maxLength: 40)
        let defaultValue = environmentValue()
        let envValues = environments.map { _ in (environmentValue(), Bool.random(using: &random)) }
        let replicas = environments.map { _ in Int.random(in: 1...1000, using: &random) }
        return System(systemName) {
            SourceRepository("https://git.example.com/\(systemName)", license: "Apache-2.0")
            Defaults {
                ImageTag(tag)
                Requests(cpu: cpuRequest, memory: memoryRequest)
                Limits(cpu: cpuLimit, memory: memoryLimit)
                Env("DEFAULT_VALUE", defaultValue)
            }
            for (index, environment) in environments.enumerated() {
                Deploy(to: Environment(environment)) {
                    Host("\(environment).example.com")
                    Replicas(replicas[index])
                    if envValues[index].1 { Env("ENVIRONMENT_VALUE", envValues[index].0) }
                }
            }
            for service in services { service }
        }.description
    }

    mutating func service(_ name: String, index: Int, environments: [String]) -> Service {
        let portNames = uniqueLabels(Int.random(in: 0...3, using: &random), maxLength: 15).filter(TextRules.isPortName)
        var numbers = Set<Int>()
        while numbers.count < portNames.count { numbers.insert(Int.random(in: 1...65535, using: &random)) }
        let ports = Array(zip(portNames, numbers.sorted()))
        var variables: [(String, String)] = []
        var names = Set<String>(["DEFAULT_VALUE", "ENVIRONMENT_VALUE"])
        for _ in 0..<Int.random(in: 0...6, using: &random) {
            let variable = variableName()
            if names.insert(variable).inserted { variables.append((variable, environmentValue())) }
        }
        let secret = random.oneIn(3) ? (variableName(), label(maxLength: 20), "key-\(label(maxLength: 8))") : nil
        let override = environments.randomElement(using: &random)!
        let overrideValue = environmentValue()
        let (cpuRequest, cpuLimit) = cpuPair()
        let (memoryRequest, memoryLimit) = memoryPair()
        let autoscale = random.oneIn(3)
        let minimum = Int.random(in: 1...50, using: &random)
        let maximum = Int.random(in: minimum...1000, using: &random)
        let target = Percentage.percent(Double(Int.random(in: 1...100, using: &random)))
        return Service(name) {
            for (portName, number) in ports { Port(portName, number) }
            if ports.isEmpty {
                HealthCommand("/app/server", "-healthcheck")
            } else {
                Health(liveness: "/healthz", readiness: "/readyz")
            }
            for (variable, value) in variables { Env(variable, value) }
            if let secret, !names.contains(secret.0) { Env(secret.0, secret: secret.1, key: secret.2) }
            Override(Environment(override)) {
                Env("DEFAULT_VALUE", overrideValue)
                Requests(cpu: cpuRequest, memory: memoryRequest)
                Limits(cpu: cpuLimit, memory: memoryLimit)
                if autoscale { Autoscale(min: minimum, max: maximum, cpu: target) }
            }
        }
    }
}
