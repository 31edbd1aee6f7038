/// One key of a `Sort` node or of a window's ORDER BY.
///
/// Spec: spec/sql.md §8.3.
public struct SortKey: Sendable, Hashable {
    public var expression: BoundExpression
    public var isDescending: Bool
    /// Resolved from `NULLS FIRST/LAST`, or the default: nulls sort as the largest value (last ascending, first
    /// descending), as in PostgreSQL and DuckDB.
    public var nullsFirst: Bool

    public init(_ expression: BoundExpression, isDescending: Bool = false, nullsFirst: Bool? = nil) {
        self.expression = expression
        self.isDescending = isDescending
        self.nullsFirst = nullsFirst ?? isDescending
    }
}
