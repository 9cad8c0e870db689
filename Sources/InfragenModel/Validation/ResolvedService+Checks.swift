extension ResolvedService {
    /// What is wrong with the service as it runs in its environment, where layers combine: a limit below its request,
    /// replicas or an autoscaler out of range, no image tag at all.
    func check(_ c: inout DiagnosticCollector) {
        let service = self
        let path = DiagnosticPath(system: system, environment: environment.name, service: name)
        let r = resources
        if r.cpuRequest.millicores <= 0 {
            c.error(path, field: "requests.cpu", "the cpu request must be positive", hint: "use e.g. .millicores(100)",
                    at: service.location(of: .cpuRequest))
        }
        if r.memoryRequest.bytes <= 0 {
            c.error(path, field: "requests.memory", "the memory request must be positive", hint: "use e.g. .mebibytes(64)",
                    at: service.location(of: .memoryRequest))
        }
        if r.cpuLimit > SanityLimits.maxCPU {
            c.error(path, field: "limits.cpu", "the cpu limit \(r.cpuLimit) is above \(SanityLimits.maxCPU) cores",
                    hint: "check the unit: .millicores(500) is half a core", at: service.location(of: .cpuLimit))
        }
        if r.memoryLimit > SanityLimits.maxMemory {
            c.error(path, field: "limits.memory", "the memory limit \(r.memoryLimit) is above \(SanityLimits.maxMemory)",
                    hint: "check the unit: .mebibytes(100) is what docker calls 100m", at: service.location(of: .memoryLimit))
        }
        if r.cpuLimit < r.cpuRequest {
            c.error(path, field: "limits.cpu", "the cpu limit \(r.cpuLimit) is below the request \(r.cpuRequest)",
                    hint: "raise the limit or lower the request", at: service.location(of: .cpuLimit))
        }
        if r.memoryLimit < r.memoryRequest {
            c.error(path, field: "limits.memory", "the memory limit \(r.memoryLimit) is below the request \(r.memoryRequest)",
                    hint: "raise the limit or lower the request", at: service.location(of: .memoryLimit))
        }
        if service.replicas < 1 || service.replicas > SanityLimits.maxReplicas {
            c.error(path, field: "replicas", "replicas must be between 1 and \(SanityLimits.maxReplicas), not \(service.replicas)",
                    hint: "run at least one replica", at: service.location(of: .replicas))
        }
        if let hpa = service.autoscaling {
            let at = service.location(of: .autoscaling)
            if hpa.minReplicas < 1 {
                c.error(path, field: "autoscaling.min", "the autoscaler minimum must be at least 1", hint: "use e.g. min: 2", at: at)
            }
            if hpa.maxReplicas < hpa.minReplicas {
                c.error(path, field: "autoscaling.max",
                        "the autoscaler maximum \(hpa.maxReplicas) is below its minimum \(hpa.minReplicas)",
                        hint: "raise the maximum or lower the minimum", at: at)
            }
            if hpa.maxReplicas > SanityLimits.maxReplicas {
                c.error(path, field: "autoscaling.max", "the autoscaler maximum is above \(SanityLimits.maxReplicas)",
                        hint: "check the number", at: at)
            }
            if !(hpa.targetCPUUtilization >= .percent(1) && hpa.targetCPUUtilization <= .percent(100)) {
                c.error(path, field: "autoscaling.cpu", "the CPU target \(hpa.targetCPUUtilization) is outside 1-100 %",
                        hint: "use e.g. .percent(70)", at: at)
            }
        }
        if case .prebuilt = imageSource {
            // Its tag is the Image's, checked where the blueprint names it.
        } else if service.imageTag.isEmpty {
            c.error(path, field: "image.tag", "the image tag is not set",
                    hint: "set ImageTag(\"1.0.0\") in the system's defaults, the service or the environment (never 'latest')",
                    at: service.declaredAt)
        } else if service.imageTag == "latest" {
            c.error(path, field: "image.tag", "the image tag 'latest' does not say which build runs",
                    hint: "use a version or a commit, e.g. ImageTag(\"1.4.2\")", at: service.location(of: .imageTag))
        }
        // The service's name as a container name is refused where an init container or sidecar declares it; a
        // ContainerName set in some layer can take another's name too.
        if let main = self[.containerName], main != name,
           let clash = extraContainers.first(where: { $0.name == main }) {
            c.error(path, field: "container.name",
                    "the service's container and the \(clash.role == .sidecar ? "sidecar" : "init container") at "
                        + "\(clash.location) are both named \(main.quoted)",
                    hint: "give each container of the pod its own name", at: location(of: .containerName))
        }
        // A grace period out of range is refused where it is set; this compares two valid values.
        if (0...3600).contains(terminationGracePeriodSeconds), let pause = preStopPause,
           pause >= .seconds(terminationGracePeriodSeconds) {
            c.error(path, field: "terminationGracePeriod",
                    "the grace period of \(terminationGracePeriodSeconds)s is not longer than the preStop pause of \(pause), "
                        + "so the container is killed before it can drain",
                    hint: "raise TerminationGracePeriod above the pause plus the time the service needs to drain, or shorten "
                        + "PreStopPause", at: location(of: .terminationGracePeriodSeconds))
        }
    }
}
