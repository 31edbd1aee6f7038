/// Whether a write may add the columns its batches have and the table lacks.
///
/// Spec: spec/table-log.md §10.4.
public enum SchemaEvolution: String, Sendable, Hashable {
    /// A batch column the table lacks is `schemaMismatch` (the default).
    case refuse
    /// Batch columns the table lacks are appended to the schema as nullable columns, in order of first appearance,
    /// by a `metaData` action in the same commit; files written before read them as nulls.
    case addNewColumns
}
