/// What to extract from one PostgreSQL table: which columns, and whether only the rows past a cursor.
///
/// ```swift
/// // Every row of public.orders:
/// ExtractionRequest(table: TableName(schema: "public", "orders"))
/// // Rows whose updated_at is later than the value the previous run ended at:
/// ExtractionRequest(
///     table: TableName(schema: "public", "orders"), columns: ["id", "total", "updated_at"],
///     cursor: ExtractionCursor(column: "updated_at", after: previous.cursorValue))
/// ```
///
/// Spec: spec/warehouse.md §10 (extraction).
public struct ExtractionRequest: Sendable, Hashable {
    public var table: TableName
    /// Columns to read, in this order; nil reads every column in table order.
    public var columns: [String]?
    /// When set, the extraction is incremental by this cursor.
    public var cursor: ExtractionCursor?

    public init(table: TableName, columns: [String]? = nil, cursor: ExtractionCursor? = nil) {
        self.table = table
        self.columns = columns
        self.cursor = cursor
    }
}

/// An incremental extraction's cursor: a column whose values grow with new rows (a serial id, an
/// `updated_at` timestamp), and the last value already extracted.
///
/// Rows whose cursor value is NULL are read by the first extraction (no `after`) only. Rows committed later
/// with a cursor value below one already extracted (a long transaction that took its timestamp early) are not
/// seen: pick a column the writers assign in commit order, or re-extract fully now and then.
public struct ExtractionCursor: Sendable, Hashable {
    public var column: String
    /// The cursor value the previous extraction ended at, in PostgreSQL's text form
    /// (`ExtractionSummary.cursorValue`); nil extracts every row.
    public var after: String?

    public init(column: String, after: String? = nil) {
        self.column = column
        self.after = after
    }
}
