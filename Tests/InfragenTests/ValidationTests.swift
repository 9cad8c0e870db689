import Infragen
import InfragenTestSupport
import Testing

/// Validation reports every problem at once, each with its place, word for word.
@Suite struct ValidationTests {
    static let file = "Blueprints/Broken.swift"

    /// A system with one mistake of each kind the foundation checks, every component at a known line.
    static let broken = System("shop", fileID: file, line: 1) {
        Defaults {
            ImageTag("1.0.0", fileID: file, line: 3)
            Requests(cpu: .millicores(500), memory: .mebibytes(128), fileID: file, line: 4)
            Limits(cpu: .millicores(250), memory: .mebibytes(64), fileID: file, line: 5)
        }
        Deploy(to: .dev, fileID: file, line: 7) {
            Host("dev.shop.example.com", fileID: file, line: 8)
            Replicas(0, fileID: file, line: 9)
        }
        Deploy(to: .dev, fileID: file, line: 11) { Host("shop dev", fileID: file, line: 11) }
        Service("Order_Service", fileID: file, line: 13) {
            Port("http", 8080, fileID: file, line: 14)
            Port("http", 70000, fileID: file, line: 15)
            DependsOn("inventroy-service", fileID: file, line: 16)
            Route("/api/orders", fileID: file, line: 17)
            SLO("orders", fileID: file, line: 18) {
                Availability(.percent(100), fileID: file, line: 19)
                Latency(.percent(99), under: .milliseconds(0), fileID: file, line: 20)
            }
        }
        Service("inventory-service", fileID: file, line: 23) {
            Port("http", 8080, fileID: file, line: 24)
            Route("/api/orders", fileID: file, line: 25)
            Override(.prod, fileID: file, line: 26) { Replicas(2, fileID: file, line: 26) }
        }
    }.description

    @Test func everyProblemIsReportedWithItsPlace() {
        let messages = Self.broken.validate().map(\.description)
        #expect(messages == [
            "Blueprints/Broken.swift:5: error: shop/dev/Order_Service: limits.cpu: the cpu limit 250m is below the request 500m; raise the limit or lower the request",
            "Blueprints/Broken.swift:5: error: shop/dev/Order_Service: limits.memory: the memory limit 64Mi is below the request 128Mi; raise the limit or lower the request",
            "Blueprints/Broken.swift:5: error: shop/dev/inventory-service: limits.cpu: the cpu limit 250m is below the request 500m; raise the limit or lower the request",
            "Blueprints/Broken.swift:5: error: shop/dev/inventory-service: limits.memory: the memory limit 64Mi is below the request 128Mi; raise the limit or lower the request",
            "Blueprints/Broken.swift:9: error: shop/dev/Order_Service: replicas: replicas must be between 1 and 1000, not 0; run at least one replica",
            "Blueprints/Broken.swift:9: error: shop/dev/inventory-service: replicas: replicas must be between 1 and 1000, not 0; run at least one replica",
            "Blueprints/Broken.swift:11: error: shop: environments: environment 'dev' is declared 2 times; declare each environment once",
            "Blueprints/Broken.swift:11: error: shop: namespace: 2 environments use namespace 'shop-dev'; give each environment its own namespace",
            "Blueprints/Broken.swift:11: error: shop/dev: host: 'shop dev' is not a host name; write a DNS name such as shop.example.com, without scheme, port or path",
            "Blueprints/Broken.swift:13: error: shop/Order_Service: name: 'Order_Service' is not a valid service name; use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit",
            "Blueprints/Broken.swift:15: error: shop/Order_Service: ports: port name 'http' is declared 2 times; give each port its own name",
            "Blueprints/Broken.swift:15: error: shop/Order_Service: ports[http].number: port 70000 is outside 1-65535; use the port the service listens on, e.g. 8080",
            "Blueprints/Broken.swift:16: error: shop/Order_Service: dependencies: the service depends on 'inventroy-service', which the system does not declare; did you mean 'inventory-service'?",
            "Blueprints/Broken.swift:19: error: shop/Order_Service: slo[orders].availability: the objective 100 % is outside (0, 100) %; a 100 % objective leaves no error budget and 0 % means nothing; use e.g. .percent(99.9)",
            "Blueprints/Broken.swift:20: error: shop/Order_Service: slo[orders].latency.threshold: the latency threshold must be positive; use a duration such as .milliseconds(800)",
            "Blueprints/Broken.swift:25: error: shop/inventory-service: routes[/api/orders]: route /api/orders is already declared by 'Order_Service' at Blueprints/Broken.swift:17; give each route its own path",
            "Blueprints/Broken.swift:26: error: shop/inventory-service: override: the override names environment 'prod', which the system does not declare; declare it with Deploy(to:) or remove the override",
        ])
    }

    @Test func aValidSystemHasNoDiagnostics() {
        #expect(sampleSystem().validate().isEmpty)
    }

    @Test func latencyThresholdMustBeAHistogramBucket() {
        let system = sampleSystem(fileID: "Blueprints/Sample.swift", line: 1) {
            SLO("checkout", fileID: "Blueprints/Sample.swift", line: 2) {
                Latency(.percent(99), under: .milliseconds(300), fileID: "Blueprints/Sample.swift", line: 3)
            }
        }
        #expect(system.validate().map(\.description) == [
            "Blueprints/Sample.swift:3: error: sample/api: slo[checkout].latency.threshold: the threshold 0.3s is not a bucket of http_request_duration_seconds (promhttp's default buckets: 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10), so the SLI would return nothing; choose one of the buckets, or declare the buckets the service's histogram uses with Metrics(buckets:)",
        ])
    }

    /// Declared buckets replace the package's defaults, and the message says whose buckets they are.
    @Test func declaredBucketsReplaceThePresetsDefaults() {
        let system = sampleSystem(fileID: "Blueprints/Sample.swift", line: 1) {
            Metrics(.goHTTPMetrics, buckets: [.milliseconds(300), .seconds(1)])
            SLO("checkout", fileID: "Blueprints/Sample.swift", line: 2) {
                Latency(.percent(99), under: .milliseconds(300), fileID: "Blueprints/Sample.swift", line: 3)
                Latency(.percent(99), under: .milliseconds(800), fileID: "Blueprints/Sample.swift", line: 4)
            }
        }
        #expect(system.validate().map(\.description) == [
            "Blueprints/Sample.swift:4: error: sample/api: slo[checkout].latency.threshold: the threshold 0.8s is not a bucket of http_request_duration_seconds (the buckets Metrics(buckets:) declares: 0.3, 1), so the SLI would return nothing; choose one of the buckets, or declare the buckets the service's histogram uses with Metrics(buckets:)",
        ])
    }

    @Test func hostileNamesAreRefused() {
        for name in ["Shop", "shop.prod", "../etc", "a/b", "ünïcode", String(repeating: "a", count: 64), "-shop", ""] {
            let system = System(name) {
                Defaults { ImageTag("1.0.0") }
                Deploy(to: .dev)
                Service("api") { Port("http", 8080) }
            }.description
            #expect(system.validate().contains { $0.field == "name" && $0.path.system == name }, "\(name.debugDescription)")
        }
    }

    @Test func environmentOverridesAreCheckedAfterMerging() {
        let system = sampleSystem(fileID: "Blueprints/Sample.swift", line: 1) {
            Override(.prod, fileID: "Blueprints/Sample.swift", line: 7) {
                Limits(cpu: .millicores(50), fileID: "Blueprints/Sample.swift", line: 8)
                Autoscale(min: 5, max: 2, fileID: "Blueprints/Sample.swift", line: 9)
            }
        }
        #expect(system.validate().map(\.description) == [
            "Blueprints/Sample.swift:8: error: sample/prod/api: limits.cpu: the cpu limit 50m is below the request 100m; raise the limit or lower the request",
            "Blueprints/Sample.swift:9: error: sample/prod/api: autoscaling.max: the autoscaler maximum 2 is below its minimum 5; raise the maximum or lower the minimum",
        ])
    }

    @Test func missingImageTagAndLatestAreErrors() {
        let untagged = System("s", fileID: "B.swift", line: 1) {
            Deploy(to: .dev, fileID: "B.swift", line: 2)
            Service("api", fileID: "B.swift", line: 3) { Port("http", 8080) }
        }.description
        #expect(untagged.validate().map(\.description) == [
            "B.swift:3: error: s/dev/api: image.tag: the image tag is not set; set ImageTag(\"1.0.0\") in the system's defaults, the service or the environment (never 'latest')",
        ])
        let latest = System("s", fileID: "B.swift", line: 1) {
            Defaults { ImageTag("latest", fileID: "B.swift", line: 2) }
            Deploy(to: .dev, fileID: "B.swift", line: 3)
            Service("api", fileID: "B.swift", line: 4) { Port("http", 8080) }
        }.description
        #expect(latest.validate().map(\.description) == [
            "B.swift:2: error: s/dev/api: image.tag: the image tag 'latest' does not say which build runs; use a version or a commit, e.g. ImageTag(\"1.4.2\")",
        ])
    }

    @Test func dependencyCyclesAreReported() {
        let system = System("s", fileID: "B.swift", line: 1) {
            Defaults { ImageTag("1.0.0") }
            Deploy(to: .dev)
            Service("a") { Port("http", 8080); DependsOn("b", fileID: "B.swift", line: 5) }
            Service("b") { Port("http", 8080); DependsOn("a", fileID: "B.swift", line: 6) }
        }.description
        #expect(system.validate().map(\.description) == [
            "B.swift:5: warning: s/a: dependencies: the dependencies form a cycle: a -> b -> a; services that call each other cannot be started or rolled back one at a time; break the cycle if you can [Acknowledge(.dependencyCycle, because: …)]",
        ])
    }
}
