/// Bounds on checkpoint files read from storage, checked before anything is allocated for them.
///
/// Spec: spec/table-log.md §8, §14.
enum CheckpointLimits {
    /// Most parts of a multi-part checkpoint (`_last_checkpoint.parts` and the `P` of part names).
    static let partsMax = 100_000
    /// Most sidecars one V2 checkpoint may name.
    static let sidecarsMax = 100_000
    /// Largest JSON V2 checkpoint we read, in bytes (same bound as a commit file).
    static let jsonBytesMax = TableLimits.commitBytesMax
    /// Rows per row group in the checkpoints we write.
    static let rowGroupRowsMax = 100_000
}
