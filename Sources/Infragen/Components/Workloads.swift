/// Runs the service as a StatefulSet rather than a Deployment: pods with stable names (`redis-0`, `redis-1` …) and
/// DNS entries behind a headless Service `<service>-headless`, each with its own volumes from the service's
/// `VolumeClaim`s, replaced one at a time in order.
///
/// ```swift
/// Service("redis") {
///     Image("redis", tag: "7.2.5-alpine")
///     StatefulSet()
///     VolumeClaim("data", at: "/data", size: .gibibytes(10), storageClass: "fast-ssd")
/// }
/// ```
public struct StatefulSet: ServiceComponent {
    let description: WorkloadDescription

    public init(
        podManagement: StatefulSetDescription.PodManagementPolicy = .orderedReady,
        fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line
    ) {
        description = WorkloadDescription(
            .statefulSet(StatefulSetDescription(podManagementPolicy: podManagement)),
            location: SourceLocation(fileID, filePath, line))
    }

    public func apply(to service: inout ServiceDescription) { service.workloads.append(description) }
}

/// A volume of its own for each pod of a StatefulSet (`volumeClaimTemplates`): the claim outlives the pod, and the
/// pod that comes back as `<service>-<n>` mounts the same one. Writable; the pod's group owns it.
public struct VolumeClaim: ServiceComponent {
    let description: VolumeDescription

    public init(
        _ name: String, at path: String, size: DataSize, storageClass: String? = nil,
        accessMode: VolumeClaimDescription.AccessMode = .readWriteOnce,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        description = VolumeDescription(
            name: name, mountPath: path,
            source: .claimTemplate(VolumeClaimDescription(size: size, storageClass: storageClass, accessMode: accessMode)),
            location: SourceLocation(fileID, filePath, line))
    }

    public func apply(to service: inout ServiceDescription) { service.volumes.append(description) }
}

/// Runs the service as a Job: its pod runs to completion once, and again whenever what it runs changes (the Job is
/// named after a hash of its pod template, because Kubernetes cannot change a Job's pods in place). A Job serves
/// nothing: no ports, routes or SLOs, and no health check is required.
///
/// ```swift
/// Service("migrate") {
///     Job(backoffLimit: 2, activeDeadline: .seconds(600), ttlAfterFinished: .seconds(86_400))
/// }
/// ```
public struct Job: ServiceComponent {
    let description: WorkloadDescription

    /// - Parameters:
    ///   - backoffLimit: failed pods before the Job is marked failed.
    ///   - activeDeadline: how long it may run in all, retries included.
    ///   - ttlAfterFinished: how long a finished Job and its pods (their logs) stay; kept when nil.
    public init(
        backoffLimit: Int = 3, activeDeadline: Duration? = nil, ttlAfterFinished: Duration? = nil,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        description = WorkloadDescription(
            .job(JobDescription(
                backoffLimit: backoffLimit, activeDeadline: activeDeadline, ttlAfterFinished: ttlAfterFinished)),
            location: SourceLocation(fileID, filePath, line))
    }

    public func apply(to service: inout ServiceDescription) { service.workloads.append(description) }
}

/// Runs the service as a CronJob: a Job on a schedule, which serves nothing (no ports, routes or SLOs).
///
/// ```swift
/// Service("cleanup") {
///     CronJob(schedule: "30 3 * * *", timeZone: "Europe/Berlin")   // Forbid overlaps, keep 3 good and 1 failed run
///     CronJob(schedule: "@hourly", concurrency: .replace, startingDeadline: .seconds(120), backoffLimit: 1)
/// }
/// ```
public struct CronJob: ServiceComponent {
    let description: WorkloadDescription

    /// - Parameters:
    ///   - schedule: five fields (minute, hour, day of month, month, day of week) or `@hourly`, `@daily` …
    ///   - timeZone: an IANA zone the schedule is read in; the controller's (usually UTC) when nil.
    ///   - concurrency: what happens when a run is due while the last one still runs.
    ///   - keepSuccessful, keepFailed: finished Jobs kept, with their pods' logs.
    ///   - startingDeadline: how late a missed run may still start.
    ///   - suspended: no new runs (the schedule stays).
    ///   - backoffLimit, activeDeadline: as for a ``Job``, per run.
    public init(
        schedule: String, timeZone: String? = nil, concurrency: CronJobDescription.ConcurrencyPolicy = .forbid,
        keepSuccessful: Int = 3, keepFailed: Int = 1, startingDeadline: Duration = .seconds(300),
        suspended: Bool = false, backoffLimit: Int = 3, activeDeadline: Duration? = nil,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        description = WorkloadDescription(
            .cronJob(CronJobDescription(
                schedule: schedule, timeZone: timeZone, concurrencyPolicy: concurrency,
                successfulJobsHistoryLimit: keepSuccessful, failedJobsHistoryLimit: keepFailed,
                startingDeadline: startingDeadline, suspended: suspended,
                job: JobDescription(backoffLimit: backoffLimit, activeDeadline: activeDeadline))),
            location: SourceLocation(fileID, filePath, line))
    }

    public func apply(to service: inout ServiceDescription) { service.workloads.append(description) }
}
