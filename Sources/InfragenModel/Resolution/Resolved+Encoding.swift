/// `infragen dump` prints what the generators read: the resolved values and where they were declared, not the
/// declarations themselves (which stay inside the model).
extension ResolvedSystem {
    private enum Keys: String, CodingKey { case name, declaredAt, summary, team, gateway, environments }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(name, forKey: .name)
        try c.encode(declaredAt, forKey: .declaredAt)
        try c.encodeIfPresent(summary, forKey: .summary)
        try c.encode(team, forKey: .team)
        try c.encode(gateway, forKey: .gateway)
        try c.encode(environments, forKey: .environments)
    }
}

extension ResolvedEnvironment {
    private enum Keys: String, CodingKey {
        case name, declaredAt, namespace, host, tls, tlsCertificate, canary, canaryStickinessSeconds, rollout,
             podSecurityVersion, services, externalServices, rawObjects, patches
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(name, forKey: .name)
        try c.encode(declaredAt, forKey: .declaredAt)
        try c.encode(namespace, forKey: .namespace)
        try c.encodeIfPresent(host, forKey: .host)
        try c.encode(tls, forKey: .tls)
        try c.encode(tlsCertificate, forKey: .tlsCertificate)
        try c.encodeIfPresent(canary, forKey: .canary)
        if canary != nil { try c.encode(canaryStickiness.components.seconds, forKey: .canaryStickinessSeconds) }
        try c.encode(rollout, forKey: .rollout)
        try c.encode(podSecurityVersion, forKey: .podSecurityVersion)
        try c.encode(services, forKey: .services)
        // Only when there are some, so that a dump without any reads as before.
        if !externalServices.isEmpty { try c.encode(externalServices, forKey: .externalServices) }
        try c.encode(rawObjects, forKey: .rawObjects)
        try c.encode(patches, forKey: .patches)
    }
}

extension ResolvedService {
    private enum Keys: String, CodingKey {
        case name, declaredAt, summary, namespace, role, workload, image, imageSource, canary, settings, ports, health,
             noHealthCheck, metrics, routes, slos, dependencies, configFiles, externalEgress, build, sourceRepository,
             external, team
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(name, forKey: .name)
        try c.encode(declaredAt, forKey: .declaredAt)
        try c.encodeIfPresent(summary, forKey: .summary)
        try c.encode(namespace, forKey: .namespace)
        if isExternal {
            // Only what its rules read: nothing of it is deployed.
            try c.encode(true, forKey: .external)
            try c.encode(team, forKey: .team)
            try c.encode(metrics, forKey: .metrics)
            try c.encode(slos, forKey: .slos)
            return
        }
        try c.encode(role, forKey: .role)
        // Only when declared: a Deployment, the default, is what every dump without one means.
        try c.encodeIfPresent(declaration.workloads.first, forKey: .workload)
        try c.encode(image, forKey: .image)
        try c.encode(imageSource, forKey: .imageSource)
        try c.encodeIfPresent(canary, forKey: .canary)
        try c.encode(settings, forKey: .settings)
        try c.encode(ports, forKey: .ports)
        try c.encodeIfPresent(health, forKey: .health)
        try c.encodeIfPresent(noHealthCheck, forKey: .noHealthCheck)
        try c.encode(metrics, forKey: .metrics)
        try c.encode(routes, forKey: .routes)
        try c.encode(slos, forKey: .slos)
        try c.encode(dependencies, forKey: .dependencies)
        try c.encode(configFiles, forKey: .configFiles)
        try c.encode(externalEgress, forKey: .externalEgress)
        try c.encode(build, forKey: .build)
        try c.encodeIfPresent(sourceRepository, forKey: .sourceRepository)
    }
}
