/// Something that can stand in a ``System`` body.
public protocol SystemComponent: Sendable {
    func apply(to system: inout SystemDescription)
}

/// Something that can stand in a ``Service`` body.
public protocol ServiceComponent: Sendable {
    func apply(to service: inout ServiceDescription)
}

/// Something that can stand in a ``Deploy(to:)`` body.
public protocol EnvironmentComponent: Sendable {
    func apply(to environment: inout EnvironmentDescription)
}

/// A setting that may differ between environments. It can stand in a service, in ``Defaults``, in an environment
/// (for all of its services) and in a service's ``Override``.
public protocol SettingsComponent: ServiceComponent, EnvironmentComponent {
    func apply(to settings: inout ServiceSettings)
}

extension SettingsComponent {
    public func apply(to service: inout ServiceDescription) { apply(to: &service.settings) }
    public func apply(to environment: inout EnvironmentDescription) { apply(to: &environment.settings) }
}

/// Something that can stand in an ``SLO`` body.
public protocol SLOComponent: Sendable {
    func apply(to slo: inout SLODescription)
}

/// Something that can stand in a ``Gateway`` body.
public protocol GatewayComponent: Sendable {
    func apply(to gateway: inout GatewayDescription)
}

extension SourceLocation {
    /// The place a DSL call was written, as diagnostics and file headers show it: its path from the package root
    /// where the file is found there (see ``SourcePaths``), else `#fileID`.
    init(_ fileID: String, _ filePath: String, _ line: Int) {
        self.init(fileID: SourcePaths.shown(fileID: fileID, filePath: filePath), line: line)
    }
}
