/// Builds a list of components from a closure body, with `if`, `if let`, `switch` and `for` inside.
///
/// Every builder in the DSL is this one with a different element type, so blocks, loops and optionals behave the
/// same in a system, a service, an environment or an SLO:
///
/// ```swift
/// Service("order-service") {
///     Port("http", 8080)
///     for name in ["inventory-service", "payment-service"] { DependsOn(name) }
///     if withTracing { Env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector:4317") }
/// }
/// ```
@resultBuilder
public enum ListBuilder<Element> {
    /// A single component.
    public static func buildExpression(_ element: Element) -> [Element] { [element] }
    /// A ready-made list of components, as a reusable function returns it.
    public static func buildExpression(_ elements: [Element]) -> [Element] { elements }
    /// The statements of a block, in order.
    public static func buildBlock(_ parts: [Element]...) -> [Element] { parts.flatMap { $0 } }
    /// `if` without `else`.
    public static func buildOptional(_ part: [Element]?) -> [Element] { part ?? [] }
    /// The first branch of `if`/`else` or `switch`.
    public static func buildEither(first part: [Element]) -> [Element] { part }
    /// The second branch of `if`/`else` or `switch`.
    public static func buildEither(second part: [Element]) -> [Element] { part }
    /// A `for` loop.
    public static func buildArray(_ parts: [[Element]]) -> [Element] { parts.flatMap { $0 } }
    /// `if #available`.
    public static func buildLimitedAvailability(_ part: [Element]) -> [Element] { part }
}
