import LakeColumnar

/// One aggregate of an `Aggregate` node: `sum(x)`, `count(DISTINCT id)`, `count(*) FILTER (WHERE up)`.
///
/// Arguments and the filter are over the aggregate's input. `count(*)` has no arguments.
///
/// Spec: spec/sql.md §8.3.
public struct AggregateCall: Sendable, Hashable {
    /// Canonical lower-case name (`FunctionRegistry`): `count`, `sum`, `avg`, `min`, `max`, `stddev_samp`, ...
    public var function: String
    public var arguments: [BoundExpression]
    public var isDistinct: Bool
    /// Only rows where this is true are aggregated.
    public var filter: BoundExpression?
    /// The result type.
    public var type: DataType
    /// The output column's name.
    public var name: String

    public init(
        function: String, arguments: [BoundExpression], isDistinct: Bool = false, filter: BoundExpression? = nil,
        type: DataType, name: String
    ) {
        self.function = function
        self.arguments = arguments
        self.isDistinct = isDistinct
        self.filter = filter
        self.type = type
        self.name = name
    }
}
