/// How a write combines its rows with the table's.
///
/// Spec: spec/table-log.md §12 (2, 3).
public enum WriteMode: String, Sendable, Hashable {
    /// Adds the rows; a blind append that never conflicts with other appends.
    case append = "Append"
    /// Replaces the live files of the table (all of them, or those of the partitions a `replaceWhere` predicate
    /// selects) with the rows.
    case overwrite = "Overwrite"
}
