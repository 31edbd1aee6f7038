/// A call of a scalar, aggregate or window function: `lower(name)`, `count(*)`, `count(DISTINCT id)`,
/// `count(*) FILTER (WHERE up)`, `lag(price) OVER (PARTITION BY id ORDER BY ts)`.
///
/// Whether a name is an aggregate or window function is the binder's business; the parser only records the shape.
///
/// Spec: spec/sql.md §2.4.
public struct FunctionCall: Sendable, Hashable {
    /// What is between the parentheses.
    public enum Arguments: Sendable, Hashable {
        /// `count(*)`.
        case star
        /// Zero or more arguments.
        case list([Expression])
    }

    public var name: ObjectName
    public var arguments: Arguments
    /// `f(DISTINCT x)`.
    public var isDistinct: Bool
    /// `FILTER (WHERE condition)` of an aggregate: only rows meeting the condition are aggregated.
    public var filter: Expression?
    /// The `OVER (...)` clause of a window function call.
    public var window: WindowSpecification?

    public init(
        name: ObjectName, arguments: Arguments, isDistinct: Bool = false, filter: Expression? = nil,
        window: WindowSpecification? = nil
    ) {
        self.name = name
        self.arguments = arguments
        self.isDistinct = isDistinct
        self.filter = filter
        self.window = window
    }
}
