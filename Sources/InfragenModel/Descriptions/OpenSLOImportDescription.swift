/// A file of OpenSLO v1 documents whose SLOs belong to the service (`ImportOpenSLO("slo/checkout.yaml")`).
///
/// The model never reads it: the render pipeline reads the file before validation and appends the SLOs it maps to
/// ``ServiceDescription/slos``, each located at its line and column in the file, so that every later check reports
/// there.
public struct OpenSLOImportDescription: Sendable, Hashable, Codable {
    /// The file, relative to the blueprint package's root (`slo/checkout.yaml`).
    public var path: String
    public var location: SourceLocation

    public init(path: String, location: SourceLocation) {
        self.path = path
        self.location = location
    }
}
