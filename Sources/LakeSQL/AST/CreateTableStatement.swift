/// `CREATE [OR REPLACE] TABLE [IF NOT EXISTS] t [PARTITIONED BY (a, b)] AS query`.
///
/// Spec: spec/sql.md §2.1.
public struct CreateTableStatement: Sendable, Hashable {
    public var table: TableIdentifier
    public var orReplace: Bool
    public var ifNotExists: Bool
    public var partitionedBy: [Identifier]
    public var query: Query

    public init(
        table: TableIdentifier, orReplace: Bool = false, ifNotExists: Bool = false, partitionedBy: [Identifier] = [],
        query: Query
    ) {
        self.table = table
        self.orReplace = orReplace
        self.ifNotExists = ifNotExists
        self.partitionedBy = partitionedBy
        self.query = query
    }
}
