import LakeWarehouse

/// A PostgreSQL table extracted into bronze as `bronze/<name>/<name>-<yyyyMMdd_HHmmss>.parquet`.
///
/// Without a cursor column every extraction is a full snapshot of the table. With one, the first extraction reads
/// every row and each later one only the rows whose cursor value is greater than the largest value extracted
/// before (kept in `_lake/postgres_cursors.json`), so the bronze snapshots of the source, unioned, hold each row
/// once (see `ExtractionCursor` for the rows a cursor cannot see).
///
/// Spec: spec/warehouse.md §10.3 (PostgreSQL sources in the pipeline)
public struct PostgresSource: Sendable, Hashable {
    /// The bronze name: folder and file prefix; also the source's key in run records and cursor state.
    public var name: String
    public var table: TableName
    /// Columns to extract, in this order; nil extracts every column in table order.
    public var columns: [String]?
    /// The column an incremental source advances by; nil for full snapshots.
    public var cursorColumn: String?

    public init(name: String, table: TableName, columns: [String]? = nil, cursorColumn: String? = nil) {
        self.name = name
        self.table = table
        self.columns = columns
        self.cursorColumn = cursorColumn
    }

    /// The value run records carry in their `source` column for PostgreSQL sources.
    public static let recordSource = "postgres"
}
