/// A system: the top-level value of a blueprint.
///
/// ```swift
/// extension System {
///     public static let shop = System("shop") {
///         Summary("The shop from the seed: orders, inventory and payments")
///         Defaults { Go(version: "1.22"); Base(.alpine("3.19")); ImageTag("1.0.0") }
///         Deploy(to: .dev) { Host("dev.shop.example.com"); Replicas(1) }
///         Service.orderService
///     }
/// }
/// ```
public struct System: Sendable {
    public let description: SystemDescription

    public init(
        _ name: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        @ListBuilder<any SystemComponent> _ body: () -> [any SystemComponent]
    ) {
        var description = SystemDescription(name: name, location: SourceLocation(fileID, filePath, line))
        for component in body() { component.apply(to: &description) }
        self.description = description
    }

    public var name: String { description.name }
}

/// The systems a repository renders, listed explicitly (no discovery at run time).
public struct Catalog: Sendable {
    public let systems: [System]

    public init(_ systems: [System]) { self.systems = systems }

    public init(@ListBuilder<System> _ body: () -> [System]) { self.systems = body() }

    public var descriptions: [SystemDescription] { systems.map(\.description) }
}

/// Settings every service of the system starts from.
public struct Defaults: SystemComponent {
    let components: [any SettingsComponent]

    public init(@ListBuilder<any SettingsComponent> _ body: () -> [any SettingsComponent]) {
        self.components = body()
    }

    public func apply(to system: inout SystemDescription) {
        for component in components { component.apply(to: &system.defaults) }
    }
}

/// Declares an environment of the system and what it changes.
///
/// ```swift
/// Deploy(to: .prod) {
///     Namespace("shop-prod")
///     Host("shop.example.com")
///     TLS()
///     Canary(.percent(10))
///     Rollout(frequency: "2-3 times a week", rollback: .canaryCutback, owner: "SRE team")
///     Replicas(3)
/// }
/// ```
public struct Deploy: SystemComponent {
    let environment: Environment
    let location: SourceLocation
    let components: [any EnvironmentComponent]

    public init(
        to environment: Environment, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        @ListBuilder<any EnvironmentComponent> _ body: () -> [any EnvironmentComponent] = { [] }
    ) {
        self.environment = environment
        self.location = SourceLocation(fileID, filePath, line)
        self.components = body()
    }

    public func apply(to system: inout SystemDescription) {
        var description = EnvironmentDescription(environment: environment, location: location)
        for component in components { component.apply(to: &description) }
        system.environments.append(description)
    }
}

/// One line that says what a system or a service is.
public struct Summary: SystemComponent, ServiceComponent {
    let text: String

    public init(_ text: String) { self.text = text }

    public func apply(to system: inout SystemDescription) { system.summary = text }
    public func apply(to service: inout ServiceDescription) { service.summary = text }
}

/// The team that owns a system, a service or an SLO's alerts.
public struct Team: SystemComponent, SettingsComponent, SLOComponent {
    let name: String
    let location: SourceLocation

    public init(_ name: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line) {
        self.name = name
        self.location = SourceLocation(fileID, filePath, line)
    }

    public func apply(to system: inout SystemDescription) { system.team = Setting(name, at: location) }
    public func apply(to settings: inout ServiceSettings) { settings[.team] = Setting(name, at: location) }
    public func apply(to slo: inout SLODescription) { slo.team = name }
}

/// Where the source code lives and its license, for the images' OCI labels (`org.opencontainers.image.source` and
/// `.licenses`). In a system it covers every service; in a service it replaces the system's.
///
/// ```swift
/// SourceRepository("https://git.example.com/shop", license: "Apache-2.0")
/// ```
public struct SourceRepository: SystemComponent, ServiceComponent {
    let description: SourceRepositoryDescription

    public init(
        _ url: String, license: String,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.description = SourceRepositoryDescription(url: url, license: license,
            location: SourceLocation(fileID, filePath, line))
    }

    public func apply(to system: inout SystemDescription) { system.sourceRepository = description }
    public func apply(to service: inout ServiceDescription) { service.sourceRepository = description }
}
