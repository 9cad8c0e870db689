import Infragen

extension HostileCorpus {
    // MARK: - Workload kinds: StatefulSets and their claims, Jobs, CronJobs' schedules and time zones

    static func workloads() -> [HostileCase] {
        var cases: [HostileCase] = []
        /// A case with a second service, `batch` (line 9), whose components `body` declares on line 10 and after.
        func refused(
            _ id: String, _ expected: [(field: String, fragment: String, line: Int)], service: String = "batch",
            @ListBuilder<any ServiceComponent> _ body: (String) -> [any ServiceComponent]
        ) {
            let f = file(id)
            let components = body(f)
            let system = blueprint(f, system: { Service("batch", fileID: f, line: 9) { components } })
            cases.append(
                HostileCase(
                    name: id, systems: [system],
                    outcome: .refused(expected.map { .error($0.field, $0.fragment, at: f, line: $0.line) })))
        }

        // A schedule is one line of five fields: a line break would start a YAML key of the attacker's.
        refused("cron-schedule-with-a-line-break", [("cronJob.schedule", "contains a tab, a line break", 10)]) { f in
            CronJob(schedule: "0 3 * * *\nsuspend: true", fileID: f, line: 10)
        }
        // Quartz and Spring write seconds first: six fields that Kubernetes refuses.
        refused("cron-schedule-with-seconds", [("cronJob.schedule", "has 6 fields, not 5", 10)]) { f in
            CronJob(schedule: "0 0 3 * * *", fileID: f, line: 10)
        }
        refused("cron-schedule-hour-25", [("cronJob.schedule", "has '25' as its hour (0-23)", 10)]) { f in
            CronJob(schedule: "0 25 * * *", fileID: f, line: 10)
        }
        refused("cron-schedule-day-of-week-7", [("cronJob.schedule", "as its day of week (0-6)", 10)]) { f in
            CronJob(schedule: "0 3 * * 7", fileID: f, line: 10)
        }
        refused("cron-schedule-step-of-zero", [("cronJob.schedule", "has '*/0' as its minute", 10)]) { f in
            CronJob(schedule: "*/0 * * * *", fileID: f, line: 10)
        }
        refused("cron-schedule-backwards-range", [("cronJob.schedule", "has '5-1' as its day of week", 10)]) { f in
            CronJob(schedule: "0 3 * * 5-1", fileID: f, line: 10)
        }
        refused("cron-schedule-with-a-time-zone-inside", [("cronJob.schedule", "names its time zone inside", 10)]) { f in
            CronJob(schedule: "CRON_TZ=Europe/Berlin 0 3 * * *", fileID: f, line: 10)
        }
        refused("cron-schedule-unknown-macro", [("cronJob.schedule", "is not a macro Kubernetes knows", 10)]) { f in
            CronJob(schedule: "@every 5m", fileID: f, line: 10)
        }
        refused("cron-time-zone-path-traversal", [("cronJob.timeZone", "is not an IANA time zone name", 10)]) { f in
            CronJob(schedule: "@daily", timeZone: "Europe/../../etc/passwd", fileID: f, line: 10)
        }
        refused("cron-time-zone-with-a-line-break", [("cronJob.timeZone", "is not an IANA time zone name", 10)]) { f in
            CronJob(schedule: "@daily", timeZone: "Europe/Berlin\nsuspend: true", fileID: f, line: 10)
        }
        refused("cron-time-zone-abbreviation", [("cronJob.timeZone", "is not an IANA time zone name", 10)]) { f in
            CronJob(schedule: "@daily", timeZone: "CEST", fileID: f, line: 10)
        }
        refused("cron-history-limit-negative", [("cronJob.failedJobsHistoryLimit", "is outside 0-100", 10)]) { f in
            CronJob(schedule: "@daily", keepFailed: -1, fileID: f, line: 10)
        }
        refused("cron-starting-deadline-under-ten-seconds", [("cronJob.startingDeadline", "is outside 10-86400 s", 10)]) { f in
            CronJob(schedule: "@daily", startingDeadline: .seconds(3), fileID: f, line: 10)
        }
        refused("job-backoff-limit-negative", [("job.backoffLimit", "is outside 0-100", 10)]) { f in
            Job(backoffLimit: -1, fileID: f, line: 10)
        }
        refused("job-deadline-in-milliseconds", [("job.activeDeadline", "is not a whole number of seconds", 10)]) { f in
            Job(activeDeadline: .milliseconds(250), fileID: f, line: 10)
        }
        refused("job-with-a-port", [("ports", "run to completion and serve nothing", 11)]) { f in
            Job(fileID: f, line: 10)
            Port("metrics", 9090, fileID: f, line: 11)
        }
        refused("job-with-a-route", [("ports", "serve nothing", 11), ("routes", "cannot route to a Job", 12)]) { f in
            Job(fileID: f, line: 10)
            Port("http", 8081, fileID: f, line: 11)
            Route("/batch", fileID: f, line: 12)
        }
        refused("two-workload-kinds", [("workload", "runs as a StatefulSet", 11)]) { f in
            StatefulSet(fileID: f, line: 10)
            CronJob(schedule: "@daily", fileID: f, line: 11)
        }
        refused("volume-claim-on-a-deployment", [("volumes[data]", "a VolumeClaim gives each pod of a StatefulSet", 10)]) { f in
            NoHealthCheck(because: "a fixture")
            VolumeClaim("data", at: "/data", size: .gibibytes(1), fileID: f, line: 10)
        }
        refused("volume-claim-of-a-pebibyte", [("volumes[data].size", "is not a size to ask for", 11)]) { f in
            StatefulSet(fileID: f, line: 10)
            NoHealthCheck(because: "a fixture")
            VolumeClaim("data", at: "/data", size: .pebibytes(1), fileID: f, line: 11)
        }
        refused("volume-claim-storage-class-with-a-slash", [("volumes[data].storageClass", "is not a StorageClass", 11)]) { f in
            StatefulSet(fileID: f, line: 10)
            NoHealthCheck(because: "a fixture")
            VolumeClaim("data", at: "/data", size: .gibibytes(1), storageClass: "../fast", fileID: f, line: 11)
        }
        refused("volume-claim-over-tmp", [("volumes[scratch].mountPath", "is the root or the writable /tmp volume", 11)]) { f in
            StatefulSet(fileID: f, line: 10)
            NoHealthCheck(because: "a fixture")
            VolumeClaim("scratch", at: "/tmp/data", size: .gibibytes(1), fileID: f, line: 11)
        }
        refused("volume-claim-inside-another-mount", [("volumes[wal].mountPath", "one inside the other", 12)]) { f in
            StatefulSet(fileID: f, line: 10)
            NoHealthCheck(because: "a fixture")
            VolumeClaim("data", at: "/data", size: .gibibytes(10), fileID: f, line: 11)
            VolumeClaim("wal", at: "/data/wal", size: .gibibytes(1), fileID: f, line: 12)
        }
        do {
            // Nothing can call a Job: a dependency on one is refused where it is declared.
            let id = "dependency-on-a-job"
            let f = file(id)
            let system = blueprint(
                f, system: { Service("batch", fileID: f, line: 9) { Job(fileID: f, line: 10) } },
                service: { DependsOn("batch", fileID: f, line: 11) })
            cases.append(HostileCase(
                name: id, systems: [system],
                outcome: .refused([.error("dependencies", "'batch' has no ports, so nothing can call it", at: f, line: 11)])))
        }
        return cases
    }
}
