/// A subquery used as a value that failed when it was evaluated (see `BoundExpression.replacingSubqueries`).
///
/// Spec: spec/sql.md §8.2.
public enum SubqueryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A scalar subquery returned more than one row.
    case moreThanOneRow

    public var description: String {
        switch self {
        case .moreThanOneRow: "a subquery used as a value returned more than one row"
        }
    }
}
