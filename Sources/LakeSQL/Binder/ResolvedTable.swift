import LakeColumnar

/// The catalog's answer for a table: its handle, its columns and its partition columns.
///
/// Spec: spec/sql.md §8.1.
public struct ResolvedTable: Sendable, Hashable {
    public var handle: TableHandle
    /// The columns in table order; a scan's column ordinals index this schema.
    public var schema: Schema
    /// Names of partition columns, each one a field of `schema`.
    public var partitionColumns: [String]

    public init(handle: TableHandle, schema: Schema, partitionColumns: [String] = []) {
        self.handle = handle
        self.schema = schema
        self.partitionColumns = partitionColumns
    }
}
