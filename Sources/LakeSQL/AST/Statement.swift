/// One SQL statement.
///
/// Spec: spec/sql.md §2.1.
public indirect enum Statement: Sendable, Hashable {
    case query(Query)
    /// `EXPLAIN statement`.
    case explain(Statement)
    /// `DESCRIBE t` (also `DESCRIBE TABLE t`): the table's schema.
    case describe(TableIdentifier)
    /// `DESCRIBE HISTORY t [LIMIT n]`: the table's commits, newest first.
    case describeHistory(TableIdentifier, limit: Int64?)
    /// `SHOW TABLES [(FROM | IN) schema]`: the tables of the lake, or of one schema (`bronze`, `silver`).
    case showTables(schema: Identifier?)
    case optimize(OptimizeStatement)
    case vacuum(VacuumStatement)
    case restore(RestoreStatement)
    case createTable(CreateTableStatement)
    case insert(InsertStatement)
    case delete(DeleteStatement)
    case update(UpdateStatement)
    case merge(MergeStatement)
}
