import Infragen
import InfragenTestSupport
@testable import InfragenModel
import InfragenRender
import InfragenYAML
import Testing
@testable import InfragenGenerators

/// StatefulSets, Jobs and CronJobs: the workloads fixture's files byte for byte, what each kind leaves out, and
/// every rule of the words that declare them, refused with its place.
@Suite struct WorkloadKindTests {
    static let file = "Blueprints/Workloads.swift"

    // MARK: - Golden files: one service file per kind, as prod deploys it

    @Test func statefulSetWithClaimsAndHeadlessService() throws {
        assertGolden(try prodFile("redis.yaml"), "kubernetes/workload-statefulset.yaml")
    }

    @Test func autoscaledStatefulSet() throws {
        assertGolden(try prodFile("search.yaml"), "kubernetes/workload-statefulset-autoscaled.yaml")
    }

    @Test func job() throws {
        assertGolden(try prodFile("migrate.yaml"), "kubernetes/workload-job.yaml")
    }

    @Test func cronJob() throws {
        assertGolden(try prodFile("cleanup.yaml"), "kubernetes/workload-cronjob.yaml")
    }

    // MARK: - What each kind has and leaves out

    @Test func eachKindHasTheObjectsThatApplyToIt() throws {
        func kinds(_ name: String) throws -> [String] {
            try YAML.parse(try prodFile(name)).compactMap { $0["kind"]?.scalarText }
        }
        #expect(try kinds("redis.yaml") == ["ServiceAccount", "StatefulSet", "Service", "Service", "NetworkPolicy"])
        #expect(try kinds("search.yaml") == [
            "ServiceAccount", "StatefulSet", "Service", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget",
            "NetworkPolicy", "ServiceMonitor",
        ])
        // Prod's Replicas(3) does not apply to a Job: one pod, no budget, no Service.
        #expect(try kinds("migrate.yaml") == ["ServiceAccount", "Job", "NetworkPolicy"])
        #expect(try kinds("cleanup.yaml") == ["ServiceAccount", "CronJob", "NetworkPolicy"])
    }

    @Test func theAutoscalerScalesTheStatefulSet() throws {
        let hpa = try object("HorizontalPodAutoscaler", in: try prodFile("search.yaml"))
        #expect(hpa["spec"]?["scaleTargetRef"]?["kind"] == "StatefulSet")
        let statefulSet = try object("StatefulSet", in: try prodFile("search.yaml"))
        #expect(statefulSet["spec"]?["replicas"] == nil)
    }

    /// A changed Job is a new Job (Kubernetes refuses to change a Job's pods); the same one applied again is the
    /// same name and does not run again.
    @Test func aJobIsNamedAfterItsSpec() throws {
        func jobName(_ tag: String, backoff: Int = 2) throws -> String {
            let system = System("jobs") {
                Defaults { ImageRegistry("registry.example.com/jobs"); ImageTag(tag) }
                Deploy(to: .prod) {}
                Service("migrate") { Job(backoffLimit: backoff) }
            }.description
            let files = try kubernetesFiles(system)
            let job = try object("Job", in: try #require(files["jobs/prod/kubernetes/migrate.yaml"]))
            return try #require(job["metadata"]?["name"]?.scalarText)
        }
        let first = try jobName("1.0.0")
        #expect(first.hasPrefix("migrate-") && first.utf8.count == "migrate-".utf8.count + 8)
        #expect(try jobName("1.0.0") == first)
        #expect(try jobName("1.0.1") != first)
        #expect(try jobName("1.0.0", backoff: 3) != first)
    }

    @Test func aStatefulSetHasNoCanary() throws {
        let system = System("canaries") {
            SourceRepository("https://git.example.com/canaries", license: "MIT")
            Defaults { ImageRegistry("registry.example.com/c"); ImageTag("1.0.0") }
            Deploy(to: .prod) { Host("c.example.com"); Canary(.percent(10)) }
            Service("web") {
                Port("http", 8080); Health(liveness: "/livez", readiness: "/readyz"); Route("/")
            }
            Service("search") {
                StatefulSet()
                Port("http", 8080); Health(liveness: "/livez", readiness: "/readyz"); Route("/search")
            }
        }.description
        let prod = try #require(system.resolve().environments.first)
        #expect(prod.service(named: "web")?.canary != nil)
        #expect(prod.service(named: "search")?.canary == nil)
    }

    // MARK: - Rules

    @Test func cronSchedulesAreReadAsTheControllerReadsThem() {
        for valid in ["*/5 * * * *", "0 3 * * 1-5", "30 3 1,15 * *", "0 0 ? JAN-MAR sun", "@hourly", "@daily",
                      "0 */2 * * *", "5-10/2 0 1 12 6"] {
            #expect(CronSchedule.problem(valid) == nil, "\(valid)")
        }
        let invalid: [(String, String)] = [
            ("* * * *", "has 4 fields, not 5"),
            ("0 3 * * * *", "has 6 fields, not 5"),
            ("60 * * * *", "has '60' as its minute (0-59)"),
            ("0 24 * * *", "has '24' as its hour (0-23)"),
            ("0 0 0 * *", "has '0' as its day of month (1-31)"),
            ("0 0 * 13 *", "has '13' as its month (1-12)"),
            ("0 0 * * 7", "has '7' as its day of week (0-6)"),
            ("0 0 * * MON-SUN", "has 'MON-SUN' as its day of week (0-6)"),
            ("*/0 * * * *", "has '*/0' as its minute (0-59)"),
            ("@every 5m", "is not a macro Kubernetes knows"),
            ("TZ=Europe/Berlin 0 3 * * *", "names its time zone inside, which Kubernetes refuses"),
            ("", "has 0 fields, not 5"),
            ("0\t3 * * * *", "contains a tab, a line break or another control character"),
        ]
        for (schedule, problem) in invalid {
            #expect(CronSchedule.problem(schedule) == problem, "\(schedule)")
        }
        // robfig/cron takes '?' in either day field, and nowhere else.
        #expect(CronSchedule.problem("0 0 ? * *") == nil)
        #expect(CronSchedule.problem("? 0 * * *") == "has '?' as its minute (0-59)")
    }

    @Test func timeZonesHaveTheFormOfTheTzDatabase() {
        for zone in ["UTC", "Etc/UTC", "Europe/Berlin", "America/Argentina/Buenos_Aires", "Etc/GMT+2", "America/Port-au-Prince"] {
            #expect(CronSchedule.isTimeZoneName(zone), "\(zone)")
        }
        for zone in ["", "Berlin", "CET", "Europe/", "europe/berlin", "Europe/Berlin ", "Mars/Olympus", "Europe/../etc",
                     "Europe/-x"] {
            #expect(!CronSchedule.isTimeZoneName(zone), "\(zone)")
        }
    }

    @Test func workloadsAreRefusedWithTheirPlace() {
        let f = Self.file
        let system = System("w", fileID: f, line: 1) {
            Defaults { ImageRegistry("registry.example.com/w"); ImageTag("1.0.0") }
            Deploy(to: .prod) {}
            Service("api", fileID: f, line: 3) {
                Port("http", 8080); Health(liveness: "/livez", readiness: "/readyz")
                VolumeClaim("data", at: "/data", size: .gibibytes(1), fileID: f, line: 4)
            }
            Service("db", fileID: f, line: 6) {
                StatefulSet(fileID: f, line: 7)
                Job(fileID: f, line: 8)
                Port("pg", 5432); Health(.tcp(port: "pg"))
                VolumeClaim("data", at: "/data", size: .bytes(0), storageClass: "Fast_SSD", fileID: f, line: 9)
            }
            Service("batch", fileID: f, line: 11) {
                Job(backoffLimit: 101, activeDeadline: .milliseconds(1500), ttlAfterFinished: .seconds(-1),
                    fileID: f, line: 12)
                Port("metrics", 9090, fileID: f, line: 13)
                NoHealthCheck(because: "a batch job", fileID: f, line: 14)
            }
            Service("nightly", fileID: f, line: 16) {
                CronJob(schedule: "0 25 * * *", timeZone: "Berlin", keepSuccessful: 101, keepFailed: -1,
                        startingDeadline: .seconds(5), fileID: f, line: 17)
            }
            Service("caller", fileID: f, line: 19) {
                Port("http", 8080); Health(liveness: "/livez", readiness: "/readyz")
                DependsOn("nightly", fileID: f, line: 20)
            }
        }.description
        #expect(ServicePortTests.messages(system) == [
            "Blueprints/Workloads.swift:4: error: w/api: volumes[data]: a VolumeClaim gives each pod of a StatefulSet a volume of its own, and api runs as a Deployment; declare StatefulSet(), or mount a claim the pods share with PersistentVolume(_:claim:at:)",
            "Blueprints/Workloads.swift:8: error: w/db: workload: the service runs as a StatefulSet (at Blueprints/Workloads.swift:7) and as a Job; declare one of StatefulSet, Job or CronJob (none for a Deployment)",
            "Blueprints/Workloads.swift:9: error: w/db: volumes[data].size: a claim of 0 is not a size to ask for; give it a positive size up to 64Ti, e.g. .gibibytes(10)",
            "Blueprints/Workloads.swift:9: error: w/db: volumes[data].storageClass: 'Fast_SSD' is not a StorageClass name; use lower-case letters, digits, '-' and '.', or leave it out for the cluster's default",
            "Blueprints/Workloads.swift:12: error: w/batch: job.activeDeadline: an active deadline of 1.5 seconds is not a whole number of seconds; give the run the time it needs, e.g. .seconds(600)",
            "Blueprints/Workloads.swift:12: error: w/batch: job.backoffLimit: 101 retries is outside 0-100; retry a few times, e.g. 3, or 0 for a run that must not repeat",
            "Blueprints/Workloads.swift:12: error: w/batch: job.ttlAfterFinished: a time to live of -1 s is outside 0-2592000 s; keep a finished Job long enough to read its logs, e.g. .seconds(86_400)",
            "Blueprints/Workloads.swift:13: error: w/batch: ports: a Job's pods run to completion and serve nothing, but it declares port 'metrics'; remove the ports (a run pushes its metrics to a Pushgateway), or run it as a Deployment",
            "Blueprints/Workloads.swift:14: error: w/batch: noHealthCheck: a Job needs no health check, so there is nothing to excuse; remove NoHealthCheck(because:)",
            "Blueprints/Workloads.swift:17: error: w/nightly: cronJob.failedJobsHistoryLimit: -1 finished Jobs to keep is outside 0-100; keep a few for their logs, e.g. 3 good and 1 failed",
            "Blueprints/Workloads.swift:17: error: w/nightly: cronJob.schedule: the schedule '0 25 * * *' has '25' as its hour (0-23); write five fields, minute hour day-of-month month day-of-week (e.g. \"30 3 * * *\"), or a macro such as @hourly or @daily; the time zone goes in timeZone:",
            "Blueprints/Workloads.swift:17: error: w/nightly: cronJob.startingDeadline: a starting deadline of 5 s is outside 10-86400 s; the controller looks every 10 s; use e.g. .seconds(300)",
            "Blueprints/Workloads.swift:17: error: w/nightly: cronJob.successfulJobsHistoryLimit: 101 finished Jobs to keep is outside 0-100; keep a few for their logs, e.g. 3 good and 1 failed",
            "Blueprints/Workloads.swift:17: error: w/nightly: cronJob.timeZone: 'Berlin' is not an IANA time zone name; use a name of the tz database, e.g. Europe/Berlin, America/New_York or Etc/UTC",
            "Blueprints/Workloads.swift:20: error: w/caller: dependencies: 'nightly' has no ports, so nothing can call it; declare a port on 'nightly' or remove the dependency",
        ])
    }

    @Test func namesThatWouldOutgrowKubernetesLimitsAreRefused() {
        let long = String(repeating: "a", count: 55)
        let system = System("n", fileID: Self.file, line: 1) {
            Defaults { ImageRegistry("registry.example.com/n"); ImageTag("1.0.0") }
            Deploy(to: .prod) {}
            Service(long, fileID: Self.file, line: 3) { Job() }
            Service(long + "c", fileID: Self.file, line: 6) {
                StatefulSet(); Port("tcp", 5000); Health(.tcp(port: "tcp"))
            }
        }.description
        // The generator's checks, once the blueprint itself is valid.
        #expect(ServicePortTests.messages(system) == [
            "Blueprints/Workloads.swift:3: error: n/\(long): name: the Job '\(long)-…' would be longer than 63 characters; shorten the service name to at most 54 characters",
            "Blueprints/Workloads.swift:6: error: n/\(long)c: name: the headless Service '\(long)c-…' would be longer than 63 characters; shorten the service name to at most 54 characters",
        ])
        let cron = System("n", fileID: Self.file, line: 1) {
            Defaults { ImageRegistry("registry.example.com/n"); ImageTag("1.0.0") }
            Deploy(to: .prod) {}
            Service(long + "b", fileID: Self.file, line: 4) { CronJob(schedule: "@daily", fileID: Self.file, line: 5) }
        }.description
        #expect(ServicePortTests.messages(cron) == [
            "Blueprints/Workloads.swift:5: error: n/\(long)b: name: a CronJob's name can have at most 52 characters, and '\(long)b' has 56; shorten the service name (Kubernetes adds 11 characters for each run's Job)",
        ])
    }

    // MARK: - Helpers

    func prodFile(_ name: String) throws -> String {
        try #require(try kubernetesFiles(KubernetesFixtures.workloads)["workloads/prod/kubernetes/\(name)"])
    }
}
