/// `DELETE FROM t [WHERE condition]`; without WHERE every row is deleted.
///
/// Spec: spec/sql.md §2.1.
public struct DeleteStatement: Sendable, Hashable {
    public var table: TableIdentifier
    public var filter: Expression?

    public init(table: TableIdentifier, where filter: Expression? = nil) {
        self.table = table
        self.filter = filter
    }
}
