import LakeColumnar
import LakeCore
import LakeParquet

/// What an OPTIMIZE (bin-packing) run read and decided: the snapshot, the bins of files to combine and the writer
/// for their replacements. Builds one transaction per group of bins.
///
/// Spec: spec/table-log.md §12 (10).
struct OptimizePlan {
    let snapshot: Snapshot
    let scan: TableScan
    let writer: DataFileWriter
    /// Bins of two or more files of one partition, in packing order.
    let bins: [[ActiveFile]]
    let target: Int64
    let partitionFilter: [ParquetPredicate]
    let isolationLevel: String

    /// Writes one new file per bin of `group` and returns the transaction that removes the bins' files and adds
    /// the new ones (all `dataChange: false`), read at the snapshot's version.
    ///
    /// Input files are streamed one at a time into the writer; `didRead` is called after each file is read.
    /// - Throws: `dataFile` and `io` for read and write failures (files already written stay as orphans).
    func transaction(
        for group: [[ActiveFile]], table: Table, didRead: (ActiveFile, [Batch]) -> Void
    ) throws(TableLogError) -> Transaction {
        let now = table.clock.nowMillis()
        var removes: [Action] = []
        var adds: [Action] = []
        var removedPaths: Set<String> = []
        var bytesRemoved: Int64 = 0
        var bytesAdded: Int64 = 0
        var partitions: Set<[String: String?]> = []
        for bin in group {
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
                let batches = try scan.batches(of: file)
                didRead(file, batches)
                return batches
            }
            if var add = written {
                add.dataChange = false
                bytesAdded += add.size
                adds.append(.add(add))
            }
        }
        let filterText = try Table.jsonText(.stringArray(partitionFilter.map(\.description)))
        let parameters: JSONObject = [
            "predicate": .string(filterText), "targetSize": .string(String(target)),
        ]
        let metrics: JSONObject = [
            "numFilesAdded": .string(String(adds.count)),
            "numFilesRemoved": .string(String(removes.count)),
            "numBytesAdded": .string(String(bytesAdded)),
            "numBytesRemoved": .string(String(bytesRemoved)),
            "numBatches": .string(String(group.count)),
            "partitionsOptimized": .string(String(partitions.count)),
        ]
        return Transaction(
            table: table, readVersion: snapshot.version, actions: removes + adds, operation: "OPTIMIZE",
            operationParameters: parameters, operationMetrics: metrics, isBlindAppend: false,
            readsWholeTable: false,
            removedPaths: removedPaths, transactionAction: nil, isolationLevel: isolationLevel,
            alreadyAppliedVersion: nil)
    }
}
