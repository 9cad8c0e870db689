/// What runs a service's pods: a Deployment (unless the blueprint says otherwise), a StatefulSet (stable names and a
/// volume per pod), a Job (runs to completion once per change) or a CronJob (runs to completion on a schedule).
public struct WorkloadDescription: Sendable, Hashable, Encodable {
    public enum Kind: Sendable, Hashable {
        case deployment
        case statefulSet(StatefulSetDescription)
        case job(JobDescription)
        case cronJob(CronJobDescription)

        /// The Kubernetes kind's name, for messages, manifests and the report.
        public var kindName: String {
            switch self {
            case .deployment: "Deployment"
            case .statefulSet: "StatefulSet"
            case .job: "Job"
            case .cronJob: "CronJob"
            }
        }

        /// Whether its pods run to completion (a Job or a CronJob's Jobs): no Service, autoscaler, disruption budget
        /// or canary, and nothing may call them.
        public var runsToCompletion: Bool {
            switch self {
            case .deployment, .statefulSet: false
            case .job, .cronJob: true
            }
        }
    }

    public var kind: Kind
    public var location: SourceLocation

    private enum Keys: String, CodingKey { case kind, statefulSet, job, cronJob, location }

    public init(_ kind: Kind, location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    public var kindName: String { kind.kindName }

    /// `{kind: StatefulSet, statefulSet: {…}, location}`: the kind by its Kubernetes name, then its settings.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(kindName, forKey: .kind)
        switch kind {
        case .deployment: break
        case .statefulSet(let statefulSet): try c.encode(statefulSet, forKey: .statefulSet)
        case .job(let job): try c.encode(job, forKey: .job)
        case .cronJob(let cron): try c.encode(cron, forKey: .cronJob)
        }
        try c.encode(location, forKey: .location)
    }
}

/// A StatefulSet: pods with stable names (`<service>-0`, `-1` …) behind a headless Service, each with its own
/// volumes from the claim templates (`VolumeClaim`), started and replaced in order unless the policy is parallel.
public struct StatefulSetDescription: Sendable, Hashable, Codable {
    public enum PodManagementPolicy: String, Sendable, Hashable, Codable {
        /// One pod after the other, each Ready before the next starts (Kubernetes's default).
        case orderedReady = "OrderedReady"
        /// All at once: for members that find each other themselves.
        case parallel = "Parallel"
    }

    public var podManagementPolicy: PodManagementPolicy

    public init(podManagementPolicy: PodManagementPolicy = .orderedReady) {
        self.podManagementPolicy = podManagementPolicy
    }
}

/// A Job: its pods run to completion, retried up to `backoffLimit` times, stopped after `activeDeadline`.
public struct JobDescription: Sendable, Hashable, Codable {
    /// Failed pods before the Job is marked failed.
    public var backoffLimit: Int
    /// How long the Job may run in all, retries included; nil for no limit.
    public var activeDeadline: Duration?
    /// How long a finished Job (and its pods, with their logs) stays before Kubernetes deletes it; nil to keep it.
    /// Not for a CronJob's Jobs, which the history limits keep.
    public var ttlAfterFinished: Duration?

    public init(backoffLimit: Int = 3, activeDeadline: Duration? = nil, ttlAfterFinished: Duration? = nil) {
        self.backoffLimit = backoffLimit
        self.activeDeadline = activeDeadline
        self.ttlAfterFinished = ttlAfterFinished
    }
}

/// A CronJob: a Job on a schedule.
public struct CronJobDescription: Sendable, Hashable, Codable {
    public enum ConcurrencyPolicy: String, Sendable, Hashable, Codable {
        /// A run that is due while the last one still runs is skipped.
        case forbid = "Forbid"
        /// Runs may overlap.
        case allow = "Allow"
        /// A run that is due stops the one still running.
        case replace = "Replace"
    }

    /// Five fields (minute, hour, day of month, month, day of week) or a macro (`@hourly`, `@daily` …).
    public var schedule: String
    /// The IANA time zone the schedule is read in (`Europe/Berlin`); nil for the controller's, usually UTC.
    public var timeZone: String?
    public var concurrencyPolicy: ConcurrencyPolicy
    public var successfulJobsHistoryLimit: Int
    public var failedJobsHistoryLimit: Int
    /// How late a run may still start (a controller restart, a Forbid skip); a missed run later than this is
    /// skipped. Without one, a CronJob that missed more than 100 runs stops scheduling.
    public var startingDeadline: Duration
    public var suspended: Bool
    public var job: JobDescription

    public init(
        schedule: String, timeZone: String? = nil, concurrencyPolicy: ConcurrencyPolicy = .forbid,
        successfulJobsHistoryLimit: Int = 3, failedJobsHistoryLimit: Int = 1, startingDeadline: Duration = .seconds(300),
        suspended: Bool = false, job: JobDescription = JobDescription()
    ) {
        self.schedule = schedule
        self.timeZone = timeZone
        self.concurrencyPolicy = concurrencyPolicy
        self.successfulJobsHistoryLimit = successfulJobsHistoryLimit
        self.failedJobsHistoryLimit = failedJobsHistoryLimit
        self.startingDeadline = startingDeadline
        self.suspended = suspended
        self.job = job
    }
}

/// A volume per pod of a StatefulSet (`volumeClaimTemplates`): the claim `<name>-<service>-<ordinal>` outlives the
/// pod and is mounted again when the pod comes back.
public struct VolumeClaimDescription: Sendable, Hashable, Codable {
    public enum AccessMode: String, Sendable, Hashable, Codable, CaseIterable {
        case readWriteOnce = "ReadWriteOnce"
        case readWriteOncePod = "ReadWriteOncePod"
        case readOnlyMany = "ReadOnlyMany"
        case readWriteMany = "ReadWriteMany"
    }

    public var size: DataSize
    /// The StorageClass; nil for the cluster's default.
    public var storageClass: String?
    public var accessMode: AccessMode

    public init(size: DataSize, storageClass: String? = nil, accessMode: AccessMode = .readWriteOnce) {
        self.size = size
        self.storageClass = storageClass
        self.accessMode = accessMode
    }
}
