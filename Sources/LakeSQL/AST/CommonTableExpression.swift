/// `name [(columns)] AS (query)` in a WITH clause.
///
/// Spec: spec/sql.md §2.2.
public struct CommonTableExpression: Sendable, Hashable {
    public var name: Identifier
    /// Renames the query's columns; empty when not written.
    public var columns: [Identifier]
    public var query: Query

    public init(name: Identifier, columns: [Identifier] = [], query: Query) {
        self.name = name
        self.columns = columns
        self.query = query
    }
}
