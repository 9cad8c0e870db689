import InfragenModel

extension ReportGenerator {
    /// What must exist in the cluster before `kubectl apply -k <environment>/kubernetes`, per environment: the
    /// Secrets the pods read (names and keys, never values), the namespaces other than the environment's own (which
    /// the apply creates), the gateway's TLS Secret, the cluster DNS the network policies let out to, and the API
    /// kinds of the output that a plain cluster does not serve (their CRDs).
    func prerequisites(_ system: ResolvedSystem, files: [GeneratedFile], _ doc: inout Markdown) {
        let environments = system.environments.filter { !$0.services.isEmpty }
        guard !environments.isEmpty else { return }
        doc.heading(2, "Before kubectl apply")
        doc.paragraph(
            "What each environment's kubernetes folder expects to exist already: the Secrets its pods read (names and "
                + "keys; infragen never writes a value), namespaces it selects, the gateway's TLS Secret, the cluster "
                + "DNS its network policies let out to, and the API kinds a plain cluster does not serve. The "
                + "environment's own namespace is created by the apply (namespace.yaml).")
        doc.table(
            ["environment", "Secrets (keys)", "namespaces", "TLS Secret", "cluster DNS", "custom resources"],
            environments.map { environment in
                [
                    environment.name,
                    Markdown.rawCell(Self.secrets(in: environment)),
                    Markdown.rawCell(Self.otherNamespaces(environment)),
                    Markdown.rawCell(Self.tlsSecret(system, environment)),
                    Self.clusterDNS(environment),
                    Self.customResources(files.filter { $0.environment == environment.name && $0.path.contains("/kubernetes/") }),
                ]
            })
        let receivers = system.alertRouting?.receivers.filter { !$0.secretKeys.isEmpty } ?? []
        if !receivers.isEmpty {
            doc.paragraph(
                "Alertmanager (alertmanager/alertmanager.yaml) reads a Secret per receiver, where Alertmanager runs "
                    + "(mounted at \(AlertReceiverDescription.secretDirectory)/<name>/):")
            doc.list(receivers.map { receiver in
                Markdown.code(receiver.name) + ": " + receiver.secretKeys.map(Markdown.code).joined(separator: ", ")
            })
        }
    }

    /// `` `db`: `password`, `user` (catalog, web); … `` — every Secret a pod of the environment reads, from its
    /// variables and its mounted files, canaries included (they read the stable pods' Secrets).
    static func secrets(in environment: ResolvedEnvironment) -> String {
        var keys: [String: Set<String>] = [:], users: [String: [String]] = [:], order: [String] = []
        func add(_ secret: String, _ key: String, _ service: String) {
            if keys[secret] == nil { order.append(secret) }
            keys[secret, default: []].insert(key)
            if !(users[secret] ?? []).contains(service) { users[secret, default: []].append(service) }
        }
        for service in environment.services {
            for variable in service.environmentVariables {
                if case .secret(let name, let key) = variable.source { add(name, key, service.name) }
            }
            for volume in service.volumes {
                if case .secretFiles(let name, let files) = volume.source {
                    for key in files { add(name, key, service.name) }
                }
            }
        }
        guard !order.isEmpty else { return "none" }
        return order.map { secret in
            Markdown.code(secret) + ": " + keys[secret, default: []].sorted().map(Markdown.code).joined(separator: ", ")
                + " (" + Markdown.inline(users[secret, default: []].joined(separator: ", ")) + ")"
        }.joined(separator: "; ")
    }

    /// The namespaces the environment's policies select besides its own: a gateway infragen does not deploy, the
    /// metrics scraper's, the cluster DNS pods'.
    static func otherNamespaces(_ environment: ResolvedEnvironment) -> String {
        var found: [(String, String)] = []
        func add(_ namespace: String, _ why: String) {
            guard namespace != environment.namespace else { return }
            if let index = found.firstIndex(where: { $0.0 == namespace }) {
                if !found[index].1.contains(why) { found[index].1 += ", \(why)" }
            } else {
                found.append((namespace, why))
            }
        }
        for service in environment.services {
            if !service.routes.isEmpty, let gateway = service.gatewayNamespace { add(gateway, "gateway") }
        }
        for service in environment.services {
            if let scraper = service.metricsScraper, service.metrics.port != nil { add(scraper.namespace, "monitoring") }
        }
        for dns in [environment.gatewayClusterDNS] + environment.services.map(\.clusterDNS) {
            if let peer = dns.peer { add(peer.namespace, "cluster DNS") }
        }
        guard !found.isEmpty else { return "none" }
        return found.map { "\(Markdown.code($0.0)) (\(Markdown.inline($0.1)))" }.joined(separator: ", ")
    }

    /// The gateway's `kubernetes.io/tls` Secret where the environment serves HTTPS, and who fills it.
    static func tlsSecret(_ system: ResolvedSystem, _ environment: ResolvedEnvironment) -> String {
        guard environment.tls, !environment.routedServices.isEmpty else { return "-" }
        let gateway = system.gateway
        let name = Markdown.code(gateway.tlsSecret)
        if let issuer = gateway.certificateIssuer, environment.host != nil {
            return name + " (filled by cert-manager from " + Markdown.inline("\(issuer.kind.rawValue) \(issuer.name)") + ")"
        }
        return name + " (kubernetes.io/tls: " + Markdown.code("tls.crt") + ", " + Markdown.code("tls.key") + ")"
    }

    /// `kube-system pods k8s-app=kube-dns, 169.254.20.10/32 on 53` — every distinct DNS the environment's pods use.
    static func clusterDNS(_ environment: ResolvedEnvironment) -> String {
        var texts: [String] = []
        for dns in [environment.gatewayClusterDNS] + environment.services.map(\.clusterDNS) {
            var parts: [String] = []
            if let peer = dns.peer {
                let labels = peer.podLabels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
                parts.append(labels.isEmpty ? "\(peer.namespace) pods" : "\(peer.namespace) pods \(labels)")
            }
            parts += dns.cidrs
            let text = parts.joined(separator: ", ") + " on port \(dns.port)"
            if !texts.contains(text) { texts.append(text) }
        }
        return texts.joined(separator: "; ")
    }

    /// The kinds of the environment's objects whose API group a cluster does not serve without a CRD, read from the
    /// generated files' top-level `apiVersion` and `kind` lines: `PrometheusRule (monitoring.coreos.com/v1)`.
    static func customResources(_ files: [GeneratedFile]) -> String {
        var found: [String] = []
        for file in files {
            var apiVersion: String?
            for line in kindLines(file.contents).split(separator: "\n", omittingEmptySubsequences: false) {
                if line == "---" { apiVersion = nil }
                if line.hasPrefix("apiVersion: ") { apiVersion = String(line.dropFirst(12)) }
                if line.hasPrefix("kind: "), let version = apiVersion, !Self.builtInAPIs.contains(version) {
                    let kind = "\(line.dropFirst(6)) (\(version))"
                    if !found.contains(kind) { found.append(kind) }
                }
            }
        }
        return found.isEmpty ? "none" : found.sorted().joined(separator: ", ")
    }

    /// The lines of a file ``customResources(_:)`` reads, in order: what it finds in them is what it finds in the file.
    /// Byte by byte: splitting megabytes of YAML into Characters cost a quarter of a large render.
    static func kindLines(_ contents: String) -> String {
        var text = contents
        return text.withUTF8 { bytes -> String in
            var kept: [UInt8] = []
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if line.elementsEqual("---".utf8) || line.starts(with: "apiVersion: ".utf8)
                    || line.starts(with: "kind: ".utf8) {
                    if !kept.isEmpty { kept.append(0x0A) }
                    kept.append(contentsOf: line)
                }
                start = end + 1
            }
            return String(decoding: kept, as: UTF8.self)
        }
    }

    /// The API versions every cluster serves (kustomize's own Kustomization is read by kubectl, not the cluster).
    static let builtInAPIs: Set<String> = [
        "v1", "apps/v1", "batch/v1", "autoscaling/v2", "autoscaling/v1", "policy/v1", "networking.k8s.io/v1",
        "rbac.authorization.k8s.io/v1", "storage.k8s.io/v1", "scheduling.k8s.io/v1", "coordination.k8s.io/v1",
        "kustomize.config.k8s.io/v1beta1",
    ]
}
