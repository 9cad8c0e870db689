/// Where a service's source code lives and under which license it is published: the image's
/// `org.opencontainers.image.source` and `org.opencontainers.image.licenses` labels.
///
/// Declared for a whole system (one repository for all services) or per service, which wins.
public struct SourceRepositoryDescription: Sendable, Hashable, Codable {
    /// An `https://` URL of the repository.
    public var url: String
    /// An SPDX license identifier or expression: `Apache-2.0`, `MIT`, `Apache-2.0 OR MIT`.
    public var license: String
    public var location: SourceLocation

    public init(url: String, license: String, location: SourceLocation) {
        self.url = url
        self.license = license
        self.location = location
    }
}
