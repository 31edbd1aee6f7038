/// `RESTORE TABLE t TO VERSION AS OF n` or `... TO TIMESTAMP AS OF '...'`.
///
/// Spec: spec/sql.md §2.1.
public struct RestoreStatement: Sendable, Hashable {
    public var table: TableIdentifier
    public var target: TimeTravel

    public init(table: TableIdentifier, to target: TimeTravel) {
        self.table = table
        self.target = target
    }
}
