/// How a service's containers run. The defaults are the restricted Pod Security Standard; turning one off takes a
/// written reason, which the manifests carry as an annotation.
///
/// The numeric user and group follow the image unless the blueprint chooses them (``userIsChosen``): resolution sets
/// them to the base image's user (``BaseImage/defaultUser``: 65532 on distroless, else 10001), so the Dockerfile's
/// `USER` and the pod's `runAsUser` always agree; an image infragen does not build runs as 10001, which overrides
/// its own `USER`.
public struct SecurityDescription: Sendable, Hashable, Codable {
    public var runAsUser: Int
    public var runAsGroup: Int
    /// Whether the blueprint set the user (`RunAs`); when false, resolution uses the base image's user.
    public var userIsChosen: Bool
    public var exemptions: [SecurityExemption]

    /// A user given here counts as chosen; without one, the user is 10001 until resolution applies the image's.
    public init(runAsUser: Int? = nil, runAsGroup: Int? = nil, exemptions: [SecurityExemption] = []) {
        self.runAsUser = runAsUser ?? 10001
        self.runAsGroup = runAsGroup ?? runAsUser ?? 10001
        self.userIsChosen = runAsUser != nil || runAsGroup != nil
        self.exemptions = exemptions
    }

    public func isExempt(from control: SecurityExemption.Control) -> Bool {
        exemptions.contains { $0.control == control }
    }

    /// This description with a later layer's laid over it: its user when it chose one, and its exemptions over
    /// these (one per control, the later reason winning).
    public func overlaid(by other: SecurityDescription) -> SecurityDescription {
        var merged = self
        if other.userIsChosen {
            merged.runAsUser = other.runAsUser
            merged.runAsGroup = other.runAsGroup
            merged.userIsChosen = true
        }
        let replaced = Set(other.exemptions.map(\.control))
        merged.exemptions = exemptions.filter { !replaced.contains($0.control) } + other.exemptions
        return merged
    }
}

/// A security default turned off, and why.
public struct SecurityExemption: Sendable, Hashable, Codable {
    public enum Control: String, Sendable, Hashable, Codable, CaseIterable {
        /// The root filesystem may be written to.
        case writableRootFilesystem = "writable-root-filesystem"
        /// The pod gets a service account token mounted.
        case serviceAccountToken = "service-account-token"
    }

    public var control: Control
    public var reason: String
    public var location: SourceLocation

    public init(control: Control, reason: String, location: SourceLocation) {
        self.control = control
        self.reason = reason
        self.location = location
    }
}

extension SecurityDescription {
    /// The ids Kubernetes accepts for `runAsUser` and `runAsGroup` (and so the Dockerfile's numeric `USER`).
    public static let kubernetesIDs = 0...2_147_483_647

    /// What is wrong with the user and the exemptions one layer of the blueprint sets (at `location`): an id out of
    /// range or negative, root, a uid that may belong to a host user, an exemption without a reason.
    func check(_ path: DiagnosticPath, at location: SourceLocation, _ c: inout DiagnosticCollector) {
        if userIsChosen {
            for (field, id, kind, noun) in [("security.runAsUser", runAsUser, "uid", "user"),
                                             ("security.runAsGroup", runAsGroup, "gid", "group")] {
                let hint = "use a numeric \(noun) id between 10001 and \(Self.kubernetesIDs.upperBound), e.g. 10001"
                if id < 0 {
                    c.error(path, field: field, "\(kind) \(id) is negative", hint: hint, at: location)
                } else if id > Self.kubernetesIDs.upperBound {
                    c.error(path, field: field,
                            "\(kind) \(id) is above \(Self.kubernetesIDs.upperBound), the largest Kubernetes accepts",
                            hint: hint, at: location)
                }
            }
            if runAsUser == 0 || runAsGroup == 0 {
                c.error(path, field: "security.runAsUser", "the containers would run as root (uid or gid 0)",
                        hint: "run as a numeric non-root user above 10000, e.g. 10001", at: location)
            } else if (1..<10000).contains(runAsUser) {
                c.warning(path, field: "security.runAsUser", "uid \(runAsUser) may collide with a host user",
                          hint: "use a uid above 10000", at: location, code: .lowUID)
            }
        }
        for exemption in exemptions {
            let field = "security.exemptions[\(exemption.control.rawValue)]"
            if exemption.reason.trimmed.isEmpty || !TextRules.isSingleLineText(exemption.reason) {
                c.error(path, field: field, "turning off a security default needs a written reason on one line",
                        hint: "say why, e.g. Exempt(.writableRootFilesystem, because: \"the vendor agent writes to /var/run\")",
                        at: exemption.location)
            }
            c.checkBidiControls(exemption.reason, path, field: field, at: exemption.location)
        }
    }
}
