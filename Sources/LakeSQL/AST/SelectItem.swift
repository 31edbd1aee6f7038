/// One entry of a SELECT list.
///
/// Spec: spec/sql.md §2.2.
public enum SelectItem: Sendable, Hashable {
    /// `expr [AS alias]`.
    case expression(Expression, alias: Identifier?)
    /// `*`.
    case wildcard
    /// `t.*`, `silver.fact.*`.
    case qualifiedWildcard(ObjectName)
}
