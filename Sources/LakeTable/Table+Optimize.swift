import LakeColumnar
import LakeCore
import LakeParquet

extension Table {
    /// The OPTIMIZE target when neither the caller nor `delta.targetFileSize` gives one: 128 MiB.
    public static let optimizeTargetFileBytesDefault: Int64 = 128 << 20

    /// Compacts small files (bin-packing, `OPTIMIZE`), committing in groups of bins; see
    /// `optimize(targetFileBytes:partitionFilter:grouping:progress:)`.
    /// - Returns: the outcome of the last group's commit, or nil when no partition had two files to combine
    ///   (nothing committed).
    /// - Throws: see `optimize(targetFileBytes:partitionFilter:grouping:progress:)`.
    @discardableResult
    public func optimize(
        targetFileBytes: Int64? = nil, partitionFilter: [ParquetPredicate] = []
    ) throws(TableLogError) -> CommitOutcome? {
        let report = try optimize(
            targetFileBytes: targetFileBytes, partitionFilter: partitionFilter, grouping: OptimizeGrouping(),
            progress: { _ in })
        return report.versions.last.map { .committed(version: $0) }
    }

    /// Compacts small files (bin-packing, `OPTIMIZE`) of the latest snapshot, committing every group of bins as
    /// soon as its files are written.
    ///
    /// The bins are those of `prepareOptimize`. They are cut into groups of at most `grouping.binsPerCommitMax` bins
    /// and `grouping.commitBytesMax` input bytes; each group is written, then committed as its own transaction
    /// (`remove` + `add`, all `dataChange: false`) with the snapshot's version as read version. A group therefore
    /// conflicts only with a commit that removed one of its own input files (§10.3 check 5) or changed the protocol
    /// or metadata; concurrent appends, and the earlier groups of this run, never fail it. Memory: one input file's
    /// batches plus the writer's open row group (input files are smaller than the target, so this is bounded by
    /// a target file, never by the table). An interrupted run keeps every group committed before the failure;
    /// the files of the failing group stay as orphans until VACUUM.
    /// - Parameters:
    ///   - progress: called after each input file is read and after each commit, on the caller's thread.
    /// - Returns: the committed versions in order and totals; `versions` is empty when there was nothing to do.
    /// - Throws: as `prepareOptimize`; `commitConflict` when a group lost to a delete, merge or overwrite of its
    ///   inputs (earlier groups stay committed) or to a protocol or metadata change.
    public func optimize(
        targetFileBytes: Int64?, partitionFilter: [ParquetPredicate], grouping: OptimizeGrouping,
        progress: (OptimizeProgress) -> Void
    ) throws(TableLogError) -> OptimizeReport {
        guard let plan = try planOptimize(targetFileBytes: targetFileBytes, partitionFilter: partitionFilter) else {
            return OptimizeReport()
        }
        var state = OptimizeProgress(
            filesTotal: plan.bins.reduce(0) { $0 + $1.count },
            bytesTotal: plan.bins.reduce(0) { $0 + $1.reduce(0) { $0 + max($1.add.size, 0) } })
        var report = OptimizeReport()
        for group in grouping.groups(of: plan.bins) {
            let transaction = try plan.transaction(for: group, table: self) { file, batches in
                state.filesRead += 1
                state.bytesRead += max(file.add.size, 0)
                state.rowsRead += batches.reduce(0) { $0 + Int64($1.rowCount) }
                progress(state)
            }
            let outcome = try transaction.commit()
            let written = transaction.actions.compactMap { action -> AddAction? in
                if case .add(let add) = action { return add }
                return nil
            }
            report.versions.append(outcome.version)
            report.filesRemoved += transaction.removedPaths.count
            report.filesAdded += written.count
            report.bytesRemoved += group.reduce(0) { $0 + $1.reduce(0) { $0 + max($1.add.size, 0) } }
            report.bytesAdded += written.reduce(0) { $0 + $1.size }
            state.filesWritten += written.count
            state.bytesWritten += written.reduce(0) { $0 + $1.size }
            state.commits += 1
            progress(state)
        }
        report.rowsWritten = state.rowsRead
        return report
    }

    /// Reads the latest snapshot, rewrites its small files into fewer, larger ones and returns one transaction
    /// that swaps them all, or nil when there is nothing to compact.
    ///
    /// Per partition, live files smaller than the target are packed in snapshot order into bins of at most the
    /// target size (`FileBinPacker`); each bin of two or more files is streamed, one input file at a time, into one
    /// new file through `DataFileWriter` (same partition values, fresh statistics). Memory holds one input file's
    /// batches plus the writer's open row group, never a whole bin or the table. The transaction removes the
    /// inputs and adds the outputs, all with `dataChange: false`, so the rows and every older version stay the
    /// same; it is allowed on append-only tables. Concurrent appends do not conflict with it; a concurrent commit
    /// that removed one of its inputs does (`concurrentDeleteDelete`) and leaves the new files as orphans.
    /// `optimize(targetFileBytes:partitionFilter:grouping:progress:)` commits the same bins in groups instead.
    /// - Parameters:
    ///   - targetFileBytes: the target size; nil takes `delta.targetFileSize`, else
    ///     `optimizeTargetFileBytesDefault`.
    ///   - partitionFilter: predicates on partition columns; only partitions satisfying all of them (NULL never
    ///     does) are compacted. Empty: every partition.
    /// - Throws: `invalidArgument` for a non-positive or malformed target size or a filter on a column that is not
    ///   a partition column; `unsupportedFeature` when this writer cannot honour the table's protocol;
    ///   `dataFile` and `io` for read and write failures.
    public func prepareOptimize(
        targetFileBytes: Int64? = nil, partitionFilter: [ParquetPredicate] = []
    ) throws(TableLogError) -> Transaction? {
        guard let plan = try planOptimize(targetFileBytes: targetFileBytes, partitionFilter: partitionFilter) else {
            return nil
        }
        return try plan.transaction(for: plan.bins, table: self) { _, _ in }
    }

    /// The snapshot, target and bins of an OPTIMIZE, or nil when no bin has two files.
    private func planOptimize(
        targetFileBytes: Int64?, partitionFilter: [ParquetPredicate]
    ) throws(TableLogError) -> OptimizePlan? {
        let snapshot = try snapshot()
        try ProtocolGate.checkWritable(snapshot.protocolAction, schema: snapshot.schema)
        let configuration = snapshot.metadata.configuration
        let isolationLevel = try TableProperties.isolationLevel(configuration)
        let target = try Self.optimizeTarget(targetFileBytes, configuration: configuration)
        let partitionColumns = snapshot.metadata.partitionColumns
        for predicate in partitionFilter where !partitionColumns.contains(predicate.column) {
            throw .invalidArgument(
                "OPTIMIZE filter column \"\(predicate.column)\" is not a partition column")
        }
        let scan = try TableScan(snapshot: snapshot, store: store, root: root)
        let tableSchema = try snapshot.schema.columnarSchema()
        var selected: [ActiveFile] = []
        for file in snapshot.files {
            let values = try TableScan.typedPartitionValues(
                file, columns: partitionColumns, schema: tableSchema)
            if partitionFilter.allSatisfy({ $0.isSatisfied(by: values[$0.column] ?? .null) }) {
                selected.append(file)
            }
        }
        let bins = FileBinPacker.bins(of: selected, targetFileBytes: target)
        if bins.isEmpty { return nil }
        let writer = try DataFileWriter(store: store, root: root, clock: clock, snapshot: snapshot)
        return OptimizePlan(
            snapshot: snapshot, scan: scan, writer: writer, bins: bins, target: target,
            partitionFilter: partitionFilter, isolationLevel: isolationLevel)
    }

    /// The target size: the argument, else `delta.targetFileSize`, else the default.
    static func optimizeTarget(
        _ argument: Int64?, configuration: [String: String]
    ) throws(TableLogError) -> Int64 {
        if let argument {
            guard argument > 0 else {
                throw .invalidArgument("OPTIMIZE target size must be positive, got \(argument)")
            }
            return argument
        }
        guard let text = configuration["delta.targetFileSize"] else {
            return optimizeTargetFileBytesDefault
        }
        guard let value = Int64(text), value > 0 else {
            throw .invalidArgument(
                "delta.targetFileSize must be a positive number of bytes, found \"\(text)\"")
        }
        return value
    }
}
