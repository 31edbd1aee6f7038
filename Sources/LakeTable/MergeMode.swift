/// What a merge by key does with source rows whose key the table already holds.
///
/// Spec: spec/table-log.md §12 (5).
public enum MergeMode: String, Sendable, Hashable, CaseIterable {
    /// Appends only the source rows whose key is absent from the table; rows already present are left as they are
    /// (loading a stable dimension). Never removes a file.
    case insertMissing
    /// Replaces the rows whose key matches a source row with that row (columns the source lacks keep the table's
    /// values) and appends the other source rows.
    case upsert
}
