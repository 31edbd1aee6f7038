/// `WHEN condition THEN result` of a bound CASE.
///
/// Spec: spec/sql.md §8.2.
public struct BoundCaseBranch: Sendable, Hashable {
    public var condition: BoundExpression
    public var result: BoundExpression

    public init(condition: BoundExpression, result: BoundExpression) {
        self.condition = condition
        self.result = result
    }
}
