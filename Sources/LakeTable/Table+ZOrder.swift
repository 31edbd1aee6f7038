import LakeColumnar
import LakeCore
import LakeParquet

extension Table {
    /// Most bytes of data files (as stored) in one partition that z-order rewrites: the partition's rows are held
    /// in memory while they are sorted.
    public static let zOrderPartitionBytesMax: Int64 = 1 << 30
    /// Rows per batch handed to the file writer while writing z-ordered rows.
    static let zOrderWriteRowsMax = 8_192

    /// Rewrites each selected partition's files sorted by the z-order of `columns` (`OPTIMIZE ZORDER BY`), in one
    /// commit; see `prepareOptimize(zOrderBy:targetFileBytes:partitionFilter:)`.
    /// - Returns: the commit's outcome, or nil when no partition has a file (nothing committed).
    /// - Throws: see `prepareOptimize(zOrderBy:targetFileBytes:partitionFilter:)` and `Transaction.commit`.
    @discardableResult
    public func optimize(
        zOrderBy columns: [String], targetFileBytes: Int64? = nil, partitionFilter: [ParquetPredicate] = []
    ) throws(TableLogError) -> CommitOutcome? {
        try prepareOptimize(zOrderBy: columns, targetFileBytes: targetFileBytes, partitionFilter: partitionFilter)?
            .commit()
    }

    /// Reads the latest snapshot and returns the transaction that replaces every live file of each selected
    /// partition with files whose rows are sorted by the z-order value of `columns` (`ZOrderKey`), or nil when
    /// no selected partition has a file.
    ///
    /// Per partition (in order of first file), all rows of its files are read, their z-values computed with a
    /// normalisation over that partition's values, and the rows, sorted by z-value (ties keep their order), are
    /// written to `ceil(partition bytes / target)` files of equal row counts through `DataFileWriter` (fresh
    /// statistics). Memory: one partition's rows and z-values (at most `zOrderPartitionBytesMax` of stored data)
    /// plus the writer's open row group. Removes and adds carry `dataChange: false`: rows and older versions are
    /// unchanged, append-only tables allow it, concurrent appends do not conflict, and a concurrent commit that
    /// removed an input fails it with `concurrentDeleteDelete` (its files become orphans).
    ///
    /// Parameters `predicate`, `targetSize`, `zOrderBy` (JSON array text); metrics as bin-packing OPTIMIZE.
    /// - Throws: `invalidArgument` for no columns, more than 8, a repeated or unknown column, a partition column,
    ///   a non-positive target, a filter column that is not a partition column, or a partition above
    ///   `zOrderPartitionBytesMax`; `unsupportedType` for a nested column; `unsupportedFeature` when this writer
    ///   cannot honour the table's protocol; `dataFile` and `io` for read and write failures.
    public func prepareOptimize(
        zOrderBy columns: [String], targetFileBytes: Int64? = nil, partitionFilter: [ParquetPredicate] = []
    ) throws(TableLogError) -> Transaction? {
        let snapshot = try snapshot()
        try ProtocolGate.checkWritable(snapshot.protocolAction, schema: snapshot.schema)
        let configuration = snapshot.metadata.configuration
        let isolationLevel = try TableProperties.isolationLevel(configuration)
        let target = try Self.optimizeTarget(targetFileBytes, configuration: configuration)
        let partitionColumns = snapshot.metadata.partitionColumns
        try Self.checkZOrderColumns(columns, schema: snapshot.schema, partitionColumns: partitionColumns)
        for predicate in partitionFilter where !partitionColumns.contains(predicate.column) {
            throw .invalidArgument("OPTIMIZE filter column \"\(predicate.column)\" is not a partition column")
        }
        let scan = try TableScan(snapshot: snapshot, store: store, root: root)
        let tableSchema = try snapshot.schema.columnarSchema()
        var partitions: [[String: String?]: [ActiveFile]] = [:]
        var order: [[String: String?]] = []
        for file in snapshot.files {
            let values = try TableScan.typedPartitionValues(file, columns: partitionColumns, schema: tableSchema)
            guard partitionFilter.allSatisfy({ $0.isSatisfied(by: values[$0.column] ?? .null) }) else { continue }
            if partitions[file.add.partitionValues] == nil { order.append(file.add.partitionValues) }
            partitions[file.add.partitionValues, default: []].append(file)
        }
        if order.isEmpty { return nil }
        let writer = try DataFileWriter(store: store, root: root, clock: clock, snapshot: snapshot)
        let sortIndices = columns.compactMap { scan.schema.index(of: $0) }
        let now = clock.nowMillis()
        var removes: [Action] = []
        var adds: [Action] = []
        var removedPaths: Set<String> = []
        var bytesRemoved: Int64 = 0
        var bytesAdded: Int64 = 0
        for key in order {
            let files = partitions[key] ?? []
            let partitionBytes = files.reduce(Int64(0)) { $0 + max($1.add.size, 0) }
            guard partitionBytes <= Self.zOrderPartitionBytesMax else {
                throw .invalidArgument(
                    "z-order partition \(key) holds \(partitionBytes) bytes of data files, above the "
                        + "\(Self.zOrderPartitionBytesMax)-byte limit; narrow it with a partition filter")
            }
            var batches: [Batch] = []
            for file in files {
                removedPaths.insert(file.path)
                bytesRemoved += file.add.size
                removes.append(
                    .remove(
                        RemoveAction(
                            path: file.add.path, deletionTimestamp: now, dataChange: false, extendedFileMetadata: true,
                            partitionValues: file.add.partitionValues, size: file.add.size, stats: file.add.stats,
                            deletionVector: file.add.deletionVector)))
                batches += try scan.batches(of: file).filter { $0.rowCount > 0 }
            }
            let rows = Self.zOrderedRows(batches, sortColumns: sortIndices)
            let fileCount = max(1, Int((partitionBytes + target - 1) / target))
            let rowsPerFile = max(1, (rows.count + fileCount - 1) / fileCount)
            for start in stride(from: 0, to: rows.count, by: rowsPerFile) {
                var chunkStart = start
                let end = min(start + rowsPerFile, rows.count)
                let written = try writer.writeFile(partitionValues: key) { () throws(TableLogError) -> [Batch]? in
                    guard chunkStart < end else { return nil }
                    let chunkEnd = min(chunkStart + Self.zOrderWriteRowsMax, end)
                    defer { chunkStart = chunkEnd }
                    return [try Self.gather(rows[chunkStart..<chunkEnd], from: batches, schema: scan.schema)]
                }
                if var add = written {
                    add.dataChange = false
                    bytesAdded += add.size
                    adds.append(.add(add))
                }
            }
        }
        let parameters: JSONObject = [
            "predicate": .string(try Self.jsonText(.stringArray(partitionFilter.map(\.description)))),
            "targetSize": .string(String(target)),
            "zOrderBy": .string(try Self.jsonText(.stringArray(columns))),
        ]
        let metrics: JSONObject = [
            "numFilesAdded": .string(String(adds.count)), "numFilesRemoved": .string(String(removes.count)),
            "numBytesAdded": .string(String(bytesAdded)), "numBytesRemoved": .string(String(bytesRemoved)),
            "numBatches": .string(String(order.count)), "partitionsOptimized": .string(String(order.count)),
        ]
        return Transaction(
            table: self, readVersion: snapshot.version, actions: removes + adds, operation: "OPTIMIZE",
            operationParameters: parameters, operationMetrics: metrics, isBlindAppend: false, readsWholeTable: false,
            removedPaths: removedPaths, transactionAction: nil, isolationLevel: isolationLevel,
            alreadyAppliedVersion: nil)
    }

    /// Checks the z-order columns against the table.
    private static func checkZOrderColumns(
        _ columns: [String], schema: DeltaSchema, partitionColumns: [String]
    ) throws(TableLogError) {
        guard (1...ZOrderKey.columnsMax).contains(columns.count) else {
            throw .invalidArgument("z-order needs 1 to \(ZOrderKey.columnsMax) columns, got \(columns.count)")
        }
        guard Set(columns).count == columns.count else {
            throw .invalidArgument("z-order columns repeat: \(columns.joined(separator: ", "))")
        }
        for column in columns {
            guard let field = schema.field(named: column) else {
                throw .invalidArgument("z-order column \"\(column)\" is not a column of the table")
            }
            guard !partitionColumns.contains(column) else {
                throw .invalidArgument(
                    "z-order column \"\(column)\" is a partition column; every file holds one value of it")
            }
            guard field.type.columnarType != nil, field.type.primitiveName != nil else {
                throw .unsupportedType(column: column, type: "\(field.type) as a z-order column")
            }
        }
    }

    /// The rows of `batches` as (batch, row) pairs sorted by z-value, ties in input order.
    private static func zOrderedRows(_ batches: [Batch], sortColumns: [Int]) -> [(batch: Int, row: Int)] {
        let zKey = ZOrderKey(columns: sortColumns, over: batches)
        var keyed: [(z: UInt64, batch: Int, row: Int)] = []
        keyed.reserveCapacity(batches.reduce(0) { $0 + $1.rowCount })
        for (index, batch) in batches.enumerated() {
            for row in 0..<batch.rowCount {
                keyed.append((zKey.value(of: sortColumns.map { batch.columns[$0].value(at: row) }), index, row))
            }
        }
        keyed.sort { ($0.z, $0.batch, $0.row) < ($1.z, $1.batch, $1.row) }
        return keyed.map { ($0.batch, $0.row) }
    }

    /// One batch of `schema` holding `rows` of `batches`, in that order.
    private static func gather(
        _ rows: ArraySlice<(batch: Int, row: Int)>, from batches: [Batch], schema: Schema
    ) throws(TableLogError) -> Batch {
        var columns: [Column] = []
        for (index, field) in schema.fields.enumerated() {
            var builder = ColumnBuilder(type: field.type, capacity: rows.count)
            do {
                for reference in rows {
                    try builder.append(batches[reference.batch].columns[index].value(at: reference.row))
                }
            } catch {
                throw .dataFile(path: "<z-order>", reason: "cannot copy column \"\(field.name)\": \(error)")
            }
            columns.append(builder.build())
        }
        return Batch(schema: schema, columns: columns)
    }
}
