import LakeColumnar
import LakeCore
import LakeParquet

/// Reads the live files of a snapshot as batches of the table's columns.
///
/// Each output batch has `schema`: the projected columns in the order asked for. Partition columns are
/// materialized as constant columns from `add.partitionValues`; columns a file lacks (older files after schema
/// evolution) read as nulls; columns a file has beyond the schema are ignored. Files are pruned by partition
/// values and statistics (`FilePruner`) and, inside each file, row groups by Parquet statistics; with
/// `filterRows` the data predicates also drop non-matching rows. Without it, batches may hold rows that do not
/// satisfy the predicates (pruning is only a superset).
///
/// Deletion vectors: rows a live file's DV marks are dropped before a batch leaves the scan (row index = position in
/// the file over all row groups; `DeletionVectorLoader` checks the DV against the file's row count).
///
/// Column mapping (`name`/`id`): data file columns are found by physical name or Parquet field id, partition values
/// and statistics by physical name; output batches always carry the logical names.
///
/// Paths come from the snapshot, already checked by `PathCodec.decode`, so every read stays under `root`.
///
/// ```swift
/// let snapshot = try Snapshot.load(store: store, root: "silver/prices")
/// let scan = try TableScan(snapshot: snapshot, store: store, root: "silver/prices", columns: ["id", "day"],
///                          predicates: [ParquetPredicate("day", .equal, .int(19_800))])
/// let batches = try scan.readAll()
/// ```
///
/// Spec: spec/table-log.md §3.3.2, §4, §5.3, §6.4, §11.3.
public struct TableScan: Sendable {
    public let snapshot: Snapshot
    public let store: any ObjectStore
    public let root: String
    /// The schema of every output batch.
    public let schema: Schema
    public let predicates: [ParquetPredicate]
    public let filterRows: Bool
    /// Live files left after pruning, in snapshot order (by path).
    public let files: [ActiveFile]
    /// Live files dropped by partition pruning and data skipping.
    public let prunedFileCount: Int
    /// The table's columnar schema, all columns.
    private let tableSchema: Schema
    private let partitionColumns: Set<String>
    /// How data files and log keys name the columns.
    public let columnMapping: ColumnMapping

    /// Plans a scan of `snapshot`.
    /// - Parameters:
    ///   - columns: the projection, in output order; all columns when nil.
    ///   - predicates: a conjunction used to prune files and row groups (and rows with `filterRows`).
    /// - Throws: `invalidSchema` for an unknown projected or predicate column; `unsupportedType` for a nested
    ///   column in the projection; `invalidPartitionValue` for a partition value that does not parse.
    public init(
        snapshot: Snapshot, store: any ObjectStore, root: String, columns: [String]? = nil,
        predicates: [ParquetPredicate] = [], filterRows: Bool = false
    ) throws(TableLogError) {
        self.snapshot = snapshot
        self.store = store
        self.root = root
        self.predicates = predicates
        self.filterRows = filterRows
        schema = try snapshot.schema.columnarSchema(projecting: columns)
        let predicateColumns = predicates.map(\.column).filter { name in snapshot.schema.field(named: name) != nil }
        guard predicateColumns.count == predicates.count else {
            let unknown = predicates.first { snapshot.schema.field(named: $0.column) == nil }?.column ?? ""
            throw .invalidSchema("no column named \"\(unknown)\" in the scan predicates")
        }
        let supported = snapshot.schema.fields.filter { $0.type.columnarType != nil }.map(\.name)
        let tableSchema = try snapshot.schema.columnarSchema(projecting: supported)
        self.tableSchema = tableSchema
        for predicate in predicates where tableSchema.index(of: predicate.column) == nil {
            throw .unsupportedType(column: predicate.column, type: "nested type in a predicate")
        }
        partitionColumns = Set(snapshot.metadata.partitionColumns)
        let columnMapping = try ColumnMapping(
            protocolAction: snapshot.protocolAction, metadata: snapshot.metadata, schema: snapshot.schema)
        self.columnMapping = columnMapping
        let physicalSchema = Schema(
            tableSchema.fields.map {
                Field(columnMapping.physicalName(of: $0.name), $0.type, nullable: $0.isNullable, metadata: $0.metadata)
            })
        var kept: [ActiveFile] = []
        for file in snapshot.files {
            let values = try Self.typedPartitionValues(
                file, columns: snapshot.metadata.partitionColumns, schema: tableSchema)
            let statistics = file.add.stats.flatMap { FileStatistics(parsing: $0, schema: physicalSchema) }
                .map { Self.logicalStatistics($0, mapping: columnMapping) }
            if FilePruner.mayMatch(
                predicates: predicates, partitionValues: values, statistics: statistics, schema: tableSchema)
            {
                kept.append(file)
            }
        }
        files = kept
        prunedFileCount = snapshot.files.count - kept.count
    }

    /// Every batch of every file left after pruning, file by file.
    /// - Complexity: memory holds the whole result; use `batches(of:)` to stream file by file.
    public func readAll() throws(TableLogError) -> [Batch] {
        var batches: [Batch] = []
        for file in files { batches += try self.batches(of: file) }
        return batches
    }

    /// The batches of one live file, conformed to `schema`, without the rows its deletion vector marks.
    /// - Throws: `dataFile` when the file cannot be read, a column has another type than the table's, a
    ///   non-nullable column holds nulls, or an `id`-mapped table's file has no field ids;
    ///   `corruptDeletionVector`/`unsafePath` for a bad DV; `io` for storage failures.
    public func batches(of file: ActiveFile) throws(TableLogError) -> [Batch] {
        let objectPath = TableLocation.objectPath(root, file.path)
        let partitionValues = try Self.typedPartitionValues(
            file, columns: snapshot.metadata.partitionColumns, schema: tableSchema)
        do {
            let reader = try ParquetFileReader(store: store, path: objectPath)
            let fileNames = try fileColumnNames(reader, path: file.path)
            let dataColumns = schema.fields.compactMap { field in
                partitionColumns.contains(field.name) ? nil : fileNames[field.name]
            }
            var filePredicates: [ParquetPredicate] = []
            for predicate in predicates where !partitionColumns.contains(predicate.column) {
                guard let name = fileNames[predicate.column] else {
                    if filterRows { return [] }  // the column is all null here, and null never matches
                    continue
                }
                filePredicates.append(ParquetPredicate(name, predicate.comparison, predicate.value))
            }
            let deleted = try file.add.deletionVector.map { (descriptor) throws(TableLogError) in
                try DeletionVectorLoader.load(
                    descriptor, dataFile: file.path, rowCount: reader.rowCount, store: store, root: root)
            }
            if schema.fields.isEmpty && !filterRows {
                let rows = reader.rowCount - (deleted?.cardinality ?? 0)
                return rows > 0 ? [Batch(rowCount: Int(clamping: rows))] : []
            }
            var batches: [Batch] = []
            if let deleted {
                var columns = dataColumns
                if filterRows {
                    for predicate in filePredicates where !columns.contains(predicate.column) {
                        columns.append(predicate.column)
                    }
                }
                let batchReader = try reader.makeBatchReader(columns: columns, predicates: filePredicates)
                var firstRows: [Int64] = []
                var total: Int64 = 0
                for group in reader.metadata.rowGroups {
                    firstRows.append(total)
                    total += group.numRows
                }
                for group in batchReader.rowGroups {
                    let batch = try reader.readRowGroup(group, columnIndices: batchReader.columnIndices)
                    let kept = Self.dropping(
                        deleted, firstRow: firstRows[group], from: batch,
                        predicates: filterRows ? filePredicates : [])
                    guard let kept else { continue }
                    batches.append(
                        try conform(kept, fileNames: fileNames, partitionValues: partitionValues, path: file.path))
                }
                return batches
            }
            var batchReader = try reader.makeBatchReader(
                columns: dataColumns, predicates: filePredicates, filterRows: filterRows)
            while let batch = try batchReader.next() {
                batches.append(
                    try conform(batch, fileNames: fileNames, partitionValues: partitionValues, path: file.path))
            }
            return batches
        } catch let error as ParquetError {
            throw .dataFile(path: file.path, reason: error.description)
        } catch let error as TableLogError {
            throw error
        } catch {
            throw .dataFile(path: file.path, reason: "\(error)")
        }
    }

    /// The rows of row group `batch` (whose first row is row `firstRow` of the file) that `deleted` does not mark
    /// and that satisfy `predicates`; nil when none is left.
    static func dropping(
        _ deleted: RoaringBitmapArray, firstRow: Int64, from batch: Batch, predicates: [ParquetPredicate]
    ) -> Batch? {
        guard batch.rowCount > 0 else { return nil }
        var keep = predicates.isEmpty
            ? [Bool](repeating: true, count: batch.rowCount) : ParquetPredicate.matchingRows(predicates, in: batch)
        let first = UInt64(firstRow)
        deleted.forEach(in: first...(first + UInt64(batch.rowCount) - 1)) { keep[Int($0 - first)] = false }
        let rows = keep.indices.filter { keep[$0] }
        if rows.count == batch.rowCount { return batch }
        if rows.isEmpty { return nil }
        if batch.columns.isEmpty { return Batch(rowCount: rows.count) }
        return Batch(schema: batch.schema, columns: batch.columns.map { $0.taking(rows) })
    }

    /// For each data column of the table that `reader`'s file holds, the name of its Parquet column: the logical
    /// name without mapping, the physical name in `name` mode, the top-level column whose field id is the column's
    /// id in `id` mode.
    private func fileColumnNames(_ reader: ParquetFileReader, path: String) throws(TableLogError) -> [String: String] {
        var names: [String: String] = [:]
        switch columnMapping.mode {
        case .none, .name:
            for field in tableSchema.fields where !partitionColumns.contains(field.name) {
                let physical = columnMapping.physicalName(of: field.name)
                if reader.schema.index(of: physical) != nil { names[field.name] = physical }
            }
        case .id:
            let topLevel = reader.parquetSchema.fields
            guard topLevel.contains(where: { $0.element.fieldID != nil }) else {
                throw .dataFile(
                    path: path, reason: "the table maps columns by id, but the file has no Parquet field ids")
            }
            var byID: [Int32: String] = [:]
            for column in topLevel {
                if let id = column.element.fieldID { byID[id] = column.name }
            }
            for field in tableSchema.fields where !partitionColumns.contains(field.name) {
                if let id = columnMapping.fieldIDs[field.name], let name = byID[id] { names[field.name] = name }
            }
        }
        return names
    }

    /// `statistics` keyed by physical names, re-keyed by logical names.
    static func logicalStatistics(_ statistics: FileStatistics, mapping: ColumnMapping) -> FileStatistics {
        guard mapping.mode != .none else { return statistics }
        var logical = FileStatistics(numRecords: statistics.numRecords, tightBounds: statistics.tightBounds)
        for (name, physical) in mapping.physicalNames {
            logical.minValues[name] = statistics.minValues[physical]
            logical.maxValues[name] = statistics.maxValues[physical]
            logical.nullCount[name] = statistics.nullCount[physical]
        }
        return logical
    }

    /// `batch` (the file's data columns) as a batch of `schema`.
    private func conform(
        _ batch: Batch, fileNames: [String: String], partitionValues: [String: Value], path: String
    ) throws(TableLogError) -> Batch {
        var columns: [Column] = []
        for field in schema.fields {
            let column: Column
            if let value = partitionValues[field.name] {
                column = try Self.constantColumn(value, type: field.type, count: batch.rowCount, path: path)
            } else if let name = fileNames[field.name], let index = batch.schema.index(of: name) {
                column = batch.columns[index]
                guard column.type == field.type else {
                    throw .dataFile(
                        path: path, reason: "column \"\(field.name)\" is \(column.type), the table says \(field.type)")
                }
            } else {
                column = try Self.constantColumn(.null, type: field.type, count: batch.rowCount, path: path)
            }
            guard field.isNullable || column.nullCount == 0 else {
                throw .dataFile(path: path, reason: "non-nullable column \"\(field.name)\" holds nulls")
            }
            columns.append(column)
        }
        if columns.isEmpty { return Batch(rowCount: batch.rowCount) }
        return Batch(schema: schema, columns: columns)
    }

    static func constantColumn(_ value: Value, type: DataType, count: Int, path: String) throws(TableLogError)
        -> Column
    {
        var builder = ColumnBuilder(type: type, capacity: count)
        do {
            for _ in 0..<count { try builder.append(value) }
        } catch {
            throw .dataFile(path: path, reason: "partition value \(value) does not fit type \(type): \(error)")
        }
        return builder.build()
    }

    /// The typed partition values of `file`, one per partition column (NULL for a missing key), by logical name.
    ///
    /// Under column mapping the log keys partition values by physical name: the key is the field's
    /// `delta.columnMapping.physicalName` (from `schema`'s field metadata) when the file has that key.
    static func typedPartitionValues(
        _ file: ActiveFile, columns: [String], schema: Schema
    ) throws(TableLogError) -> [String: Value] {
        var values: [String: Value] = [:]
        for column in columns {
            guard let index = schema.index(of: column) else { continue }
            var key = column
            if let physical = schema.fields[index].metadata[ColumnMapping.physicalNameKey],
                file.add.partitionValues.keys.contains(physical)
            {
                key = physical
            }
            let text = file.add.partitionValues[key] ?? nil
            values[column] = try PartitionValueCodec.parse(text, as: schema.fields[index].type, column: column)
        }
        return values
    }
}
