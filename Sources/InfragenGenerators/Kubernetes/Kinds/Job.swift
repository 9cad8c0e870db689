import InfragenModel
import InfragenYAML

extension K8s {
    /// `batch/v1` Job.
    typealias Job = Object<JobSpec>

    struct JobSpec: ObjectSpec {
        static let apiVersion = "batch/v1"
        static let kind = "Job"
        var backoffLimit: Int
        var activeDeadlineSeconds: Int?
        var ttlSecondsAfterFinished: Int?
        var template: PodTemplateSpec

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("backoffLimit", backoffLimit)
            yaml.add("activeDeadlineSeconds", activeDeadlineSeconds)
            yaml.add("ttlSecondsAfterFinished", ttlSecondsAfterFinished)
            yaml.add("template", template)
        }
    }

    /// `batch/v1` CronJob.
    typealias CronJob = Object<CronJobSpec>

    struct CronJobSpec: ObjectSpec {
        static let apiVersion = "batch/v1"
        static let kind = "CronJob"
        var schedule: String
        var timeZone: String?
        var concurrencyPolicy: String
        var startingDeadlineSeconds: Int
        var successfulJobsHistoryLimit: Int
        var failedJobsHistoryLimit: Int
        var suspend: Bool
        var jobTemplate: JobTemplateSpec

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("schedule", schedule)
            yaml.add("timeZone", timeZone)
            yaml.add("concurrencyPolicy", concurrencyPolicy)
            yaml.add("startingDeadlineSeconds", startingDeadlineSeconds)
            yaml.add("successfulJobsHistoryLimit", successfulJobsHistoryLimit)
            yaml.add("failedJobsHistoryLimit", failedJobsHistoryLimit)
            yaml.add("suspend", suspend)
            yaml.add("jobTemplate", jobTemplate)
        }
    }

    struct JobTemplateSpec: YAMLObject, Sendable {
        var metadata: ObjectMeta
        var spec: JobSpec

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("metadata", metadata)
            yaml.add("spec", spec)
        }
    }
}

/// The Job or CronJob of a service that declares one: the same hardened pods as a Deployment's, `restartPolicy:
/// Never` (a failed pod stays for its logs and counts against the backoff limit), no readiness probe.
///
/// Kubernetes cannot change a Job's pod template in place, so a Job is named `<service>-<hash8>`, the first 8 hex
/// digits of the SHA-256 of its spec as written: a new image or setting is a new Job, which runs once; the same spec
/// applied again is the same Job, which does not run again.
struct JobBuilder: ServiceObjectBuilder {
    func objects(for context: ServiceContext) -> [any KubernetesObject] {
        let service = context.service
        let pods = DeploymentBuilder()
        switch service.workload {
        case .deployment, .statefulSet:
            return []
        case .job(let job):
            let spec = Self.spec(job, ttl: job.ttlAfterFinished, template: pods.podTemplate(context))
            return [K8s.Job(metadata: pods.workloadMetadata(context, name: Self.name(service.name, spec)), spec: spec)]
        case .cronJob(let cron):
            let spec = K8s.CronJobSpec(
                schedule: cron.schedule,
                timeZone: cron.timeZone,
                concurrencyPolicy: cron.concurrencyPolicy.rawValue,
                startingDeadlineSeconds: Int(cron.startingDeadline.components.seconds),
                successfulJobsHistoryLimit: cron.successfulJobsHistoryLimit,
                failedJobsHistoryLimit: cron.failedJobsHistoryLimit,
                suspend: cron.suspended,
                jobTemplate: K8s.JobTemplateSpec(
                    metadata: K8s.ObjectMeta(labels: context.labels(adding: .workload, to: context.labels)),
                    // The history limits keep a CronJob's finished Jobs, not a time to live.
                    spec: Self.spec(cron.job, ttl: nil, template: pods.podTemplate(context))))
            return [K8s.CronJob(metadata: pods.workloadMetadata(context), spec: spec)]
        }
    }

    static func spec(_ job: JobDescription, ttl: Duration?, template: K8s.PodTemplateSpec) -> K8s.JobSpec {
        K8s.JobSpec(
            backoffLimit: job.backoffLimit,
            activeDeadlineSeconds: job.activeDeadline.map { Int($0.components.seconds) },
            ttlSecondsAfterFinished: ttl.map { Int($0.components.seconds) },
            template: template)
    }

    /// `<service>-<hash8>`: the first 8 hex digits of the SHA-256 of the spec's YAML.
    static func name(_ service: String, _ spec: K8s.JobSpec) -> String {
        // The spec is plain scalars, which libyaml always writes; were it to fail, the name would still be stable.
        let text = (try? YAML.render(spec.yamlNode)) ?? ""
        return "\(service)-\(SHA256.hex(text).prefix(8))"
    }
}
