/// One `left = right` pair of a join: `left` is over the left input, `right` over the right input, same type.
///
/// Spec: spec/sql.md §8.3.
public struct EquiJoinKey: Sendable, Hashable {
    public var left: BoundExpression
    public var right: BoundExpression

    public init(left: BoundExpression, right: BoundExpression) {
        self.left = left
        self.right = right
    }
}
