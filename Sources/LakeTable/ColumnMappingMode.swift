/// How data files name a table's columns (`delta.columnMapping.mode`).
///
/// Spec: spec/table-log.md §11.3.
public enum ColumnMappingMode: String, Sendable, Hashable {
    /// Data file columns carry the logical (schema) names.
    case none
    /// Data file columns carry `delta.columnMapping.physicalName`.
    case name
    /// Data file columns are matched by Parquet `field_id` = `delta.columnMapping.id`.
    case id
}
