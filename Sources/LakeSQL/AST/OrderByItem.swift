/// One key of an ORDER BY: `price DESC NULLS LAST`.
///
/// Spec: spec/sql.md §2.2.
public struct OrderByItem: Sendable, Hashable {
    public enum Direction: String, Sendable, Hashable {
        case ascending = "ASC"
        case descending = "DESC"
    }

    public enum NullOrder: String, Sendable, Hashable {
        case first = "NULLS FIRST"
        case last = "NULLS LAST"
    }

    public var expression: Expression
    /// nil when not written (ascending).
    public var direction: Direction?
    /// nil when not written; the executor's default then applies.
    public var nulls: NullOrder?

    public init(_ expression: Expression, direction: Direction? = nil, nulls: NullOrder? = nil) {
        self.expression = expression
        self.direction = direction
        self.nulls = nulls
    }
}
