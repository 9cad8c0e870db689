/// The checks of one service as declared: its build, ports, dependencies, config files, egress, metrics and SLOs
/// (health checks: `SystemDescription+HealthValidation.swift`).
extension SystemDescription {
    func checkBuild(_ service: ServiceDescription, _ path: DiagnosticPath, _ c: inout DiagnosticCollector) {
        let build = service.build
        let at = build.location ?? service.location
        for (field, value) in [("build.module", Optional(build.moduleDirectory)), ("build.main", build.mainPackage)] {
            guard let value else { continue }
            if !isRelativePath(value) {
                c.error(path, field: field, "\(value.quoted) is not a relative path inside the build context",
                        hint: "write a path such as '.' or './cmd/\(service.name)' with no '..', spaces or quotes", at: at)
            }
        }
        for (field, value) in [("build.versionVariable", build.versionVariable), ("build.commitVariable", build.commitVariable)] {
            guard let value else { continue }
            if !TextRules.isGoVariablePath(value) {
                c.error(path, field: field, "\(value.quoted) is not a Go variable path",
                        hint: "write it as package.variable, e.g. main.version", at: at)
            }
        }
    }

    func checkPorts(_ service: ServiceDescription, _ path: DiagnosticPath, _ c: inout DiagnosticCollector) {
        for port in service.ports {
            c.check(port.name, is: .port, path, field: "ports[\(port.name)].name", at: port.location)
            if !(1...65535).contains(port.number) {
                c.error(path, field: "ports[\(port.name)].number", "port \(port.number) is outside 1-65535",
                        hint: "use the port the service listens on, e.g. 8080", at: port.location)
            }
            if let servicePort = port.servicePort, !(1...65535).contains(servicePort) {
                c.error(path, field: "ports[\(port.name)].servicePort", "Service port \(servicePort) is outside 1-65535",
                        hint: "use the port clients call, e.g. 80, or leave it out to use \(port.number)", at: port.location)
            }
            if case .custom(let name)? = port.appProtocol, !Self.isPrefixedProtocolName(name) {
                c.error(path, field: "ports[\(port.name)].appProtocol",
                        "\(name.quoted) is not a domain-prefixed protocol name",
                        hint: "write it as <domain>/<name>, e.g. example.com/thrift, or use .http, .https, .h2c, .grpc, .ws or .wss",
                        at: port.location)
            }
        }
        let servicePorts = service.ports.map { ("\($0.servicePort ?? $0.number)/\($0.transport.rawValue)", $0.location) }
        for (number, duplicates) in duplicates(servicePorts) where service.ports.contains(where: { $0.servicePort != nil }) {
            c.error(path, field: "ports", "Service port \(number) is used by \(duplicates.count) ports",
                    hint: "give each port its own servicePort", at: duplicates[1])
        }
        for (portName, duplicates) in duplicates(service.ports.map { ($0.name, $0.location) }) {
            c.error(path, field: "ports", "port name \(portName.quoted) is declared \(duplicates.count) times",
                    hint: "give each port its own name", at: duplicates[1])
        }
        for (number, duplicates) in duplicates(service.ports.map { ("\($0.number)/\($0.transport.rawValue)", $0.location) }) {
            c.error(path, field: "ports", "port \(number) is declared \(duplicates.count) times",
                    hint: "declare each port number once", at: duplicates[1])
        }
    }

    func checkDependencies(
        _ service: ServiceDescription, _ graph: DependencyGraph, _ path: DiagnosticPath, _ c: inout DiagnosticCollector
    ) {
        for dependency in service.dependencies {
            if dependency.service == service.name {
                c.error(path, field: "dependencies", "the service depends on itself",
                        hint: "remove the dependency", at: dependency.location)
            } else if let number = graph.numbers[dependency.service] {
                let target = services[graph.declarations[number]]
                if target.ports.isEmpty {
                    c.error(path, field: "dependencies",
                            "\(dependency.service.quoted) has no ports, so nothing can call it",
                            hint: "declare a port on '\(dependency.service)' or remove the dependency",
                            at: dependency.location)
                }
            } else {
                c.error(path, field: "dependencies",
                        "the service depends on \(dependency.service.quoted), which the system does not declare",
                        hint: Suggestions.hint(for: dependency.service, in: services.map(\.name))
                            ?? "add that service or remove the dependency",
                        at: dependency.location)
            }
        }
        for (dependency, duplicates) in duplicates(service.dependencies.map { ($0.service, $0.location) }) {
            c.warning(path, field: "dependencies", "the dependency on \(dependency.quoted) is declared \(duplicates.count) times",
                      hint: "declare it once", at: duplicates[1], code: .duplicateDependency)
        }
    }

    func checkConfigFiles(_ service: ServiceDescription, _ path: DiagnosticPath, _ c: inout DiagnosticCollector) {
        for file in service.configFiles {
            c.check(file.name, is: .configFile, path, field: "configFiles[\(file.name)]", at: file.location)
            if !TextRules.isMultiLineText(file.contents) {
                c.error(path, field: "configFiles[\(file.name)].contents", "the contents hold a control character",
                        hint: "keep config files to text with tabs and line feeds", at: file.location)
            } else if let scalar = TextRules.firstUnportableScalar(file.contents) {
                c.error(path, field: "configFiles[\(file.name)].contents",
                        "the contents hold \(TextRules.codePoint(scalar)), which kubectl kustomize refuses in a ConfigMap",
                        hint: "keep config files to text with tabs and line feeds", at: file.location)
            }
            if !(file.mountDirectory.hasPrefix("/") && TextRules.isURLPath(file.mountDirectory)) || file.mountDirectory == "/" {
                c.error(path, field: "configFiles[\(file.name)].mountDirectory",
                        "\(file.mountDirectory.quoted) is not an absolute directory for the mount",
                        hint: "mount config under a folder of its own, e.g. /etc/\(service.name)", at: file.location)
            }
        }
        for (fileName, duplicates) in duplicates(service.configFiles.map { ($0.name, $0.location) }) {
            c.error(path, field: "configFiles", "config file \(fileName.quoted) is declared \(duplicates.count) times",
                    hint: "declare each file once", at: duplicates[1])
        }
    }

    func checkExternalEgress(_ service: ServiceDescription, _ path: DiagnosticPath, _ c: inout DiagnosticCollector) {
        for egress in service.externalEgress {
            let field = "egress[\(egress.destination)]"
            if egress.destination.trimmed.isEmpty || !TextRules.isSingleLineText(egress.destination) {
                c.error(path, field: "egress", "the destination needs a name on one line",
                        hint: "say what is called, e.g. Egress(\"payment provider API\", ports: [443])", at: egress.location)
            }
            if egress.ports.isEmpty {
                c.error(path, field: field, "no ports are given", hint: "list the ports the service calls, e.g. ports: [443]",
                        at: egress.location)
            }
            for port in egress.ports where !(1...65535).contains(port) {
                c.error(path, field: field, "port \(port) is outside 1-65535", hint: "use the port the destination listens on",
                        at: egress.location)
            }
            for cidr in egress.cidrs where !TextRules.isIPv4CIDR(cidr) {
                c.error(path, field: field, "\(cidr.quoted) is not an IPv4 range in CIDR notation",
                        hint: "write it like 203.0.113.0/24", at: egress.location)
            }
        }
    }

    func checkMetrics(_ service: ServiceDescription, _ path: DiagnosticPath, _ c: inout DiagnosticCollector) {
        let metrics = service.metrics
        let at = metrics.location ?? service.location
        if !metrics.isServed, let slo = service.slos.first {
            c.error(path, field: "metrics", "the service serves no metrics (Metrics.none()), so SLO \(slo.name.quoted) would measure nothing",
                    hint: "remove Metrics.none(), or the service's SLOs", at: at)
        }
        if let port = metrics.port, service.port(named: port) == nil {
            c.error(path, field: "metrics.port", "metrics are served on port \(port.quoted), which the service does not declare",
                    hint: Suggestions.hint(for: port, in: service.ports.map(\.name)) ?? "name one of the service's ports",
                    at: at)
        }
        if !TextRules.isURLPath(metrics.path) {
            c.error(path, field: "metrics.path", "\(metrics.path.quoted) is not a URL path", hint: "start it with '/'", at: at)
        }
        let instrumentation = metrics.instrumentation
        var names = [("metrics.durationHistogram", instrumentation.durationHistogram),
                     ("metrics.codeLabel", instrumentation.codeLabel),
                     ("metrics.methodLabel", instrumentation.methodLabel),
                     ("metrics.handlerLabel", instrumentation.handlerLabel)]
        if let counter = instrumentation.requestCounter { names.insert(("metrics.requestCounter", counter), at: 0) }
        names += Set(instrumentation.counterLabels + instrumentation.histogramLabels).sorted()
            .map { ("metrics.labels", $0) }
        for (field, name) in names where !isPrometheusName(name) {
            c.error(path, field: field, "\(name.quoted) is not a Prometheus metric or label name",
                    hint: "use letters, digits and '_', not starting with a digit", at: at)
        }
        let buckets = metrics.effectiveBuckets
        if buckets.isEmpty || buckets.contains(where: { $0 <= .zero }) || buckets != buckets.sorted()
            || Set(buckets).count != buckets.count {
            c.error(path, field: "metrics.buckets", "the histogram buckets must be positive, ascending and distinct",
                    hint: "list the bucket bounds the service's histogram declares", at: at)
        } else if let huge = buckets.first(where: { $0 > .seconds(86_400) }) {
            c.error(path, field: "metrics.buckets", "the bucket \(huge.secondsText)s is over a day",
                    hint: "list request-duration bounds in seconds, as the histogram declares them", at: at)
        }
    }

    /// The labels infragen puts on an SLO's alerts itself.
    static let alertLabelsOfInfragen: Set<String> = [
        "alertname", "environment", "namespace", "objective", "service", "severity", "slo", "team",
    ]

    /// `AlertName`, `AlertLabels` and `Annotations`.
    func checkAlerting(_ slo: SLODescription, _ path: DiagnosticPath, _ field: String, _ c: inout DiagnosticCollector) {
        if let name = slo.alertName {
            let bytes = Array(name.utf8)
            let upper = UInt8(ascii: "A")...UInt8(ascii: "Z")
            let valid = bytes.first.map(upper.contains) == true && bytes.count <= 100 && bytes.allSatisfy { byte in
                upper.contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            }
            if !valid {
                c.error(path, field: "\(field).alertName", "\(name.quoted) is not an alert name in upper camel case",
                        hint: "use letters and digits, starting with a capital, at most 100, e.g. CheckoutErrors",
                        at: slo.location)
            }
        }
        for (name, value) in slo.alertLabels.sorted(by: { $0.key < $1.key }) {
            if !isPrometheusName(name) || name.hasPrefix("__") {
                c.error(path, field: "\(field).alertLabels", "\(name.quoted) is not a Prometheus label name",
                        hint: "use letters, digits and '_', not starting with a digit or '__'", at: slo.location)
            } else if Self.alertLabelsOfInfragen.contains(name) {
                c.error(path, field: "\(field).alertLabels", "the label \(name.quoted) is set by infragen on every alert",
                        hint: "choose another name; infragen sets "
                            + Self.alertLabelsOfInfragen.sorted().map(\.quoted).joined(separator: ", "),
                        at: slo.location)
            }
            if !TextRules.isSingleLineText(value) || value.isEmpty {
                c.error(path, field: "\(field).alertLabels", "the value of \(name.quoted) is empty or spans lines",
                        hint: "use a single-line value", at: slo.location)
            }
        }
        for (name, value) in slo.annotations.sorted(by: { $0.key < $1.key }) {
            if !TextRules.isSingleLineText(value) || value.isEmpty || value.utf8.count > 2000 {
                c.error(path, field: "\(field).annotations.\(name)",
                        "the annotation is empty, spans lines, holds a control character or is over 2000 bytes",
                        hint: "write one line of text", at: slo.location)
            } else if name == "dashboard_url",
                      !(value.hasPrefix("https://") || value.hasPrefix("http://")) || value.contains(" ") {
                c.error(path, field: "\(field).annotations.dashboard_url", "\(value.quoted) is not an http(s) URL",
                        hint: "link the dashboard page", at: slo.location)
            }
        }
    }

    func checkSLOs(_ service: ServiceDescription, _ path: DiagnosticPath, _ c: inout DiagnosticCollector) {
        for slo in service.slos {
            let field = "slo[\(slo.name)]"
            c.check(slo.name, is: .slo, path, field: "\(field).name", at: slo.location)
            if slo.availability == nil && slo.latency == nil {
                c.error(path, field: field, "the SLO has no objective",
                        hint: "add Availability(.percent(99.9)) or Latency(.percent(99), under: .milliseconds(300))",
                        at: slo.location)
            }
            if let availability = slo.availability, !(availability.value > .percent(0) && availability.value < .percent(100)) {
                c.error(path, field: "\(field).availability", "the objective \(availability.value) is outside (0, 100) %",
                        hint: "a 100 % objective leaves no error budget and 0 % means nothing; use e.g. .percent(99.9)",
                        at: availability.location)
            }
            if let latency = slo.latency {
                if !(latency.value.target > .percent(0) && latency.value.target < .percent(100)) {
                    c.error(path, field: "\(field).latency", "the objective \(latency.value.target) is outside (0, 100) %",
                            hint: "use a share such as .percent(99)", at: latency.location)
                }
                if latency.value.threshold <= .zero {
                    c.error(path, field: "\(field).latency.threshold", "the latency threshold must be positive",
                            hint: "use a duration such as .milliseconds(800)", at: latency.location)
                } else if !service.metrics.effectiveBuckets.contains(latency.value.threshold) {
                    let instrumentation = service.metrics.instrumentation
                    let buckets = service.metrics.effectiveBuckets.map(\.secondsText).joined(separator: ", ")
                    let whose = service.metrics.buckets == nil
                        ? "\(instrumentation.name)'s default buckets" : "the buckets Metrics(buckets:) declares"
                    c.error(path, field: "\(field).latency.threshold",
                            "the threshold \(latency.value.threshold.secondsText)s is not a bucket of \(instrumentation.durationHistogram) (\(whose): \(buckets)), so the SLI would return nothing",
                            hint: "choose one of the buckets, or declare the buckets the service's histogram uses with Metrics(buckets:)",
                            at: latency.location)
                }
            }
            if !(1...365).contains(slo.window.days) {
                c.error(path, field: "\(field).window", "the window \(slo.window) is outside 1d-365d",
                        hint: "use .days(30), .days(28) or .days(7)", at: slo.location)
            }
            for (name, value) in [("handler", slo.handler), ("method", slo.method)] {
                if let value, !TextRules.isSingleLineText(value) || value.isEmpty {
                    c.error(path, field: "\(field).\(name)", "the \(name) is empty or contains a control character",
                            hint: "match on a single-line value", at: slo.location)
                }
            }
            for matcher in slo.matchers {
                let location = matcher.location ?? slo.location
                if !isPrometheusName(matcher.name) {
                    c.error(path, field: "\(field).matchers", "\(matcher.name.quoted) is not a Prometheus label name",
                            hint: "use letters, digits and '_'", at: location)
                }
                if !TextRules.isSingleLineText(matcher.value) {
                    c.error(path, field: "\(field).matchers", "the value of \(matcher.name.quoted) contains a control character",
                            hint: "match on a single-line value", at: location)
                } else if matcher.op != .equal {
                    checkRegexMatcher(matcher, path, "\(field).matchers", at: location, &c)
                }
            }
            checkMatchersSelectSomething(slo.matchers, path, "\(field).matchers", at: slo.location, &c)
            if !TextRules.isSingleLineText(slo.errorCodes) || slo.errorCodes.isEmpty {
                c.error(path, field: "\(field).errorCodes", "the error code pattern is empty or spans lines",
                        hint: "use a regular expression such as 5..", at: slo.location)
            }
            if let url = slo.runbookURL, !(url.hasPrefix("https://") || url.hasPrefix("http://")) || !TextRules.isSingleLineText(url) || url.contains(" ") {
                c.error(path, field: "\(field).runbook", "\(url.quoted) is not an http(s) URL", hint: "link the runbook page",
                        at: slo.location)
            }
            if let team = slo.team { c.checkTeamName(team, path, field: "\(field).team", at: slo.location) }
            checkAlerting(slo, path, field, &c)
            checkNoDataAfter(slo, path, field, &c)
            checkMinimumTraffic(slo.minimumTraffic, path, "\(field).minimumTraffic", &c)
        }
        for (sloName, duplicates) in duplicates(service.slos.map { ($0.name, $0.location) }) {
            c.error(path, field: "slos", "SLO \(sloName.quoted) is declared \(duplicates.count) times",
                    hint: "give each SLO its own name", at: duplicates[1])
        }
    }

    /// `example.com/thrift`: a DNS subdomain, `/`, and a name of at most 63 letters, digits, `-`, `_` and `.`
    /// (Kubernetes' qualified-name syntax for implementation-defined application protocols).
    static func isPrefixedProtocolName(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let domain = parts.first, let name = parts.last, !name.isEmpty, name.utf8.count <= 63,
              domain.utf8.count <= 253, domain.split(separator: ".", omittingEmptySubsequences: false)
                  .allSatisfy({ TextRules.isDNSLabel(String($0)) })
        else { return false }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.".utf8)
        guard let first = name.utf8.first, let last = name.utf8.last else { return false }
        let alphanumeric = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
        return name.utf8.allSatisfy { allowed.contains($0) } && alphanumeric.contains(first) && alphanumeric.contains(last)
    }
}

extension SystemDescription {
    /// A `=~` or `!~` matcher's regular expression must parse as Prometheus reads it (RE2, anchored at both ends).
    func checkRegexMatcher(
        _ matcher: LabelMatcher, _ path: DiagnosticPath, _ field: String, at location: SourceLocation,
        _ c: inout DiagnosticCollector
    ) {
        let bytes = matcher.value.utf8.count
        guard bytes <= RE2Pattern.maxBytes else {
            c.error(path, field: field,
                    "the regular expression of \(matcher.name)\(matcher.op.rawValue) is \(bytes) bytes long, over \(RE2Pattern.maxBytes)",
                    hint: "match a prefix (`/api/.*`) or a label with fewer values, or split the SLO in several",
                    at: location)
            return
        }
        let text = "\(matcher.name)\(matcher.op.rawValue)\(matcher.value.quoted)"
        do {
            _ = try RE2Pattern(matcher.value)
        } catch {
            c.error(path, field: field,
                    "\(text) does not parse as Prometheus reads a regular expression (RE2): \(error)",
                    hint: "RE2 has no backreferences or lookarounds; escape a literal '.', '(' or '[' with '\\'",
                    at: location)
        }
    }
}

extension SystemDescription {
    /// The matchers of each label together must select some value: the generated tests feed series with one, and a
    /// selector that selects none (`=~"a"` with `!~"a"`, `!~".*"`) would silence the SLO.
    func checkMatchersSelectSomething(
        _ matchers: [LabelMatcher], _ path: DiagnosticPath, _ field: String, at sloLocation: SourceLocation,
        _ c: inout DiagnosticCollector
    ) {
        var names: [String] = []
        for matcher in matchers where !names.contains(matcher.name) { names.append(matcher.name) }
        for name in names {
            let onLabel = matchers.filter { $0.name == name }
            guard onLabel.contains(where: { $0.op != .equal }),
                  onLabel.allSatisfy({
                      $0.op == .equal || ($0.value.utf8.count <= RE2Pattern.maxBytes && (try? RE2Pattern($0.value)) != nil)
                  }),
                  LabelMatcher.sampleValues(onLabel).selected == nil else { continue }
            let text = onLabel.map { "\($0.name)\($0.op.rawValue)\($0.value.quoted)" }.joined(separator: ", ")
            c.error(path, field: field, "\(text) select no value infragen can find, so the SLO would select nothing",
                    hint: "Prometheus anchors a regular expression at both ends: the whole value must match",
                    at: onLabel.first { $0.op != .equal }?.location ?? sloLocation)
        }
    }
}
