/// The checks of what runs a service's pods, as declared: one kind; a Job or CronJob serves nothing; a CronJob's
/// schedule, time zone and limits are what the Kubernetes controller accepts.
extension SystemDescription {
    func checkWorkload(_ service: ServiceDescription, _ path: DiagnosticPath, _ c: inout DiagnosticCollector) {
        guard let workload = service.workloads.first else { return }
        for extra in service.workloads.dropFirst() {
            c.error(path, field: "workload",
                    "the service runs as a \(workload.kindName) (at \(workload.location)) and as a \(extra.kindName)",
                    hint: "declare one of StatefulSet, Job or CronJob (none for a Deployment)", at: extra.location)
        }
        let at = workload.location
        switch workload.kind {
        case .deployment, .statefulSet:
            break
        case .job(let job):
            check(job, path, at: at, &c)
            checkRunsToCompletion(service, workload, path, &c)
        case .cronJob(let cron):
            check(cron.job, path, at: at, &c)
            checkRunsToCompletion(service, workload, path, &c)
            if let problem = CronSchedule.problem(cron.schedule) {
                c.error(path, field: "cronJob.schedule", "the schedule \(cron.schedule.quoted) \(problem)",
                        hint: "write five fields, minute hour day-of-month month day-of-week (e.g. \"30 3 * * *\"), "
                            + "or a macro such as @hourly or @daily; the time zone goes in timeZone:", at: at)
            }
            if let zone = cron.timeZone, !CronSchedule.isTimeZoneName(zone) {
                c.error(path, field: "cronJob.timeZone", "\(zone.quoted) is not an IANA time zone name",
                        hint: "use a name of the tz database, e.g. Europe/Berlin, America/New_York or Etc/UTC", at: at)
            }
            for (field, count) in [("successfulJobsHistoryLimit", cron.successfulJobsHistoryLimit),
                                   ("failedJobsHistoryLimit", cron.failedJobsHistoryLimit)]
            where !(0...100).contains(count) {
                c.error(path, field: "cronJob.\(field)", "\(count) finished Jobs to keep is outside 0-100",
                        hint: "keep a few for their logs, e.g. 3 good and 1 failed", at: at)
            }
            if let problem = Self.wholeSeconds(cron.startingDeadline, in: 10...86_400) {
                c.error(path, field: "cronJob.startingDeadline", "a starting deadline of \(problem)",
                        hint: "the controller looks every 10 s; use e.g. .seconds(300)", at: at)
            }
            // A CronJob's Jobs are `<name>-<minutes since the epoch>` (11 more characters) within 63.
            if service.name.utf8.count > 52 {
                c.error(path, field: "name", "a CronJob's name can have at most 52 characters, and "
                            + "\(service.name.quoted) has \(service.name.utf8.count)",
                        hint: "shorten the service name (Kubernetes adds 11 characters for each run's Job)", at: at)
            }
        }
    }

    private func check(_ job: JobDescription, _ path: DiagnosticPath, at: SourceLocation, _ c: inout DiagnosticCollector) {
        if !(0...100).contains(job.backoffLimit) {
            c.error(path, field: "job.backoffLimit", "\(job.backoffLimit) retries is outside 0-100",
                    hint: "retry a few times, e.g. 3, or 0 for a run that must not repeat", at: at)
        }
        if let deadline = job.activeDeadline, let problem = Self.wholeSeconds(deadline, in: 1...(86_400 * 30)) {
            c.error(path, field: "job.activeDeadline", "an active deadline of \(problem)",
                    hint: "give the run the time it needs, e.g. .seconds(600)", at: at)
        }
        if let ttl = job.ttlAfterFinished, let problem = Self.wholeSeconds(ttl, in: 0...(86_400 * 30)) {
            c.error(path, field: "job.ttlAfterFinished", "a time to live of \(problem)",
                    hint: "keep a finished Job long enough to read its logs, e.g. .seconds(86_400)", at: at)
        }
    }

    /// A Job or a CronJob serves nothing and nothing calls it; its pods need no health check.
    private func checkRunsToCompletion(
        _ service: ServiceDescription, _ workload: WorkloadDescription, _ path: DiagnosticPath,
        _ c: inout DiagnosticCollector
    ) {
        let kind = workload.kindName
        if let port = service.ports.first {
            c.error(path, field: "ports", "a \(kind)'s pods run to completion and serve nothing, but it declares "
                        + "port \(port.name.quoted)",
                    hint: "remove the ports (a run pushes its metrics to a Pushgateway), or run it as a Deployment",
                    at: port.location)
        }
        if let route = service.routes.first {
            c.error(path, field: "routes", "the gateway cannot route to a \(kind)", hint: "remove the route",
                    at: route.location)
        }
        if let slo = service.slos.first {
            c.error(path, field: "slos", "a \(kind) serves no requests to measure an SLO on",
                    hint: "remove the SLO", at: slo.location)
        }
        if let none = service.noHealthCheck {
            c.error(path, field: "noHealthCheck", "a \(kind) needs no health check, so there is nothing to excuse",
                    hint: "remove NoHealthCheck(because:)", at: none.location)
        }
    }

    /// Nil when `duration` is a whole number of seconds in `range`; else what is wrong with it.
    static func wholeSeconds(_ duration: Duration, in range: ClosedRange<Int64>) -> String? {
        let (seconds, rest) = duration.components
        if rest != 0 { return "\(duration) is not a whole number of seconds" }
        if !range.contains(seconds) { return "\(seconds) s is outside \(range.lowerBound)-\(range.upperBound) s" }
        return nil
    }
}

/// The cron schedules the Kubernetes CronJob controller reads (robfig/cron's standard parser): five fields, or a
/// macro.
enum CronSchedule {
    static let macros: Set<String> = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]

    private static let fields: [(name: String, range: ClosedRange<Int>, names: [String])] = [
        ("minute", 0...59, []),
        ("hour", 0...23, []),
        ("day of month", 1...31, []),
        ("month", 1...12, ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]),
        ("day of week", 0...6, ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]),
    ]

    /// Nil when the controller accepts `schedule`; else what is wrong, as the end of a sentence.
    static func problem(_ schedule: String) -> String? {
        if schedule.hasPrefix("TZ=") || schedule.hasPrefix("CRON_TZ=") {
            return "names its time zone inside, which Kubernetes refuses"
        }
        if schedule.hasPrefix("@") {
            return macros.contains(schedule) ? nil : "is not a macro Kubernetes knows"
        }
        if schedule.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "contains a tab, a line break or another control character"
        }
        let parts = schedule.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 5 else { return "has \(parts.count) fields, not 5" }
        for (part, field) in zip(parts, fields) {
            for item in part.split(separator: ",", omittingEmptySubsequences: false) {
                if !isValid(String(item), field.range, field.names, allowsQuestionMark: field.name.hasPrefix("day")) {
                    return "has \(String(part).quoted) as its \(field.name) (\(field.range.lowerBound)-\(field.range.upperBound))"
                }
            }
        }
        return nil
    }

    /// One item of a list: `*`, `n`, `a-b`, each optionally `/step`.
    private static func isValid(_ item: String, _ range: ClosedRange<Int>, _ names: [String], allowsQuestionMark: Bool) -> Bool {
        let pieces = item.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(pieces.count) else { return false }
        if pieces.count == 2 {
            guard let step = Int(pieces[1]), step >= 1, step <= range.upperBound + 1, pieces[1].allSatisfy(\.isASCII) else {
                return false
            }
        }
        let base = pieces[0]
        if base == "*" || (allowsQuestionMark && base == "?" && pieces.count == 1) { return true }
        let bounds = base.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(bounds.count) else { return false }
        var values: [Int] = []
        for bound in bounds {
            let text = bound.lowercased()
            if let index = names.firstIndex(of: text) {
                values.append(range.lowerBound + index)
            } else if !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let value = Int(text),
                      range.contains(value) {
                values.append(value)
            } else {
                return false
            }
        }
        return values.count == 1 || values[0] <= values[1]
    }

    /// The form of a tz database name: `UTC`, or areas and places of letters, digits, `_`, `-` and `+` joined by
    /// `/` (`Europe/Berlin`, `America/Argentina/Buenos_Aires`, `Etc/GMT+2`). Whether the zone exists, the cluster's
    /// tz database decides.
    static func isTimeZoneName(_ name: String) -> Bool {
        if ["UTC", "GMT"].contains(name) { return true }
        let areas: Set<Substring> = [
            "Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific",
            "Etc",
        ]
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2, areas.contains(parts[0]), name.utf8.count <= 64 else { return false }
        return parts.dropFirst().allSatisfy { part in
            !part.isEmpty && part.utf8.first.map { $0 != UInt8(ascii: "-") } == true
                && part.utf8.allSatisfy { byte in
                    (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
                        || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
                }
        }
    }
}
