import LakeColumnar

/// A fixed source a session binds a name to instead of the directory the name points at.
///
/// Spec: spec/session.md (overrides)
public enum DatasetSource: Sendable {
    /// Parquet files (paths relative to the lake root), read in this order as one dataset; schemas are unified as
    /// for a folder of Parquet files.
    case parquetFiles([String])
    /// Batches in memory, each of `schema`.
    case batches(Schema, [Batch])
}
