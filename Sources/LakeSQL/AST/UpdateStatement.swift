/// `UPDATE t [[AS] alias] SET a = x, ... [WHERE condition]`.
///
/// Spec: spec/sql.md §2.1.
public struct UpdateStatement: Sendable, Hashable {
    public var table: TableIdentifier
    public var alias: Identifier?
    /// Never empty.
    public var assignments: [Assignment]
    public var filter: Expression?

    public init(
        table: TableIdentifier, alias: Identifier? = nil, assignments: [Assignment], where filter: Expression? = nil
    ) {
        self.table = table
        self.alias = alias
        self.assignments = assignments
        self.filter = filter
    }
}
