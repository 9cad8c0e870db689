extension SystemDescription {
    /// The gateway's values, each of which reaches the Nginx configuration: syntax and ranges. What only the Nginx
    /// generator knows (supported versions, location clashes) it checks itself.
    func checkGateway(_ c: inout DiagnosticCollector) {
        let gateway = self.gateway
        let path = DiagnosticPath(system: name)
        func at(_ field: String) -> SourceLocation { gateway.location(of: field) ?? location }

        if !TextRules.isDottedVersion(gateway.nginxVersion, parts: 3...3) {
            c.error(path, field: "gateway.nginxVersion", "\(gateway.nginxVersion.quoted) is not an nginx version",
                    hint: "write major.minor.patch as nginx -v prints it, e.g. 1.22.1", at: at("nginxVersion"))
        }
        if !isOpenSSLVersion(gateway.opensslVersion) {
            c.error(path, field: "gateway.opensslVersion", "\(gateway.opensslVersion.quoted) is not an OpenSSL version",
                    hint: "write it as nginx -V prints it after 'built with OpenSSL', e.g. 3.0.11", at: at("opensslVersion"))
        }
        if !TextRules.isIPAddressWithOptionalPort(gateway.resolver) {
            c.error(path, field: "gateway.resolver", "\(gateway.resolver.quoted) is not an IP address",
                    hint: "nginx resolves a name here once at start-up and fails without it; give the cluster DNS Service IP, e.g. 10.96.0.10 (kubectl -n kube-system get svc kube-dns), optionally with :port",
                    at: at("resolver"))
        }
        if !TextRules.isDNSSubdomain(gateway.clusterDomain) {
            c.error(path, field: "gateway.clusterDomain", "\(gateway.clusterDomain.quoted) is not a DNS domain",
                    hint: "write the cluster's DNS domain, usually cluster.local", at: at("clusterDomain"))
        }
        if let policy = gateway.contentSecurityPolicy {
            if policy.isEmpty {
                c.error(path, field: "gateway.contentSecurityPolicy", "the Content-Security-Policy is empty",
                        hint: "pass nil to send no header", at: at("contentSecurityPolicy"))
            } else if !TextRules.isHeaderValue(policy) {
                c.error(path, field: "gateway.contentSecurityPolicy",
                        "the Content-Security-Policy holds a control character, a non-ASCII character, '\\', '$' or '\"'",
                        hint: "write the policy on one line in printable ASCII, quoting sources with ' (nginx would read '$' as a variable)",
                        at: at("contentSecurityPolicy"))
            }
        }
        if let root = gateway.staticRoot {
            if !(TextRules.isGatewayPath(root.urlPrefix) && root.urlPrefix.hasSuffix("/")) {
                c.error(path, field: "gateway.staticRoot.urlPrefix", "\(root.urlPrefix.quoted) is not a URL prefix for static files",
                        hint: "start and end it with '/' and use letters, digits, '.', '_', '~', '-' and '/', e.g. /static/",
                        at: at("staticRoot"))
            }
            if !TextRules.isSimpleRelativePath(root.directory) {
                c.error(path, field: "gateway.staticRoot.directory", "\(root.directory.quoted) is not a relative directory",
                        hint: "give a folder relative to nginx's prefix, such as html, using letters, digits, '.', '_', '-' and '/' and no '..'",
                        at: at("staticRoot"))
            }
            if !isWholeSeconds(root.maxAge, in: .seconds(1)...(.seconds(365 * 24 * 3600))) {
                c.error(path, field: "gateway.staticRoot.maxAge", "the cache time must be whole seconds between 1s and 365 days",
                        hint: "use e.g. .seconds(7 * 24 * 3600) for a week", at: at("staticRoot"))
            }
        }
        if !isTimeout(gateway.defaultTimeout) {
            c.error(path, field: "gateway.defaultTimeout", "the timeout must be whole milliseconds between 1ms and 1h",
                    hint: "use e.g. .seconds(30)", at: at("routeDefaults"))
        }
        if !isBodySize(gateway.defaultMaxBodySize) {
            c.error(path, field: "gateway.defaultMaxBodySize", "the body size limit must be between 1 byte and 10Gi",
                    hint: "use e.g. .mebibytes(10)", at: at("routeDefaults"))
        }
        if let limit = gateway.defaultRateLimit, !isRateLimit(limit) {
            c.error(path, field: "gateway.defaultRateLimit",
                    "the rate must be 1-100000 requests per second and the burst 0-100000",
                    hint: "use e.g. .perSecond(10, burst: 20)", at: at("routeDefaults"))
        }
        checkListen(gateway.listen, path, at("listen"), &c)
        if let realIP = gateway.realIP {
            if realIP.trusted.isEmpty {
                c.error(path, field: "gateway.realIP.trusted", "RealIP trusts no address",
                        hint: "name the load balancers' addresses or ranges, e.g. RealIP(trusted: [\"10.0.0.0/8\"])",
                        at: at("realIP"))
            }
            for source in realIP.trusted where !Self.isTrustedSource(source) {
                c.error(path, field: "gateway.realIP.trusted", "\(source.quoted) is not an IP address or CIDR range",
                        hint: "write an address such as 10.0.0.7 or a range such as 10.0.0.0/8 or fd00::/8",
                        at: at("realIP"))
            }
            let header = realIP.header
            if !(1...64).contains(header.utf8.count)
                || !header.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
                c.error(path, field: "gateway.realIP.header", "\(header.quoted) is not a request header name",
                        hint: "use letters, digits and '-', e.g. X-Forwarded-For", at: at("realIP"))
            }
        }
        if !(64...65536).contains(gateway.workerConnections) {
            c.error(path, field: "gateway.workerConnections",
                    "worker_connections must be between 64 and 65536, not \(gateway.workerConnections)",
                    hint: "use e.g. 4096", at: at("workerConnections"))
        }
        if !(1...64).contains(gateway.workerProcesses) {
            c.error(path, field: "gateway.workerProcesses",
                    "worker_processes must be between 1 and 64, not \(gateway.workerProcesses)",
                    hint: "use the gateway's CPU limit in cores, rounded up, e.g. 2", at: at("workerProcesses"))
        }
        if !(1...1024).contains(gateway.upstreamKeepalive) {
            c.error(path, field: "gateway.upstreams.keepalive",
                    "the keepalive connections must be between 1 and 1024, not \(gateway.upstreamKeepalive)",
                    hint: "use e.g. 32", at: at("upstreams"))
        }
        if !(0...100).contains(gateway.maxFails) {
            c.error(path, field: "gateway.upstreams.maxFails", "max_fails must be between 0 and 100, not \(gateway.maxFails)",
                    hint: "use e.g. 3, or 0 to never mark a server down", at: at("upstreams"))
        }
        if !isWholeSeconds(gateway.failTimeout, in: .seconds(1)...(.seconds(3600))) {
            c.error(path, field: "gateway.upstreams.failTimeout", "fail_timeout must be whole seconds between 1s and 1h",
                    hint: "use e.g. .seconds(10)", at: at("upstreams"))
        }
        checkUpstreamAddresses(gateway.upstreamAddresses, path, &c)
        checkGatewayDeployment(&c)
        for environment in environments {
            guard let certificate = environment.tlsCertificate else { continue }
            let environmentPath = DiagnosticPath(system: name, environment: environment.environment.name)
            for (field, file) in [("tls.certificate", certificate.value.certificate), ("tls.key", certificate.value.key)]
            where !TextRules.isSimpleRelativePath(file) {
                c.error(environmentPath, field: field, "\(file.quoted) is not a relative file path",
                        hint: "give a path relative to the nginx configuration's folder, such as tls/tls.crt, using letters, digits, '.', '_', '-' and '/' and no '..'",
                        at: certificate.location)
            }
        }
    }

    /// The gateway's Kubernetes objects: its image, size, Secret, issuer, ranges and shutdown, the CPU limit against
    /// the workers, and its name against the services'.
    private func checkGatewayDeployment(_ c: inout DiagnosticCollector) {
        let gateway = self.gateway
        let deployment = gateway.deployment
        let path = DiagnosticPath(system: name)
        func at(_ field: String) -> SourceLocation { gateway.location(of: field) ?? location }
        let routed = services.contains { !$0.routes.isEmpty }

        if let image = deployment.image {
            if !TextRules.isImageReference(image) {
                c.error(path, field: "gateway.deployment.image", "\(image.quoted) is not an image reference",
                        hint: "write registry/name:tag or name@sha256:<digest>, e.g. nginx:1.22.1-alpine",
                        at: at("deployment.image"))
            } else if image.hasSuffix(":latest")
                        || (!image.contains("@") && !(image.split(separator: "/").last?.contains(":") ?? false)) {
                c.error(path, field: "gateway.deployment.image", "\(image.quoted) names no fixed version",
                        hint: "name a tag of the nginx the configuration targets (NginxVersion), e.g. nginx:1.22.1-alpine",
                        at: at("deployment.image"))
            }
        }
        if !(1...SanityLimits.maxReplicas).contains(deployment.replicas) {
            c.error(path, field: "gateway.deployment.replicas",
                    "the gateway's replicas must be between 1 and \(SanityLimits.maxReplicas), not \(deployment.replicas)",
                    hint: "use e.g. 2, so that a node drain leaves one pod serving", at: at("deployment.replicas"))
        }
        let cpus = [("requests.cpu", Optional(deployment.cpuRequest)), ("limits.cpu", deployment.cpuLimit)]
        for (field, cpu) in cpus {
            guard let cpu, cpu.millicores <= 0 || cpu > SanityLimits.maxCPU else { continue }
            c.error(path, field: "gateway.deployment.\(field)", "the cpu \(cpu) is outside 1m to \(SanityLimits.maxCPU)",
                    hint: "use e.g. .millicores(100)", at: at("deployment.resources"))
        }
        for (field, memory) in [("requests.memory", deployment.memoryRequest), ("limits.memory", deployment.memoryLimit)]
        where memory.bytes < (1 << 20) || memory > SanityLimits.maxMemory {
            c.error(path, field: "gateway.deployment.\(field)", "the memory \(memory) is outside 1Mi to \(SanityLimits.maxMemory)",
                    hint: "use e.g. .mebibytes(128)", at: at("deployment.resources"))
        }
        if let limit = deployment.cpuLimit, deployment.cpuRequest > limit {
            c.error(path, field: "gateway.deployment.limits.cpu",
                    "the cpu limit \(limit) is below the request \(deployment.cpuRequest)",
                    hint: "raise the limit or lower the request", at: at("deployment.resources"))
        }
        if deployment.memoryRequest > deployment.memoryLimit {
            c.error(path, field: "gateway.deployment.limits.memory",
                    "the memory limit \(deployment.memoryLimit) is below the request \(deployment.memoryRequest)",
                    hint: "raise the limit or lower the request", at: at("deployment.resources"))
        }
        if let limit = deployment.cpuLimit, limit.millicores > 0, gateway.provenance["workerProcesses"] != nil,
           ResolvedGateway.workers(for: limit) != gateway.workerProcesses {
            c.error(path, field: "gateway.workerProcesses",
                    "\(gateway.workerProcesses) workers do not match the gateway's cpu limit \(limit), which runs \(ResolvedGateway.workers(for: limit))",
                    hint: "remove WorkerProcesses (the limit decides: one worker per core, rounded up) or set the limit to \(gateway.workerProcesses) cores",
                    at: at("workerProcesses"))
        }
        if let autoscaling = deployment.autoscaling {
            if autoscaling.minReplicas < 1 || autoscaling.maxReplicas < autoscaling.minReplicas
                || autoscaling.maxReplicas > SanityLimits.maxReplicas {
                c.error(path, field: "gateway.deployment.autoscaling",
                        "the gateway autoscales from \(autoscaling.minReplicas) to \(autoscaling.maxReplicas) pods",
                        hint: "give 1 <= min <= max <= \(SanityLimits.maxReplicas), e.g. GatewayAutoscale(min: 2, max: 6, cpu: .percent(70))",
                        at: at("deployment.autoscaling"))
            }
            let target = autoscaling.targetCPUUtilization
            if target.millionths <= 0 || target.millionths > 1_000_000 || target.millionths % 10_000 != 0 {
                c.error(path, field: "gateway.deployment.autoscaling.cpu",
                        "the CPU target \(target) is not a whole percentage between 1 % and 100 %",
                        hint: "use e.g. .percent(70)", at: at("deployment.autoscaling"))
            }
        }
        if let secret = deployment.tlsSecret, !TextRules.isDNSSubdomain(secret) {
            c.error(path, field: "gateway.deployment.tlsSecret", "\(secret.quoted) is not a Secret name",
                    hint: "use lower-case letters, digits, '-' and '.', e.g. shop-gateway-tls", at: at("deployment.tlsSecret"))
        }
        if let issuer = deployment.certificateIssuer, !TextRules.isDNSSubdomain(issuer.name) {
            c.error(path, field: "gateway.deployment.certificate.issuer", "\(issuer.name.quoted) is not an issuer name",
                    hint: "name the cert-manager Issuer or ClusterIssuer, e.g. letsencrypt", at: at("deployment.certificate"))
        }
        for range in deployment.sourceRanges where !TextRules.isIPv4CIDR(range) {
            c.error(path, field: "gateway.deployment.sourceRanges", "\(range.quoted) is not an IPv4 range in CIDR notation",
                    hint: "write it as address/prefix, e.g. 203.0.113.0/24", at: at("deployment.sourceRanges"))
        }
        if !isWholeSeconds(deployment.preStopPause, in: .zero...(.seconds(120))) {
            c.error(path, field: "gateway.deployment.shutdown.pause", "the pause must be whole seconds between 0 and 120",
                    hint: "use e.g. .seconds(5)", at: at("deployment.shutdown"))
        }
        if !isWholeSeconds(deployment.drainTimeout, in: .seconds(1)...(.seconds(3600))) {
            c.error(path, field: "gateway.deployment.shutdown.drain", "the drain time must be whole seconds between 1s and 1h",
                    hint: "use e.g. .seconds(30)", at: at("deployment.shutdown"))
        }
        guard routed else { return }
        let gatewayName = "\(name)-gateway"
        for service in services where service.name == gatewayName {
            c.error(DiagnosticPath(system: name, service: service.name), field: "name",
                    "the service is named like the system's gateway, whose Deployment, Service and file are '\(gatewayName)'",
                    hint: "rename the service", at: service.location)
        }
        for environment in environments where "\(gatewayName)-\(environment.environment.name)".utf8.count > 63 {
            c.error(DiagnosticPath(system: name, environment: environment.environment.name), field: "gateway.name",
                    "the gateway's instance label '\(gatewayName)-\(environment.environment.name)' is longer than 63 characters",
                    hint: "shorten the system's or the environment's name", at: environment.location)
        }
    }

    private func checkListen(
        _ listen: ListenDescription, _ path: DiagnosticPath, _ at: SourceLocation, _ c: inout DiagnosticCollector
    ) {
        if let address = listen.address, !TextRules.isIPAddress(address) {
            c.error(path, field: "gateway.listen.address", "\(address.quoted) is not an IP address",
                    hint: "bind to an IPv4 address or a bracketed IPv6 address, or leave it out to listen on all",
                    at: at)
        }
        let ports = [("gateway.listen.http", Optional(listen.httpPort)), ("gateway.listen.https", listen.httpsPort),
                     ("gateway.listen.redirectPort", listen.redirectPort)]
        for (field, port) in ports {
            guard let port, !(1...65535).contains(port) else { continue }
            c.error(path, field: field, "port \(port) is outside 1-65535", hint: "use e.g. 80 and 443, or 8080 and 8443",
                    at: at)
        }
        if listen.httpPort == listen.httpsPort {
            c.error(path, field: "gateway.listen", "HTTP and HTTPS both use port \(listen.httpPort)",
                    hint: "give each its own port", at: at)
        }
    }

    private func checkUpstreamAddresses(
        _ addresses: [UpstreamAddressDescription], _ path: DiagnosticPath, _ c: inout DiagnosticCollector
    ) {
        var seen = Set<String>()
        for address in addresses {
            let label = address.canary ? "\(address.service)-canary" : address.service
            let field = "gateway.upstreamAddress[\(label)]"
            if let service = service(named: address.service) {
                if service.routes.isEmpty {
                    c.error(path, field: field, "\(address.service.quoted) has no routes, so the gateway never calls it",
                            hint: "remove the address or give the service a Route", at: address.location)
                }
            } else {
                c.error(path, field: field, "the address is for \(address.service.quoted), which the system does not declare",
                        hint: Suggestions.hint(for: address.service, in: services.map(\.name)) ?? "name one of the system's services",
                        at: address.location)
            }
            if let host = address.host, !(TextRules.isIPAddress(host) || TextRules.isDNSSubdomain(host)) {
                c.error(path, field: "\(field).host", "\(host.quoted) is not an IP address or host name",
                        hint: "write an address such as 10.0.3.7, [fd00::7] or payments.internal.example.com",
                        at: address.location)
            }
            if let port = address.port, !(1...65535).contains(port) {
                c.error(path, field: "\(field).port", "port \(port) is outside 1-65535",
                        hint: "use the port the service listens on", at: address.location)
            }
            if address.host == nil && address.port == nil {
                c.error(path, field: field, "the address changes neither host nor port",
                        hint: "give a host, a port or both, or remove it", at: address.location)
            }
            if !seen.insert(label).inserted {
                c.error(path, field: field, "the address of \(label.quoted) is given more than once",
                        hint: "give each address once", at: address.location)
            }
        }
    }

    private func isOpenSSLVersion(_ text: String) -> Bool {
        // 3.0.11, 3.5, 1.1.1w
        var version = Substring(text)
        if let last = version.last, last.isASCII, last.isLowercase { version = version.dropLast() }
        return TextRules.isDottedVersion(String(version), parts: 2...3)
    }

    private func isWholeSeconds(_ duration: Duration, in range: ClosedRange<Duration>) -> Bool {
        range.contains(duration) && duration.components.attoseconds == 0
    }

    func isTimeout(_ duration: Duration) -> Bool {
        duration >= .milliseconds(1) && duration <= .seconds(3600)
            && duration.components.attoseconds % 1_000_000_000_000_000 == 0
    }

    func isBodySize(_ size: DataSize) -> Bool { size.bytes > 0 && size <= .gibibytes(10) }

    func isRateLimit(_ limit: RateLimitDescription) -> Bool {
        (1...100_000).contains(limit.requestsPerSecond) && (0...100_000).contains(limit.burst)
    }

    /// An address or CIDR range for `set_real_ip_from`: IPv4 or IPv6.
    static func isTrustedSource(_ source: String) -> Bool {
        if TextRules.isIPAddress(source) || TextRules.isIPv4CIDR(source) { return true }
        let parts = source.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count <= 3, let prefix = Int(parts[1]), (0...128).contains(prefix) else { return false }
        return TextRules.isIPv6Address(String(parts[0]))
    }
}
