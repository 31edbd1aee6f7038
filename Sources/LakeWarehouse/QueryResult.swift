/// The outcome of one statement, with values in PostgreSQL's text output format.
public struct QueryResult: Sendable, Equatable {
    public var columnNames: [String]
    /// Row-major values; nil is SQL NULL.
    public var rows: [[String?]]
    /// Rows inserted, updated, deleted, copied or selected, from the command tag (nil for other commands).
    public var affectedRows: Int?

    /// The single value of a one-row, one-column result (nil when NULL or absent).
    public var scalar: String? { rows.first?.first ?? nil }
}
