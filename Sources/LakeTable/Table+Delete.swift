import LakeColumnar
import LakeCore
import LakeParquet

extension Table {
    /// Deletes the rows satisfying every predicate, in one commit (`DELETE`); see `prepareDelete`.
    /// - Returns: the commit's outcome, or nil when no row matched (nothing committed).
    /// - Throws: see `prepareDelete` and `Transaction.commit`.
    @discardableResult
    public func delete(where predicates: [ParquetPredicate]) throws(TableLogError) -> CommitOutcome? {
        try prepareDelete(where: predicates)?.commit()
    }

    /// Reads the latest snapshot, rewrites the files holding rows that satisfy every predicate and returns the
    /// transaction that commits the change, or nil when no row matches.
    ///
    /// A row matches when every predicate is true; NULL and incomparable values never match, so their rows stay
    /// (`ParquetPredicate.isSatisfied(by:)`). Files are pruned by partition values and statistics first. When every predicate is on a
    /// partition column, a file whose partition values match is removed without being read, and the others are
    /// untouched. Otherwise each remaining file is read on its own (memory: one file's batches): a file without
    /// matching rows is left untouched; one whose rows all match is removed; any other is removed and its
    /// remaining rows are written to a new file. Removes and adds carry `dataChange: true`. Empty predicates
    /// delete every row.
    ///
    /// The transaction records the files it removes: a concurrent commit that removed one of them (delete,
    /// overwrite, optimize) makes it fail with `concurrentDeleteDelete`. Under `WriteSerializable` (the default)
    /// concurrent blind appends do not conflict (their rows stay, as if appended after the delete). Under
    /// `Serializable` the delete counts as reading the whole table, so any concurrent data change conflicts: a
    /// coarser rule than §10.3's read predicate, which may refuse commits that would have been compatible.
    ///
    /// Metrics: `numDeletedRows`, `numRemovedFiles`, `numAddedFiles`, `numCopiedRows`, `numRemovedBytes`,
    /// `numAddedBytes`.
    /// - Throws: `invalidSchema` or `unsupportedType` for a predicate column the table lacks or cannot compare;
    ///   `appendOnlyViolation` when rows would be deleted from an append-only table; `unsupportedFeature` when
    ///   this writer cannot honour the table's protocol; `dataFile` and `io` for read and write failures.
    public func prepareDelete(where predicates: [ParquetPredicate]) throws(TableLogError)
        -> Transaction?
    {
        let snapshot = try snapshot()
        try ProtocolGate.checkWritable(snapshot.protocolAction, schema: snapshot.schema)
        let configuration = snapshot.metadata.configuration
        let isolationLevel = try TableProperties.isolationLevel(configuration)
        let isAppendOnly = TableProperties.isAppendOnly(configuration)
        let scan = try TableScan(snapshot: snapshot, store: store, root: root, predicates: predicates)
        let tableSchema = try snapshot.schema.columnarSchema()
        let partitionColumns = snapshot.metadata.partitionColumns
        let partitionOnly = predicates.allSatisfy { partitionColumns.contains($0.column) }
        let writer = try DataFileWriter(store: store, root: root, clock: clock, snapshot: snapshot)
        let now = clock.nowMillis()
        var removes: [Action] = []
        var adds: [Action] = []
        var removedPaths: Set<String> = []
        var deletedRows = 0
        var copiedRows = 0
        var removedBytes: Int64 = 0
        var addedBytes: Int64 = 0
        for file in scan.files {
            var knownRowCount: Int?
            if partitionOnly {
                let values = try TableScan.typedPartitionValues(
                    file, columns: partitionColumns, schema: tableSchema)
                guard predicates.allSatisfy({ $0.isSatisfied(by: values[$0.column] ?? .null) }) else {
                    continue
                }
                knownRowCount = file.add.stats
                    .flatMap { FileStatistics(parsing: $0, schema: tableSchema)?.numRecords }
                    .flatMap { Int(exactly: $0) }
            }
            var remaining: [Batch] = []
            var fileDeletedRows = 0
            if let knownRowCount {
                fileDeletedRows = knownRowCount
            } else {
                for batch in try scan.batches(of: file) {
                    let matched = ParquetPredicate.matchingRows(predicates, in: batch)
                    let kept = matched.indices.filter { !matched[$0] }
                    fileDeletedRows += batch.rowCount - kept.count
                    if kept.count == batch.rowCount {
                        remaining.append(batch)
                    } else if !kept.isEmpty {
                        remaining.append(
                            Batch(schema: batch.schema, columns: batch.columns.map { $0.taking(kept) }))
                    }
                }
                if fileDeletedRows == 0 { continue }
            }
            if isAppendOnly { throw .appendOnlyViolation(operation: "delete") }
            deletedRows += fileDeletedRows
            removedPaths.insert(file.path)
            removedBytes += file.add.size
            removes.append(
                .remove(
                    RemoveAction(
                        path: file.add.path, deletionTimestamp: now, dataChange: true,
                        extendedFileMetadata: true,
                        partitionValues: file.add.partitionValues, size: file.add.size, stats: file.add.stats,
                        deletionVector: file.add.deletionVector)))
            copiedRows += remaining.reduce(0) { $0 + $1.rowCount }
            for add in try writer.write(remaining) {
                addedBytes += add.size
                adds.append(.add(add))
            }
        }
        if removes.isEmpty { return nil }
        let predicateText = try Self.jsonText(.stringArray(predicates.map(\.description)))
        let metrics: JSONObject = [
            "numDeletedRows": .string(String(deletedRows)),
            "numRemovedFiles": .string(String(removes.count)),
            "numAddedFiles": .string(String(adds.count)), "numCopiedRows": .string(String(copiedRows)),
            "numRemovedBytes": .string(String(removedBytes)),
            "numAddedBytes": .string(String(addedBytes)),
        ]
        return Transaction(
            table: self, readVersion: snapshot.version, actions: removes + adds, operation: "DELETE",
            operationParameters: ["predicate": .string(predicateText)], operationMetrics: metrics,
            isBlindAppend: false, readsWholeTable: isolationLevel == "Serializable", removedPaths: removedPaths,
            transactionAction: nil, isolationLevel: isolationLevel, alreadyAppliedVersion: nil)
    }
}
