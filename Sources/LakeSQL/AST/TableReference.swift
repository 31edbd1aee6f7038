/// An entry of a FROM clause: a table, a subquery, or a join of two of them.
///
/// Spec: spec/sql.md §2.3.
public indirect enum TableReference: Sendable, Hashable {
    /// `silver.fact [VERSION AS OF 3] [AS f]`, `'path/to/table' AS t`.
    case table(TableIdentifier, timeTravel: TimeTravel?, alias: TableAlias?)
    /// `(SELECT ...) [AS] alias`.
    case derived(Query, alias: TableAlias?)
    /// `read_parquet('bronze/x/*.parquet') [AS] alias`: a function producing rows.
    case function(ObjectName, arguments: [Expression], alias: TableAlias?)
    case join(Join)
}
