/// One output column of a `Project` node: an expression over the input and the column's name.
///
/// Spec: spec/sql.md §8.3.
public struct ProjectionItem: Sendable, Hashable {
    public var expression: BoundExpression
    public var name: String

    public init(_ expression: BoundExpression, name: String) {
        self.expression = expression
        self.name = name
    }
}
