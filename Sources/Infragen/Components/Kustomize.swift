/// A Kubernetes object the model has no word for, as YAML, in every environment (at system level) or one
/// (in `Deploy(to:)`): written to `kubernetes/extra-<name>.yaml` and listed in the kustomization, in the
/// environment's namespace.
///
/// ```swift
/// RawObject("high-priority", """
///     apiVersion: scheduling.k8s.io/v1
///     kind: PriorityClass
///     metadata:
///       name: shop-high
///     value: 100000
///     """)
/// ```
public struct RawObject: SystemComponent, EnvironmentComponent {
    let description: RawObjectDescription

    public init(
        _ name: String, _ yaml: String,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.description = RawObjectDescription(name: name, yaml: yaml,
            location: SourceLocation(fileID, filePath, line))
    }

    public func apply(to system: inout SystemDescription) { system.rawObjects.append(description) }
    public func apply(to environment: inout EnvironmentDescription) { environment.rawObjects.append(description) }
}

/// The object a ``Patch`` changes.
public struct PatchTarget: Sendable, Hashable {
    let kind: String
    let name: String

    public static func deployment(_ name: String) -> PatchTarget { PatchTarget(kind: "Deployment", name: name) }
    public static func service(_ name: String) -> PatchTarget { PatchTarget(kind: "Service", name: name) }
    public static func object(kind: String, name: String) -> PatchTarget { PatchTarget(kind: kind, name: name) }
}

/// A kustomize patch on a generated object (or a raw one), for what the model has no word for, in every environment
/// or one. It must name an object of the folder, and kustomize applies it when the folder is built.
///
/// ```swift
/// Patch(.deployment("order-service"), strategicMerge: """
///     spec:
///       template:
///         spec:
///           priorityClassName: shop-high
///     """)
/// Patch(.service("web"), json6902: """
///     - op: add
///       path: /spec/sessionAffinity
///       value: ClientIP
///     """)
/// ```
public struct Patch: SystemComponent, EnvironmentComponent {
    let description: PatchDescription

    public init(
        _ target: PatchTarget, strategicMerge yaml: String,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.description = PatchDescription(
            kind: target.kind, name: target.name, format: .strategicMerge, yaml: yaml,
            location: SourceLocation(fileID, filePath, line))
    }

    public init(
        _ target: PatchTarget, json6902 yaml: String,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line
    ) {
        self.description = PatchDescription(
            kind: target.kind, name: target.name, format: .json6902, yaml: yaml,
            location: SourceLocation(fileID, filePath, line))
    }

    public func apply(to system: inout SystemDescription) { system.patches.append(description) }
    public func apply(to environment: inout EnvironmentDescription) { environment.patches.append(description) }
}
