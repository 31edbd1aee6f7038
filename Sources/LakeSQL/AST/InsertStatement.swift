/// `INSERT INTO t [(columns)] query` or `INSERT OVERWRITE [TABLE] t ...`; `VALUES (...)` is a query.
///
/// Spec: spec/sql.md §2.1.
public struct InsertStatement: Sendable, Hashable {
    public var table: TableIdentifier
    /// Empty: the query's columns map to the table's in order.
    public var columns: [Identifier]
    /// Replace the table's rows instead of appending.
    public var isOverwrite: Bool
    public var source: Query

    public init(table: TableIdentifier, columns: [Identifier] = [], isOverwrite: Bool = false, source: Query) {
        self.table = table
        self.columns = columns
        self.isOverwrite = isOverwrite
        self.source = source
    }
}
