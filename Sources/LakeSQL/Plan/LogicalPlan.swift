import LakeColumnar

/// A query as data: a tree of relational operators that optimizer rules rewrite and the session translates into
/// executor operators, one case per operator.
///
/// Expressions in a node refer to columns of that node's input by ordinal (for a join's residual, the left
/// columns then the right ones; for a scan's filters, the table's columns). `schema` gives every node's output.
/// Trees are values: a rule returns a new tree and never mutates a shared one.
///
/// Spec: spec/sql.md §8.3.
public indirect enum LogicalPlan: Sendable, Hashable {
    /// Reads `columns` (ordinals into `tableSchema`, in output order) of a table. Rows failing any of `filters`
    /// (over `tableSchema`) must not come out: the session may use them to skip files and row groups by
    /// statistics and partition values, but applies them exactly.
    case scan(table: TableHandle, tableSchema: Schema, columns: [Int], filters: [BoundExpression])
    /// Keeps rows where `predicate` is true (not false, not NULL).
    case filter(LogicalPlan, predicate: BoundExpression)
    case project(LogicalPlan, [ProjectionItem])
    /// One row per distinct value of the group keys (one row in all when there are none), with the keys then the
    /// aggregates as columns.
    case aggregate(LogicalPlan, groupKeys: [ProjectionItem], aggregates: [AggregateCall])
    /// Output: the left columns then the right ones (only the left ones for semi and anti joins). A pair matches
    /// when every equi key is equal (NULL never equals) and `residual` (over left + right columns) is true.
    case join(Join.Kind, LogicalPlan, LogicalPlan, equiKeys: [EquiJoinKey], residual: BoundExpression?)
    /// Stable sort by the keys, first key first.
    case sort(LogicalPlan, [SortKey])
    /// Skips `offset` rows, then returns at most `count` (nil: all the rest).
    case limit(LogicalPlan, count: Int64?, offset: Int64)
    /// Without keys: removes duplicate rows. With keys (`DISTINCT ON`): keeps the first row, in input order, of
    /// each group of equal keys.
    case distinct(LogicalPlan, on: [BoundExpression])
    /// The rows of both inputs (same width; columns converted to common types by the binder); without `isAll`,
    /// duplicates are removed. Names come from the left input.
    case union(LogicalPlan, LogicalPlan, isAll: Bool)
    /// The input's columns followed by one column per call.
    case window(LogicalPlan, [WindowCall])
    /// Constant rows; every expression is bound over no input.
    case values(rows: [[BoundExpression]], schema: Schema)
}
