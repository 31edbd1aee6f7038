/// What a query computes before ORDER BY and LIMIT: a SELECT, VALUES rows, a set operation, or a parenthesized
/// query (which may carry its own ORDER BY and LIMIT).
///
/// Spec: spec/sql.md §2.2.
public indirect enum QueryBody: Sendable, Hashable {
    case select(Select)
    /// `VALUES (1, 'a'), (2, 'b')`: rows of equal length, at least one.
    case values([[Expression]])
    case setOperation(SetOperation)
    case parenthesized(Query)
}
