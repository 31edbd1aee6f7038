/// `OPTIMIZE t [WHERE partition-predicate] [ZORDER BY (a, b)]`: compact small files, optionally clustering.
///
/// Spec: spec/sql.md §2.1.
public struct OptimizeStatement: Sendable, Hashable {
    public var table: TableIdentifier
    /// Restricts compaction to matching partitions.
    public var filter: Expression?
    /// Empty: plain compaction.
    public var zOrderBy: [Identifier]

    public init(table: TableIdentifier, where filter: Expression? = nil, zOrderBy: [Identifier] = []) {
        self.table = table
        self.filter = filter
        self.zOrderBy = zOrderBy
    }
}
