/// The SLOs of an OpenSLO v1 file, as if each were written here with `SLO(…) { SLI(errors:total:) … }`.
///
/// ```swift
/// ExternalService("legacy-billing", namespace: "billing") {
///     ImportOpenSLO("slo/legacy-billing.yaml")
/// }
/// ```
///
/// The path is relative to the blueprint package's root (the folder `infragen render` runs in, or `--package`), and
/// must stay inside it. `infragen render`, `list` and `lint` read the file before validation (generators never read
/// the disk); each `SLO` document whose `spec.service` is this service's name becomes one SLO of the service: its
/// `ratioMetric` PromQL queries a raw SLI, its objective the `Availability`, its `timeWindow` the `Window`, its alert
/// policies `Alerts(page:ticket:)`, its labels and annotations `AlertLabels` and `AlertAnnotations`. What cannot be
/// mapped is refused at its line and column in the file. README, "OpenSLO", lists what maps and what is refused.
public struct ImportOpenSLO: ServiceComponent, ExternalServiceComponent {
    let description: OpenSLOImportDescription

    /// - Parameter path: the OpenSLO file, relative to the package root: `slo/checkout.yaml`.
    public init(_ path: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.description = OpenSLOImportDescription(path: path, location: SourceLocation(fileID, filePath, line))
    }

    public func apply(to service: inout ServiceDescription) { service.openSLOImports.append(description) }
}
