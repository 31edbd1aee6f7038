import LakeColumnar
import LakeCore
import LakeParquet

extension Table {
    /// The OPTIMIZE target when neither the caller nor `delta.targetFileSize` gives one: 128 MiB.
    public static let optimizeTargetFileBytesDefault: Int64 = 128 << 20

    /// Compacts small files (bin-packing, `OPTIMIZE`) in one commit; see `prepareOptimize`.
    /// - Returns: the commit's outcome, or nil when no partition had two files to combine (nothing committed).
    /// - Throws: see `prepareOptimize` and `Transaction.commit`.
    @discardableResult
    public func optimize(
        targetFileBytes: Int64? = nil, partitionFilter: [ParquetPredicate] = []
    ) throws(TableLogError) -> CommitOutcome? {
        try prepareOptimize(targetFileBytes: targetFileBytes, partitionFilter: partitionFilter)?
            .commit()
    }

    /// Reads the latest snapshot, rewrites its small files into fewer, larger ones and returns the transaction
    /// that swaps them, or nil when there is nothing to compact.
    ///
    /// Per partition, live files smaller than the target are packed in snapshot order into bins of at most the
    /// target size (`FileBinPacker`); each bin of two or more files is streamed, one input file at a time, into one
    /// new file through `DataFileWriter` (same partition values, fresh statistics). Memory holds one input file's
    /// batches plus the writer's open row group, never a whole bin or the table. The transaction removes the
    /// inputs and adds the outputs, all with `dataChange: false`, so the rows and every older version stay the
    /// same; it is allowed on append-only tables. Concurrent appends do not conflict with it; a concurrent commit
    /// that removed one of its inputs does (`concurrentDeleteDelete`) and leaves the new files as orphans.
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
        let now = clock.nowMillis()
        var removes: [Action] = []
        var adds: [Action] = []
        var removedPaths: Set<String> = []
        var bytesRemoved: Int64 = 0
        var bytesAdded: Int64 = 0
        var partitions: Set<[String: String?]> = []
        for bin in bins {
            for file in bin {
                removedPaths.insert(file.path)
                bytesRemoved += file.add.size
                partitions.insert(file.add.partitionValues)
                removes.append(
                    .remove(
                        RemoveAction(
                            path: file.add.path, deletionTimestamp: now, dataChange: false, extendedFileMetadata: true,
                            partitionValues: file.add.partitionValues, size: file.add.size, stats: file.add.stats,
                            deletionVector: file.add.deletionVector)))
            }
            var remaining = bin.makeIterator()
            let written = try writer.writeFile(partitionValues: bin[0].add.partitionValues) {
                () throws(TableLogError) -> [Batch]? in
                guard let file = remaining.next() else { return nil }
                return try scan.batches(of: file)
            }
            if var add = written {
                add.dataChange = false
                bytesAdded += add.size
                adds.append(.add(add))
            }
        }
        let filterText = try Self.jsonText(.stringArray(partitionFilter.map(\.description)))
        let parameters: JSONObject = [
            "predicate": .string(filterText), "targetSize": .string(String(target)),
        ]
        let metrics: JSONObject = [
            "numFilesAdded": .string(String(adds.count)),
            "numFilesRemoved": .string(String(removes.count)),
            "numBytesAdded": .string(String(bytesAdded)),
            "numBytesRemoved": .string(String(bytesRemoved)),
            "numBatches": .string(String(bins.count)),
            "partitionsOptimized": .string(String(partitions.count)),
        ]
        return Transaction(
            table: self, readVersion: snapshot.version, actions: removes + adds, operation: "OPTIMIZE",
            operationParameters: parameters, operationMetrics: metrics, isBlindAppend: false,
            readsWholeTable: false,
            removedPaths: removedPaths, transactionAction: nil, isolationLevel: isolationLevel,
            alreadyAppliedVersion: nil)
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
