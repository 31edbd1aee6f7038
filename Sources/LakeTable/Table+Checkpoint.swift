import LakeCore

extension Table {
    /// The default of `delta.checkpointInterval`.
    public static let defaultCheckpointInterval: Int64 = 10

    /// Writes a classic checkpoint of `version` (the latest when nil), updates `_last_checkpoint`, then deletes
    /// expired log files (§12.9) unless `cleanUpLog` is false or the table disables cleanup.
    ///
    /// Writing the same version twice replaces the file atomically with an equivalent one.
    /// - Returns: what was written and, when cleanup ran, what it deleted.
    /// - Throws: see `Snapshot.load`; `dataFile` when the Parquet file cannot be written; `io`.
    @discardableResult
    public func checkpoint(version: Int64? = nil, cleanUpLog: Bool = true) throws(TableLogError) -> CheckpointSummary {
        try checkpoint(of: try snapshot(version: version), cleanUpLog: cleanUpLog)
    }

    /// Writes a classic checkpoint of `snapshot`, a snapshot of this table loaded earlier (the log is not read
    /// again), then `_last_checkpoint`, then cleans up the log as configured by the snapshot's properties.
    /// - Throws: `dataFile` when the Parquet file cannot be written; `io`.
    @discardableResult
    public func checkpoint(of snapshot: Snapshot, cleanUpLog: Bool = true) throws(TableLogError) -> CheckpointSummary {
        let now = clock.nowMillis()
        var summary = try CheckpointWriter.write(snapshot, store: store, root: root, nowMillis: now)
        if cleanUpLog {
            summary.cleanup = try LogCleanup.run(
                store: store, root: root, configuration: snapshot.metadata.configuration, nowMillis: now)
        }
        return summary
    }

    /// Deletes expired log files (§12.9) without writing a checkpoint.
    /// - Returns: nil when `delta.enableExpiredLogCleanup` is false.
    /// - Throws: see `Snapshot.load`; `io`.
    public func cleanUpExpiredLog() throws(TableLogError) -> LogCleanupReport? {
        let snapshot = try snapshot()
        return try LogCleanup.run(
            store: store, root: root, configuration: snapshot.metadata.configuration, nowMillis: clock.nowMillis())
    }

    /// The `_last_checkpoint` hint, nil when absent or invalid.
    public func lastCheckpoint() throws(TableLogError) -> LastCheckpoint? {
        try LastCheckpoint.read(store: store, root: root)
    }

    /// `delta.checkpointInterval` of `configuration`: a positive integer, `defaultCheckpointInterval` when absent
    /// or malformed.
    static func checkpointInterval(_ configuration: [String: String]) -> Int64 {
        guard let text = configuration["delta.checkpointInterval"], let value = Int64(text), value > 0 else {
            return defaultCheckpointInterval
        }
        return value
    }

    /// Checkpoints after commit `version` when it is due (`version > 0`, a multiple of `delta.checkpointInterval`),
    /// then cleans up the log. Never throws: the commit already happened, so a failure is returned for the caller
    /// to report, and the next due commit tries again.
    /// - Returns: nil when no checkpoint was due; otherwise what was written or why it failed.
    @discardableResult
    func checkpointIfDue(afterCommitting version: Int64) -> Result<CheckpointSummary, TableLogError>? {
        guard version > 0 else { return nil }
        do throws(TableLogError) {
            let snapshot = try snapshot(version: version)
            guard version % Self.checkpointInterval(snapshot.metadata.configuration) == 0 else { return nil }
            let now = clock.nowMillis()
            var summary = try CheckpointWriter.write(snapshot, store: store, root: root, nowMillis: now)
            summary.cleanup = try LogCleanup.run(
                store: store, root: root, configuration: snapshot.metadata.configuration, nowMillis: now)
            return .success(summary)
        } catch {
            return .failure(error)
        }
    }
}
