import LakeColumnar
import LakeCore
import LakeParquet

/// Writes the classic (V1) checkpoint of a snapshot and then the `_last_checkpoint` hint.
///
/// The checkpoint holds the protocol, the metadata, every `txn`, every live domain, every live `add` and every
/// tombstone whose `deletionTimestamp` is within `delta.deletedFileRetentionDuration` (default one week) of now,
/// in that order, each group sorted by its key so that the same state always gives the same file. The file is
/// streamed through `ParquetFileWriter`, which publishes it atomically when complete: a reader never sees a
/// partial checkpoint. The hint is written only after the file exists and never moves backwards (it is re-read
/// first and left alone when it names a newer checkpoint).
///
/// Spec: spec/table-log.md §8.1, §8.4.
enum CheckpointWriter {
    /// The actions a checkpoint of `snapshot` holds.
    /// - Parameter nowMillis: the clock reading that decides which tombstones are expired.
    static func actions(of snapshot: Snapshot, nowMillis: Int64) -> [Action] {
        let configuration = snapshot.metadata.configuration
        let retention =
            configuration["delta.deletedFileRetentionDuration"].flatMap(IntervalText.millis)
            ?? Table.defaultVacuumRetentionMillis
        let (cutoff, overflow) = nowMillis.subtractingReportingOverflow(retention)
        let tombstoneCutoff = overflow ? Int64.min : cutoff
        let writesStats = configuration["delta.checkpoint.writeStatsAsJson"]?.lowercased() != "false"

        var actions: [Action] = [.protocol(snapshot.protocolAction), .metadata(snapshot.metadata)]
        for appId in snapshot.transactions.keys.sorted(by: Self.byBytes) {
            if let txn = snapshot.transactions[appId] { actions.append(.transaction(txn)) }
        }
        for name in snapshot.domains.keys.sorted(by: Self.byBytes) {
            if let domain = snapshot.domains[name] { actions.append(.domainMetadata(domain)) }
        }
        for file in snapshot.files {
            var add = file.add
            if !writesStats { add.stats = nil }
            actions.append(.add(add))
        }
        for tombstone in snapshot.tombstones {
            guard let deleted = tombstone.deletionTimestamp, deleted >= tombstoneCutoff else { continue }
            var remove = tombstone
            remove.stats = nil
            remove.tags = nil
            actions.append(.remove(remove))
        }
        return actions
    }

    /// Writes `_delta_log/<v>.checkpoint.parquet` for `snapshot`, then `_last_checkpoint`.
    /// - Throws: `dataFile` naming the checkpoint when Parquet writing fails (nothing is left at the path);
    ///   `io` for storage failures.
    static func write(
        _ snapshot: Snapshot, store: any ObjectStore, root: String, nowMillis: Int64
    ) throws(TableLogError) -> CheckpointSummary {
        let actions = actions(of: snapshot, nowMillis: nowMillis)
        let name = String(LogFileName.commitName(snapshot.version).dropLast(5)) + ".checkpoint.parquet"
        let path = TableLocation.logPrefix(root) + name
        var options = ParquetWriteOptions()
        options.compression = .zstd()
        options.rowGroupRowsMax = CheckpointLimits.rowGroupRowsMax
        options.writePageIndex = false
        options.createdBy = Transaction.engineInfo
        do throws(ParquetError) {
            let writer = try ParquetFileWriter(
                store: store, path: path, schema: CheckpointSchema.schema, options: options)
            var start = 0
            while start < actions.count {
                let end = min(actions.count, start + CheckpointLimits.rowGroupRowsMax)
                let batch: Batch
                do throws(TableLogError) {
                    batch = try CheckpointEncoder.batch(Array(actions[start..<end]), path: path)
                } catch {
                    writer.abort()
                    throw ParquetError(.invalidArgument, error.description, file: path)
                }
                try writer.write(batch)
                start = end
            }
            try writer.close()
        } catch {
            throw .dataFile(path: path, reason: "writing the checkpoint failed: \(error)")
        }
        let sizeBytes = try TableLocation.storeCall { try store.head(path).sizeBytes }
        var adds: Int64 = 0
        var removes: Int64 = 0
        for action in actions {
            if case .add = action { adds += 1 }
            if case .remove = action { removes += 1 }
        }
        let hint = LastCheckpoint(
            version: snapshot.version, size: Int64(actions.count), sizeInBytes: sizeBytes, numOfAddFiles: adds)
        let existing = try LastCheckpoint.read(store: store, root: root)
        if existing.map({ $0.version <= snapshot.version }) ?? true {
            let hintPath = LastCheckpoint.path(root: root)
            try TableLocation.storeCall { try store.put(hintPath, hint.encoded) }
        }
        return CheckpointSummary(
            version: snapshot.version, path: path, actionCount: Int64(actions.count), addCount: adds,
            removeCount: removes, sizeBytes: sizeBytes)
    }

    private static func byBytes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }
}
