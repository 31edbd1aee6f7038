/// `AS name [(column, ...)]` after a table or subquery.
///
/// Spec: spec/sql.md §2.3.
public struct TableAlias: Sendable, Hashable {
    public var name: Identifier
    /// Renames the columns of the table; empty when not written.
    public var columns: [Identifier]

    public init(_ name: Identifier, columns: [Identifier] = []) {
        self.name = name
        self.columns = columns
    }
}
