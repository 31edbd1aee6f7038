/// Which snapshot of a table to read: `VERSION AS OF 12` or `TIMESTAMP AS OF '2024-01-31 00:00:00'`.
///
/// Spec: spec/sql.md §2.3.
public enum TimeTravel: Sendable, Hashable {
    /// A table version; never negative.
    case version(Int64)
    /// A timestamp as written; the session parses it.
    case timestamp(String)
}
