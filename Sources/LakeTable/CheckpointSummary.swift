/// What writing one checkpoint did: the file, what it holds, and the log cleanup that followed it.
///
/// Spec: spec/table-log.md §8, §12.9.
public struct CheckpointSummary: Sendable, Hashable {
    /// The table version the checkpoint holds.
    public var version: Int64
    /// Store path of the checkpoint file.
    public var path: String
    /// Rows (actions) in the checkpoint: `_last_checkpoint.size`.
    public var actionCount: Int64
    /// Live files (`add` rows).
    public var addCount: Int64
    /// Unexpired tombstones (`remove` rows).
    public var removeCount: Int64
    /// Bytes of the checkpoint file.
    public var sizeBytes: Int64
    /// Log files deleted after the checkpoint; nil when cleanup did not run (disabled or not asked for).
    public var cleanup: LogCleanupReport?

    public init(
        version: Int64, path: String, actionCount: Int64, addCount: Int64, removeCount: Int64, sizeBytes: Int64,
        cleanup: LogCleanupReport? = nil
    ) {
        self.version = version
        self.path = path
        self.actionCount = actionCount
        self.addCount = addCount
        self.removeCount = removeCount
        self.sizeBytes = sizeBytes
        self.cleanup = cleanup
    }
}
