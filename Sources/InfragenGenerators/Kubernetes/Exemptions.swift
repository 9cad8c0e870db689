import InfragenModel

/// Security defaults a service turned off, as annotations on the objects they relax: the blueprint's reason under
/// `security.infragen.io/<control>`, and the same reason as checkov's inline skip of the check the exemption
/// fails (`checkov.io/skipN: CKV_K8S_22=<reason>`), so that the scan reports it as skipped, with the reason.
enum Exemptions {
    static let annotationPrefix = "security.infragen.io/"

    /// The checkov check an exemption fails.
    static func checkovCheck(_ control: SecurityExemption.Control) -> String {
        switch control {
        case .writableRootFilesystem: "CKV_K8S_22"
        case .serviceAccountToken: "CKV_K8S_38"
        }
    }

    /// The exemptions of a service, once per control, in a fixed order.
    static func list(_ service: ResolvedService) -> [SecurityExemption] {
        SecurityExemption.Control.allCases.compactMap { control in
            service.security.exemptions.first { $0.control == control }
        }
    }

    /// The annotations for the exemptions among `controls`; nil when there are none.
    static func annotations(
        _ service: ResolvedService, for controls: Set<SecurityExemption.Control>, checkovSkips: Bool
    ) -> K8s.StringMap? {
        let exemptions = list(service).filter { controls.contains($0.control) }
        var pairs = exemptions.map { (key: "\(annotationPrefix)\($0.control.rawValue)", value: $0.reason) }
        if checkovSkips {
            for (index, exemption) in exemptions.enumerated() {
                let skip = "\(checkovCheck(exemption.control))=\(exemption.reason)"
                pairs.append((key: "checkov.io/skip\(index + 1)", value: skip))
            }
        }
        return K8s.StringMap(pairs).nonEmpty
    }
}
