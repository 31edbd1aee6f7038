/// How a write combines its rows with the table's.
///
/// Spec: spec/table-log.md §12 (2, 3).
public enum WriteMode: String, Sendable, Hashable {
    /// Adds the rows; a blind append that never conflicts with other appends.
    case append = "Append"
    /// Replaces every live file of the table with the rows.
    case overwrite = "Overwrite"
}
